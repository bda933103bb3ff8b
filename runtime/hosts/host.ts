// One registered host at run time: its own reconnecting client, state, sanity, VM-rate sampler, XML cache and node stats.
import { LibvirtClient, type LibvirtClientOptions, type Logger } from '../../libvirt/index.ts';
import type { HostConnection } from '../../handlers/common/hosts.ts';
import { DomainXmlCache } from '../domain-xml-cache.ts';
import { VmStatsSampler } from '../vm-stats.ts';
import { NodeStatsSampler } from './node-stats.ts';
import { RemoteSanity } from './sanity.ts';
import { ConnectionState } from './state.ts';

export interface RemoteHostSpec { name: string; uri: string; migrationUri: string }

/**
 * Keepalive: libvirtd's own defaults (a ping after 5 s of silence) with 3 misses instead of 5, so a host whose
 * network went away turns unreachable within ~20 s; a daemon that dies closes its socket and is seen at once.
 */
const CLIENT_DEFAULTS: Partial<LibvirtClientOptions> = { timeoutMs: 10_000, keepalive: { intervalMs: 5000, count: 3 }, backoff: { initialMs: 500, maxMs: 10_000 } };

export class RemoteHost implements HostConnection {
  readonly name: string;
  readonly uri: string;
  readonly migrationUri: string;
  readonly client: LibvirtClient;
  readonly sanity: RemoteSanity;
  readonly vmStats: VmStatsSampler;
  readonly domainXml: DomainXmlCache;
  readonly hostStats: NodeStatsSampler;
  readonly tracker: ConnectionState;

  constructor(spec: RemoteHostSpec, opts: { logger?: Logger & { child?: unknown }; client?: Partial<LibvirtClientOptions> } = {}) {
    this.name = spec.name;
    this.uri = spec.uri;
    this.migrationUri = spec.migrationUri;
    this.client = new LibvirtClient({ ...CLIENT_DEFAULTS, ...opts.client, uri: spec.uri, logger: opts.logger });
    this.tracker = new ConnectionState(this.client);
    this.sanity = new RemoteSanity(this.client, spec.name);
    this.vmStats = new VmStatsSampler(this.client);
    this.domainXml = new DomainXmlCache(this.client);
    this.hostStats = new NodeStatsSampler(this.client);
  }

  get libvirt(): LibvirtClient { return this.client; }

  state() { return this.tracker.get(); }

  /** Connect in the background: failures are the state (`failing`, libvirt's reason) and the client keeps retrying. */
  open(): void {
    this.vmStats.start();
    this.hostStats.start();
    this.client.open().catch((e) => this.tracker.failed(e as Error));
  }

  async close(): Promise<void> {
    this.vmStats.stop();
    this.hostStats.close();
    this.tracker.removeAllListeners();
    this.sanity.removeAllListeners();
    await this.client.close();
  }
}
