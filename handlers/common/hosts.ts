// The hosts a request can name, as handlers see them: the local host plus those registered in SQLite (issue 14).
import type { DomainXmlSource, HostStatsSource, LibvirtSource, SanityState, VmStatsSource } from './context.ts';

/** Where a host's reconnecting client stands: libvirt's own reason when it fails. */
export type HostState =
  | { status: 'connected' }
  | { status: 'connecting'; next_retry?: string }
  | { status: 'failing'; reason: string; next_retry?: string };

/** One libvirtd this server manages: `local` (the --libvirt-uri) or a registered host. */
export interface HostConnection {
  readonly name: string;
  /** How this server reaches the host's libvirtd. */
  readonly uri: string;
  /** How the other hosts' libvirtds reach it for peer-to-peer migration (defaults to uri). */
  readonly migrationUri: string;
  /** Its own reconnecting client: `.connection` throws while it is down. */
  readonly libvirt: LibvirtSource;
  /** Its own sanity check; only the local host's puts the whole interface in error mode. */
  readonly sanity: SanityState;
  state(): HostState;
  /** This host's samplers and cache (each host has its own); absent: the handlers read directly. */
  readonly vmStats?: VmStatsSource;
  readonly domainXml?: DomainXmlSource;
  readonly hostStats?: HostStatsSource;
}

/** Every host by name. The runtime owns it; a request's deps carry the host it names (`local` by default). */
export interface HostDirectory {
  get(name: string): HostConnection | undefined;
  list(): HostConnection[];
  /**
   * The registry row of `name` changed in SQLite (added, changed or removed): open, reopen or close its client.
   * Resolves once the directory reflects the row (the connection itself may still be on its way).
   */
  sync?(name: string): Promise<void>;
}

export const LOCAL_HOST = 'local';

/** The host a request's deps belong to. */
export const hostOf = (deps: { host?: string }): string => deps.host ?? LOCAL_HOST;
