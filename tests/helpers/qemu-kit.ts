// The common base of the QEMU suites that look at what the server logged and made: createApp over qemu:///system with a
// fresh SQLite file, a log that keeps every line, a throwaway dir pool, everything under `prefix` swept before and after.
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
import { json } from './app.ts';
import { createPool, IMAGES, QEMU_URI, removePool, sweep, testName } from './qemu.ts';

const execFile = promisify(execFileCb);

export interface QemuKit {
  app: ReturnType<typeof createApp>;
  client: LibvirtClient;
  conn: Connection;
  store: Store;
  pool: StoragePool;
  poolDir: string;
  /** A private temp dir, removed by cleanup(). */
  dir: string;
  /** Everything the server logged, as text. */
  logged: () => string;
  send(method: string, path: string, body?: unknown, lang?: string): Promise<{ status: number; body: any }>;
  /** Poll a Task until it is no longer running. */
  settle(id: string): Promise<{ status: string; message: string; target_uri: string }>;
  /** The pool's volume names, sorted (after a refresh). */
  volumes(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function qemuKit(prefix: string, tmpPrefix: string): Promise<QemuKit> {
  const client = new LibvirtClient({ uri: QEMU_URI });
  const conn = await client.open();
  const left = await sweep(conn, prefix);
  if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  const store = openStore(join(dir, 'kimchi.db'));
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (s: string) => { lines.push(s); } });
  const events = new EventBus();
  const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger, version: 'test' });
  const pool = await createPool(conn, testName(prefix));
  const send = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
    method, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
  }));
  return {
    app, client, conn, store, pool, poolDir: join(IMAGES, pool.name), dir, send,
    logged: () => lines.join(''),
    async settle(id) {
      for (let i = 0; i < 1200; i++) {
        const r = await send('GET', `/api/tasks/${id}`);
        if (r.body.status !== 'running') return r.body;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error(`task ${id} did not end`);
    },
    async volumes() {
      await conn.storagePoolRefresh(pool);
      return (await conn.storagePoolListAllVolumes(pool)).map((v) => v.name).sort();
    },
    async cleanup() {
      await sweep(conn, prefix).catch(() => []);
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
