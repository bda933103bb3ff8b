// Messages of the templates resource (issue 4).
import type { Catalog } from './catalog.ts';

export const en = {
} as const;

export const pt: Catalog<typeof en> = {
};
