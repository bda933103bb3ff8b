// The create-pool form: its state, live checks (the server's rules, in the browser) and the request it becomes.
import type { PoolInput } from '../api/storage.ts';
import type { StorageMessageKey } from './i18n.ts';

export type FormType = 'dir' | 'netfs' | 'iscsi';
export const FORM_TYPES: readonly FormType[] = ['dir', 'netfs', 'iscsi'];

export interface PoolForm {
  name: string;
  type: FormType;
  /** dir: the folder; netfs: the mount point (optional). */
  path: string;
  host: string;
  /** netfs: the export path. */
  exportPath: string;
  /** iscsi: the target IQN. */
  target: string;
  port: string;
  /** iscsi: CHAP login, both or neither. */
  chapUser: string;
  chapPassword: string;
}

export const emptyPoolForm = (): PoolForm => ({
  name: '', type: 'dir', path: '', host: '', exportPath: '', target: '', port: '', chapUser: '', chapPassword: '',
});

export type PoolFormErrors = Partial<Record<keyof PoolForm, StorageMessageKey>>;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** handlers/storage/schemas.ts HostName: a DNS name or an IPv4/IPv6 address. */
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[?[0-9A-Fa-f:.]+\\]?)$`);
/** handlers/storage/schemas.ts Iqn. */
const IQN = /^(?:iqn\.\d{4}-\d{2}\.[^\s/]+|eui\.[0-9A-Fa-f]{16}|naa\.[0-9A-Fa-f]{16,32})$/;

export function nameOk(name: string): boolean {
  return name.length > 0 && name.length <= 100 && !name.includes('/') && !name.includes('..') && !CONTROL.test(name) && name.trim() === name;
}

export function hostPathOk(path: string): boolean {
  return path.startsWith('/') && path.length <= 4096 && !CONTROL.test(path) && !path.split('/').includes('..');
}

export const hostOk = (host: string) => host.length > 0 && host.length <= 253 && HOST.test(host);

export function checkPoolForm(f: PoolForm): PoolFormErrors {
  const errors: PoolFormErrors = {};
  if (!nameOk(f.name)) errors.name = 'err.name';
  if (f.type === 'dir' && !hostPathOk(f.path)) errors.path = 'err.path';
  if (f.type === 'netfs') {
    if (f.path && !hostPathOk(f.path)) errors.path = 'err.path';
    if (!hostOk(f.host)) errors.host = 'err.host';
    if (!hostPathOk(f.exportPath)) errors.exportPath = 'err.path';
  }
  if (f.type === 'iscsi') {
    if (!hostOk(f.host)) errors.host = 'err.host';
    if (f.target.length > 223 || !IQN.test(f.target)) errors.target = 'err.iqn';
    if (f.port && !(/^\d{1,5}$/.test(f.port) && Number(f.port) >= 1 && Number(f.port) <= 65535)) errors.port = 'err.port';
    if (f.chapUser && (f.chapUser.length > 255 || CONTROL.test(f.chapUser))) errors.chapUser = 'err.chapUser';
    else if (!f.chapUser !== !f.chapPassword) errors[f.chapUser ? 'chapPassword' : 'chapUser'] = 'err.chapBoth';
    if (f.chapPassword.length > 1024) errors.chapPassword = 'err.chapPassword';
  }
  return errors;
}

export function toPoolInput(f: PoolForm): PoolInput {
  switch (f.type) {
    case 'dir':
      return { name: f.name, type: 'dir', path: f.path };
    case 'netfs':
      return { name: f.name, type: 'netfs', ...(f.path ? { path: f.path } : {}), source: { host: f.host, path: f.exportPath } };
    case 'iscsi':
      return {
        name: f.name, type: 'iscsi', source: {
          host: f.host, target: f.target, ...(f.port ? { port: Number(f.port) } : {}),
          ...(f.chapUser ? { auth: { username: f.chapUser, password: f.chapPassword } } : {}),
        },
      };
  }
}
