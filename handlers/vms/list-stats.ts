// GET /vmstats?names=a,b: the live rates of just the named VMs, so a list polls only the rows it shows.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { getVmMeta } from '../../db/index.ts';
import { ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import { mayUseVm } from '../auth/policy.ts';
import type { AppEnv, Deps, VmStats } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { VmStatsView } from './schemas.ts';
import { ZERO_STATS } from './view.ts';
import { hostOf } from '../common/hosts.ts';

/** A page of rows: more names than this is not "what is on screen". */
export const MAX_NAMES = 200;

const StatsQuery = z.strictObject({
  names: z.string().max(64 * 1024).openapi({ description: `Comma-separated VM names (URL-encoded each), at most ${MAX_NAMES}` }),
});
const StatsMap = z.record(z.string(), VmStatsView).openapi('VmStatsMap');

export const statsRoute = createRoute({
  method: 'get', path: '/vmstats', tags: ['vms'],
  summary: 'Live rates of the named VMs (CPU, memory, disk and network), keyed by name; unknown names are left out',
  request: { query: StatsQuery },
  responses: { 200: { description: 'Rates by VM name', content: { 'application/json': { schema: StatsMap } } }, 400: errors[400], 500: errors[500] },
});

/** Splits `a,b%2Cc` into names; duplicates and empties dropped. */
export function parseNames(list: string): string[] {
  const out = new Set<string>();
  for (const part of list.split(',')) {
    if (!part) continue;
    try { out.add(decodeURIComponent(part)); } catch { out.add(part); }
  }
  return [...out];
}

export async function vmStatsByName(deps: Deps, names: string[], may: (uuid: string) => boolean): Promise<Record<string, VmStats>> {
  const conn = deps.libvirt.connection;
  const found = await Promise.all(names.map((name) => conn.domainLookupByName(name).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) return undefined;
    throw e;
  })));
  const out: Record<string, VmStats> = {};
  for (const dom of found) if (dom && may(dom.uuid)) out[dom.name] = { ...(deps.vmStats?.get(dom.uuid, dom) ?? ZERO_STATS) };
  return out;
}

export function vmStatsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(statsRoute, async (c) => {
    const names = parseNames(c.req.valid('query').names).slice(0, MAX_NAMES);
    const deps = c.get('deps');
    const user = c.get('user');
    const may = (uuid: string) => !user || mayUseVm(user, getVmMeta(deps.db, uuid, hostOf(deps)));
    c.header('Cache-Control', 'no-store');
    return c.json(await vmStatsByName(deps, names, may), 200);
  });
}
