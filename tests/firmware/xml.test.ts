// The machine model (firmware, CPU, TPM, watchdog, vsock), the domain-capabilities reader and its TPM check, and the
// pending-changes comparison — pure functions over XML like libvirt 9.0 writes it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkMachine } from '../../handlers/vms/machine-offer.ts';
import { machineXML } from '../../handlers/vms/machine-spec.ts';
import { pendingParts } from '../../handlers/vms/pending.ts';
import { KimchiError } from '../../handlers/common/errors.ts';
import { applyMachine, canEmulateTpm2, parseDomainCapsXML, parseMachine, parseXml, serializeXml } from '../../libvirt/xml/index.ts';

const caps = (tpmBackends: string[], extra = '') => `<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>kvm</domain>
  <machine>pc-q35-7.2</machine><arch>x86_64</arch>
  <os supported='yes'><enum name='firmware'><value>efi</value></enum>
    <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</value><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>
      <enum name='secure'><value>yes</value><value>no</value></enum></loader></os>
  <cpu><mode name='host-passthrough' supported='yes'/><mode name='host-model' supported='yes'/>
    <mode name='custom' supported='yes'><model usable='yes' vendor='unknown'>qemu64</model><model usable='no' vendor='Intel'>Haswell</model></mode></cpu>
  <devices><tpm supported='yes'><enum name='model'><value>tpm-tis</value><value>tpm-crb</value></enum>
    <enum name='backendModel'>${tpmBackends.map((b) => `<value>${b}</value>`).join('')}</enum>
    <enum name='backendVersion'><value>2.0</value></enum></tpm>${extra}</devices></domainCapabilities>`;

const bare = `<domain type='kvm'><name>g</name><memory unit='KiB'>131072</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type><boot dev='hd'/></os><devices><disk type='file' device='disk'/></devices></domain>`;

test('domain capabilities: firmware, Secure Boot, usable CPU models and the TPM emulator as libvirt lists them', () => {
  const c = parseDomainCapsXML(caps(['passthrough', 'emulator']));
  assert.equal([c.firmware, c.secureBoot, c.cpuModes, c.cpuModels, c.machine], [['efi'], true, ['host-passthrough', 'host-model', 'custom'], ['qemu64'], 'pc-q35-7.2']);
  assert.ok(canEmulateTpm2(c));
});

test('a host whose libvirt lists no emulator backend (no swtpm) cannot have a TPM: the check refuses with KCHFW0001E', () => {
  const noSwtpm = parseDomainCapsXML(caps(['passthrough']));
  assert.not.ok(canEmulateTpm2(noSwtpm));
  const noTpm = parseDomainCapsXML(caps([]).replace("<tpm supported='yes'>", "<tpm supported='no'>"));
  assert.not.ok(canEmulateTpm2(noTpm));
  for (const c of [noSwtpm, noTpm, null]) {
    try {
      checkMachine({ tpm: true }, c);
      assert.unreachable('a TPM was accepted');
    } catch (e) {
      assert.instance(e, KimchiError);
      assert.equal([(e as KimchiError).status, (e as KimchiError).code], [400, 'KCHFW0001E']);
    }
  }
  checkMachine({ tpm: true, firmware: 'uefi', secure_boot: true }, parseDomainCapsXML(caps(['emulator'])));
});

test('CPU models the host marks unusable, and modes it does not list, are refused', () => {
  const c = parseDomainCapsXML(caps(['emulator']));
  assert.throws(() => checkMachine({ cpu_mode: 'custom', cpu_model: 'Haswell' }, c), (e: KimchiError) => e.code === 'KCHFW0007E');
  const noPassthrough = parseDomainCapsXML(caps(['emulator']).replace("<mode name='host-passthrough' supported='yes'/>", ''));
  assert.throws(() => checkMachine({ cpu_mode: 'host-passthrough' }, noPassthrough), (e: KimchiError) => e.code === 'KCHFW0006E');
});

test('a new UEFI + Secure Boot + TPM guest: firmware autoselection, SMM, q35, a TPM 2.0 emulator; BIOS asks for nothing', () => {
  assert.is(machineXML(bare, {}, 'tpm-crb'), bare);
  const out = machineXML(bare, { firmware: 'uefi', secure_boot: true, tpm: true, cpu_mode: 'custom', cpu_model: 'qemu64' }, 'tpm-crb');
  assert.match(out, /<os firmware="efi"><type arch="x86_64" machine="q35">hvm<\/type><firmware><feature enabled="yes" name="enrolled-keys"\/><feature enabled="yes" name="secure-boot"\/><\/firmware><boot dev="hd"\/><\/os>/);
  assert.match(out, /<features><smm state="on"\/><\/features>/);
  assert.match(out, /<cpu mode="custom"><model fallback="forbid">qemu64<\/model><\/cpu>/);
  assert.match(out, /<tpm model="tpm-crb"><backend type="emulator" version="2.0"\/><\/tpm>/);
  const m = parseMachine(parseXml(out).root);
  assert.equal([m.firmware, m.secureBoot, m.tpm?.version, m.cpu], ['efi', true, '2.0', { mode: 'custom', model: 'qemu64' }]);
});

test('editing keeps what is not changed; back to BIOS drops the loader and NVRAM libvirt had chosen', () => {
  const live = `<domain type='kvm'><name>g</name><os><type machine='pc-q35-7.2'>hvm</type>
    <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</loader>
    <nvram template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd'>/var/lib/libvirt/qemu/nvram/g_VARS.fd</nvram></os>
    <devices><disk type='file' device='disk'/><watchdog model='i6300esb' action='reset'><address type='pci'/></watchdog></devices></domain>`;
  const doc = parseXml(live);
  const base = parseMachine(doc.root);
  assert.equal([base.firmware, base.secureBoot, base.nvram, base.watchdog], ['efi', true, '/var/lib/libvirt/qemu/nvram/g_VARS.fd', { model: 'i6300esb', action: 'reset' }]);
  applyMachine(doc.root, { ...base, vsock: { cid: 7 } }, base);
  let out = serializeXml(doc);
  assert.match(out, /<watchdog model="i6300esb" action="reset"><address type="pci"\/><\/watchdog><vsock model="virtio"><cid auto="no" address="7"\/><\/vsock>/);
  assert.match(out, /<nvram /, 'firmware untouched when it did not change');
  const again = parseMachine(doc.root);
  applyMachine(doc.root, { ...again, firmware: 'bios', secureBoot: false }, again);
  out = serializeXml(doc);
  assert.not.match(out, /loader|nvram|firmware/);
});

test('pending changes: runtime-only differences never count; a changed watchdog, memory maximum or disk does', () => {
  const saved = `<domain type='kvm'><name>g</name><memory unit='KiB'>262144</memory><currentMemory unit='KiB'>131072</currentMemory><vcpu>1</vcpu>
    <os firmware='efi'><type machine='pc-q35-7.2'>hvm</type></os><devices>
    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus='virtio'/><address type='pci' slot='0x04'/></disk>
    <watchdog model='i6300esb' action='reset'/><vsock model='virtio'><cid auto='yes'/></vsock>
    <graphics type='vnc' port='-1' autoport='yes'/></devices></domain>`;
  const live = `<domain type='kvm' id='7'><name>g</name><memory unit='KiB'>262144</memory><currentMemory unit='KiB'>262144</currentMemory><vcpu>1</vcpu>
    <os><type machine='pc-q35-7.2'>hvm</type><loader type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader><nvram>/n.fd</nvram></os>
    <cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model></cpu><devices>
    <disk type='file' device='disk'><source file='/a.qcow2' index='1'/><backingStore/><target dev='vda' bus='virtio'/><alias name='virtio-disk0'/></disk>
    <watchdog model='i6300esb' action='reset'><alias name='watchdog0'/></watchdog><vsock model='virtio'><cid auto='yes' address='3'/></vsock>
    <graphics type='vnc' port='5900' autoport='yes'/></devices><seclabel type='dynamic'/></domain>`;
  assert.equal(pendingParts(live, saved), []);
  const changed = saved.replace("action='reset'", "action='poweroff'").replace('262144', '524288').replace('/a.qcow2', '/b.qcow2');
  assert.equal(pendingParts(live, changed), ['memory', 'watchdog', 'disks']);
});

test.run();
