// GET /vms?host=all: every guest of every connected host in one list, asked in parallel; slow or down hosts are named, not awaited.
import type { Deps } from '../common/context.ts';
import { hostOf } from '../common/hosts.ts';
import type { HostRows } from '../vms/list-body.ts';
import { hostRows } from '../vms/service.ts';
import { connectedHost, depsFor } from './scope.ts';

/** How long the list waits for one host; a host that has not answered by then is reported unreachable. */
export const ALL_HOSTS_WAIT_MS = 2000;
export const UNREACHABLE_HEADER = 'Kimchi-Unreachable-Hosts';

export interface AllVms { hosts: HostRows[]; unreachable: string[] }

/** One host's list, or undefined when it is down, fails or takes longer than `waitMs` (its work is left to finish). */
async function within(deps: Deps, waitMs: number): Promise<HostRows | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), waitMs); });
  try {
    return await Promise.race([hostRows(deps).catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function listVmsOnAllHosts(deps: Deps, waitMs = ALL_HOSTS_WAIT_MS): Promise<AllVms> {
  const hosts = deps.hosts?.list() ?? [];
  if (!hosts.length) return { hosts: [await hostRows(deps)], unreachable: [] };
  const lists = await Promise.all(hosts.map((h) => {
    if (h.state().status !== 'connected') return undefined;
    return within(h.name === hostOf(deps) ? deps : depsFor(deps, h), waitMs);
  }));
  return {
    hosts: lists.filter((l): l is HostRows => l !== undefined),
    unreachable: hosts.filter((_, i) => !lists[i]).map((h) => h.name),
  };
}

/** GET /vms?host=<name>: that host's list (404 unknown, 503 down), as /hosts/<name>/vms answers. */
export function listVmsOnHost(deps: Deps, name: string): Promise<HostRows> {
  const host = connectedHost(deps, name);
  return hostRows(host ? depsFor(deps, host) : deps);
}
