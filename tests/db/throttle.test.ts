// Login throttling in the store: waits double past the free tries, and counts decay when left alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearFailures, openStore, recordFailure, throttleState, type Store, type ThrottlePolicy } from '../../db/index.ts';

let dir: string;
let store: Store;
test.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'kimchi-db-')); store = openStore(join(dir, 'k.db')); });
test.after.each(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const MIN = 60_000;
const policy: ThrottlePolicy = { free: 3, maxMs: 15 * MIN, decayMs: 5 * MIN };
const T0 = Date.parse('2026-12-01T00:00:00Z');

test('two failures are free, then the wait doubles up to the cap', () => {
  const waits = Array.from({ length: 14 }, (_, i) => recordFailure(store.db, 'k', policy, T0 + i));
  assert.equal(waits.slice(0, 6), [0, 0, 1000, 2000, 4000, 8000]);
  assert.is(waits.at(-1), 15 * MIN);
  assert.equal(throttleState(store.db, 'k', policy, T0 + 13 + 1000), { failures: 14, waitMs: 15 * MIN - 1000 });
});

test('a count left alone decays: one failure forgiven per decay period, down to nothing', () => {
  for (let i = 0; i < 4; i++) recordFailure(store.db, 'k', policy, T0);
  assert.is(throttleState(store.db, 'k', policy, T0 + 5 * MIN).failures, 3);
  assert.is(throttleState(store.db, 'k', policy, T0 + 11 * MIN).failures, 2);
  assert.equal(throttleState(store.db, 'k', policy, T0 + 60 * MIN), { failures: 0, waitMs: 0 });
  assert.is(recordFailure(store.db, 'k', policy, T0 + 60 * MIN), 0, 'a new failure starts again from one');
});

test('one try every 15 minutes never builds a lock (the old lock-forever pattern)', () => {
  let wait = 0;
  for (let i = 0; i < 20; i++) wait = Math.max(wait, recordFailure(store.db, 'k', policy, T0 + i * 15 * MIN));
  assert.is(wait, 0);
});

test('clearing forgets a key; other keys keep their counts', () => {
  recordFailure(store.db, 'a', policy, T0);
  recordFailure(store.db, 'b', policy, T0);
  clearFailures(store.db, 'a');
  assert.is(throttleState(store.db, 'a', policy, T0).failures, 0);
  assert.is(throttleState(store.db, 'b', policy, T0).failures, 1);
});

test.run();
