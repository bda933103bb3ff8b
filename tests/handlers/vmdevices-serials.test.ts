// A VM's serial ports over the test driver: listed from its definition, added to a shut-off VM, refused while it runs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildDomainXML, parseDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { makeApp, sender, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let req: ReturnType<typeof sender>;
test.before(async () => { t = await makeApp({ domains: [] }); req = sender(t.app); });
test.after(async () => { await t.cleanup(); });

function model(name: string, serial: boolean): DomainModel {
  return {
    type: 'test', name, memory: 256 * 1024, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: { disks: [], interfaces: [], graphics: [], consoles: [], serials: serial ? [{ type: 'pty', target: { port: 0 } }] : [] },
  };
}

async function withVm(name: string, serial: boolean, fn: () => Promise<void>): Promise<void> {
  const conn = t.client.connection;
  const dom = await conn.domainDefineXML(buildDomainXML(model(name, serial)));
  try { await fn(); } finally {
    await conn.domainDestroy(dom).catch(() => {});
    await conn.domainUndefine(dom).catch(() => {});
  }
}

test('a VM without a serial port lists none; adding one saves a pty port 0 and its console', () => withVm('ser-add', false, async () => {
  assert.equal((await req('GET', '/api/vms/ser-add/serials')).body, []);
  const r = await req('POST', '/api/vms/ser-add/serials');
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body, [{ port: 0, type: 'pty', pending: false, note: null }]);
  const conn = t.client.connection;
  const saved = parseDomainXML(await conn.domainGetXMLDesc(await conn.domainLookupByName('ser-add'), DomainXMLFlags.INACTIVE));
  assert.is(saved.devices.serials.length, 1);
  assert.is(saved.devices.consoles[0]?.target?.type, 'serial');
}));

test('a second serial port is refused with a translated reason', () => withVm('ser-twice', true, async () => {
  const r = await req('POST', '/api/vms/ser-twice/serials', undefined, 'pt-BR');
  assert.equal([r.status, r.body.code], [409, 'KCHVMSER0002E']);
  assert.match(r.body.reason, /já tem uma porta serial/);
}));

test('a running VM cannot get a serial port (it is refused, nothing changes)', () => withVm('ser-running', false, async () => {
  const conn = t.client.connection;
  await conn.domainCreate(await conn.domainLookupByName('ser-running'));
  const r = await req('POST', '/api/vms/ser-running/serials');
  assert.equal([r.status, r.body.code], [409, 'KCHVMSER0001E']);
  assert.match(r.body.reason, /shut off/);
  assert.equal((await req('GET', '/api/vms/ser-running/serials')).body, []);
}));

test('an unknown VM is a 404', async () => {
  assert.is((await req('GET', '/api/vms/nope/serials')).status, 404);
});

test.run();
