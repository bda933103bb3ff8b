// Byte counts in the UI's locale: "512 KiB", "1.5 GiB"; and the size units the volume form offers.
import { locale } from '../common/i18n/index.ts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes → the largest binary unit that keeps the number at 1 or more, one decimal. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

export const SIZE_UNITS = { MiB: 2 ** 20, GiB: 2 ** 30 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

/** "10" GiB → bytes, or undefined unless a positive number (a comma counts as the decimal mark). */
export function parseSize(text: string, unit: SizeUnit): number | undefined {
  const n = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(n) || n <= 0) return undefined;
  const bytes = Math.round(n * SIZE_UNITS[unit]);
  return bytes >= 1 && bytes <= 2 ** 52 ? bytes : undefined;
}
