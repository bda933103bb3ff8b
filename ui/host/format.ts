// Host page number formats in the UI's locale: bytes, bytes per second, percent.
import { locale } from '../common/i18n/index.ts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

export function formatBytes(n: number): string {
  let i = 0;
  while (n >= 1024 && i < UNITS.length - 1) { n /= 1024; i++; }
  return `${num.format(n)} ${UNITS[i]}`;
}
export const formatBytesRate = (n: number) => `${formatBytes(n)}/s`;
export const formatPct = (n: number) => `${num.format(n)} %`;
