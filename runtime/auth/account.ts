// Whether a host account may still be used, as pam_unix's account check sees it: it exists, its password is not
// locked (passwd -l), and neither the account (chage -E) nor its password past the inactive period has expired.
import { execFile } from 'node:child_process';

const DAY_MS = 86_400_000;

/** One getent entry's fields; undefined when the key does not exist (exit 2). Other failures throw. */
function getent(db: 'passwd' | 'shadow', key: string): Promise<string[] | undefined> {
  return new Promise((resolve, reject) => {
    execFile('getent', [db, key], { timeout: 10_000 }, (err, stdout) => {
      if (err) return (err as { code?: unknown }).code === 2 ? resolve(undefined) : reject(err);
      const line = stdout.split('\n')[0] ?? '';
      resolve(line ? line.split(':') : undefined);
    });
  });
}

const days = (field: string | undefined) => (field && /^\d+$/.test(field) ? Number(field) : undefined);

/** The verdict from a shadow entry (sp_namp:sp_pwdp:sp_lstchg:sp_min:sp_max:sp_warn:sp_inact:sp_expire:…). */
export function shadowActive(fields: string[], now = Date.now()): boolean {
  const today = Math.floor(now / DAY_MS);
  if ((fields[1] ?? '').startsWith('!')) return false;
  const expire = days(fields[7]);
  if (expire !== undefined && expire <= today) return false;
  const [changed, max, inactive] = [days(fields[2]), days(fields[4]), days(fields[6])];
  if (changed && max !== undefined && inactive !== undefined && today > changed + max + inactive) return false;
  return true;
}

/**
 * True unless the account is gone, locked or expired. Only root can read shadow: without it (or when the account
 * lives in a directory that publishes no shadow entry) only existence is checked. Lookup failures throw, so a
 * directory that is briefly away does not end anyone's session.
 */
export async function accountActive(name: string): Promise<boolean> {
  const pw = await getent('passwd', name);
  if (!pw || pw[0] !== name) return false;
  const sp = await getent('shadow', name);
  return sp ? shadowActive(sp) : true;
}
