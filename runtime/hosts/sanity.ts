// A registered host's sanity: reachable, `default` network and pool present and active — checked, never created or started.
import { EventEmitter } from 'node:events';
import { ErrorCode, LibvirtError, type Connection, type LibvirtClient } from '../../libvirt/index.ts';
import type { Problem, SanityState } from '../../handlers/index.ts';

/*
 * The local host's check (runtime/sanity.ts) starts the default network and pool, and defines the pool when it is
 * missing: the machine the server runs on is ours to prepare. A registered host is someone else's machine, so its
 * check only looks: an unreachable daemon, or a missing or inactive default network or pool, is that host's problem
 * (shown in /api/hosts and its `host` events). It never puts the interface in global error mode.
 */

const missingOrInactive = async (lookup: Promise<unknown>, isActive: (o: any) => Promise<boolean>, code: number) => {
  try {
    return !(await isActive(await lookup));
  } catch (e) {
    if (e instanceof LibvirtError && e.code === code) return true;
    throw e;
  }
};

export async function checkRemoteSanity(conn: Connection, name: string): Promise<Problem | null> {
  if (await missingOrInactive(conn.networkLookupByName('default'), (n) => conn.networkIsActive(n), ErrorCode.NO_NETWORK)) {
    return { code: 'KCHHOST0008E', params: { name } };
  }
  if (await missingOrInactive(conn.storagePoolLookupByName('default'), (p) => conn.storagePoolIsActive(p), ErrorCode.NO_STORAGE_POOL)) {
    return { code: 'KCHHOST0009E', params: { name } };
  }
  return null;
}

/** The state behind a registered host's `sanity`: rechecked on each (re)connect; unreachable while disconnected. */
export class RemoteSanity extends EventEmitter implements SanityState {
  private problem: Problem | null = null;
  private running: Promise<Problem | null> | null = null;

  constructor(private readonly client: LibvirtClient, private readonly name: string) {
    super();
    client.on('connected', () => void this.recheck());
    client.on('disconnected', () => this.set({ code: 'KCHHOST0006E', params: { name, reason: { t: 'host.connecting' } } }));
  }

  current(): Problem | null { return this.problem; }

  recheck(): Promise<Problem | null> {
    this.running ??= (async () => {
      let problem: Problem | null;
      try {
        problem = await checkRemoteSanity(this.client.connection, this.name);
      } catch (e) {
        problem = { code: 'KCHHOST0006E', params: { name: this.name, reason: (e as Error).message } };
      }
      this.set(problem);
      return problem;
    })().finally(() => { this.running = null; });
    return this.running;
  }

  private set(problem: Problem | null): void {
    const changed = JSON.stringify(problem) !== JSON.stringify(this.problem);
    this.problem = problem;
    if (changed) this.emit('change', problem);
  }
}
