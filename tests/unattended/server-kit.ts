// Shared by the unattended cleanup suites: the server as `kimchi-ts` runs it (openKimchi, API only, its log kept), a
// guest made with an unattended install (its install run started), and what its saved definition records.
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { insertHost, openStore } from '../../db/index.ts';
import { installVolumesOf } from '../../handlers/vms/unattended.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import { openKimchi, type Kimchi } from '../../runtime/kimchi.ts';
import { MIGRATIONS_DIR } from '../../runtime/paths.ts';
import { QEMU_URI } from '../helpers/qemu.ts';
import type { UaKit } from './kit.ts';

export const ISOS = ['debian.iso', 'fedoraLive.iso', 'windows.iso'];
export const dom = (k: UaKit, name: string) => k.conn.domainLookupByName(name);
export const xmlOf = async (k: UaKit, name: string, flags = 0) => k.conn.domainGetXMLDesc(await dom(k, name), flags);
/** The install volumes the guest's saved definition still records. */
export const recordOf = async (k: UaKit, name: string) => installVolumesOf(parseDomainXML(await xmlOf(k, name, DomainXMLFlags.INACTIVE)));

/** Wait (bounded, not timed) until `done` holds. */
export async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.unreachable(`never: ${what}`);
}

export interface UaServer { kimchi: Kimchi; lines: string[]; swept(host?: string): Promise<void> }

/**
 * The server on this machine's libvirtd, or on a test-driver `local` with qemu:///system registered as the host `kvm`;
 * `swept` resolves when a host's first sweep (as it connected) is done.
 */
export async function uaServer(k: UaKit, opts: { local?: string; registered?: boolean } = {}): Promise<UaServer> {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => { lines.push(s); } });
  const dataDir = mkdtempSync(join(k.dir, 'server-'));
  if (opts.registered) {
    const store = openStore(join(dataDir, 'kimchi.db'), { migrationsFolder: MIGRATIONS_DIR });
    insertHost(store.db, 'kvm', { uri: QEMU_URI }, null);
    store.close();
  }
  const kimchi = await openKimchi({ libvirtUri: opts.local ?? QEMU_URI, dataDir, uiDir: false, logger });
  const swept = (host = 'local') => until(() => lines.some((l) => l.includes('unattended install sweep done') && l.includes(`"host":"${host}"`)),
    `the server swept ${host} when it connected`);
  return { kimchi, lines, swept };
}

/** A guest from the Debian (initrd) or Windows (CD-ROM) ISO with an unattended install, its install run started. */
export async function createInstall(k: UaKit, name: string, iso: 'debian' | 'windows'): Promise<void> {
  const unattended = iso === 'debian'
    ? { user: 'alice', password: 'secret-1', locale: 'pt-BR', timezone: 'America/Sao_Paulo' }
    : { user: 'bob', password: 'secret-2', locale: 'en-GB', product_key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' };
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'iso', path: k.isos[iso] }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128, disk_size: 1,
    start: true, unattended,
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  assert.ok(await k.conn.domainIsActive(await dom(k, name)), 'the install run started');
}
