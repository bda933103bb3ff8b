// The name rule for everything users name (VMs, templates, volumes): safe as a path segment, a file name and in XML.
import { z } from '@hono/zod-openapi';

/** 1–100 characters; no `/`, no `..`, no control characters, no spaces at either end. */
export const ResourceName = z.string()
  .min(1).max(100)
  .refine((s) => !s.includes('/') && !s.includes('..'), { message: 'no "/" or ".."' })
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'no control characters' })
  .refine((s) => s.trim() === s, { message: 'no spaces at the ends' })
  .openapi({ example: 'fedora-40', description: '1–100 characters; no "/", "..", control characters or surrounding spaces' });
