// A QEMU/KVM world for device tests: createApp over qemu:///system with a fresh SQLite file and a throwaway dir pool,
// everything under `prefix` swept before and after (even when the test fails).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from './app.ts';
import { createPool, IMAGES, QEMU_URI, removePool, sweep, testName } from './qemu.ts';

export interface QemuWorld {
  app: ReturnType<typeof createApp>;
  conn: Connection;
  pool: StoragePool;
  /** The pool's directory. */
  dir: string;
  /** A request as JSON, in `lang`. */
  call(method: string, path: string, body?: unknown, lang?: string): ReturnType<typeof json>;
}

export async function withQemuApp(prefix: string, fn: (w: QemuWorld) => Promise<void>, cleanup?: (c: Connection) => Promise<void>): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), `${prefix}db-`));
  const store = openStore(join(tmp, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  let pool: StoragePool | undefined;
  try {
    const conn = await client.open();
    await sweep(conn, prefix);
    pool = await createPool(conn, testName(prefix));
    const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent, version: 'test' });
    const call = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
      method, headers: { 'Accept-Language': lang, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }));
    await fn({ app, conn, pool, dir: join(IMAGES, pool.name), call });
  } finally {
    if (client.connected) {
      await sweep(client.connection, prefix).catch(() => {});
      if (pool) await removePool(client.connection, pool);
      await cleanup?.(client.connection).catch(() => {});
    }
    events.close();
    await client.close();
    store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
