// Messages of making VMs and templates from others: create from a template, clone, template from a VM (issue 4).
import type { Catalog } from './catalog.ts';

export const en = {
} as const;

export const pt: Catalog<typeof en> = {
};
