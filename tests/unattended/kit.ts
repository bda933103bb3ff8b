// Shared by the unattended-install suites: an app on qemu:///system with a throwaway pool holding tiny generated ISOs
// whose volume labels osinfo-db maps to Debian 11 (preseed, initrd), Windows 10 (autounattend, CD-ROM) and a Fedora live
// image (no script), a log that records every line, and readers for what the guest is given.
import { execFile as execFileCb } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json } from '../helpers/app.ts';
import { makeIso } from '../helpers/iso.ts';
import { createPool, IMAGES, QEMU_URI, removePool, sweep, testName } from '../helpers/qemu.ts';

export const execFile = promisify(execFileCb);
export const PREFIX = 'kimchi-test-unattended-';

/**
 * A "kernel" QEMU loads as a bzImage (boot protocol 2.02 header) whose setup code is `jmp $`: the install run starts
 * and stays running without any real OS.
 */
export function spinningKernel(): Buffer {
  const b = Buffer.alloc(4096);
  b[0x1f1] = 1; // setup sectors
  b.writeUInt16LE(0xaa55, 0x1fe);
  b[0x200] = 0xeb; b[0x201] = 0xfe; // jmp $
  b.write('HdrS', 0x202, 'latin1');
  b.writeUInt16LE(0x0202, 0x206);
  b[0x211] = 0x01; // loaded high
  return b;
}
export const ORIGINAL_INITRD = gzipSync(Buffer.from('the installer initrd of the test ISO\n'));

export interface UaKit {
  app: ReturnType<typeof createApp>;
  client: LibvirtClient;
  conn: Connection;
  store: Store;
  pool: StoragePool;
  poolDir: string;
  dir: string;
  isos: { debian: string; windows: string; fedoraLive: string };
  logged: () => string;
  send(method: string, path: string, body?: unknown, lang?: string): Promise<{ status: number; body: any }>;
  settle(id: string): Promise<{ status: string; message: string; target_uri: string }>;
  volumes(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function uaKit(): Promise<UaKit> {
  const client = new LibvirtClient({ uri: QEMU_URI });
  const conn = await client.open();
  const left = await sweep(conn, PREFIX);
  if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-unattended-test-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (s: string) => { lines.push(s); } });
  const events = new EventBus();
  const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger, version: 'test' });
  const pool = await createPool(conn, testName(PREFIX));
  const poolDir = join(IMAGES, pool.name);
  const specs = {
    debian: { volumeId: 'Debian 11.5.0 amd64 n', files: { 'install.amd/vmlinuz': spinningKernel(), 'install.amd/initrd.gz': ORIGINAL_INITRD } },
    windows: { volumeId: 'CCCOMA_X64FRE_EN-US_DV9', publisherId: 'MICROSOFT CORPORATION', files: { 'sources/README.TXT': 'not Windows\n' } },
    fedoraLive: { volumeId: 'Fedora-WS-Live-36-1-5', files: { 'isolinux/README.TXT': 'not Fedora\n' } },
  };
  const isos = {} as UaKit['isos'];
  for (const [key, spec] of Object.entries(specs)) {
    const iso = await makeIso(spec);
    const path = join(poolDir, `${key}.iso`);
    copyFileSync(iso.path, path);
    await iso.cleanup();
    isos[key as keyof UaKit['isos']] = path;
  }
  await conn.storagePoolRefresh(pool);
  const send = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
    method, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
  }));
  return {
    app, client, conn, store, pool, poolDir, dir, isos, send,
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
      await sweep(conn, PREFIX).catch(() => []);
      await removePool(conn, pool);
      events.close();
      store.close();
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The files of a newc cpio archive (what the kernel unpacks), read by cpio itself into a temp dir. */
export async function cpioFiles(archive: Buffer, dir: string): Promise<Record<string, string>> {
  const out = mkdtempSync(join(dir, 'cpio-'));
  const file = join(out, 'archive.cpio');
  writeFileSync(file, archive);
  const into = join(out, 'x');
  mkdirSync(into);
  const { stdout } = await execFile('cpio', ['-t', '--quiet', '-F', file], { encoding: 'utf8' });
  await execFile('cpio', ['-i', '--quiet', '-F', file, '-D', into]);
  const names = stdout.split('\n').filter(Boolean);
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(into, n), 'utf8')]));
}

/** Volume label and the named files of an ISO, read back with xorriso. */
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
