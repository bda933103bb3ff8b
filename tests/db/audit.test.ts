// The audit log in the store: trimmed by age and by rows on each write and at start; refusals merge per minute.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, countRefused, listAudit, listRefused, openStore, pruneAudit, type Store } from '../../db/index.ts';

let dir: string;
let store: Store;
test.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'kimchi-db-')); store = openStore(join(dir, 'k.db')); });
test.after.each(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T12:00:30Z');
const entry = (at: number, path = '/api/vms') =>
  ({ at: new Date(at), username: 'root', remoteAddr: '127.0.0.1', method: 'POST', path, status: 200, code: null, requestId: 'r' });

test('a write drops entries older than the age limit and beyond the row limit', () => {
  const keep = { maxAgeMs: 30 * DAY, maxEntries: 5 };
  audit(store.db, entry(T0 - 40 * DAY, '/old'), keep);
  audit(store.db, entry(T0 - 10 * DAY, '/recent'), keep);
  audit(store.db, entry(T0), keep);
  assert.equal(listAudit(store.db).map((e) => e.path), ['/api/vms', '/recent'], 'the 40-day-old one went');
  for (let i = 0; i < 10; i++) audit(store.db, entry(T0 + i, `/n${i}`), keep);
  assert.equal(listAudit(store.db).map((e) => e.path), ['/n9', '/n8', '/n7', '/n6', '/n5']);
});

test('pruning at start applies lowered limits to both tables', () => {
  for (let i = 0; i < 10; i++) audit(store.db, entry(T0 + i));
  for (let i = 0; i < 10; i++) countRefused(store.db, new Date(T0 + i * 60_000), '10.0.0.9');
  pruneAudit(store.db, { maxAgeMs: 365 * DAY, maxEntries: 3 }, T0 + DAY);
  assert.is(listAudit(store.db).length, 3);
  assert.is(listRefused(store.db).length, 3);
  pruneAudit(store.db, { maxAgeMs: 1000, maxEntries: 3 }, T0 + DAY);
  assert.equal([listAudit(store.db).length, listRefused(store.db).length], [0, 0]);
});

test('refusals from one address within a minute are one row with a count; pages go by id', () => {
  for (let i = 0; i < 5; i++) countRefused(store.db, new Date(T0 + i * 1000), '10.0.0.1');
  countRefused(store.db, new Date(T0), '10.0.0.2');
  countRefused(store.db, new Date(T0 + 60_000), '10.0.0.1');
  const rows = listRefused(store.db, { remoteAddr: '10.0.0.1' });
  assert.equal(rows.map((r) => [r.minute.toISOString(), r.count]), [['2026-12-01T12:01:00.000Z', 1], ['2026-12-01T12:00:00.000Z', 5]]);
  assert.equal(listRefused(store.db, { before: rows[0].id, limit: 1 }).map((r) => r.remoteAddr), ['10.0.0.2']);
});

test('a busy minute does not push out the rows before it (ids that upserts spent are not rows)', () => {
  const keep = { maxAgeMs: 365 * DAY, maxEntries: 3 };
  countRefused(store.db, new Date(T0), '10.0.0.5', keep);
  for (let i = 0; i < 50; i++) countRefused(store.db, new Date(T0 + 60_000), '10.0.0.6', keep);
  countRefused(store.db, new Date(T0 + 120_000), '10.0.0.7', keep);
  assert.equal(listRefused(store.db).map((r) => [r.remoteAddr, r.count]), [['10.0.0.7', 1], ['10.0.0.6', 50], ['10.0.0.5', 1]]);
  countRefused(store.db, new Date(T0 + 180_000), '10.0.0.8', keep);
  assert.equal(listRefused(store.db).map((r) => r.remoteAddr), ['10.0.0.8', '10.0.0.7', '10.0.0.6'], 'the limit is rows, oldest out');
});

test.run();
