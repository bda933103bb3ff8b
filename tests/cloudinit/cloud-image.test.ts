// QEMU/KVM truth for issue 15's cloud images: a guest from a cloud image gets a qcow2 overlay of the requested size
// and a NoCloud seed (label cidata, the password only as a SHA-512 hash, the SSH key); deleting it removes both, never the image.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseVolumeXML } from '../../handlers/vms/volumes.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import { cloudKit, execFile, MiB, poolVolumes, PREFIX, readIso, type CloudKit } from './kit.ts';

let k: CloudKit;
test.before(async () => { k = await cloudKit(); });
test.after(async () => { await k.cleanup(); });

const GiB = 1024 ** 3;
const PASSWORD = 'correct horse battery staple';
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const vol = async (path: string) => {
  const v = await k.conn.storageVolLookupByPath(path);
  return { ...parseVolumeXML(await k.conn.storageVolGetXMLDesc(v)), ...(await k.conn.storageVolGetInfo(v)) };
};
const disksOf = async (name: string) => parseDomainXML(await k.conn.domainGetXMLDesc(await k.conn.domainLookupByName(name), DomainXMLFlags.INACTIVE)).devices.disks;

test('a guest from a qcow2 cloud image: overlay of the requested size, seed labelled cidata with the hashed password and the key, all removed with the guest but the image', async () => {
  const name = `${PREFIX}web`;
  const imageSum = sha(k.qcow2);
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'cloud', path: k.qcow2 }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [],
    memory: 128, disk_size: 2, start: true,
    cloud_init: { user: 'alice', password: PASSWORD, ssh_keys: [k.sshKey], hostname: 'web1', user_data: '#cloud-config\npackages: [htop]\n' },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);

  // The disk: a qcow2 overlay whose backing store is the image, 2 GiB as asked; the seed is the CD-ROM.
  const disks = await disksOf(name);
  const seedPath = join(k.poolDir, `${name}-cidata.iso`);
  const overlayPath = join(k.poolDir, `${name}-0.qcow2`);
  assert.equal(disks.map((d) => [d.device, d.source?.file]), [['disk', overlayPath], ['cdrom', seedPath]]);
  const overlay = await vol(overlayPath);
  assert.equal([overlay.format, overlay.backingPath, overlay.capacity], ['qcow2', k.qcow2, 2 * GiB]);
  const { stdout } = await execFile('qemu-img', ['info', '--output=json', '-U', overlayPath], { encoding: 'utf8' });
  const info = JSON.parse(stdout);
  assert.equal([info['virtual-size'], info['backing-filename'], info['backing-filename-format']], [2 * GiB, k.qcow2, 'qcow2']);

  // The seed: ISO 9660 labelled cidata, user-data with the key and a SHA-512 hash of the password (never the password).
  const iso = await readIso(seedPath, ['user-data', 'meta-data'], k.dir);
  assert.is(iso.label, 'cidata');
  assert.ok(iso.files['user-data'].startsWith('#cloud-config\n'));
  const ud = parse(iso.files['user-data']);
  assert.is(ud.hostname, 'web1');
  assert.equal(ud.packages, ['htop']);
  assert.is(ud.ssh_pwauth, true);
  const [user] = ud.users;
  assert.equal([user.name, user.lock_passwd, user.ssh_authorized_keys], ['alice', false, [k.sshKey]]);
  assert.match(user.passwd, /^\$6\$[^$]+\$[./0-9A-Za-z]{86}$/);
  const salt = user.passwd.split('$')[2];
  const again = await new Promise<string>((resolve, reject) => {
    const c = execFile('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { encoding: 'utf8' });
    c.then((o) => resolve(o.stdout.trim()), reject);
    c.child.stdin!.end(`${PASSWORD}\n`);
  });
  assert.is(user.passwd, again, 'the hash is of the password given');
  assert.not.ok(iso.files['user-data'].includes(PASSWORD));
  assert.equal(parse(iso.files['meta-data'])['local-hostname'], 'web1');

  // The password is in neither our database (with its WAL) nor the log.
  k.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const dbText = readFileSync(join(k.dir, 'kimchi.db')).toString('latin1');
  assert.not.ok(dbText.includes(PASSWORD), 'password in the database');
  assert.not.ok(k.logged().includes(PASSWORD), 'password in the log');

  // It ran on KVM with the seed attached.
  const dom = await k.conn.domainLookupByName(name);
  assert.ok(await k.conn.domainIsActive(dom), 'running');

  // Deleting: the plan names the overlay and the seed; afterwards only the image files remain, unchanged.
  const plan = await k.send('GET', `/api/vms/${name}/deletion`);
  assert.equal(plan.body.delete.map((d: { path: string }) => d.path).sort(), [overlayPath, seedPath].sort());
  assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.equal(await poolVolumes(k), ['alpine-cloud.raw', 'debian-12-genericcloud.qcow2']);
  assert.is(sha(k.qcow2), imageSum, 'the image was never written');
});

test('a raw image with no size asked: the overlay backs onto raw at the image\'s own size; two guests share the image and deleting one keeps it', async () => {
  const names = [`${PREFIX}a`, `${PREFIX}b`];
  for (const name of names) {
    const r = await k.send('POST', '/api/vms', {
      name, source: { type: 'cloud', path: k.raw }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128,
      cloud_init: { user: 'bob', ssh_keys: [k.sshKey] },
    });
    assert.is(r.status, 202, JSON.stringify(r.body));
    assert.is((await k.settle(r.body.id)).status, 'finished');
  }
  const overlay = await vol(join(k.poolDir, `${names[0]}-0.qcow2`));
  assert.equal([overlay.backingPath, overlay.capacity], [k.raw, 32 * MiB]);
  const ud = parse((await readIso(join(k.poolDir, `${names[0]}-cidata.iso`), ['user-data'], k.dir)).files['user-data']);
  assert.equal([ud.hostname, ud.users[0].lock_passwd, ud.users[0].passwd, ud.ssh_pwauth], [names[0], true, undefined, false]);

  assert.is((await k.send('DELETE', `/api/vms/${names[0]}`)).status, 204);
  assert.ok((await poolVolumes(k)).includes('alpine-cloud.raw'));
  assert.is((await k.send('DELETE', `/api/vms/${names[1]}`)).status, 204);
  assert.equal(await poolVolumes(k), ['alpine-cloud.raw', 'debian-12-genericcloud.qcow2']);
});

test('a template saved from a cloud image makes more guests on overlays of it, each with its own seed; deleting them keeps the image', async () => {
  const first = `${PREFIX}t1`;
  const r = await k.send('POST', '/api/vms', {
    name: first, source: { type: 'cloud', path: k.qcow2 }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128,
    save_template: `${PREFIX}debian`, cloud_init: { user: 'carol', password: 'pw' },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is((await k.settle(r.body.id)).status, 'finished');
  const tpl = (await k.send('GET', `/api/templates/${PREFIX}debian`)).body;
  assert.equal([tpl.disks[0].base, tpl.cdrom], [k.qcow2, undefined], 'the template names the image, not the first guest\'s seed');

  const second = `${PREFIX}t2`;
  const r2 = await k.send('POST', '/api/vms', { name: second, template: `/api/templates/${PREFIX}debian`, cloud_init: { user: 'dave', ssh_keys: [k.sshKey] } });
  assert.is(r2.status, 202, JSON.stringify(r2.body));
  assert.is((await k.settle(r2.body.id)).status, 'finished');
  const disks = await disksOf(second);
  assert.equal(disks.map((d) => d.device), ['disk', 'cdrom']);
  assert.is((await vol(disks[0].source!.file!)).backingPath, k.qcow2);
  const ud = parse((await readIso(disks[1].source!.file!, ['user-data'], k.dir)).files['user-data']);
  assert.equal(ud.users[0].name, 'dave');

  for (const name of [first, second]) assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.is((await k.send('DELETE', `/api/templates/${PREFIX}debian`)).status, 204);
  assert.equal(await poolVolumes(k), ['alpine-cloud.raw', 'debian-12-genericcloud.qcow2']);
});

test('a qcow2 uploaded through the storage API (declared "raw", as the dialog uploads) is used as the qcow2 it is', async () => {
  const bytes = readFileSync(k.qcow2);
  const pool = `/api/storagepools/${k.pool.name}/storagevolumes`;
  const made = await k.send('POST', pool, { name: 'uploaded.qcow2', capacity: bytes.length, format: 'raw', upload: true });
  assert.is(made.status, 202, JSON.stringify(made.body));
  const put = await k.app.request(`${pool}/uploaded.qcow2/content`, {
    method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) },
  });
  assert.is(put.status, 200, await put.text());
  const uploaded = join(k.poolDir, 'uploaded.qcow2');
  const name = `${PREFIX}up`;
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'cloud', path: uploaded }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128,
    disk_size: 1, cloud_init: { user: 'frank', ssh_keys: [k.sshKey] },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is((await k.settle(r.body.id)).status, 'finished');
  const { stdout } = await execFile('qemu-img', ['info', '--output=json', '-U', join(k.poolDir, `${name}-0.qcow2`)], { encoding: 'utf8' });
  assert.equal([JSON.parse(stdout)['backing-filename'], JSON.parse(stdout)['backing-filename-format']], [uploaded, 'qcow2']);
  assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.is((await k.send('DELETE', `${pool}/uploaded.qcow2`)).status, 204);
  assert.equal(await poolVolumes(k), ['alpine-cloud.raw', 'debian-12-genericcloud.qcow2']);
});

test('a define that fails undoes the Task: the seed and the overlay go, the image stays', async () => {
  const r = await k.send('POST', '/api/vms', {
    name: `${PREFIX}fail`, source: { type: 'cloud', path: k.qcow2 }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [],
    memory: 128, cpus: 4000, start: true, cloud_init: { user: 'erin', ssh_keys: [k.sshKey] },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.is(done.status, 'failed');
  // libvirt refuses 4000 vCPUs when defining: after the overlay and the seed were made.
  assert.match(done.message, /Maximum CPUs .* Everything made so far was removed/);
  assert.not.ok((await k.conn.connectListAllDomains()).some((d) => d.name === `${PREFIX}fail`));
  assert.equal(await poolVolumes(k), ['alpine-cloud.raw', 'debian-12-genericcloud.qcow2']);
});

test.run();
