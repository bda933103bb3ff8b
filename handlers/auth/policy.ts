// Authorization: administrators may do everything; other host users see and drive only the VMs shared with them.
import type { MiddlewareHandler } from 'hono';
import { getVmMeta } from '../../db/index.ts';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { AuthUser } from './types.ts';
import { hostOf } from '../common/hosts.ts';

/** What a non-administrator may call; `vm` marks routes on one VM, which must be shared with them. */
const USER_ROUTES: Array<{ method: string; path: RegExp; vm?: true }> = [
  { method: 'GET', path: /^\/(?:config|events|session|vms|vmstats|openapi\.json)$/ },
  { method: 'POST', path: /^\/logout$/ },
  { method: 'GET', path: /^\/vms\/[^/]+(?:\/(?:screenshot|storages|ifaces|snapshots)(?:\/[^/]+)?)?$/, vm: true },
  { method: 'POST', path: /^\/vms\/[^/]+\/(?:start|poweroff|shutdown|connect)$/, vm: true },
];
/** The mount point, and on /api a host scope (/api/hosts/{host}/…): a guest shared with a user is shared on its own host. */
const MOUNT = /^\/(?:api(?:\/hosts\/[^/]+(?=\/))?|plugins\/kimchi)(?=\/)/;

/** Whether the VM's metadata lists the user or one of their groups (Kimchi's users/groups). */
export function mayUseVm(user: AuthUser, meta: { users: string[]; groups: string[] } | undefined): boolean {
  if (user.admin) return true;
  if (!meta) return false;
  return meta.users.includes(user.name) || meta.groups.some((g) => user.groups.includes(g));
}

export function authorize(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user || user.admin) return next();
    const path = c.req.path.replace(MOUNT, '');
    const rule = USER_ROUTES.find((r) => r.method === c.req.method && r.path.test(path));
    if (!rule) throw new KimchiError(403, 'KCHAUTH0003E', { user: user.name, what: `${c.req.method} ${path}` });
    if (rule.vm) {
      let name: string;
      try { name = decodeURIComponent(path.split('/')[2]); } catch { name = ''; }
      const deps = c.get('deps');
      const dom = await deps.libvirt.connection.domainLookupByName(name).catch(() => undefined);
      if (!dom || !mayUseVm(user, getVmMeta(deps.db, dom.uuid, hostOf(deps)))) throw new KimchiError(403, 'KCHAUTH0006E', { user: user.name, name });
    }
    return next();
  };
}
