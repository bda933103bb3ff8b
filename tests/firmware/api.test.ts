// Firmware, TPM, CPU, watchdog and vsock through the API over libvirt's test driver — a host that reports no domain
// capabilities, so no swtpm: the TPM refusal is real there.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listTemplates } from '../../db/index.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { parseMachine, parseXml } from '../../libvirt/xml/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { addTemplate, post, settle, spec } from '../helpers/vm-create.ts';

let t: TestApp;
test.before.each(async () => { t = await makeApp(); });
test.after.each(async () => { await t.cleanup(); });

const put = (path: string, body: unknown, lang = 'en-US') => json(t.app.request(path, {
  method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
}));
const savedMachine = async (name: string) => {
  const conn = await t.client.open();
  return parseMachine(parseXml(await conn.domainGetXMLDesc(await conn.domainLookupByName(name), DomainXMLFlags.INACTIVE)).root);
};
const volumes = async () => {
  const conn = await t.client.open();
  return (await conn.storagePoolListAllVolumes(await conn.storagePoolLookupByName('default'))).map((v) => v.name);
};

test('a host that reports no domain capabilities offers no TPM; firmware is left for libvirt to check', async () => {
  const r = await json(t.app.request('/api/host/domcapabilities'));
  assert.is(r.status, 200);
  assert.equal([r.body.known, r.body.tpm, r.body.firmware], [false, false, ['bios', 'uefi']]);
});

test('a TPM on a host without swtpm: 400 with a translated reason, and no guest, disk or template is made', async () => {
  addTemplate(t, spec('small', { networks: [] }));
  const before = await volumes();
  const body = { name: 'with-tpm', template: '/plugins/kimchi/templates/small', tpm: true, save_template: 'kept-nowhere' };
  const en = await post(t, '/api/vms', body);
  assert.equal([en.status, en.body.code], [400, 'KCHFW0001E']);
  assert.match(en.body.reason, /swtpm/);
  const pt = await post(t, '/api/vms', body, 'pt-BR');
  assert.equal([pt.status, pt.body.code], [400, 'KCHFW0001E']);
  assert.match(pt.body.reason, /Este host não pode dar ao convidado um TPM 2\.0/);
  assert.is((await json(t.app.request('/api/vms/with-tpm'))).status, 404);
  assert.equal(await volumes(), before);
  assert.not.ok(listTemplates(t.store.db).some((x) => x.name === 'kept-nowhere'));
  // A template asking for a TPM is refused the same way when a guest is made from it.
  addTemplate(t, spec('tpm-tpl', { networks: [], tpm: true }));
  const fromTpl = await post(t, '/api/vms', { name: 'from-tpl', template: '/plugins/kimchi/templates/tpm-tpl' });
  assert.equal([fromTpl.status, fromTpl.body.code], [400, 'KCHFW0001E']);
});

test('settings that do not fit together are refused before anything is made', async () => {
  addTemplate(t, spec('small', { networks: [] }));
  const base = { template: '/plugins/kimchi/templates/small' };
  const sb = await post(t, '/api/vms', { ...base, name: 'a', secure_boot: true });
  assert.equal([sb.status, sb.body.code], [400, 'KCHFW0003E']);
  const model = await post(t, '/api/vms', { ...base, name: 'b', cpu_mode: 'custom' });
  assert.equal([model.status, model.body.code], [400, 'KCHFW0005E']);
  const stray = await post(t, '/api/vms', { ...base, name: 'c', cpu_mode: 'host-model', cpu_model: 'Haswell' });
  assert.equal([stray.status, stray.body.code], [400, 'KCHFW0005E']);
  const bad = await post(t, '/api/vms', { ...base, name: 'd', firmware: 'coreboot' });
  assert.is(bad.status, 400);
});

test('UEFI, Secure Boot and CPU mode from the request land in the domain XML; the template keeps them too', async () => {
  addTemplate(t, spec('small', { networks: [] }));
  const r = await post(t, '/api/vms', {
    name: 'uefi-vm', template: '/plugins/kimchi/templates/small', firmware: 'uefi', secure_boot: true,
    cpu_mode: 'host-passthrough', save_template: 'uefi-tpl',
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is((await settle(t, r.body.id)).status, 'finished');
  const m = await savedMachine('uefi-vm');
  assert.equal([m.firmware, m.secureBoot, m.machine, m.cpu, m.tpm], ['efi', true, 'q35', { mode: 'host-passthrough' }, null]);
  const machine = await json(t.app.request('/api/vms/uefi-vm/machine'));
  assert.equal([machine.body.firmware, machine.body.secure_boot, machine.body.cpu_mode, machine.body.pending_changes], ['uefi', true, 'host-passthrough', false]);
  const tpl = await json(t.app.request('/api/templates/uefi-tpl'));
  assert.equal([tpl.body.firmware, tpl.body.secure_boot, tpl.body.cpu_mode], ['uefi', true, 'host-passthrough']);
  // The guest list's firmware column reads it too.
  assert.is((await json(t.app.request('/api/vms/uefi-vm'))).body.firmware, 'uefi');
});

test('watchdog and vsock are added, changed and removed; firmware changes wait for a shut-off guest', async () => {
  let r = await put('/api/vms/test-vm/machine', { watchdog: { model: 'i6300esb', action: 'poweroff' }, vsock: { cid: 42 } });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal([r.body.watchdog, r.body.vsock], [{ model: 'i6300esb', action: 'poweroff' }, { cid: 42 }]);
  let m = await savedMachine('test-vm');
  assert.equal([m.watchdog, m.vsock], [{ model: 'i6300esb', action: 'poweroff' }, { cid: 42 }]);
  r = await put('/api/vms/test-vm/machine', { watchdog: { model: 'ib700', action: 'inject-nmi' }, vsock: { cid: null } });
  m = await savedMachine('test-vm');
  assert.equal([m.watchdog, m.vsock], [{ model: 'ib700', action: 'inject-nmi' }, { cid: null }]);
  r = await put('/api/vms/test-vm/machine', { watchdog: null, vsock: null });
  m = await savedMachine('test-vm');
  assert.equal([m.watchdog, m.vsock], [null, null]);
  assert.is((await put('/api/vms/test-vm/machine', { vsock: { cid: 2 } })).status, 400, 'CIDs 0–2 belong to the host');

  // test-vm runs in the fixture: firmware and CPU are refused with the state named.
  const running = await put('/api/vms/test-vm/machine', { firmware: 'uefi' }, 'pt-BR');
  assert.equal([running.status, running.body.code], [409, 'KCHFW0008E']);
  assert.match(running.body.reason, /desligada/);
  assert.is((await post(t, '/api/vms/test-vm/poweroff')).status, 200);
  r = await put('/api/vms/test-vm/machine', { firmware: 'uefi', cpu_mode: 'host-model' });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal([r.body.firmware, r.body.cpu_mode], ['uefi', 'host-model']);
  // Secure Boot needs q35; the fixture's guest has no machine type.
  const sb = await put('/api/vms/test-vm/machine', { secure_boot: true });
  assert.equal([sb.status, sb.body.code], [409, 'KCHFW0009E']);
  const tpm = await put('/api/vms/test-vm/machine', { tpm: true });
  assert.equal([tpm.status, tpm.body.code], [400, 'KCHFW0001E']);
  assert.is((await savedMachine('test-vm')).tpm, null);
  r = await put('/api/vms/test-vm/machine', { firmware: 'bios', cpu_mode: null });
  assert.equal([r.body.firmware, r.body.cpu_mode], ['bios', null]);
});

test('reboot and NMI are refused for a shut-off guest, naming the action and state', async () => {
  assert.is((await post(t, '/api/vms/test-vm/poweroff')).status, 200);
  for (const action of ['reboot', 'nmi']) {
    const r = await post(t, `/api/vms/test-vm/${action}`);
    assert.equal([r.status, r.body.code], [409, 'KCHVM0005E']);
  }
  const r = await post(t, '/api/vms/test-vm/reboot', undefined, 'pt-BR');
  assert.match(r.body.reason, /reiniciada pelo sistema convidado/);
});

test('a template made from a UEFI + Secure Boot guest keeps its firmware and CPU mode, and so do guests made from it', async () => {
  addTemplate(t, spec('small', { networks: [] }));
  const made = await post(t, '/api/vms', { name: 'golden', template: '/plugins/kimchi/templates/small', firmware: 'uefi', secure_boot: true, cpu_mode: 'host-model' });
  assert.is((await settle(t, made.body.id)).status, 'finished');
  const r = await post(t, '/api/vms/golden/template', { name: 'golden-t' });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is((await settle(t, r.body.id)).status, 'finished');
  const tpl = (await json(t.app.request('/api/templates/golden-t'))).body;
  assert.equal([tpl.firmware, tpl.secure_boot, tpl.tpm, tpl.cpu_mode], ['uefi', true, undefined, 'host-model']);
  const child = await post(t, '/api/vms', { name: 'child', template: '/plugins/kimchi/templates/golden-t' });
  assert.is((await settle(t, child.body.id)).status, 'finished');
  const m = await savedMachine('child');
  assert.equal([m.firmware, m.secureBoot, m.cpu], ['efi', true, { mode: 'host-model' }]);
});

test('the Kimchi 3.0 surface: its VM view leaves our machine fields out; reboot answers in Kimchi\'s shapes', async () => {
  const vm = await json(t.app.request('/plugins/kimchi/vms/test-vm'));
  assert.is(vm.status, 200);
  for (const field of ['firmware', 'pending_changes', 'cpus']) assert.not.ok(field in vm.body, field);
  const rebooted = await post(t, '/plugins/kimchi/vms/test-vm/reboot');
  assert.is(rebooted.status, 200, JSON.stringify(rebooted.body));
  assert.is(rebooted.body.state, 'running');
  assert.not.ok('firmware' in rebooted.body, 'Kimchi\'s view, not ours');
  assert.is((await post(t, '/plugins/kimchi/vms/test-vm/poweroff')).status, 200);
  const refused = await post(t, '/plugins/kimchi/vms/test-vm/nmi');
  // Kimchi 3.0 answers a wrong-state action with 400, as the compat layer maps KCHVM0005E for every action.
  assert.equal(refused.body.code, '400 Bad Request');
  assert.match(refused.body.reason, /^KCHVM0005E: /);
});

test.run();
