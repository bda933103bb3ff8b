// The name rule for everything users name (VMs, templates, volumes): safe as a path segment, a file name and in XML.
import { z } from '@hono/zod-openapi';
import type { MessageCode } from '../i18n/index.ts';

/** A refinement whose failure names its problem (a catalog key) in the 400's reason: see validation.ts. */
const rule = (ok: (s: string) => boolean, problem: MessageCode) => [ok, { params: { problem } }] as const;

/**
 * 1–100 characters; no `/`, no `..`, no control characters, no spaces at either end; and reachable by a URL:
 * not `.` (a dot segment every URL parser folds away, even as %2E) and no lone surrogate (half of a character,
 * which has no UTF-8 form, so encodeURIComponent throws on it).
 */
export const ResourceName = z.string()
  .min(1).max(100)
  .refine(...rule((s) => s !== '.' && s !== '..', 'problem.name_dot'))
  .refine(...rule((s) => !s.includes('/') && !s.includes('..'), 'problem.name_slash'))
  // eslint-disable-next-line no-control-regex
  .refine(...rule((s) => !/[\u0000-\u001f\u007f]/.test(s), 'problem.name_control'))
  .refine(...rule((s) => !/[\uD800-\uDFFF]/u.test(s), 'problem.name_surrogate'))
  .refine(...rule((s) => s.trim() === s, 'problem.name_spaces'))
  .openapi({ example: 'fedora-40', description: '1–100 characters; not "."; no "/", "..", control characters, half characters (lone surrogates) or surrounding spaces' });
