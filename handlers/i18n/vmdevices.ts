// Messages of the vmdevices resources.
import type { Catalog } from './catalog.ts';

export const en = {
} as const;

export const pt: Catalog<typeof en> = {
};
