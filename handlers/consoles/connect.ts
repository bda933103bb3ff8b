// The connect action: check the VM can be reached, then issue a one-time console token (stored hashed, 30 s).
import { issueConsoleToken } from '../../db/consoles.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { lookupVm } from '../vms/service.ts';
import { consoleTarget } from './connect-target.ts';
import type { ConnectBody, ConsoleConnection } from './connect-schemas.ts';
import { hostOf } from '../common/hosts.ts';

export const CONSOLE_TOKEN_TTL_MS = 30_000;

/**
 * `user` is the authenticated user when the auth layer sets one on the context; it is kept with the token so the
 * WebSocket side can apply per-user rules (none yet: any caller of this API may connect); `session` (its token
 * hash) too, so the console closes when that session ends.
 */
export async function connectVm(
  deps: Deps, name: string, body: ConnectBody, user: string | null, session: string | null = null,
): Promise<ConsoleConnection> {
  const conn = deps.libvirt.connection;
  const target = await consoleTarget(conn, await lookupVm(conn, name));
  if (body.kind === 'serial') {
    if (!target.serial) throw new KimchiError(409, 'KCHCONS0004E', { name });
  } else if (target.vncProblem) throw target.vncProblem;
  const { token, expiresAt } = issueConsoleToken(deps.db, target.dom.uuid, body.kind ?? 'any', CONSOLE_TOKEN_TTL_MS, user, Date.now(), session, hostOf(deps));
  const q = new URLSearchParams({ token }).toString();
  const at = `${deps.basePath ?? ''}/api/consoles`;
  return { token, vnc: `${at}/vnc?${q}`, serial: `${at}/serial?${q}`, expires: expiresAt.toISOString() };
}
