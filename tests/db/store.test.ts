// The SQLite store: committed migrations applied at open (and only once), WAL and busy timeout, interrupted tasks failed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTask, endTask, getTask, listTasks, MIGRATIONS, openStore, updateTask } from '../../db/index.ts';

let dir: string;
test.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'kimchi-db-')); });
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

test('a new file gets every committed migration, in WAL mode with a busy timeout', () => {
  const path = join(dir, 'k.db');
  openStore(path).close();
  const raw = new Database(path, { readonly: true });
  try {
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const applied = raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    assert.equal(applied.n, readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).length);
    assert.ok(raw.prepare("select name from sqlite_master where name = 'tasks'").get());
  } finally {
    raw.close();
  }
  const s = openStore(path, { busyTimeoutMs: 1234 });
  try {
    assert.equal(s.sqlite.pragma('busy_timeout', { simple: true }), 1234);
  } finally {
    s.close();
  }
});

test('reopening keeps the data and applies nothing twice', () => {
  const path = join(dir, 'k.db');
  const a = openStore(path);
  const t = createTask(a.db, '/plugins/kimchi/vms/v', 'working');
  endTask(a.db, t.id, 'finished', 'done');
  a.close();
  const b = openStore(path);
  try {
    assert.equal(getTask(b.db, t.id)?.status, 'finished');
    assert.equal(listTasks(b.db).length, 1);
  } finally {
    b.close();
  }
});

test('tasks still running when the process stopped are failed at the next open; ended ones are untouched', () => {
  const path = join(dir, 'k.db');
  const a = openStore(path);
  const running = createTask(a.db, '/plugins/kimchi/vms/r', 'step 2 of 3');
  const done = createTask(a.db, '/plugins/kimchi/vms/d', 'x');
  endTask(a.db, done.id, 'finished', 'OK');
  a.close();
  const b = openStore(path);
  try {
    const r = getTask(b.db, running.id)!;
    assert.equal([r.status, r.errorCode], ['failed', 'task.interrupted']);
    assert.equal(getTask(b.db, done.id)!.status, 'finished');
    assert.equal(updateTask(b.db, running.id, 'late progress'), undefined, 'an ended task takes no more progress');
  } finally {
    b.close();
  }
});

test.run();
