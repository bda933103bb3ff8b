// Kimchi 3.0's migrate form ({remote_host, user, password, enable_rdma}) mapped onto POST /vms/{name}/migrate.
import { parseUri } from '../../libvirt/index.ts';
import { KimchiError } from '../common/errors.ts';
import { LOCAL_HOST, type HostConnection } from '../common/hosts.ts';
import { planMigration } from '../vms/migrate-checks.ts';
import type { VmMigrate } from '../vms/migrate-schemas.ts';
import { kimchiOnly } from './errors.ts';
import type { Ctx } from './surface.ts';

const hostPart = (uri: string): string | undefined => { try { return parseUri(uri).host || undefined; } catch { return undefined; } };

/** The names a registered host answers to: its own, its libvirtd's hostname, and the hosts in its two URIs. */
async function namesOf(h: HostConnection): Promise<string[]> {
  const names = [h.name, hostPart(h.uri), hostPart(h.migrationUri)];
  try {
    names.push(await h.libvirt.connection.connectGetHostname());
  } catch { /* a host that is down is still known by its name and URIs */ }
  return names.filter((n): n is string => !!n).map((n) => n.toLowerCase());
}

/**
 * `remote_host` is matched against the registered hosts (name, hostname, URI host). Kimchi set up SSH keys with a
 * password and made the destination's disk files over SSH; here hosts are registered with their libvirt URI, so a
 * password is refused with the reason, and `storage` is "shared" when the destination already sees every disk (as
 * Kimchi's own test for an existing path decided) and "copy" otherwise.
 */
export async function vmMigrateIn(body: any, c: Ctx, m: RegExpExecArray): Promise<VmMigrate> {
  // API.json's types first, with its ids; then what this implementation refuses on purpose.
  if (!body || typeof body !== 'object' || typeof body.remote_host !== 'string' || !body.remote_host) throw kimchiOnly(400, 'KCHVM0060E');
  if (body.user !== undefined && (typeof body.user !== 'string' || !body.user)) throw kimchiOnly(400, 'KCHVM0059E');
  if (body.password !== undefined && typeof body.password !== 'string') throw kimchiOnly(400, 'KCHVM0069E');
  if (body.enable_rdma !== undefined && typeof body.enable_rdma !== 'boolean') throw kimchiOnly(400, 'KCHVM0091E');
  if (body.password !== undefined) throw new KimchiError(400, 'KCHMIG0018E', {});
  if (body.enable_rdma === true) throw new KimchiError(400, 'KCHMIG0019E', {});
  const deps = c.get('deps');
  const remote = body.remote_host.toLowerCase();
  const source = deps.host ?? LOCAL_HOST;
  const others = (deps.hosts?.list() ?? []).filter((h) => h.name !== source);
  let destination: string | undefined;
  for (const h of others) if ((await namesOf(h)).includes(remote)) { destination = h.name; break; }
  if (!destination) {
    throw new KimchiError(400, 'KCHMIG0017E', { remote: body.remote_host, known: others.map((h) => h.name).join(', ') || '—' });
  }
  const name = decodeURIComponent(m[1]!);
  // No `live`: a running guest migrates live, a shut-off one offline (as Kimchi did).
  const input: VmMigrate = { destination, storage: 'shared', unsafe: false, persistent: true, undefine_source: true };
  const storage = await planMigration(deps, name, input).then(() => 'shared' as const,
    (e) => (e instanceof KimchiError && e.code === 'KCHMIG0010E' ? 'copy' as const : 'shared' as const));
  return { ...input, storage };
}
