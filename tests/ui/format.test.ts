// ui/common/format.ts: numbers, sizes, dates, relative times and plurals differ between en-US and pt-BR as Intl says.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatBytes, formatClock, formatDate, formatNumber, formatPercent, formatRelativeTime, plural } from '../../ui/common/format.ts';

const files = { one: '{count} file', other: '{count} files' };
const arquivos = { one: '{count} arquivo', other: '{count} arquivos' };

test('numbers and sizes use the decimal mark and grouping of the locale', () => {
  assert.is(formatNumber(1234.56, 1, 'en-US'), '1,234.6');
  assert.is(formatNumber(1234.56, 1, 'pt-BR'), '1.234,6');
  assert.is(formatBytes(1.5 * 2 ** 30, 'en-US'), '1.5 GiB');
  assert.is(formatBytes(1.5 * 2 ** 30, 'pt-BR'), '1,5 GiB');
  assert.is(formatBytes(512, 'pt-BR'), '512 B');
  assert.is(formatBytes(1023 * 2 ** 40 * 1024 * 3, 'en-US'), '3,069 PiB');
  assert.is(formatPercent(42.4, 0, 'en-US'), '42%');
});

test('dates and clock times follow the locale (12 h with AM/PM in en-US, 24 h in pt-BR)', () => {
  const at = new Date(2026, 0, 5, 14, 5);
  assert.is(formatDate(at, undefined, 'en-US'), 'Jan 5, 2026, 2:05 PM');
  assert.is(formatDate(at, undefined, 'pt-BR'), '5 de jan. de 2026, 14:05');
  assert.is(formatClock(at, false, 'pt-BR'), '14:05');
  assert.match(formatClock(at, false, 'en-US'), /^02:05\sPM$/);
  assert.is(formatDate('not a date', undefined, 'en-US'), 'not a date');
});

test('relative times pick a unit and say it in the locale', () => {
  const now = Date.UTC(2026, 0, 5, 12);
  assert.is(formatRelativeTime(now - 5 * 60_000, now, 'en-US'), '5 minutes ago');
  assert.is(formatRelativeTime(now - 5 * 60_000, now, 'pt-BR'), 'há 5 minutos');
  assert.is(formatRelativeTime(now - 86_400_000, now, 'pt-BR'), 'ontem');
  assert.is(formatRelativeTime(now + 3 * 3_600_000, now, 'en-US'), 'in 3 hours');
});

test('plurals follow each locale\'s rules: 1 file, 2 arquivos, and pt-BR counts 0 as singular', () => {
  assert.is(plural(1, files, 'en-US'), '1 file');
  assert.is(plural(2, files, 'en-US'), '2 files');
  assert.is(plural(0, files, 'en-US'), '0 files');
  assert.is(plural(1, arquivos, 'pt-BR'), '1 arquivo');
  assert.is(plural(2, arquivos, 'pt-BR'), '2 arquivos');
  assert.is(plural(0, arquivos, 'pt-BR'), '0 arquivo');
  assert.is(plural(1200, arquivos, 'pt-BR'), '1.200 arquivos');
});

test.run();
