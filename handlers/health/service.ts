// The health verdict: libvirtd reachable and the database answering, then the rest of the startup sanity check.
import { sql } from 'drizzle-orm';
import type { Deps } from '../common/context.ts';
import type { Health } from './schemas.ts';

/** The sanity problem that means libvirtd cannot be reached (runtime/monitor.ts). */
const UNREACHABLE = 'KCHCONF0001E';

export function health(deps: Pick<Deps, 'db' | 'sanity' | 'version'>): Health {
  const version = deps.version ?? '0.0.0';
  try {
    deps.db.get(sql`select 1`);
  } catch {
    return { status: 'error', version };
  }
  const problem = deps.sanity.current();
  if (!problem) return { status: 'ok', version };
  return { status: problem.code === UNREACHABLE ? 'error' : 'degraded', version };
}
