// Real host users for auth tests (useradd/chpasswd, removed afterwards) and a PAM service without the failure delay.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';

export interface TestUser { name: string; password: string }

/** /etc/pam.d/<service>: pam_unix without its 2 s delay after a failure, so throttling tests stay quick. */
export function installPamService(service: string): () => void {
  const path = `/etc/pam.d/${service}`;
  writeFileSync(path, 'auth required pam_unix.so nodelay\naccount required pam_unix.so\n');
  return () => rmSync(path, { force: true });
}

/** A host user with a random password; `groups` must exist. */
export function createUser(prefix: string, groups: string[] = []): TestUser {
  const name = `${prefix}${randomBytes(3).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('base64url')}`;
  execFileSync('useradd', ['-M', '-s', '/usr/sbin/nologin', ...(groups.length ? ['-G', groups.join(',')] : []), name]);
  execFileSync('chpasswd', [], { input: `${name}:${password}\n` });
  return { name, password };
}

export function removeUser(user: TestUser | undefined): void {
  if (!user) return;
  try { execFileSync('userdel', [user.name], { stdio: 'ignore' }); } catch { /* already gone */ }
}

export const basic = (u: TestUser) => `Basic ${Buffer.from(`${u.name}:${u.password}`).toString('base64')}`;
