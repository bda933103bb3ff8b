// Shared by the cloud-init suites: an app on qemu:///system with a throwaway pool holding small "cloud images"
// (qcow2 and raw made by qemu-img), a fresh SSH key, a log that records every line, and the seed ISO read back by xorriso.
import { execFile as execFileCb } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json } from '../helpers/app.ts';
import { createPool, IMAGES, QEMU_URI, removePool, sweep, testName } from '../helpers/qemu.ts';

export const execFile = promisify(execFileCb);
export const PREFIX = 'kimchi-test-cloudinit-';
export const MiB = 1024 ** 2;

export interface CloudKit {
  app: ReturnType<typeof createApp>;
  conn: Connection;
  store: Store;
  pool: StoragePool;
  poolDir: string;
  dir: string;
  /** A 64 MiB qcow2 and a 32 MiB raw image in the pool. */
  qcow2: string;
  raw: string;
  /** An ed25519 public key line. */
  sshKey: string;
  /** Everything the server logged, as text. */
  logged: () => string;
  send(method: string, path: string, body?: unknown, lang?: string): Promise<{ status: number; body: any }>;
  settle(id: string): Promise<{ status: string; message: string; target_uri: string }>;
  cleanup(): Promise<void>;
}

export async function cloudKit(): Promise<CloudKit> {
  const client = new LibvirtClient({ uri: QEMU_URI });
  const conn = await client.open();
  const left = await sweep(conn, PREFIX);
  if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-cloudinit-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (s: string) => { lines.push(s); } });
  const events = new EventBus();
  const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger, version: 'test' });
  const poolName = testName(PREFIX);
  const pool = await createPool(conn, poolName);
  const poolDir = join(IMAGES, poolName);
  const qcow2 = join(poolDir, 'debian-12-genericcloud.qcow2');
  const raw = join(poolDir, 'alpine-cloud.raw');
  await execFile('qemu-img', ['create', '-q', '-f', 'qcow2', qcow2, '64M']);
  await execFile('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x5a 0 1M', qcow2]);
  await execFile('qemu-img', ['create', '-q', '-f', 'raw', raw, '32M']);
  await conn.storagePoolRefresh(pool);
  await execFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@laptop', '-f', join(dir, 'id')]);
  const sshKey = readFileSync(join(dir, 'id.pub'), 'utf8').trim();
  const send = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
    method, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
  }));
  return {
    app, conn, store, pool, poolDir, dir, qcow2, raw, sshKey, send,
    logged: () => lines.join(''),
    async settle(id) {
      for (let i = 0; i < 1200; i++) {
        const r = await send('GET', `/api/tasks/${id}`);
        if (r.body.status !== 'running') return r.body;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error(`task ${id} did not end`);
    },
    async cleanup() {
      await sweep(conn, PREFIX).catch(() => []);
      await removePool(conn, pool);
      events.close();
      store.close();
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Volume label and the named files of an ISO, read back with xorriso (the osirrox extractor). */
export async function readIso(iso: string, files: string[], dir: string): Promise<{ label: string; files: Record<string, string> }> {
  const { stdout } = await execFile('xorriso', ['-indev', iso, '-pvd_info'], { encoding: 'utf8' });
  const label = /^Volume Id\s*:\s*(.*)$/m.exec(stdout)?.[1]?.trim() ?? '';
  const out = mkdtempSync(join(dir, 'iso-'));
  const read: Record<string, string> = {};
  for (const f of files) {
    await execFile('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', `/${f}`, join(out, f)]);
    read[f] = readFileSync(join(out, f), 'utf8');
  }
  return { label, files: read };
}

/** The pool's volume names, sorted. */
export async function poolVolumes(k: CloudKit): Promise<string[]> {
  await k.conn.storagePoolRefresh(k.pool);
  return (await k.conn.storagePoolListAllVolumes(k.pool)).map((v) => v.name).sort();
}
