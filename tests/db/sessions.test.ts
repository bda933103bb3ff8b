// Sessions in the store: a session ends after its idle time or its absolute lifetime, on use and at purge.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession, openStore, purgeSessions, useSession, type Store } from '../../db/index.ts';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/auth-schema.ts';

let dir: string;
let store: Store;
test.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'kimchi-db-')); store = openStore(join(dir, 'k.db')); });
test.after.each(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const eqHash = (h: string) => eq(sessions.tokenHash, h);
/** Move a session's clock back: created `createdMs` ago, last seen `seenMs` ago. */
const age = (hash: string, createdMs: number, seenMs: number) => store.db.update(sessions)
  .set({ createdAt: new Date(Date.now() - createdMs), lastSeenAt: new Date(Date.now() - seenMs) }).where(eqHash(hash)).run();

test('a live session answers its user and is touched; an idle or too old one is gone on use', () => {
  createSession(store.db, 'a', 'alice');
  assert.is(useSession(store.db, 'a', 60_000, 3_600_000), 'alice');
  age('a', 0, 120_000);
  assert.is(useSession(store.db, 'a', 60_000, 3_600_000), undefined, 'idle past the limit');
  assert.is(useSession(store.db, 'a', 600_000, 3_600_000), undefined, 'and deleted, not merely refused');
  createSession(store.db, 'b', 'bob');
  age('b', 7_200_000, 0);
  assert.is(useSession(store.db, 'b', 60_000, 3_600_000), undefined, 'older than the absolute lifetime');
});

test('purge removes idle and too old sessions and keeps live ones', () => {
  createSession(store.db, 'live', 'carol');
  createSession(store.db, 'idle', 'dave');
  createSession(store.db, 'old', 'erin');
  store.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 120_000) }).where(eqHash('idle')).run();
  store.db.update(sessions).set({ createdAt: new Date(Date.now() - 7_200_000) }).where(eqHash('old')).run();
  assert.is(purgeSessions(store.db, 60_000, 3_600_000), 2);
  assert.equal(store.db.select().from(sessions).all().map((r) => r.tokenHash), ['live']);
});

test.run();
