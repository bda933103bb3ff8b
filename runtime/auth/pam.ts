// PAM through node-linux-pam in a child process: the host's own users log in; successful Basic credentials are
// remembered briefly (hashed).
import { createHash } from 'node:crypto';
import { pamProcess, type PamProcessOptions } from './pam-process.ts';

export interface PamOptions extends PamProcessOptions { service: string; cacheMs?: number }

/**
 * Scripts using HTTP Basic send the password on every request and PAM takes tens of milliseconds (seconds when it
 * fails): a success is remembered for `cacheMs` under a salted hash of user and password, never the password.
 * Checks run in their own process (runtime/auth/pam-process.ts); when it is saturated the promise rejects.
 */
export function pamAuthenticator(opts: PamOptions) {
  const salt = createHash('sha256').update(String(Math.random()) + Date.now()).digest();
  const recent = new Map<string, number>();
  const key = (u: string, p: string) => createHash('sha256').update(salt).update(u).update('\0').update(p).digest('base64');
  const pam = pamProcess(opts);
  const authenticate = async (username: string, password: string, remoteAddr?: string): Promise<boolean> => {
    const k = key(username, password);
    const until = recent.get(k);
    if (until && until > Date.now()) return true;
    if (!await pam.check({ username, password, service: opts.service, remoteHost: remoteAddr })) {
      recent.delete(k);
      return false;
    }
    if (recent.size > 1000) recent.clear();
    recent.set(k, Date.now() + (opts.cacheMs ?? 60_000));
    return true;
  };
  return { authenticate, close: pam.close };
}
