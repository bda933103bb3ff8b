// Which host files may become a VM's CD-ROM, on QEMU (libvirt gives a CD-ROM's file to the QEMU user for good):
// the host's secrets and system directories never, files that are not disc images never, real ISOs and pool volumes yes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/index.ts';
import { discFormat } from '../../handlers/common/cdrom-path.ts';
import { createApp } from '../../handlers/index.ts';
import { DomainXMLFlags, LibvirtClient, type Connection } from '../../libvirt/index.ts';
import { buildDomainXML, buildStoragePoolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { makeIso, type TempIso } from '../helpers/iso.ts';
import { QEMU_URI, sweep, testName } from '../helpers/qemu.ts';

const PREFIX = 'kimchi-test-h12cdrom-';
const VAR_LIB = '/var/lib';
const tmp = mkdtempSync(join(tmpdir(), PREFIX));
const client = new LibvirtClient({ uri: QEMU_URI });
const events = new EventBus();
let conn: Connection;
let store: Store;
let app: ReturnType<typeof createApp>;
let vm = '';
let isoA: TempIso;
let isoB: TempIso;

/** Our leftovers in /var/lib (pool directories this suite made), by prefix only. */
async function sweepVarLib(): Promise<void> {
  for (const pool of await conn.connectListAllStoragePools()) {
    if (pool.name.startsWith(PREFIX)) { await conn.storagePoolDestroy(pool).catch(() => {}); await conn.storagePoolUndefine(pool).catch(() => {}); }
  }
  for (const name of execFileSync('ls', [VAR_LIB], { encoding: 'utf8' }).split('\n')) {
    if (name.startsWith(PREFIX)) rmSync(join(VAR_LIB, name), { recursive: true, force: true });
  }
}

test.before(async () => {
  conn = await client.open();
  await sweep(conn, PREFIX);
  await sweepVarLib();
  store = openStore(join(tmp, 'kimchi.db'));
  app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent, version: 'test' });
  vm = testName(PREFIX);
  await conn.domainDefineXML(buildDomainXML({
    type: 'kvm', name: vm, memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1, os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] },
    features: [], metadata: [], devices: { disks: [], interfaces: [], graphics: [], serials: [], consoles: [] },
  }));
  [isoA, isoB] = await Promise.all([makeIso({ volumeId: 'KIMCHI_A' }), makeIso({ volumeId: 'KIMCHI_B' })]);
});
test.after(async () => {
  try {
    await sweep(conn, PREFIX);
    await sweepVarLib();
  } finally {
    await isoA?.cleanup();
    await isoB?.cleanup();
    store?.close();
    events.close();
    await client.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

const call = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
  method, headers: { 'Content-Type': 'application/json', 'Accept-Language': lang }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
}));
const attach = (path: string, lang?: string) => call('POST', `/api/vms/${vm}/storages`, { type: 'cdrom', path }, lang);
/** The CD-ROM sources of the VM's saved definition, as libvirt reports them. */
async function sources(): Promise<(string | undefined)[]> {
  const xml = await conn.domainGetXMLDesc(await conn.domainLookupByName(vm), DomainXMLFlags.INACTIVE);
  return parseDomainXML(xml)!.devices.disks.filter((d) => d.device === 'cdrom').map((d) => d.source?.file);
}

test('the host\'s secrets and system directories never become a CD-ROM, not even through a link', async () => {
  const shadow = statSync('/etc/shadow');
  symlinkSync('/etc/shadow', join(tmp, 'shadow.iso'));
  const cases: [string, string, string][] = [
    ['/etc/shadow', 'KCHCDROM0002E', '/etc'],
    [join(tmp, 'shadow.iso'), 'KCHCDROM0002E', '/etc'],
    ['/proc/self/environ', 'KCHCDROM0002E', '/proc'],
    ['/sys/kernel/notes', 'KCHCDROM0002E', '/sys'],
    ['/var/log', 'KCHCDROM0002E', '/var/log'],
    ['/dev/null', 'KCHCDROM0003E', '/dev'],
    ['/var/lib/dpkg/status', 'KCHCDROM0003E', '/var/lib'],
  ];
  for (const [path, code, dir] of cases) {
    const r = await attach(path);
    assert.equal([r.status, r.body.code], [400, code], path);
    assert.ok(r.body.reason.startsWith(`${path} is in ${dir}, `), r.body.reason);
  }
  const pt = await attach('/etc/shadow', 'pt-BR');
  assert.equal(pt.body.reason, '/etc/shadow está em /etc, um diretório do sistema: arquivos de lá nunca são entregues a uma máquina virtual como CD-ROM.');
  assert.equal(await sources(), [], 'no CD-ROM was added');
  const after = statSync('/etc/shadow');
  assert.equal([after.uid, after.gid, after.mode], [shadow.uid, shadow.gid, shadow.mode], '/etc/shadow keeps its owner and mode');
});

test('a file that is no disc image, a FIFO, a directory or a missing path is refused with the reason', async () => {
  const text = join(tmp, 'notes.iso');
  writeFileSync(text, 'not a disc\n'.repeat(10_000));
  const fifo = join(tmp, 'pipe.iso');
  execFileSync('mkfifo', [fifo]);
  const t0 = Date.now();
  const r = await Promise.all([attach(text), attach(fifo), attach(tmp), attach(join(tmp, 'gone.iso'))]);
  assert.ok(Date.now() - t0 < 3000, 'answered at once, the FIFO too');
  assert.equal(r.map((x) => [x.status, x.body.code]), [[400, 'KCHCDROM0005E'], [400, 'KCHCDROM0004E'], [400, 'KCHCDROM0004E'], [400, 'KCHCDROM0001E']]);
  assert.equal(r[0]!.body.reason, `${text} is not an ISO 9660 or UDF image, so it cannot be used as a CD-ROM.`);
  assert.equal(r[1]!.body.reason, `${fifo} is a named pipe (FIFO); a CD-ROM image must be a regular file.`);
  assert.equal((await attach(fifo, 'pt-BR')).body.reason, `${fifo} é um pipe nomeado (FIFO); uma imagem de CD-ROM precisa ser um arquivo comum.`);
  assert.equal(r[2]!.body.reason, `${tmp} is a directory; a CD-ROM image must be a regular file.`);
  assert.equal(await sources(), []);
});

test('a real ISO is attached and changed to another; a change to /etc/shadow is refused and leaves the disc in; eject works', async () => {
  const r = await attach(isoA.path);
  assert.equal([r.status, r.body.type, r.body.path], [201, 'cdrom', isoA.path], JSON.stringify(r.body));
  const dev = r.body.dev as string;
  assert.equal(await sources(), [isoA.path]);
  const refused = await call('PUT', `/api/vms/${vm}/storages/${dev}`, { path: '/etc/shadow' });
  assert.equal([refused.status, refused.body.code], [400, 'KCHCDROM0002E']);
  assert.equal(await sources(), [isoA.path], 'the disc stays in');
  const changed = await call('PUT', `/api/vms/${vm}/storages/${dev}`, { path: isoB.path });
  assert.equal([changed.status, changed.body.path], [200, isoB.path]);
  const ejected = await call('PUT', `/api/vms/${vm}/storages/${dev}`, { path: '' });
  assert.equal([ejected.status, ejected.body.path], [200, null]);
  assert.equal((await call('DELETE', `/api/vms/${vm}/storages/${dev}`)).status, 204);
});

test('in /var/lib an ISO that is a volume of a storage pool is accepted; the same image outside a pool is not', async () => {
  const name = testName(PREFIX);
  const poolDir = join(VAR_LIB, name);
  const loose = join(VAR_LIB, `${name}-loose`);
  mkdirSync(poolDir);
  mkdirSync(loose);
  copyFileSync(isoA.path, join(poolDir, 'install.iso'));
  copyFileSync(isoA.path, join(loose, 'install.iso'));
  await conn.storagePoolCreateXML(buildStoragePoolXML({ type: 'dir', name, targetPath: poolDir }));
  const ok = await attach(join(poolDir, 'install.iso'));
  assert.equal([ok.status, ok.body.pool, ok.body.vol], [201, name, 'install.iso'], JSON.stringify(ok.body));
  const no = await attach(join(loose, 'install.iso'));
  assert.equal([no.status, no.body.code], [400, 'KCHCDROM0003E']);
  assert.equal((await call('DELETE', `/api/vms/${vm}/storages/${ok.body.dev}`)).status, 204);
});

test('a UDF image is recognised by its volume recognition sequence (BEA01, NSR02, TEA01 from sector 16)', async () => {
  const path = join(tmp, 'udf.img');
  const fd = openSync(path, 'w');
  try {
    ['BEA01', 'NSR02', 'TEA01'].forEach((id, i) => writeSync(fd, Buffer.from(`\0${id}\x01`, 'latin1'), 0, 7, (16 + i) * 2048));
    writeSync(fd, Buffer.alloc(2048), 0, 2048, 40 * 2048);
  } finally { closeSync(fd); }
  assert.is(await discFormat(path), 'udf');
  assert.is(await discFormat(isoA.path), 'iso9660');
  assert.is(await discFormat(join(tmp, 'notes.iso')), undefined);
});

test.run();
