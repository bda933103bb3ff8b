// The server's naming rule for VMs and templates (handlers/common/names.ts), checked as the user types.
import type { MessageKey } from './i18n/index.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `name` would be refused, as a message key; undefined when the server accepts it. */
export function nameProblem(name: string): MessageKey | undefined {
  if (name.length === 0) return 'name.required';
  if (name.length > 100) return 'name.tooLong';
  if (name.includes('/') || name.includes('..')) return 'name.slash';
  if (CONTROL.test(name)) return 'name.control';
  if (name.trim() !== name) return 'name.spaces';
  return undefined;
}
