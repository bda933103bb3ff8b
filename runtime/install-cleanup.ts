// Install volumes hold passwords in clear text: each host's client deletes a guest's as soon as its install run stops
// (libvirt's `stopped` lifecycle event), and sweeps the host when it connects (at start, on reconnect) for runs that
// ended while the server was down; and again when a pool starts (an install volume in a pool that was stopped at
// cleanup time keeps its file and the record of it until then). runtime/kimchi.ts hands it the local client and, through openHosts, each registered one.
import type { Db } from '../db/index.ts';
import { endInstall, sweepInstalls } from '../handlers/vms/unattended-cleanup.ts';
import type { Logger } from 'pino';
import type { Connection, Domain, LibvirtClient } from '../libvirt/index.ts';

/** VIR_DOMAIN_EVENT_STOPPED */
const STOPPED = 5;
/** VIR_STORAGE_POOL_EVENT_STARTED */
const POOL_STARTED = 2;
/** A guest a task holds is looked at again this often, this many times (then the next sweep has it). */
const RETRY_MS = 15_000;
const RETRIES = 20;

export interface InstallCleanupOptions {
  db: Db;
  logger?: Logger;
  /** Waited for before a host's sweep: the local host's undo of interrupted tasks (a half-made guest is theirs). */
  settled?: (host: string) => Promise<unknown> | undefined;
}

export interface InstallCleanup {
  /** Follow one host's client (again for the same client: nothing). */
  watch(host: string, client: LibvirtClient): void;
}

export function cleanInstalls(opts: InstallCleanupOptions): InstallCleanup {
  const watched = new WeakSet<object>();
  const inFlight = new Set<string>();
  const log = opts.logger;

  const once = async (host: string, key: string, work: () => Promise<void>) => {
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try { await work(); } catch (err) { log?.warn({ err, host }, 'removing unattended install volumes failed'); } finally { inFlight.delete(key); }
  };
  const end = (host: string, client: LibvirtClient, dom: Domain, attempt = 0): Promise<void> => once(host, `${host}/${dom.uuid}`, async () => {
    const r = await endInstall(client.connection, dom, opts.db);
    if (r.status === 'cleaned') log?.info({ host, vm: dom.name, volumes: r.deleted }, 'unattended install ended: its volumes were deleted');
    else if (r.status === 'waiting') log?.info({ host, vm: dom.name, volumes: r.deleted, waiting: r.waiting }, 'unattended install ended: volumes in a stopped pool wait for it to start');
    else log?.debug({ host, vm: dom.name, status: r.status }, 'unattended install check after a stop');
    // Held by a task (its creation still finishing, a clone, a sweep of the same guest): look again a little later.
    if (r.status === 'busy' && attempt < RETRIES) {
      setTimeout(() => { if (client.connected) void end(host, client, dom, attempt + 1); }, RETRY_MS).unref();
    }
  });
  // A sweep asked for while one runs (a pool started meanwhile) runs again after it.
  const again = new Set<string>();
  const sweep = (host: string, conn: Connection): Promise<void> => {
    if (inFlight.has(`${host}/*`)) { again.add(host); return Promise.resolve(); }
    return sweepOnce(host, conn).then(() => { if (again.delete(host)) return sweep(host, conn); });
  };
  const sweepOnce = (host: string, conn: Connection) => once(host, `${host}/*`, async () => {
    await opts.settled?.(host);
    const cleaned = await sweepInstalls(conn, opts.db);
    for (const [vm, volumes] of cleaned) log?.info({ host, vm, volumes }, 'unattended install had ended while we were away: its volumes were deleted');
    log?.debug({ host, cleaned: cleaned.size }, 'unattended install sweep done');
  });

  const watch = (host: string, client: LibvirtClient) => {
    if (watched.has(client)) return;
    watched.add(client);
    client.on('domainLifecycle', (e) => {
      if (e.event === STOPPED && client.connected) void end(host, client, e.dom);
    });
    client.on('poolLifecycle', (e) => {
      if (e.event === POOL_STARTED && client.connected) void sweep(host, client.connection);
    });
    client.on('connected', (conn) => void sweep(host, conn));
    if (client.connected) void sweep(host, client.connection);
  };
  return { watch };
}
