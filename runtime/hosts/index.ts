// openHosts: the HostDirectory at run time — `local` (the server's own client) plus one RemoteHost per registry row.
import { getHost, listHosts, type Db } from '../../db/index.ts';
import type { LibvirtClient, LibvirtClientOptions, Logger } from '../../libvirt/index.ts';
import type { Deps, DomainXmlSource, HostStatsSource, SanityState, VmStatsSource } from '../../handlers/common/context.ts';
import { LOCAL_HOST, type HostConnection, type HostDirectory } from '../../handlers/common/hosts.ts';
import { depsFor } from '../../handlers/hosts/scope.ts';
import { localMigrationUri } from '../../handlers/hosts/local.ts';
import { publishHost } from '../../handlers/hosts/routes.ts';
import { readVm } from '../../handlers/vms/service.ts';
import { undoInterrupted } from '../../handlers/vms/recover.ts';
import { forwardLibvirtEvents, type EventBus } from '../events.ts';
import { RemoteHost } from './host.ts';
import { ConnectionState } from './state.ts';

export interface LocalHostParts {
  uri: string;
  client: LibvirtClient;
  sanity: SanityState;
  vmStats?: VmStatsSource;
  domainXml?: DomainXmlSource;
  hostStats?: HostStatsSource;
}

export interface OpenHostsOptions {
  db: Db;
  /** The bus behind /api/events: each host's libvirt events go there tagged with its name. */
  events: EventBus;
  local: LocalHostParts;
  logger?: Logger & { child(b: object): Logger };
  /** Client options for registered hosts (tests shorten the backoff). */
  client?: Partial<LibvirtClientOptions>;
  /** Called with each registered host's new client before it connects (runtime/install-cleanup follows it). */
  onClient?: (name: string, client: LibvirtClient) => void;
}

export interface Hosts {
  directory: HostDirectory;
  /** Connect the registered hosts and forward their events, with the server's deps (which carry `directory`). */
  start(deps: Deps): void;
  close(): Promise<void>;
}

export function openHosts(opts: OpenHostsOptions): Hosts {
  const localState = new ConnectionState(opts.local.client);
  const local: HostConnection = {
    name: LOCAL_HOST, uri: opts.local.uri, libvirt: opts.local.client, sanity: opts.local.sanity,
    // Read at each use: PUT /api/hosts/local changes it (SQLite is the one place it lives).
    get migrationUri() { return localMigrationUri(opts.db, opts.local.uri); },
    vmStats: opts.local.vmStats, domainXml: opts.local.domainXml, hostStats: opts.local.hostStats,
    state: () => localState.get(),
  };
  const remote = new Map<string, RemoteHost>();
  let deps: Deps | undefined;

  const add = (name: string, uri: string, migrationUri: string) => {
    const host = new RemoteHost({ name, uri, migrationUri }, { logger: opts.logger?.child({ part: 'libvirt', host: name }), client: opts.client });
    remote.set(name, host);
    if (!deps) return host;
    const d = deps;
    const changed = () => { if (remote.get(name) === host) publishHost(d, name); };
    host.tracker.on('change', changed);
    host.sanity.on('change', changed);
    forwardLibvirtEvents(host.client, opts.events, (dom) => readVm(depsFor(d, host), dom), name);
    // Steps that tasks on this host left half-done when the server stopped are undone on its own connection.
    host.client.on('connected', (conn) => void undoInterrupted(conn, d.db, d.logger, name, d.hosts).catch(() => undefined));
    opts.onClient?.(name, host.client);
    host.open();
    return host;
  };

  const directory: HostDirectory = {
    get: (name) => (name === LOCAL_HOST ? local : remote.get(name)),
    list: () => [local, ...[...remote.values()].sort((a, b) => a.name.localeCompare(b.name))],
    async sync(name) {
      if (name === LOCAL_HOST) return;
      const row = getHost(opts.db, name);
      const had = remote.get(name);
      const migrationUri = row ? row.migrationUri ?? row.uri : '';
      if (had && row && had.uri === row.uri && had.migrationUri === migrationUri) return;
      if (had) { remote.delete(name); await had.close(); }
      if (row) add(name, row.uri, migrationUri);
    },
  };

  return {
    directory,
    start(d) {
      deps = d;
      localState.on('change', () => publishHost(d, LOCAL_HOST));
      for (const row of listHosts(opts.db)) add(row.name, row.uri, row.migrationUri ?? row.uri);
    },
    async close() {
      localState.removeAllListeners();
      await Promise.all([...remote.values()].map((h) => h.close()));
      remote.clear();
    },
  };
}
