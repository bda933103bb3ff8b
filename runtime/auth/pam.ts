// PAM through node-linux-pam: the host's own users log in; successful Basic credentials are remembered briefly (hashed).
import { createHash } from 'node:crypto';
import { pamAuthenticatePromise } from 'node-linux-pam';

export interface PamOptions { service: string; cacheMs?: number }

/**
 * Scripts using HTTP Basic send the password on every request and PAM takes tens of milliseconds (seconds when it
 * fails): a success is remembered for `cacheMs` under a salted hash of user and password, never the password.
 */
export function pamAuthenticator(opts: PamOptions) {
  const salt = createHash('sha256').update(String(Math.random()) + Date.now()).digest();
  const recent = new Map<string, number>();
  const key = (u: string, p: string) => createHash('sha256').update(salt).update(u).update('\0').update(p).digest('base64');
  return async (username: string, password: string, remoteAddr?: string): Promise<boolean> => {
    const k = key(username, password);
    const until = recent.get(k);
    if (until && until > Date.now()) return true;
    try {
      await pamAuthenticatePromise({ username, password, serviceName: opts.service, remoteHost: remoteAddr });
    } catch {
      recent.delete(k);
      return false;
    }
    if (recent.size > 1000) recent.clear();
    recent.set(k, Date.now() + (opts.cacheMs ?? 60_000));
    return true;
  };
}
