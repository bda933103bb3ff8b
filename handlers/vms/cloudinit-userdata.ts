// The NoCloud seed's two files, as YAML built by a library (never by concatenation): user-data (#cloud-config: the
// user with a SHA-512 crypt hash of the password and the SSH keys, the host name, extra user-data merged in) and meta-data.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { KimchiError } from '../common/errors.ts';
import type { CloudInit } from './cloudinit-schemas.ts';

/** Key types OpenSSH accepts in authorized_keys. */
const KEY_TYPES = new Set([
  'ssh-ed25519', 'ssh-rsa', 'ssh-dss', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com',
]);

/**
 * One public key, normalised to "<type> <base64> [comment]": 400 KCHCI0001E unless the base64 blob is a key of the
 * type it claims (the blob starts with its own type name, SSH wire format: a 32-bit length, then the name).
 */
export function checkSshKey(line: string, n: number): string {
  const fail = (why: 'ci.key.format' | 'ci.key.type' | 'ci.key.blob', type = '') => new KimchiError(400, 'KCHCI0001E', { n, why: { t: why }, type });
  const m = /^([A-Za-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?: ([^\r\n]*))?$/.exec(line.trim().replace(/[ \t]+/g, ' '));
  if (!m) throw fail('ci.key.format');
  const [, type, b64, comment] = m;
  if (!KEY_TYPES.has(type)) throw fail('ci.key.type', type.slice(0, 64));
  const blob = Buffer.from(b64, 'base64');
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (blob.toString('base64') !== b64 || len !== type.length || blob.subarray(4, 4 + len).toString('latin1') !== type || blob.length < 4 + len + 16) {
    throw fail('ci.key.blob', type);
  }
  return comment ? `${type} ${b64} ${comment}` : `${type} ${b64}`;
}

/** Keys the form sets; extra user-data may not set them too. */
const OURS = ['hostname', 'fqdn', 'users', 'ssh_pwauth', 'chpasswd'];

/** The extra user-data as a plain mapping: 400 when it is not YAML (KCHCI0002E with a position, else 0010E), not a mapping (0003E) or sets ours (0004E). */
export function parseExtra(text: string | undefined): Record<string, unknown> {
  if (text === undefined || !text.trim()) return {};
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const detail = e.message.split(/ at line \d+|\n/)[0];
    const pos = e.linePos?.[0];
    throw pos ? new KimchiError(400, 'KCHCI0002E', { line: pos.line, col: pos.col, detail }) : new KimchiError(400, 'KCHCI0010E', { detail });
  }
  if (!isMap(doc.contents)) {
    const kind = doc.contents === null ? 'ci.kind.empty' : isSeq(doc.contents) ? 'ci.kind.list' : 'ci.kind.scalar';
    throw new KimchiError(400, 'KCHCI0003E', { kind: { t: kind } });
  }
  let value: Record<string, unknown>;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (e) {
    throw new KimchiError(400, 'KCHCI0010E', { detail: e instanceof Error ? e.message : String(e) });
  }
  const clash = OURS.find((k) => Object.hasOwn(value, k));
  if (clash) throw new KimchiError(400, 'KCHCI0004E', { key: clash });
  return value;
}

/** SHA-512 crypt ($6$, random salt) by `openssl passwd -6`, the password on its stdin: never in argv, never logged. */
export function hashPassword(password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', ['passwd', '-6', '-stdin'], { timeout: 10_000 }, (err, stdout) => {
      const hash = stdout.trim();
      if (err || !/^\$6\$[^\s]+$/.test(hash)) reject(new KimchiError(500, 'KCHCI0005E', { detail: err ? err.message : 'openssl gave no SHA-512 hash' }, { cause: err }));
      else resolve(hash);
    });
    child.stdin!.end(`${password}\n`);
  });
}

/** A host name from a VM name: lower case, other characters as hyphens, at most 63 characters. */
export function hostnameOf(vm: string): string {
  const h = vm.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return h || 'guest';
}

export interface SeedFiles { userData: string; metaData: string }

/** Everything checked (400 before anything is made), the password hashed: the two files' text. */
export async function seedFiles(ci: CloudInit, vm: string): Promise<SeedFiles> {
  const keys = (ci.ssh_keys ?? []).filter((k) => k.trim()).map((k, i) => checkSshKey(k, i + 1));
  const extra = parseExtra(ci.user_data);
  const hostname = ci.hostname ?? hostnameOf(vm);
  const user: Record<string, unknown> = {
    name: ci.user, shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL',
    lock_passwd: ci.password === undefined,
    ...(ci.password !== undefined ? { passwd: await hashPassword(ci.password) } : {}),
    ...(keys.length ? { ssh_authorized_keys: keys } : {}),
  };
  const config = { ...extra, hostname, users: [user], ssh_pwauth: ci.password !== undefined };
  return {
    userData: `#cloud-config\n${stringify(config, { lineWidth: 0 })}`,
    metaData: stringify({ 'instance-id': `iid-${randomUUID()}`, 'local-hostname': hostname }),
  };
}
