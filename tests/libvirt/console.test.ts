// Console stream on QEMU/KVM: a tiny diskless, NIC-less guest whose SeaBIOS writes to its serial console.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Duplex } from 'node:stream';
import { connect, DomainState, type Connection, type Domain } from '../../libvirt/index.ts';
import { buildDomainXML, child, el, parseDomainXML, updateDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { QEMU_URI, removeDomain, sweep, testName } from '../helpers/qemu.ts';

// Our own prefix, so a sweep never touches another suite's kimchi-test- objects running at the same time.
const PREFIX = 'kimchi-test-console-';
/** VIR_DOMAIN_START_PAUSED: the console is attached before the firmware runs, so nothing it prints is lost. */
const START_PAUSED = 1;

/**
 * 64 MiB, 1 vCPU, no disk, no NIC, no graphics; a pty serial port with its console, and SeaBIOS's output on it
 * (`<bios useserial='yes'/>`: libvirt adds QEMU's serial graphics adapter). Nothing bootable, so SeaBIOS says so.
 */
function consoleVM(name: string): string {
  const model: DomainModel = {
    type: 'kvm', name, memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: ['acpi'], metadata: [],
    devices: {
      disks: [], interfaces: [], graphics: [],
      serials: [{ type: 'pty', target: { port: 0 } }],
      consoles: [{ type: 'pty', target: { type: 'serial', port: 0 } }],
    },
  };
  // <bios> is not modelled; add it as an element (attribute values escaped by the serializer).
  return updateDomainXML(buildDomainXML(model), (_m, root) => {
    child(root, 'os')!.children.push(el('bios', { useserial: 'yes', rebootTimeout: -1 }));
  });
}

/** Collect console text until `re` matches or `ms` pass; the stream's own error fails it at once. */
function readUntil(stream: Duplex, re: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (f: () => void) => {
      clearTimeout(timer);
      stream.off('data', onData).off('error', onError).off('end', onEnd);
      f();
    };
    const onData = (d: Buffer) => {
      text += d.toString('latin1');
      if (re.test(text)) done(() => resolve(text));
    };
    const onError = (e: Error) => done(() => reject(e));
    const onEnd = () => done(() => reject(new Error(`console ended before ${re} appeared; got ${JSON.stringify(text)}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`no ${re} on the console within ${ms} ms; got ${JSON.stringify(text)}`))), ms);
    stream.on('data', onData).on('error', onError).on('end', onEnd);
  });
}

let c: Connection;
test.before(async () => {
  c = await connect(QEMU_URI);
  const left = await sweep(c, PREFIX);
  if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
});
test.after(async () => {
  if (!c) return;
  try { await sweep(c, PREFIX); } finally { await c.close(); }
});

test('domainOpenConsole streams SeaBIOS output from the guest\'s serial console', async () => {
  const name = testName(PREFIX);
  let dom: Domain | undefined;
  let stream: Duplex | undefined;
  try {
    dom = await c.domainDefineXML(consoleVM(name));
    const defined = parseDomainXML(await c.domainGetXMLDesc(dom, 0));
    assert.is(defined.devices.interfaces.length, 0, 'no network interface');
    assert.is(defined.devices.disks.length, 0, 'no disk');
    assert.is(defined.devices.serials[0]?.type, 'pty');

    dom = await c.domainCreate(dom, START_PAUSED);
    assert.is((await c.domainGetState(dom)).state, DomainState.PAUSED);
    stream = await c.domainOpenConsole(dom);
    const seen = readUntil(stream, /No bootable device/, 30_000);
    await c.domainResume(dom);
    const text = await seen;
    // The firmware's banner and the UUID it was given: this guest's own boot, from its first line.
    assert.match(text, /SeaBIOS \(version [^)]+\)/);
    assert.ok(text.includes(`Machine UUID ${dom.uuid}`), `Machine UUID ${dom.uuid} in ${JSON.stringify(text)}`);

    // The other direction: keystrokes go out as STREAM data (the waiting firmware ignores them) without error.
    const s = stream;
    await new Promise<void>((resolve, reject) => s.write('\r', (e) => (e ? reject(e) : resolve())));
    // A clean close: our finish, confirmed by libvirtd.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('libvirtd did not confirm the console finish within 5 s')), 5000);
      s.once('error', (e) => { clearTimeout(timer); reject(e); });
      s.end(() => { clearTimeout(timer); resolve(); });
    });
  } finally {
    stream?.destroy();
    if (dom) await removeDomain(c, dom);
  }
  assert.not.ok((await c.connectListAllDomains()).some((d) => d.name === name), 'the guest is gone');
});

test.run();
