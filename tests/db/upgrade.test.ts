// Upgrades: a database left by any earlier release (each committed migration as a starting point), filled as that
// release filled it, opened by this release's openStore: every row is still there and reads back through the store.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, getTask, getTemplate, getVmMeta, INTERRUPTED, listAudit, listRefused, openStore, orphanedUndos, schema } from '../../db/index.ts';
import { cachedIso } from '../../db/storage.ts';
import { FILLS, JOURNAL, oldDatabase, TEMPLATE_SPEC, UUID } from './old-db.ts';

const T0 = 1_790_000_000_000;
let dir: string;
test.before(() => { dir = mkdtempSync(join(tmpdir(), 'kimchi-test-upgrade-')); });
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Rows per table (drizzle's own bookkeeping left out). */
function rowCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '__drizzle_migrations'").all() as Array<{ name: string }>).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** The schema as SQLite keeps it: every table's and index's CREATE statement, by name. */
function schemaOf(path: string): Record<string, string> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    return Object.fromEntries(rows.map((r) => [r.name, r.sql.replace(/\s+/g, ' ')]));
  } finally {
    db.close();
  }
}

test('every table a migration makes has a fill (a new table without one would go untested)', () => {
  const untested = JOURNAL.filter((e) => /CREATE TABLE/i.test(readSql(e.tag)) && !FILLS[e.tag]).map((e) => e.tag);
  assert.equal(untested, []);
});
const readSql = (tag: string) => readFileSync(join(MIGRATIONS, `${tag}.sql`), 'utf8');

for (let count = 1; count <= JOURNAL.length; count++) {
  const from = JOURNAL[count - 1].tag;
  test(`a database from the release at ${from} upgrades to the newest schema with nothing lost`, () => {
    const path = join(dir, `at-${from}.db`);
    const filled = oldDatabase(path, count);
    const before = rowCounts(path);
    const store = openStore(path);
    try {
      const db = store.db;
      const after = rowCounts(path);
      for (const [table, n] of Object.entries(before)) assert.is(after[table], n, `rows of ${table}`);
      const has = (tag: string) => filled.includes(tag);
      if (has('0000_tasks')) {
        const done = getTask(db, 1)!;
        assert.equal([done.status, done.message, done.targetUri, done.createdAt.getTime(), done.updatedAt.getTime()],
          ['finished', 'made kimchi-test-old', '/plugins/kimchi/vms/kimchi-test-old', T0, T0 + 5000]);
        // A task that was running when that release stopped is failed at the first start, as after any stop.
        const cut = getTask(db, 2)!;
        assert.equal([cut.status, cut.errorCode, cut.message, cut.targetUri], ['failed', INTERRUPTED.code, INTERRUPTED.message, '/plugins/kimchi/vms/kimchi-test-clone']);
      }
      if (has('0001_templates_vm_meta')) {
        assert.equal(getTemplate(db, 'kimchi-test-tmpl'), TEMPLATE_SPEC);
        const meta = getVmMeta(db, UUID)!;
        assert.equal([meta.template, meta.icon, meta.users, meta.groups], ['kimchi-test-tmpl', 'debian.png', ['alice'], ['ops']]);
        assert.equal(getTask(db, 3)!.errorParams, { name: 'kimchi-test-full' });
      }
      if (has('0002_iso_scans')) {
        const iso = cachedIso(db, '/isos/kimchi-test.iso', 4096, T0)!;
        assert.equal([iso.osDistro, iso.osVersion, iso.volumeId, iso.bootable], ['debian', '12', 'DEBIAN_12', true]);
      }
      if (has('0003_console_tokens')) {
        const token = db.select().from(schema.consoleTokens).where(eq(schema.consoleTokens.hash, 'h'.repeat(64))).get()!;
        assert.equal([token.vmUuid, token.kind, token.expiresAt.getTime(), token.session], [UUID, 'vnc', T0 + 30_000, null]);
      }
      if (has('0004_auth')) {
        const session = db.select().from(schema.sessions).get()!;
        assert.equal([session.username, session.lastSeenAt.getTime(), session.remoteAddr], ['alice', T0 + 60_000, '192.0.2.7']);
        const [entry] = listAudit(db);
        assert.equal([entry.username, entry.method, entry.path, entry.status, entry.requestId], ['alice', 'POST', '/api/vms/kimchi-test-old/start', 200, 'req-1']);
        const throttle = db.select().from(schema.loginThrottle).get()!;
        assert.equal([throttle.key, throttle.failures, throttle.lockedUntil.getTime()], ['user:bob', 3, T0 + 8000]);
      }
      if (has('0005_pending_undo')) {
        // The journal of the interrupted clone survives, so the next start can undo its half-made volume.
        assert.equal(orphanedUndos(db).map((u) => [u.taskId, u.kind, u.args]), [[2, 'volume', { pool: 'default', name: 'kimchi-test-clone.qcow2' }]]);
      }
      if (has('0007_refused_requests')) {
        assert.equal(listRefused(db).map((r) => [r.remoteAddr, r.count]), [['198.51.100.9', 4]]);
      }
    } finally {
      store.close();
    }
    const fresh = join(dir, `fresh-${from}.db`);
    openStore(fresh).close();
    assert.equal(schemaOf(path), schemaOf(fresh), 'the upgraded schema is exactly a new database\'s');
  });
}

test.run();
