// Issue 15's bad input for cloud images: malformed SSH keys, user-data that is not YAML (or not a mapping, or setting
// what the form sets), cloud-init where it cannot go, a size below the image — each a translated 4xx and nothing made.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudKit, execFile, poolVolumes, PREFIX, type CloudKit } from './kit.ts';

let k: CloudKit;
let before: string[];
let chained: string, iso: string;
test.before(async () => {
  k = await cloudKit();
  // An image that is itself an overlay (of a file outside any pool), and an ISO: neither is a cloud image.
  chained = join(k.poolDir, 'chained.qcow2');
  await execFile('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', join(k.dir, 'id'), '-F', 'raw', chained, '64M']);
  mkdirSync(join(k.dir, 'cd'));
  writeFileSync(join(k.dir, 'cd', 'README'), 'not a disk\n');
  iso = join(k.poolDir, 'tools.iso');
  await execFile('xorriso', ['-as', 'mkisofs', '-quiet', '-V', 'TOOLS', '-o', iso, join(k.dir, 'cd')]);
  before = await poolVolumes(k);
});
test.after(async () => { await k.cleanup(); });

const name = `${PREFIX}bad`;
const body = (over: Record<string, unknown> = {}, ci: Record<string, unknown> = {}) => ({
  name, source: { type: 'cloud', path: k.qcow2 }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128,
  cloud_init: { user: 'alice', ssh_keys: [k.sshKey], ...ci }, ...over,
});

/** The refusal, and proof nothing was made: no domain, no new volume, no task. */
async function refused(b: unknown, status: number, code: string, lang = 'en-US'): Promise<string> {
  const r = await k.send('POST', '/api/vms', b, lang);
  assert.equal([r.status, r.body.code], [status, code], JSON.stringify(r.body));
  assert.not.ok((await k.conn.connectListAllDomains()).some((d) => d.name.startsWith(PREFIX)), 'a domain was made');
  assert.equal(await poolVolumes(k), before);
  assert.equal((await k.send('GET', '/api/tasks')).body, []);
  return r.body.reason;
}

test('an SSH key that is not "<type> <base64>" is refused, naming which key, in the caller\'s language', async () => {
  const en = await refused(body({}, { ssh_keys: [k.sshKey, 'AAAAC3NzaC1lZDI1NTE5'] }), 400, 'KCHCI0001E');
  assert.is(en, 'SSH key 2 is not a public key: expected "<type> <base64> [comment]" on one line.');
  const pt = await refused(body({}, { ssh_keys: ['chave'] }), 400, 'KCHCI0001E', 'pt-BR');
  assert.is(pt, 'A chave SSH 1 não é uma chave pública: esperado "<tipo> <base64> [comentário]" em uma linha.');
});

test('an unknown key type, a blob of another type, a truncated blob and two keys on one line are refused', async () => {
  const [type, blob] = k.sshKey.split(' ');
  assert.match(await refused(body({}, { ssh_keys: [`ssh-foo ${blob}`] }), 400, 'KCHCI0001E'), 'the key type ssh-foo is not one OpenSSH accepts');
  assert.match(await refused(body({}, { ssh_keys: [`ssh-rsa ${blob}`] }), 400, 'KCHCI0001E'), 'the base64 part is not a ssh-rsa key');
  assert.match(await refused(body({}, { ssh_keys: [`${type} ${blob.slice(0, 24)}`] }), 400, 'KCHCI0001E'), `not a ${type} key`);
  await refused(body({}, { ssh_keys: [`${k.sshKey}\n${k.sshKey}`] }), 400, 'KCHCI0001E');
});

test('user-data that is not YAML says where; a list or a scalar is not a mapping; hostname or users clash with the form', async () => {
  const bad = await refused(body({}, { user_data: 'packages: [htop\nruncmd: {' }), 400, 'KCHCI0002E');
  assert.match(bad, /^The extra user-data is not valid YAML \(line 2, column 1\): Flow sequence in block collection/);
  assert.match(await refused(body({}, { user_data: 'a: *nowhere\n' }), 400, 'KCHCI0010E'), 'Unresolved alias');
  assert.match(await refused(body({}, { user_data: '- a\n- b\n' }), 400, 'KCHCI0003E'), 'not a list.');
  assert.match(await refused(body({}, { user_data: 'just words' }), 400, 'KCHCI0003E', 'pt-BR'), 'não um valor único.');
  assert.match(await refused(body({}, { user_data: 'users: [root]\n' }), 400, 'KCHCI0004E'), 'sets users, which the form already sets');
  await refused(body({}, { user_data: 'a: 1\na: 2\n' }), 400, 'KCHCI0002E');
});

test('cloud-init with an install ISO, a size below the image, a path outside any pool and a non-disk volume are refused', async () => {
  assert.is(await refused(body({ source: { type: 'iso', path: k.qcow2 } }), 400, 'KCHCI0007E'),
    'cloud-init needs a cloud image or a template with a disk; an install ISO cannot use it.');
  assert.match(await refused(body({ disk_size: 0.01 }), 400, 'KCHCI0008E'), 'smaller than the cloud image');
  await refused(body({ source: { type: 'cloud', path: '/nonexistent/cloud.qcow2' } }), 404, 'KCHCI0006E');
  assert.match(await refused(body({ source: { type: 'cloud', path: iso } }), 400, 'KCHCI0009E'), 'is a volume of format iso');
  assert.match(await refused(body({ source: { type: 'cloud', path: chained } }), 400, 'KCHCI0011E'), `overlay of ${join(k.dir, 'id')}`);
});

test('schema checks: a user name that is not a Linux one, root, a multi-line password, an unknown field', async () => {
  await refused(body({}, { user: 'Alice Smith' }), 400, 'KCHAPI0005E');
  await refused(body({}, { user: 'root' }), 400, 'KCHAPI0005E');
  await refused(body({}, { password: 'a\nb' }), 400, 'KCHAPI0005E');
  await refused(body({}, { sudo: true }), 400, 'KCHAPI0005E');
});

test.run();
