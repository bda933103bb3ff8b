// The New guest dialog's cloud-init part: user, password, SSH keys (one a line), host name and extra user-data, the
// problems found as the user types (the server checks keys and YAML again, and names what it refuses), and the body's `cloud_init`.
import { createSignal } from 'solid-js';
import type { VmCreate } from '../../api/index.ts';
import { t } from './cloud-i18n.ts';

export type CloudField = 'ciUser' | 'ciPassword' | 'ciKeys' | 'ciHostname' | 'ciUserData';

const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const HOST = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
/** "<type> <base64> [comment]": the shape; whether the blob is a key of that type is the server's check. */
const KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]{16,}={0,2}( .*)?$/;

export function createCloudInitForm() {
  const [values, setValues] = createSignal<Record<CloudField, string>>({ ciUser: '', ciPassword: '', ciKeys: '', ciHostname: '', ciUserData: '' });
  const value = (f: CloudField) => values()[f];
  const edit = (f: CloudField, v: string) => setValues((all) => ({ ...all, [f]: v }));
  const keys = () => value('ciKeys').split('\n').map((k) => k.trim()).filter(Boolean);

  const problems = (): Partial<Record<CloudField, string>> => {
    const p: Partial<Record<CloudField, string>> = {};
    if (!USER.test(value('ciUser')) || value('ciUser') === 'root') p.ciUser = t('problem.user');
    const bad = keys().findIndex((k) => !KEY.test(k.replace(/[ \t]+/g, ' ')));
    if (bad >= 0) p.ciKeys = t('problem.key', { n: bad + 1 });
    else if (!keys().length && !value('ciPassword')) p.ciKeys = t('problem.login');
    if (value('ciHostname') && !HOST.test(value('ciHostname'))) p.ciHostname = t('problem.hostname');
    return p;
  };

  const body = (): NonNullable<VmCreate['cloud_init']> => ({
    user: value('ciUser'),
    ...(value('ciPassword') ? { password: value('ciPassword') } : {}),
    ...(keys().length ? { ssh_keys: keys() } : {}),
    ...(value('ciHostname') ? { hostname: value('ciHostname') } : {}),
    ...(value('ciUserData').trim() ? { user_data: value('ciUserData') } : {}),
  });

  return { value, edit, problems, body };
}

export type CloudInitForm = ReturnType<typeof createCloudInitForm>;
