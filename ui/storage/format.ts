// The size units the volume form offers and reading a typed size; formatBytes is ui/common/format.ts's, re-exported
// for the callers that import it from here.
export { formatBytes } from '../common/format.ts';
export const SIZE_UNITS = { MiB: 2 ** 20, GiB: 2 ** 30 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

/** "10" GiB → bytes, or undefined unless a positive number (a comma counts as the decimal mark). */
export function parseSize(text: string, unit: SizeUnit): number | undefined {
  const n = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(n) || n <= 0) return undefined;
  const bytes = Math.round(n * SIZE_UNITS[unit]);
  return bytes >= 1 && bytes <= 2 ** 52 ? bytes : undefined;
}
