// The host's users and groups, read with getent (so NSS sources such as LDAP count too); argument arrays only.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { HostUser } from '../../handlers/auth/types.ts';

const run = promisify(execFile);

async function getent(db: string, key?: string): Promise<string[][]> {
  try {
    const { stdout } = await run('getent', key === undefined ? [db] : [db, key], { maxBuffer: 16 * 1024 * 1024 });
    return stdout.split('\n').filter(Boolean).map((l) => l.split(':'));
  } catch {
    return []; // getent exits 2 for an unknown key
  }
}

export async function hostUser(name: string): Promise<HostUser | undefined> {
  const [pw] = await getent('passwd', name);
  if (!pw || pw[0] !== name) return undefined;
  const gid = pw[3];
  const groups = (await getent('group')).filter((g) => g[2] === gid || (g[3] ?? '').split(',').includes(name)).map((g) => g[0]);
  return { name, uid: Number(pw[2]), groups: [...new Set(groups)] };
}

/** Login-capable users: root and ordinary accounts (uid ≥ 1000), not system accounts. */
export async function hostUsers(): Promise<string[]> {
  return (await getent('passwd')).filter((p) => Number(p[2]) === 0 || (Number(p[2]) >= 1000 && Number(p[2]) < 65534))
    .map((p) => p[0]).sort();
}

export async function hostGroups(): Promise<string[]> {
  return (await getent('group')).map((g) => g[0]).sort();
}
