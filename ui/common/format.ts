// Numbers, sizes, percentages, dates, relative times and plurals in the UI's locale, all through Intl.
// Every helper takes an optional locale last (tests pass one; pages use the chosen `locale`).
import { locale as chosen } from './i18n/index.ts';

// Intl formatters are costly to build and a table of 1000 rows asks for the same few again and again.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.PluralRules>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.PluralRules>(
  kind: string, loc: string, options: object, make: () => T): T {
  const key = `${kind}|${loc}|${JSON.stringify(options)}`;
  let made = cache.get(key) as T | undefined;
  if (!made) cache.set(key, (made = make()));
  return made;
}
const numberFormat = (loc: string, options: Intl.NumberFormatOptions) => memo('n', loc, options, () => new Intl.NumberFormat(loc, options));
const dateFormat = (loc: string, options: Intl.DateTimeFormatOptions) => memo('d', loc, options, () => new Intl.DateTimeFormat(loc, options));

/** 1234.5 → "1,234.5" (en-US) or "1.234,5" (pt-BR); at most `digits` decimals (default 1). */
export function formatNumber(value: number, digits = 1, loc: string = chosen): string {
  return numberFormat(loc, { maximumFractionDigits: digits }).format(value);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes → the largest binary unit that keeps the number at 1 or more: "512 B", "1.5 GiB" / "1,5 GiB". */
export function formatBytes(bytes: number, loc: string = chosen): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1, loc)} ${UNITS[unit]}`;
}

/** Bytes per second → "12 KiB/s". */
export const formatBytesRate = (bytesPerSecond: number, loc: string = chosen) => `${formatBytes(bytesPerSecond, loc)}/s`;

/** MiB → "512 MiB" or "2 GiB". */
export const formatMiB = (mib: number, loc: string = chosen) => formatBytes(mib * 2 ** 20, loc);

/** GiB → "10 GiB". */
export const formatGiB = (gib: number, loc: string = chosen) => `${formatNumber(gib, 1, loc)} GiB`;

/** KiB/s → "12 KiB/s", "3.4 MiB/s". */
export const formatRate = (kibPerSecond: number, loc: string = chosen) => formatBytesRate(kibPerSecond * 1024, loc);

/** 0–100 → "42%" (en-US) or "42 %" (pt-BR): the locale's own percent style. */
export function formatPercent(value: number, digits = 0, loc: string = chosen): string {
  return numberFormat(loc, { style: 'percent', maximumFractionDigits: digits }).format(value / 100);
}

type When = Date | number | string;
const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/** A moment as date and time: "Jan 5, 2026, 2:05 PM" / "5 de jan. de 2026, 14:05". */
export function formatDate(when: When, style: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }, loc: string = chosen): string {
  const date = toDate(when);
  return Number.isNaN(date.getTime()) ? String(when) : dateFormat(loc, style).format(date);
}

/** Hours and minutes of a moment (a chart's time axis): "02:05 PM" / "14:05". With `seconds`, "14:05:09". */
export function formatClock(when: When, seconds = false, loc: string = chosen): string {
  return formatDate(when, seconds ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' }, loc);
}

const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60], ['minute', 60], ['hour', 24], ['day', 7], ['week', 4.35], ['month', 12], ['year', Infinity],
];

/** How long ago (or how far ahead) a moment is: "5 minutes ago", "há 5 minutos", "yesterday", "ontem". */
export function formatRelativeTime(when: When, now: number = Date.now(), loc: string = chosen): string {
  let value = (toDate(when).getTime() - now) / 1000;
  if (Number.isNaN(value)) return String(when);
  const rtf = memo('r', loc, {}, () => new Intl.RelativeTimeFormat(loc, { numeric: 'auto' }));
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return rtf.format(Math.round(value), 'year');
}

/** The forms of one counted phrase; `{count}` in a form becomes the locale's number. `other` is required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The form the locale's plural rules pick for `count`, with `{count}` filled: plural(2, {one: '{count} file',
 * other: '{count} files'}) → "2 files"; pt-BR's rules say 0 and 1 are "one", so "0 arquivo" is not English "0 files".
 */
export function plural(count: number, forms: PluralForms, loc: string = chosen): string {
  const rule = memo('p', loc, {}, () => new Intl.PluralRules(loc)).select(count);
  return (forms[rule] ?? forms.other).replace(/\{count\}/g, formatNumber(count, 2, loc));
}
