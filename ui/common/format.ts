// Number formatting in the UI's locale: memory sizes, percentages and throughput.
import { locale } from './i18n/index.ts';

const number = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });

/** MiB → "512 MiB" or "2 GiB". */
export function formatMiB(mib: number): string {
  if (mib >= 1024) return `${number(1).format(mib / 1024)} GiB`;
  return `${number(0).format(mib)} MiB`;
}

/** GiB → "10 GiB". */
export function formatGiB(gib: number): string {
  return `${number(1).format(gib)} GiB`;
}

/** 0–100 → "42 %" (the locale's own percent style). */
export function formatPercent(value: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** KiB/s → "12 KiB/s", "3.4 MiB/s". */
export function formatRate(kibPerSecond: number): string {
  if (kibPerSecond >= 1024 * 1024) return `${number(1).format(kibPerSecond / 1024 / 1024)} GiB/s`;
  if (kibPerSecond >= 1024) return `${number(1).format(kibPerSecond / 1024)} MiB/s`;
  return `${number(0).format(kibPerSecond)} KiB/s`;
}
