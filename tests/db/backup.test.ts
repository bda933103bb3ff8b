// Backups end to end: POST /api/config/backup and `kimchi-ts backup` while the server runs, `kimchi-ts restore` stopped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { runBackupCommand } from '../../runtime/backup/cli.ts';
import { writeBackup } from '../../runtime/backup/archive.ts';
import { readJournal } from '../../db/backup.ts';
import { MIGRATIONS, openStore } from '../../db/index.ts';
import Database from 'better-sqlite3';
import { oldDatabase } from './old-db.ts';

let fx: Fixture, dir: string;
test.before(() => {
  fx = writeFixture({ domains: ['kimchi-test-backup-vm'] });
  dir = mkdtempSync(join(tmpdir(), 'kimchi-test-backup-'));
});
test.after(() => {
  fx?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** `kimchi-ts <args>` as an admin runs it: the server's own entry point in a process of its own (the server here keeps serving). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
const post = (s: TestServer, path: string, body?: unknown) => fetch(`${s.url}${path}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
});
const templates = async (s: TestServer) => ((await (await fetch(`${s.url}/api/templates`)).json()) as Array<{ name: string }>).map((t) => t.name).sort();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('backups taken while the server runs (API and CLI) restore, with the server stopped, to what was saved', async () => {
  const dataDir = join(dir, 'data-roundtrip');
  let s = await serve(fx.uri, { dataDir });
  try {
    assert.is((await post(s, '/api/templates', { name: 'kimchi-test-kept' })).status, 201);
    const r = await post(s, '/api/config/backup');
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'application/gzip');
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="kimchi-backup-.*\.tar\.gz"$/);
    const apiFile = join(dir, 'from-api.tar.gz');
    writeFileSync(apiFile, Buffer.from(await r.arrayBuffer()));
    assert.equal(execFileSync('tar', ['tzf', apiFile], { encoding: 'utf8' }).trim().split('\n'), ['manifest.json', 'kimchi.db']);
    assert.equal(readdirSync(dataDir).filter((f) => f.includes('backup')), [], 'the API leaves no file behind');

    const cliFile = join(dir, 'from-cli.tar.gz');
    const b = await cli('backup', cliFile, '--data-dir', dataDir);
    assert.is(b.status, 0, b.stderr);
    assert.match(b.stdout, /backed up .*kimchi\.db .* to /);
    assert.is(statSync(cliFile).mode & 0o777, 0o600, 'the backup holds session hashes: only its owner reads it');
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', cliFile, 'manifest.json'], { encoding: 'utf8' }));
    const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')).entries;
    assert.is(manifest.format, 'kimchi-ts-backup');
    assert.is(manifest.version, JSON.parse(readFileSync('package.json', 'utf8')).version);
    assert.is(manifest.migration.tag, journal.at(-1).tag);
    assert.is(manifest.migration.applied, journal.length);
    assert.ok(Math.abs(Date.parse(manifest.createdAt) - Date.now()) < 600_000, manifest.createdAt);

    assert.is((await fetch(`${s.url}/api/templates/kimchi-test-kept`, { method: 'DELETE' })).status, 204);
    assert.is((await post(s, '/api/templates', { name: 'kimchi-test-later' })).status, 201);
    const refused = await cli('restore', apiFile, '--data-dir', dataDir);
    assert.is(refused.status, 1, 'restore refuses while the server runs');
    assert.match(refused.stderr, /server \(pid \d+\) is running .*stop it first/);
    assert.equal(await templates(s), ['kimchi-test-later'], 'and touched nothing');
    await s.stop();

    for (const file of [apiFile, cliFile]) {
      const done = await cli('restore', file, '--data-dir', dataDir);
      assert.is(done.status, 0, done.stderr);
      assert.match(done.stdout, /restored [^]*\nthe database it replaced is kept as .*kimchi\.db\.before-restore-/);
      s = await serve(fx.uri, { dataDir });
      assert.equal(await templates(s), ['kimchi-test-kept'], `${file}: the restored server has what the backup had`);
      await s.stop();
    }
    assert.ok(readdirSync(dataDir).some((f) => /^kimchi\.db\.before-restore-/.test(f)), 'the replaced database is kept');
  } finally {
    await s.stop();
  }
});

test('a damaged or foreign file is refused with a clear message, and the data dir is left as it was', async () => {
  const dataDir = join(dir, 'data-refuse');
  const s = await serve(fx.uri, { dataDir });
  const good = join(dir, 'good.tar.gz');
  try {
    assert.is((await cli('backup', good, '--data-dir', dataDir)).status, 0);
  } finally {
    await s.stop();
  }
  const before = sha(join(dataDir, 'kimchi.db'));
  const bad = (name: string, bytes: Buffer) => { const f = join(dir, name); writeFileSync(f, bytes); return f; };
  const bytes = readFileSync(good);
  // A copy whose database changed after the manifest was written (one byte flipped inside kimchi.db).
  const work = mkdtempSync(join(dir, 'tamper-'));
  execFileSync('tar', ['xzf', good, '-C', work]);
  const db = readFileSync(join(work, 'kimchi.db'));
  db[db.length - 100] ^= 0xff;
  writeFileSync(join(work, 'kimchi.db'), db);
  const tampered = join(dir, 'tampered.tar.gz');
  execFileSync('tar', ['czf', tampered, '-C', work, 'manifest.json', 'kimchi.db']);
  const foreign = join(dir, 'foreign.tar.gz');
  writeFileSync(join(work, 'notes.txt'), 'hello');
  execFileSync('tar', ['czf', foreign, '-C', work, 'notes.txt']);
  const cases: Array<[string, string, RegExp]> = [
    ['missing', join(dir, 'no-such.tar.gz'), /no such file/],
    ['random bytes', bad('random.tar.gz', Buffer.from('this is not a backup at all, just text\n'.repeat(50))), /not a Kimchi-TS backup/],
    ['truncated', bad('truncated.tar.gz', bytes.subarray(0, Math.floor(bytes.length / 2))), /not a Kimchi-TS backup/],
    ['tampered', tampered, /does not match its manifest's SHA-256/],
    ['another archive', foreign, /holds files a Kimchi-TS backup does not/],
  ];
  for (const [what, file, message] of cases) {
    const r = await restoreHere(file, dataDir); // in this process: quicker than a process per case
    assert.is(r.status, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, message, what);
    assert.not.match(r.stderr, /\n\s+at /, `${what}: a message, not a stack`);
    assert.is(sha(join(dataDir, 'kimchi.db')), before, `${what}: the database is untouched`);
    assert.equal(readdirSync(dataDir).filter((f) => f.startsWith('.kimchi-restore-') || f.includes('before-restore')), [], `${what}: nothing left behind`);
  }
  assert.ok(existsSync(good));
});

test('a backup taken while writes go on is one consistent moment: whole transactions, a sound database', async () => {
  const store = openStore(join(dir, 'busy.db'));
  const big = 'x'.repeat(2000);
  const insertPair = store.sqlite.transaction((n: number) => {
    const add = store.sqlite.prepare('INSERT INTO tasks (status, message, target_uri, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    add.run('finished', big, `/pair/${n}/a`, n, n);
    add.run('finished', big, `/pair/${n}/b`, n, n);
  });
  for (let i = 0; i < 3000; i++) insertPair(i); // ~12 MB: SQLite copies it in many steps, writes landing between them
  let writing = true, written = 3000;
  const writer = (async () => { while (writing) { insertPair(written++); await new Promise((r) => setImmediate(r)); } })();
  const file = join(dir, 'busy.tar.gz');
  try {
    await writeBackup(store.sqlite, file, { version: 'test', migrationsFolder: MIGRATIONS });
  } finally {
    writing = false;
    await writer;
  }
  assert.ok(written > 3000, `writes went on during the backup (${written - 3000} pairs)`);
  const work = mkdtempSync(join(dir, 'busy-'));
  execFileSync('tar', ['xzf', file, '-C', work]);
  const copy = new Database(join(work, 'kimchi.db'), { readonly: true });
  try {
    assert.equal(copy.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    const { n, max } = copy.prepare('SELECT count(*) AS n, max(id) AS max FROM tasks').get() as { n: number; max: number };
    assert.is(n % 2, 0, 'never half a transaction');
    assert.is(max, n, 'no gap: every row up to one moment');
    assert.ok(n >= 6000, `${n} rows`);
  } finally {
    copy.close();
    store.close();
  }
});

/** `restore` through the function main.ts runs, in this process. */
async function restoreHere(file: string, dataDir: string) {
  const r = { status: 0, stdout: '', stderr: '' };
  r.status = await runBackupCommand(['restore', file, '--data-dir', dataDir], {}, { out: (t) => { r.stdout += `${t}\n`; }, err: (t) => { r.stderr += `${t}\n`; } });
  return r;
}

test('a backup from a newer release (a migration this one does not know) is refused; an older one restores and upgrades', async () => {
  const journal = readJournal(MIGRATIONS);
  // Newer: today's schema plus a migration from the future, as the next release would leave it.
  const newerDb = join(dir, 'newer.db');
  openStore(newerDb).close();
  const sqlite = new Database(newerDb);
  sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), journal.at(-1)!.when + 86_400_000);
  const newer = join(dir, 'newer.tar.gz');
  await writeBackup(sqlite, newer, { version: '9.9.9', migrationsFolder: MIGRATIONS });
  sqlite.close();
  const dataDir = join(dir, 'data-versions');
  mkdirSync(dataDir);
  const r = await restoreHere(newer, dataDir);
  assert.is(r.status, 1);
  assert.match(r.stderr, /was made by a newer release \(Kimchi-TS 9\.9\.9, .* upgrade Kimchi-TS first/);
  assert.not.ok(existsSync(join(dataDir, 'kimchi.db')), 'nothing restored');

  // Older: a database the release at the fifth migration left, with its templates, tasks and sessions.
  const olderDb = join(dir, 'older.db');
  oldDatabase(olderDb, 5);
  const old = new Database(olderDb);
  const older = join(dir, 'older.tar.gz');
  const manifest = await writeBackup(old, older, { version: '0.0.1', migrationsFolder: MIGRATIONS });
  old.close();
  assert.equal(manifest.migration, { applied: 5, tag: journal[4].tag, createdAt: journal[4].when });
  const ok = await restoreHere(older, dataDir);
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /the next start upgrades it/);
  const s = await serve(fx.uri, { dataDir });
  try {
    const r = await fetch(`${s.url}/api/templates/kimchi-test-tmpl`);
    assert.is(r.status, 200, 'the upgraded database serves the old release\'s template');
    assert.equal(((await r.json()) as { memory: unknown }).memory, { current: 2048, maxmemory: 2048 });
  } finally {
    await s.stop();
  }
});

test.run();
