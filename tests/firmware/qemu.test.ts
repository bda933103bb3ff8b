// The QEMU/KVM truth of issue 15's machine settings: a UEFI + Secure Boot + TPM guest boots to its firmware and leaves
// nothing behind when deleted; CPU modes; watchdog and vsock; reboot and NMI; the "after the next shutdown" marker.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { insertTemplate, openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { DomainState, DomainUndefineFlags, DomainXMLFlags, LibvirtClient, type Connection } from '../../libvirt/index.ts';
import { parseDomainCapsXML, parseMachine, parseXml } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { createPool, imageSize, QEMU_URI, removePool, testName } from '../helpers/qemu.ts';
import { spec } from '../helpers/vm-create.ts';

const PREFIX = 'kimchi-test-firmware-';
const OUT = join(process.cwd(), 'tests', 'output');
const NVRAM_DIR = '/var/lib/libvirt/qemu/nvram';
const SWTPM_DIR = '/var/lib/libvirt/swtpm';
const SERIAL_LOG_DIR = '/var/log/libvirt/qemu';

const client = new LibvirtClient({ uri: QEMU_URI });
let conn: Connection, store: Store, dir: string, pool: string, app: ReturnType<typeof createApp>;

/** Every guest of ours goes with its NVRAM and TPM state, even after a failed test. */
async function sweepOurs(): Promise<void> {
  for (const d of await conn.connectListAllDomains()) {
    if (!d.name.startsWith(PREFIX)) continue;
    await conn.domainDestroy(d).catch(() => {});
    await conn.domainUndefine(d, DomainUndefineFlags.SNAPSHOTS_METADATA | DomainUndefineFlags.NVRAM | DomainUndefineFlags.TPM).catch(() => {});
  }
  for (const p of await conn.connectListAllStoragePools()) if (p.name.startsWith(PREFIX)) await removePool(conn, p);
  for (const f of readdirSync(SERIAL_LOG_DIR)) if (f.startsWith(PREFIX) && f.endsWith('-serial0.log')) rmSync(join(SERIAL_LOG_DIR, f), { force: true });
}

test.before(async () => {
  conn = await client.open();
  await sweepOurs();
  dir = mkdtempSync(join(tmpdir(), 'kimchi-firmware-'));
  store = openStore(join(dir, 'kimchi.db'));
  pool = testName(PREFIX);
  await createPool(conn, pool);
  app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events: new EventBus(), logger: silent, version: 'test' });
  insertTemplate(store.db, 'tiny', spec('tiny', {
    storagepool: `/plugins/kimchi/storagepools/${pool}`, networks: [], disks: [{ index: 0, size: 16 / 1024, pool: { name: pool }, format: 'qcow2' }],
  }));
  mkdirSync(OUT, { recursive: true });
});
test.after(async () => {
  await sweepOurs();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  await client.close();
});

const send = (method: string, path: string, body?: unknown) => json(app.request(path, {
  method, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
}));
async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 180_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(500);
  }
}
async function create(name: string, extra: Record<string, unknown>): Promise<void> {
  const r = await send('POST', '/api/vms', { name, template: '/plugins/kimchi/templates/tiny', ...extra });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const task = await until('the create Task', async () => {
    const s = (await json(app.request(`/api/tasks/${r.body.id}`))).body;
    return s.status !== 'running' && s;
  });
  assert.equal([task.status, task.message], ['finished', 'OK'], JSON.stringify(task));
}
const state = async (name: string) => (await conn.domainGetState(await conn.domainLookupByName(name))).state;
const xml = async (name: string, flags = 0) => conn.domainGetXMLDesc(await conn.domainLookupByName(name), flags);

test('UEFI + Secure Boot + TPM: the guest boots to its firmware\'s "no bootable device" screen; loader, NVRAM and TPM are in its XML; deleting it removes NVRAM and TPM state', async () => {
  const name = `${PREFIX}uefi-sb-tpm`;
  // This host's KVM (nested) has no SMM, which Secure Boot needs: QEMU emulates the CPU instead (accelerator tcg).
  await create(name, { firmware: 'uefi', secure_boot: true, tpm: true, accelerator: 'tcg', memory: 256 });
  // Arranged outside the tool, as an admin would with virsh edit: a serial port whose output virtlogd keeps in a file,
  // so the firmware's own words can be read (OVMF writes its console to the serial port as well as the screen).
  const serialLog = join(SERIAL_LOG_DIR, `${name}-serial0.log`);
  rmSync(serialLog, { force: true });
  const saved = await xml(name, DomainXMLFlags.INACTIVE);
  await conn.domainDefineXML(saved.replace('</devices>', `<serial type='pty'><log file='${serialLog}' append='off'/><target port='0'/></serial></devices>`));
  assert.is((await send('POST', `/api/vms/${name}/start`)).status, 200);
  assert.is(await state(name), DomainState.RUNNING);
  const uuid = (await conn.domainLookupByName(name)).uuid;
  const live = parseXml(await xml(name)).root;
  const m = parseMachine(live);
  assert.is(m.firmware, 'efi');
  assert.ok(m.secureBoot, 'secure-boot firmware feature');
  assert.match(m.loader ?? '', /^\/usr\/share\/OVMF\/OVMF_CODE.*\.(ms|secboot)\.fd$/);
  assert.is(m.nvram, join(NVRAM_DIR, `${name}_VARS.fd`));
  assert.equal(m.tpm, { model: 'tpm-crb', backend: 'emulator', version: '2.0' });
  assert.match(m.machine ?? '', /q35/);
  assert.ok(existsSync(m.nvram!), 'the NVRAM file exists');
  assert.ok(existsSync(join(SWTPM_DIR, uuid)), 'swtpm keeps the TPM state under the guest UUID');
  const view = (await send('GET', `/api/vms/${name}/machine`)).body;
  assert.equal([view.firmware, view.secure_boot, view.nvram, view.tpm?.version], ['uefi', true, m.nvram, '2.0']);

  // The firmware runs: QEMU's "display not initialized" picture first, then the firmware's own screen; wait until
  // that has settled (the same twice, seconds apart) and keep it: tests/output/firmware-uefi-screen.png.
  const shot = async () => {
    const res = await app.request(`/api/vms/${name}/screenshot`);
    return res.status === 200 ? Buffer.from(await res.arrayBuffer()) : undefined;
  };
  const first = await until('a first screenshot', shot);
  let previous: Buffer | undefined;
  const png = await until('a settled firmware screen', async () => {
    await sleep(5000);
    const buf = await shot();
    const settled = buf && previous?.equals(buf) && !buf.equals(first) && imageSize(buf).lit;
    previous = buf;
    return settled ? buf : undefined;
  }, 300_000);
  writeFileSync(join(OUT, 'firmware-uefi-screen.png'), png);
  assert.is(imageSize(png).format, 'png');
  // What that screen says: the firmware ran its boot manager, found nothing to boot (the disk is blank) and says so.
  const said = await until('the firmware\'s "no bootable device" line', async () => {
    const text = existsSync(serialLog) ? readFileSync(serialLog, 'latin1') : '';
    return /No bootable option or device was found/.test(text) && text;
  });
  assert.match(said, /BdsDxe: No bootable option or device was found/);
  rmSync(serialLog, { force: true });

  const del = await send('DELETE', `/api/vms/${name}`);
  assert.is(del.status, 204, JSON.stringify(del.body));
  assert.not.ok(existsSync(m.nvram!), 'the NVRAM file went with the guest');
  assert.not.ok(existsSync(join(SWTPM_DIR, uuid)), 'the TPM state went with the guest');
});

test('a UEFI + TPM guest whose start fails leaves no NVRAM file and no TPM state behind', async () => {
  const name = `${PREFIX}rollback`;
  const tpmBefore = existsSync(SWTPM_DIR) ? readdirSync(SWTPM_DIR) : [];
  // Secure Boot on KVM: this nested host's KVM has no SMM, so the start fails and the Task undoes the guest.
  const r = await send('POST', '/api/vms', { name, template: '/plugins/kimchi/templates/tiny', firmware: 'uefi', secure_boot: true, tpm: true, start: true });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const task = await until('the create Task', async () => {
    const s = (await json(app.request(`/api/tasks/${r.body.id}`))).body;
    return s.status !== 'running' && s;
  });
  if (task.status === 'finished') {
    // A host whose KVM has SMM runs it: then deleting is what must clean up.
    assert.is((await send('DELETE', `/api/vms/${name}`)).status, 204);
  } else {
    assert.is(task.status, 'failed', JSON.stringify(task));
  }
  assert.is((await send('GET', `/api/vms/${name}`)).status, 404);
  assert.not.ok(existsSync(join(NVRAM_DIR, `${name}_VARS.fd`)), 'no NVRAM file left');
  const tpmDirs = existsSync(SWTPM_DIR) ? readdirSync(SWTPM_DIR) : [];
  assert.equal(tpmDirs.filter((d) => !tpmBefore.includes(d)), [], 'no new TPM state left');
});

test('CPU mode: a named model the host can run starts; one it cannot is refused with 400 before anything is made', async () => {
  const caps = parseDomainCapsXML(await conn.connectGetDomainCapabilities({ virttype: 'kvm' }));
  const usable = caps.cpuModels.includes('qemu64') ? 'qemu64' : caps.cpuModels[0]!;
  const name = `${PREFIX}cpu`;
  await create(name, { cpu_mode: 'custom', cpu_model: usable, start: true });
  assert.is(await state(name), DomainState.RUNNING);
  const m = parseMachine(parseXml(await xml(name, DomainXMLFlags.INACTIVE)).root);
  assert.equal(m.cpu, { mode: 'custom', model: usable });
  const unusable = (await conn.connectGetDomainCapabilities({ virttype: 'kvm' })).match(/<model usable='no'[^>]*>([^<]+)</)?.[1];
  if (unusable) {
    const r = await send('POST', '/api/vms', { name: `${PREFIX}cpu-bad`, template: '/plugins/kimchi/templates/tiny', cpu_mode: 'custom', cpu_model: unusable });
    assert.equal([r.status, r.body.code], [400, 'KCHFW0007E']);
    assert.is((await send('GET', `/api/vms/${PREFIX}cpu-bad`)).status, 404);
  }
  // The mode changes only while the guest is shut off.
  const running = await send('PUT', `/api/vms/${name}/machine`, { cpu_mode: 'host-model' });
  assert.equal([running.status, running.body.code], [409, 'KCHFW0008E']);
  assert.is((await send('POST', `/api/vms/${name}/poweroff`)).status, 200);
  const changed = await send('PUT', `/api/vms/${name}/machine`, { cpu_mode: 'host-passthrough' });
  assert.equal([changed.status, changed.body.cpu_mode], [200, 'host-passthrough']);
  assert.match(await xml(name, DomainXMLFlags.INACTIVE), /<cpu mode="host-passthrough"|<cpu mode='host-passthrough'/);
});

test('watchdog and vsock are in the saved XML libvirt accepted; reboot and NMI reach a running guest; the pending marker follows the saved config', async () => {
  const name = `${PREFIX}devices`;
  await create(name, {});
  let r = await send('PUT', `/api/vms/${name}/machine`, { watchdog: { model: 'i6300esb', action: 'reset' }, vsock: { cid: 1234 } });
  assert.is(r.status, 200, JSON.stringify(r.body));
  const saved = await xml(name, DomainXMLFlags.INACTIVE);
  assert.match(saved, /<watchdog model='i6300esb' action='reset'>/);
  assert.match(saved, /<vsock model='virtio'>\s*<cid auto='no' address='1234'\/>/);
  // No /dev/vhost-vsock on this host: the vsock goes before the guest starts.
  r = await send('PUT', `/api/vms/${name}/machine`, { vsock: null });
  assert.equal(r.body.vsock, null);

  assert.is((await send('POST', `/api/vms/${name}/start`)).status, 200);
  assert.is((await send('GET', `/api/vms/${name}`)).body.pending_changes, false);
  assert.match(await xml(name), /<watchdog model='i6300esb' action='reset'>/);
  for (const action of ['reboot', 'nmi']) {
    const a = await send('POST', `/api/vms/${name}/${action}`);
    assert.equal([a.status, a.body.state], [200, 'running'], `${action}: ${JSON.stringify(a.body)}`);
  }

  // A watchdog change while it runs goes to the saved config only: the marker shows, naming the part.
  r = await send('PUT', `/api/vms/${name}/machine`, { watchdog: { model: 'i6300esb', action: 'poweroff' } });
  assert.equal([r.status, r.body.pending_changes, r.body.pending], [200, true, ['watchdog']]);
  assert.is((await send('GET', `/api/vms/${name}`)).body.pending_changes, true);
  const more = await send('PUT', `/api/vms/${name}`, { memory: { maxmemory: 256 } });
  assert.is(more.status, 200, JSON.stringify(more.body));
  assert.equal((await send('GET', `/api/vms/${name}/machine`)).body.pending, ['memory', 'watchdog']);
  // After the shutdown the saved config is the guest: no marker.
  assert.is((await send('POST', `/api/vms/${name}/poweroff`)).status, 200);
  const off = await send('GET', `/api/vms/${name}`);
  assert.equal([off.body.state, off.body.pending_changes], ['shutoff', false]);
  assert.is((await send('POST', `/api/vms/${name}/start`)).status, 200);
  assert.equal((await send('GET', `/api/vms/${name}/machine`)).body.pending, [], 'started from the saved config, nothing pending');
  assert.is((await send('GET', `/api/vms/${name}`)).body.pending_changes, false);
  assert.match(await xml(name), /<watchdog model='i6300esb' action='poweroff'>/);
});

test.run();
