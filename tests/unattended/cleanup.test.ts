// QEMU/KVM truth for the end of an unattended install: the server (openKimchi on qemu:///system) deletes the install
// volumes — which hold the passwords in clear text — when the install run stops, keeps the guest's disk, and the next
// start boots the final definition; volumes left while the server was down go at its next start, a running install's stay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { child, parseDomainXML, parseXml, text } from '../../libvirt/xml/index.ts';
import { lockVm, unlockVm } from '../../db/index.ts';
import { endInstall } from '../../handlers/vms/unattended-cleanup.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { PREFIX, uaKit, type UaKit } from './kit.ts';
import { createInstall, dom, ISOS, recordOf, uaServer, until, xmlOf } from './server-kit.ts';

let k: UaKit;
test.before(async () => { k = await uaKit(); });
test.after(async () => { await k.cleanup(); });

test('the install run stops (the installer reboots): its kernel and initrd volumes go, the disk stays, the next start boots the final definition', async () => {
  const s = await uaServer(k);
  try {
    await s.swept();
    const name = `${PREFIX}ends`;
    await createInstall(k, name, 'debian');
    const install = [`${name}-install-initrd.img`, `${name}-install-kernel.img`];
    assert.equal(await k.volumes(), [`${name}-0.qcow2`, ...ISOS, ...install].sort(), 'the install run keeps its volumes');
    assert.is((await recordOf(k, name)).length, 2);
    for (const v of install) assert.is(statSync(join(k.poolDir, v)).mode & 0o077, 0, `${v} is readable by its owner only`);

    // on_reboot=destroy: the installer's reboot is a stop of the domain.
    await k.conn.domainDestroy(await dom(k, name));
    await until(async () => !(await k.volumes()).includes(install[0]), 'the install volumes were deleted');
    assert.equal(await k.volumes(), [`${name}-0.qcow2`, ...ISOS].sort(), 'the disk and the ISOs stay, the install volumes go');
    await until(async () => (await recordOf(k, name)).length === 0, 'the record of them left the saved definition');

    await k.conn.domainCreate(await dom(k, name));
    const live = await xmlOf(k, name);
    const os = child(parseXml(live).root, 'os');
    assert.equal([text(child(os, 'kernel')), text(child(os, 'initrd')), text(child(os, 'cmdline'))], [undefined, undefined, undefined]);
    assert.is.not(text(child(parseXml(live).root, 'on_reboot')), 'destroy');
    assert.equal(parseDomainXML(live).devices.disks.map((d) => [d.device, d.source?.file]),
      [['disk', join(k.poolDir, `${name}-0.qcow2`)], ['cdrom', k.isos.debian]]);
    assert.ok(s.lines.some((l) => l.includes('unattended install ended') && l.includes(name)), 'the server says what it deleted');

    const plan = await k.send('GET', `/api/vms/${name}/deletion`);
    assert.equal(plan.body.delete.map((d: any) => d.volume), [`${name}-0.qcow2`]);
    await k.conn.domainDestroy(await dom(k, name));
    assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  } finally {
    await s.kimchi.close();
  }
});

test('DELETE during the install run (its stop reaches the server meanwhile): the guest and every volume stay gone', async () => {
  const s = await uaServer(k);
  try {
    await s.swept();
    const name = `${PREFIX}deleted`;
    await createInstall(k, name, 'debian');
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
  await createInstall(k, ended, 'windows');
  await createInstall(k, running, 'debian');
  // No server: the Windows installer's reboot stops the guest and nobody removes the script CD-ROM.
  await k.conn.domainDestroy(await dom(k, ended));
  assert.ok((await k.volumes()).includes(`${ended}-install-script.iso`), 'nothing removed it while the server was down');

  const s = await uaServer(k);
  try {
    await s.swept();
    const left = await k.volumes();
    assert.not.ok(left.includes(`${ended}-install-script.iso`), 'the ended install\'s script CD-ROM is gone');
    assert.ok(left.includes(`${ended}-0.qcow2`), 'its disk stays');
    assert.equal(await recordOf(k, ended), []);
    assert.ok(left.includes(`${running}-install-kernel.img`) && left.includes(`${running}-install-initrd.img`), 'the running install keeps its volumes');
    assert.is((await recordOf(k, running)).length, 2);
    assert.ok(await k.conn.domainIsActive(await dom(k, running)), 'and keeps running');
    const saved = parseDomainXML(await xmlOf(k, ended, DomainXMLFlags.INACTIVE));
    assert.equal(saved.devices.disks.filter((d) => d.device === 'cdrom').map((d) => d.source?.file), [k.isos.windows]);
  } finally {
    await s.kimchi.close();
  }
  for (const n of [ended, running]) {
    await k.conn.domainDestroy(await dom(k, n)).catch(() => undefined);
    assert.is((await k.send('DELETE', `/api/vms/${n}`)).status, 204);
  }
  assert.equal(await k.volumes(), ISOS);
});

test('a guest a task holds (a clone, its own creation) keeps its install volumes until the task lets go', async () => {
  const name = `${PREFIX}held`;
  await createInstall(k, name, 'windows');
  const d = await dom(k, name);
  await k.conn.domainDestroy(d);
  assert.ok(lockVm(k.store.db, d.uuid, 'clone'));
  assert.equal(await endInstall(k.conn, d, k.store.db), { status: 'busy' });
  assert.ok((await k.volumes()).includes(`${name}-install-script.iso`), 'kept while held');
  unlockVm(k.store.db, d.uuid);
  assert.equal(await endInstall(k.conn, d, k.store.db), { status: 'cleaned', deleted: [join(k.poolDir, `${name}-install-script.iso`)] });
  assert.equal(await endInstall(k.conn, d, k.store.db), { status: 'none' }, 'the record went with them');
  assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.equal(await k.volumes(), ISOS);
});

test.run();
