// Databases as earlier releases left them: the committed migrations applied one by one up to a point, each table
// filled right after the migration that made it, with SQL written against the schema of that moment.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../db/index.ts';
import { readJournal } from '../../db/backup.ts';

export const JOURNAL = readJournal(MIGRATIONS);
const T0 = 1_790_000_000_000; // a fixed instant, so what is read back can be compared exactly
export const UUID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
/** A template as the API stored it then (a whole spec). */
export const TEMPLATE_SPEC = {
  name: 'kimchi-test-tmpl', os_distro: 'debian', os_version: '12', memory: { current: 2048, maxmemory: 2048 },
  cpu_info: { vcpus: 2, maxvcpus: 2 }, storagepool: '/plugins/kimchi/storagepools/default',
  disks: [{ index: 0, size: 10, pool: { name: 'default' }, format: 'qcow2' }], networks: ['default'],
  graphics: { type: 'vnc', listen: '127.0.0.1' }, folder: [], disk_bus: 'virtio', nic_model: 'virtio',
};

/**
 * What each migration's release could store, as that release wrote it: a tag missing here made no new table. A
 * migration that adds a table must add its fill, or the upgrade test fails.
 */
export const FILLS: Record<string, (db: Database.Database) => void> = {
  '0000_tasks': (db) => {
    const add = db.prepare('INSERT INTO tasks (id, status, message, target_uri, error_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    add.run(1, 'finished', 'made kimchi-test-old', '/plugins/kimchi/vms/kimchi-test-old', null, T0, T0 + 5000);
    add.run(2, 'running', 'cloning', '/plugins/kimchi/vms/kimchi-test-clone', null, T0, T0);
  },
  '0001_templates_vm_meta': (db) => {
    db.prepare('INSERT INTO templates (name, spec, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run('kimchi-test-tmpl', JSON.stringify(TEMPLATE_SPEC), T0, T0 + 1);
    db.prepare('INSERT INTO vm_meta (uuid, template, icon, users, groups, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(UUID, 'kimchi-test-tmpl', 'debian.png', '["alice"]', '["ops"]', T0);
    db.prepare('INSERT INTO tasks (id, status, message, target_uri, error_code, error_params, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(3, 'failed', 'no space', '/plugins/kimchi/vms/kimchi-test-full', 'KCHVM0001E', '{"name":"kimchi-test-full"}', T0, T0 + 2);
  },
  '0002_iso_scans': (db) => {
    db.prepare('INSERT INTO iso_images (path, size, mtime_ms, volume_id, os_distro, os_version, bootable, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('/isos/kimchi-test.iso', 4096, T0, 'DEBIAN_12', 'debian', '12', 1, T0);
  },
  '0003_console_tokens': (db) => {
    db.prepare('INSERT INTO console_tokens (hash, vm_uuid, kind, user, expires_at) VALUES (?, ?, ?, ?, ?)').run('h'.repeat(64), UUID, 'vnc', null, T0 + 30_000);
  },
  '0004_auth': (db) => {
    db.prepare('INSERT INTO sessions (token_hash, username, created_at, last_seen_at, remote_addr) VALUES (?, ?, ?, ?, ?)').run('s'.repeat(64), 'alice', T0, T0 + 60_000, '192.0.2.7');
    db.prepare('INSERT INTO audit_log (at, username, remote_addr, method, path, status, code, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(T0 + 1000, 'alice', '192.0.2.7', 'POST', '/api/vms/kimchi-test-old/start', 200, null, 'req-1');
    db.prepare('INSERT INTO login_throttle (key, failures, locked_until) VALUES (?, ?, ?)').run('user:bob', 3, T0 + 8000);
  },
  '0005_pending_undo': (db) => {
    db.prepare('INSERT INTO pending_undo (task_id, kind, args, created_at) VALUES (?, ?, ?, ?)').run(2, 'volume', '{"pool":"default","name":"kimchi-test-clone.qcow2"}', T0);
  },
  '0007_refused_requests': (db) => {
    db.prepare('INSERT INTO refused_requests (minute, remote_addr, count) VALUES (?, ?, ?)').run(Math.floor(T0 / 60_000), '198.51.100.9', 4);
  },
  '0009_hosts': (db) => {
    db.prepare('INSERT INTO hosts (name, uri, migration_uri, description, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('kimchi-test-b', 'qemu+tcp://192.0.2.2/system', null, 'rack 2', 'alice', T0);
  },
};

/** A migrations folder holding the first `count` committed migrations (drizzle reads the journal and the .sql files). */
function firstMigrations(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-test-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) copyFileSync(join(MIGRATIONS, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

/** A database at `path` as the release with the first `count` migrations left it, with every fill up to there. */
export function oldDatabase(path: string, count: number): string[] {
  const sqlite = new Database(path);
  const filled: string[] = [];
  try {
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite);
    for (let i = 1; i <= count; i++) {
      const folder = firstMigrations(i);
      try { migrate(db, { migrationsFolder: folder }); } finally { rmSync(folder, { recursive: true, force: true }); }
      const tag = JOURNAL[i - 1].tag;
      FILLS[tag]?.(sqlite);
      if (FILLS[tag]) filled.push(tag);
    }
  } finally {
    sqlite.close();
  }
  return filled;
}
