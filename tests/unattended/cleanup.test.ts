// QEMU/KVM truth for the end of an unattended install: the server (openKimchi on qemu:///system) deletes the install
// volumes — which hold the passwords in clear text — when the install run stops, keeps the guest's disk, and the next
// start boots the final definition; volumes left while the server was down go at its next start, a running install's stay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { child, parseDomainXML, parseXml, text } from '../../libvirt/xml/index.ts';
import { installVolumesOf } from '../../handlers/vms/unattended.ts';
import { insertHost, openStore } from '../../db/index.ts';
import { openKimchi, type Kimchi } from '../../runtime/kimchi.ts';
import { MIGRATIONS_DIR } from '../../runtime/paths.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { QEMU_URI } from '../helpers/qemu.ts';
import { PREFIX, uaKit, type UaKit } from './kit.ts';

let k: UaKit;
test.before(async () => { k = await uaKit(); });
test.after(async () => { await k.cleanup(); });

const ISOS = ['debian.iso', 'fedoraLive.iso', 'windows.iso'];
const pool = () => `/api/storagepools/${k.pool.name}`;
const dom = (name: string) => k.conn.domainLookupByName(name);
const xmlOf = async (name: string, flags = 0) => k.conn.domainGetXMLDesc(await dom(name), flags);
const recordOf = async (name: string) => installVolumesOf(parseDomainXML(await xmlOf(name, DomainXMLFlags.INACTIVE)));

/**
 * The server as `kimchi-ts` runs it (API only) on this machine's libvirtd, or on a test-driver `local` with
 * qemu:///system registered as the host `kvm`; its log lines kept; `swept` resolves when a host's first sweep is done.
 */
async function server(opts: { local?: string; registered?: boolean } = {}): Promise<{ kimchi: Kimchi; lines: string[]; swept: (host?: string) => Promise<void> }> {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => { lines.push(s); } });
  const dataDir = mkdtempSync(join(k.dir, 'server-'));
  if (opts.registered) {
    const store = openStore(join(dataDir, 'kimchi.db'), { migrationsFolder: MIGRATIONS_DIR });
    insertHost(store.db, 'kvm', { uri: QEMU_URI }, null);
    store.close();
  }
  const kimchi = await openKimchi({ libvirtUri: opts.local ?? QEMU_URI, dataDir, uiDir: false, logger });
  const swept = (host = 'local') => until(() => lines.some((l) => l.includes('unattended install sweep done') && l.includes(`"host":"${host}"`)),
    `the server swept ${host} when it connected`);
  return { kimchi, lines, swept };
}

/** Wait (bounded, not timed) until `done` holds. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.unreachable(`never: ${what}`);
}

async function create(name: string, iso: 'debian' | 'windows'): Promise<void> {
  const unattended = iso === 'debian'
    ? { user: 'alice', password: 'secret-1', locale: 'pt-BR', timezone: 'America/Sao_Paulo' }
    : { user: 'bob', password: 'secret-2', locale: 'en-GB', product_key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' };
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'iso', path: k.isos[iso] }, storagepool: pool(), networks: [], memory: 128, disk_size: 1, start: true, unattended,
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  assert.ok(await k.conn.domainIsActive(await dom(name)), 'the install run started');
}

test('the install run stops (the installer reboots): its kernel and initrd volumes go, the disk stays, the next start boots the final definition', async () => {
  const s = await server();
  try {
    await s.swept();
    const name = `${PREFIX}ends`;
    await create(name, 'debian');
    const install = [`${name}-install-initrd.img`, `${name}-install-kernel.img`];
    assert.equal(await k.volumes(), [`${name}-0.qcow2`, ...ISOS, ...install].sort(), 'the install run keeps its volumes');
    assert.is((await recordOf(name)).length, 2);
    for (const v of install) assert.is(statSync(join(k.poolDir, v)).mode & 0o077, 0, `${v} is readable by its owner only`);

    // on_reboot=destroy: the installer's reboot is a stop of the domain.
    await k.conn.domainDestroy(await dom(name));
    await until(async () => !(await k.volumes()).includes(install[0]), 'the install volumes were deleted');
    assert.equal(await k.volumes(), [`${name}-0.qcow2`, ...ISOS].sort(), 'the disk and the ISOs stay, the install volumes go');
    await until(async () => (await recordOf(name)).length === 0, 'the record of them left the saved definition');

    await k.conn.domainCreate(await dom(name));
    const live = await xmlOf(name);
    const os = child(parseXml(live).root, 'os');
    assert.equal([text(child(os, 'kernel')), text(child(os, 'initrd')), text(child(os, 'cmdline'))], [undefined, undefined, undefined]);
    assert.is.not(text(child(parseXml(live).root, 'on_reboot')), 'destroy');
    assert.equal(parseDomainXML(live).devices.disks.map((d) => [d.device, d.source?.file]),
      [['disk', join(k.poolDir, `${name}-0.qcow2`)], ['cdrom', k.isos.debian]]);
    assert.ok(s.lines.some((l) => l.includes('unattended install ended') && l.includes(name)), 'the server says what it deleted');

    const plan = await k.send('GET', `/api/vms/${name}/deletion`);
    assert.equal(plan.body.delete.map((d: any) => d.volume), [`${name}-0.qcow2`]);
    await k.conn.domainDestroy(await dom(name));
    assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  } finally {
    await s.kimchi.close();
  }
});

test('DELETE during the install run (its stop reaches the server meanwhile): the guest and every volume stay gone', async () => {
  const s = await server();
  try {
    await s.swept();
    const name = `${PREFIX}deleted`;
    await create(name, 'debian');
    assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
    await until(() => s.lines.some((l) => l.includes(name) && l.includes('unattended install')), 'the server handled the stop');
    assert.equal((await k.conn.connectListAllDomains()).filter((d) => d.name === name), [], 'not defined again');
    assert.equal(await k.volumes(), ISOS);
  } finally {
    await s.kimchi.close();
  }
});

test('volumes of an install that ended while the server was down go at its next start; a running install keeps its own', async () => {
  const ended = `${PREFIX}swept`;
  const running = `${PREFIX}running`;
  await create(ended, 'windows');
  await create(running, 'debian');
  // No server: the Windows installer's reboot stops the guest and nobody removes the script CD-ROM.
  await k.conn.domainDestroy(await dom(ended));
  assert.ok((await k.volumes()).includes(`${ended}-install-script.iso`), 'nothing removed it while the server was down');

  const s = await server();
  try {
    await s.swept();
    const left = await k.volumes();
    assert.not.ok(left.includes(`${ended}-install-script.iso`), 'the ended install\'s script CD-ROM is gone');
    assert.ok(left.includes(`${ended}-0.qcow2`), 'its disk stays');
    assert.equal(await recordOf(ended), []);
    assert.ok(left.includes(`${running}-install-kernel.img`) && left.includes(`${running}-install-initrd.img`), 'the running install keeps its volumes');
    assert.is((await recordOf(running)).length, 2);
    assert.ok(await k.conn.domainIsActive(await dom(running)), 'and keeps running');
    const saved = parseDomainXML(await xmlOf(ended, DomainXMLFlags.INACTIVE));
    assert.equal(saved.devices.disks.filter((d) => d.device === 'cdrom').map((d) => d.source?.file), [k.isos.windows]);
  } finally {
    await s.kimchi.close();
  }
  for (const n of [ended, running]) {
    await k.conn.domainDestroy(await dom(n)).catch(() => undefined);
    assert.is((await k.send('DELETE', `/api/vms/${n}`)).status, 204);
  }
  assert.equal(await k.volumes(), ISOS);
});

test('on a registered host, through its own client: a run that ended before it connected is swept, a stop there cleans up', async () => {
  const ended = `${PREFIX}remote-swept`;
  const running = `${PREFIX}remote-ends`;
  await create(ended, 'windows');
  await create(running, 'debian');
  await k.conn.domainDestroy(await dom(ended));
  const fx = writeFixture({ domains: [] });
  const s = await server({ local: fx.uri, registered: true });
  try {
    await s.swept('kvm');
    let left = await k.volumes();
    assert.not.ok(left.includes(`${ended}-install-script.iso`), 'swept when the host connected');
    assert.ok(left.includes(`${running}-install-initrd.img`), 'the running install keeps its volumes');

    await k.conn.domainDestroy(await dom(running));
    await until(async () => !(await k.volumes()).includes(`${running}-install-initrd.img`), 'the stop on kvm removed them');
    left = await k.volumes();
    assert.equal(left.filter((v) => v.startsWith(PREFIX)), [`${running}-0.qcow2`, `${ended}-0.qcow2`]);
    assert.ok(s.lines.some((l) => l.includes('unattended install ended') && l.includes('"host":"kvm"') && l.includes(running)), 'logged as kvm\'s');
  } finally {
    await s.kimchi.close();
    fx.cleanup();
  }
  for (const n of [ended, running]) assert.is((await k.send('DELETE', `/api/vms/${n}`)).status, 204);
  assert.equal(await k.volumes(), ISOS);
});

test.run();
