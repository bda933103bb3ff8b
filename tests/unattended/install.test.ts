// QEMU/KVM truth for issue 15's unattended installs: for generated ISOs osinfo-db maps to Debian 11 (preseed, initrd
// injection) and Windows 10 (autounattend, CD-ROM injection), the script is rendered with the given user and time zone
// and reaches the installer as that OS's method says; the saved definition boots from disk; DELETE removes it all.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { parseDomainXML, parseXml, child, text } from '../../libvirt/xml/index.ts';
import { cpioFiles, ORIGINAL_INITRD, PREFIX, readIso, spinningKernel, uaKit, type UaKit } from './kit.ts';

let k: UaKit;
test.before(async () => { k = await uaKit(); });
test.after(async () => { await k.cleanup(); });

const PASSWORD = 'Tr0ub4dor&3 horse';
const ADMIN = 'r00t-only-Secret';
const pool = () => `/api/storagepools/${k.pool.name}`;
const xmlOf = async (name: string, flags = 0) => k.conn.domainGetXMLDesc(await k.conn.domainLookupByName(name), flags);
const osOf = (xml: string) => {
  const os = child(parseXml(xml).root, 'os');
  return { kernel: text(child(os, 'kernel')), initrd: text(child(os, 'initrd')), cmdline: text(child(os, 'cmdline')) };
};
const onReboot = (xml: string) => text(child(parseXml(xml).root, 'on_reboot'));

test('GET /isos offers an unattended install for Debian 11 (initrd) and Windows 10 (CD-ROM), not for a live image', async () => {
  const r = await k.send('GET', '/api/isos');
  assert.is(r.status, 200);
  const mine = Object.fromEntries(r.body.filter((m: any) => m.pool === k.pool.name).map((m: any) => [m.volume, m]));
  assert.is(mine['debian.iso'].os_distro, 'debian');
  assert.equal([mine['debian.iso'].unattended.injection, mine['debian.iso'].unattended.profile], ['initrd', 'jeos']);
  const fields = (m: any) => Object.fromEntries(m.unattended.fields.map((f: any) => [f.name, f.required]));
  assert.equal(fields(mine['debian.iso']), { user: true, password: true, admin_password: false, hostname: false, locale: false, timezone: false });
  assert.is(mine['windows.iso'].os_distro, 'windows');
  assert.is(mine['windows.iso'].unattended.injection, 'cdrom');
  assert.is(fields(mine['windows.iso']).product_key, true);
  assert.is(mine['fedoraLive.iso'].os_distro, 'fedora');
  assert.is(mine['fedoraLive.iso'].unattended, undefined);
});

test('Debian 11: preseed.cfg with the user and time zone appended to the installer initrd, the install run boots kernel+initrd, the saved definition boots the disk', async () => {
  const name = `${PREFIX}debian`;
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'iso', path: k.isos.debian }, storagepool: pool(), networks: [], memory: 128, disk_size: 1, start: true,
    unattended: { user: 'alice', password: PASSWORD, admin_password: ADMIN, locale: 'pt-BR', timezone: 'America/Sao_Paulo' },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);

  // The install run: running, the installer's kernel and our initrd booted directly, the script's arguments, no reboot.
  const dom = await k.conn.domainLookupByName(name);
  assert.ok(await k.conn.domainIsActive(dom), 'the installer runs');
  const live = await xmlOf(name);
  const kernel = join(k.poolDir, `${name}-install-kernel.img`);
  const initrd = join(k.poolDir, `${name}-install-initrd.img`);
  assert.equal(osOf(live), { kernel, initrd, cmdline: 'keyboard-configuration/xkb-keymap=br debconf/priority=critical' });
  assert.is(onReboot(live), 'destroy');
  assert.ok(readFileSync(kernel).equals(spinningKernel()), 'the kernel is the ISO\'s install.amd/vmlinuz');

  // The initrd: the ISO's own bytes, then a cpio archive holding preseed.cfg as Debian's preseed/jeos script renders it.
  const bytes = readFileSync(initrd);
  assert.ok(bytes.subarray(0, ORIGINAL_INITRD.length).equals(ORIGINAL_INITRD), 'starts with the original initrd');
  const files = await cpioFiles(bytes.subarray(Math.ceil(ORIGINAL_INITRD.length / 4) * 4), k.dir);
  assert.equal(Object.keys(files), ['preseed.cfg']);
  const preseed = files['preseed.cfg'];
  assert.match(preseed, /^d-i passwd\/username alice$/m);
  assert.match(preseed, /^d-i time\/zone select America\/Sao_Paulo$/m);
  assert.match(preseed, /^d-i debian-installer\/locale select pt_BR$/m);
  assert.match(preseed, new RegExp(`^d-i passwd/root-password password ${ADMIN}$`, 'm'));
  assert.match(preseed, /^d-i partman-auto\/disk string \/dev\/vda$/m);

  // The saved definition is the final guest: no kernel, reboots normally, boots its disk first.
  const saved = await xmlOf(name, DomainXMLFlags.INACTIVE);
  assert.equal(osOf(saved), { kernel: undefined, initrd: undefined, cmdline: undefined });
  assert.not.ok(onReboot(saved) === 'destroy');
  assert.equal(parseDomainXML(saved).os.boot, ['hd', 'cdrom']);
  assert.equal(parseDomainXML(saved).devices.disks.map((d) => [d.device, d.source?.file]),
    [['disk', join(k.poolDir, `${name}-0.qcow2`)], ['cdrom', k.isos.debian]]);

  // DELETE shows and removes the install volumes with the disk; the ISO stays.
  const plan = await k.send('GET', `/api/vms/${name}/deletion`);
  assert.equal(plan.body.delete.map((d: any) => d.volume).sort(), [`${name}-0.qcow2`, `${name}-install-initrd.img`, `${name}-install-kernel.img`]);
  assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.equal(await k.volumes(), ['debian.iso', 'fedoraLive.iso', 'windows.iso']);
});

test('Windows 10: autounattend.xml with the user and product key on a second CD-ROM labelled OEMDRV for the install run only', async () => {
  const name = `${PREFIX}win`;
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'iso', path: k.isos.windows }, storagepool: pool(), networks: [], memory: 256, disk_size: 1, start: true,
    unattended: { user: 'bob', password: PASSWORD, locale: 'en-GB', product_key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);

  const script = join(k.poolDir, `${name}-install-script.iso`);
  const live = parseDomainXML(await xmlOf(name));
  assert.equal(live.devices.disks.filter((d) => d.device === 'cdrom').map((d) => d.source?.file), [k.isos.windows, script]);
  assert.equal(osOf(await xmlOf(name)), { kernel: undefined, initrd: undefined, cmdline: undefined });
  const iso = await readIso(script, ['autounattend.xml'], k.dir);
  assert.is(iso.label, 'OEMDRV');
  const unattend = iso.files['autounattend.xml'];
  assert.match(unattend, /<Key>AAAAA-BBBBB-CCCCC-DDDDD-EEEEE<\/Key>/);
  assert.match(unattend, /<Name>bob<\/Name>/);
  assert.match(unattend, /<UILanguage>en-GB<\/UILanguage>/);
  const saved = parseDomainXML(await xmlOf(name, DomainXMLFlags.INACTIVE));
  assert.equal(saved.devices.disks.filter((d) => d.device === 'cdrom').map((d) => d.source?.file), [k.isos.windows]);

  assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.equal(await k.volumes(), ['debian.iso', 'fedoraLive.iso', 'windows.iso']);
});

test('the passwords are in no log line and not in the SQLite files', async () => {
  assert.not.ok(k.logged().includes(PASSWORD), 'the user password was logged');
  assert.not.ok(k.logged().includes(ADMIN), 'the admin password was logged');
  for (const f of ['kimchi.db', 'kimchi.db-wal']) {
    const bytes = (() => { try { return readFileSync(join(k.dir, f)); } catch { return Buffer.alloc(0); } })();
    assert.not.ok(bytes.includes(PASSWORD) || bytes.includes(ADMIN), `a password is in ${f}`);
  }
});

test.run();
