// The built-in host `local`: only its migration URI and description change (PUT /api/hosts/local, kept in SQLite);
// its uri is the server's --libvirt-uri.
import { getLocalSettings, setLocalSettings } from '../../db/index.ts';
import { parseUri } from '../../libvirt/index.ts';
import type { Db } from '../../db/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { HostUpdate } from './schemas.ts';

/**
 * Whether another machine's libvirtd can use `uri` to reach this one: it names a host, or a socket path (daemons on
 * this machine, as in the two-host testbed). `qemu:///system` names each machine's own daemon, so it cannot.
 */
function reachableByPeers(uri: string): boolean {
  try {
    const p = parseUri(uri);
    return Boolean(p.host) || 'socket' in p.params;
  } catch {
    return false;
  }
}

/** local's migration URI: the administrator's, else its uri when peers can use it, else '' (none: migrating here is refused). */
export function localMigrationUri(db: Db, uri: string): string {
  return getLocalSettings(db).migrationUri ?? (reachableByPeers(uri) ? uri : '');
}

/** PUT /api/hosts/local: migration_uri (null clears it) and description only; 409 for anything else. */
export function changeLocal(deps: Deps, input: HostUpdate, checkUri: (uri: string) => void): void {
  if (input.uri !== undefined) throw new KimchiError(409, 'KCHHOST0012E');
  if (input.migration_uri) checkUri(input.migration_uri);
  setLocalSettings(deps.db, { migrationUri: input.migration_uri, description: input.description });
}
