// Where bulk transfers run: their own libvirt Connection (a lagging stream must not pause the shared socket).
import { connect, type Connection, parseUri } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';

/** The URI the shared connection was opened with (a LibvirtClient's `options.uri`), when the source tells. */
export function libvirtUri(deps: Deps): string | undefined {
  const uri = (deps.libvirt as { options?: { uri?: unknown } }).options?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** Volume paths name files on this machine: the URI has no remote host. */
export function isLocal(deps: Deps): boolean {
  const uri = libvirtUri(deps);
  if (!uri) return false;
  try {
    return !parseUri(uri).host;
  } catch {
    return false;
  }
}

/**
 * A connection for one transfer to the libvirtd at `uri`, and how to let go of it. The test driver gives every
 * connection its own private hypervisor, so there (and when the URI is unknown) `shared` is used and nothing is closed.
 */
export async function bulkConnectionTo(uri: string | undefined, shared: Connection): Promise<{ conn: Connection; release(): Promise<void> }> {
  if (!uri || uri.startsWith('test:')) return { conn: shared, release: async () => undefined };
  const conn = await connect(uri);
  return { conn, release: () => conn.close().catch(() => undefined) };
}

/** A transfer connection to the server's own libvirtd (see bulkConnectionTo). */
export const bulkConnection = (deps: Deps) => bulkConnectionTo(libvirtUri(deps), deps.libvirt.connection);
