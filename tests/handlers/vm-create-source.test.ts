// POST /vms straight from an install source (issue 11): an ISO's OS sets the defaults, the request's sizing wins, a disk
// image is imported in place, start and save-as-template happen in the same Task, and a failure leaves nothing behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getTemplate, getVmMeta } from '../../db/index.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import type { TemplateSpec } from '../../handlers/templates/schemas.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { makeIso, tempDir, type TempIso } from '../helpers/iso.ts';
import { domains, post, reset, settle, volumes } from '../helpers/vm-create.ts';

let t: TestApp;
let fedora: TempIso;
let dir: { dir: string; cleanup: () => Promise<void> };
test.before(async () => {
  t = await makeApp({ domains: ['busy'] });
  fedora = await makeIso({ volumeId: 'Fedora-WS-Live-37-1-7' });
  dir = await tempDir('kimchi-test-vmsource-');
});
test.after(async () => { await t.cleanup(); await fedora.cleanup(); await dir.cleanup(); });
test.after.each(async () => {
  await reset(t, ['busy']);
  t.store.sqlite.exec('DELETE FROM templates');
});

const create = (body: unknown, lang?: string) => post(t, '/api/vms', body, lang);
const xmlOf = async (name: string) => {
  const c = t.client.connection;
  return parseDomainXML(await c.domainGetXMLDesc(await c.domainLookupByName(name), DomainXMLFlags.INACTIVE));
};

test('an ISO alone makes fedora37-1 with osinfo-db\'s recommended memory and disk, the ISO as CD-ROM, no template stored', async () => {
  const r = await create({ source: { type: 'iso', path: fedora.path } });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const done = await settle(t, r.body.id);
  assert.equal([done.status, done.target_uri], ['finished', '/plugins/kimchi/vms/fedora37-1']);
  const m = await xmlOf('fedora37-1');
  assert.equal([m.memory, m.vcpu], [2048 * 1024, 1]);
  assert.equal(m.devices.disks.map((d) => [d.device, d.source?.file]), [
    ['disk', '/default-pool/fedora37-1-0.qcow2'], ['cdrom', fedora.path],
  ]);
  const c = t.client.connection;
  assert.is((await c.storageVolGetInfo(await c.storageVolLookupByPath('/default-pool/fedora37-1-0.qcow2'))).capacity, 20 * 1024 ** 3);
  assert.equal(m.devices.interfaces.map((i) => i.source?.network), ['default']);
  assert.equal(t.store.sqlite.prepare('SELECT count(*) AS n FROM templates').get(), { n: 0 });
  // The next one without a name is fedora37-2.
  const again = await settle(t, (await create({ source: { type: 'iso', path: fedora.path }, disk_size: 1 })).body.id);
  assert.is(again.target_uri, '/plugins/kimchi/vms/fedora37-2');
});

test('the request\'s name, memory, vCPUs, disk size and networks win; networks [] means no NIC; start runs it', async () => {
  const r = await create({ name: 'desk', source: { type: 'iso', path: fedora.path }, memory: 512, cpus: 2, disk_size: 3, networks: [], start: true });
  const done = await settle(t, r.body.id);
  assert.is(done.status, 'finished', done.message);
  const m = await xmlOf('desk');
  assert.equal([m.memory, m.vcpu, m.devices.interfaces.length], [512 * 1024, 2, 0]);
  const c = t.client.connection;
  assert.is((await c.storageVolGetInfo(await c.storageVolLookupByPath('/default-pool/desk-0.qcow2'))).capacity, 3 * 1024 ** 3);
  assert.ok(await c.domainIsActive(await c.domainLookupByName('desk')), 'started');
});

test('save_template stores the settings as a template of that name, and the VM records it', async () => {
  const r = await create({ name: 'web', source: { type: 'iso', path: fedora.path }, memory: 1024, disk_size: 2, save_template: 'fedora-web' });
  assert.is((await settle(t, r.body.id)).status, 'finished');
  const saved = getTemplate<TemplateSpec>(t.store.db, 'fedora-web')!;
  assert.equal([saved.os_distro, saved.os_version, saved.memory.current, saved.disks[0].size, saved.cdrom], ['fedora', '37', 1024, 2, fedora.path]);
  const c = t.client.connection;
  assert.is(getVmMeta(t.store.db, (await c.domainLookupByName('web')).uuid)?.template, 'fedora-web');
  // The template is a source like any other now; a taken template name is a 409 before anything is made.
  const taken = await create({ source: { type: 'iso', path: fedora.path }, save_template: 'fedora-web' }, 'pt-BR');
  assert.equal([taken.status, taken.body.code], [409, 'KCHTMPL0001E']);
  const next = await settle(t, (await create({ template: '/api/templates/fedora-web', cpus: 2 })).body.id);
  assert.equal([next.status, next.target_uri], ['finished', '/plugins/kimchi/vms/fedora-web-vm-1']);
  assert.is((await xmlOf('fedora-web-vm-1')).vcpu, 2);
});

test('rollback: saving the template fails after the domain exists — domain, volume and metadata are gone, no template', async () => {
  const metas = () => t.store.sqlite.prepare('SELECT count(*) AS n FROM vm_meta').get();
  const before = metas();
  t.store.sqlite.exec("CREATE TEMP TRIGGER refuse_tpl BEFORE INSERT ON templates BEGIN SELECT RAISE(ABORT, 'injected'); END");
  try {
    const r = await create({ name: 'half', source: { type: 'iso', path: fedora.path }, disk_size: 1, save_template: 'half-t', start: true });
    const done = await settle(t, r.body.id);
    assert.is(done.status, 'failed');
    assert.equal([await volumes(t), await domains(t)], [[], ['busy']]);
    assert.equal(metas(), before, 'its metadata row is gone');
    assert.is(getTemplate(t.store.db, 'half-t'), undefined);
  } finally {
    t.store.sqlite.exec('DROP TRIGGER refuse_tpl');
  }
});

test('a disk image is imported in place (its format read from the file), and one in use elsewhere is a 409', async () => {
  const qcow = join(dir.dir, 'debian12.qcow2');
  await writeFile(qcow, Buffer.concat([Buffer.from([0x51, 0x46, 0x49, 0xfb]), Buffer.alloc(4092)]));
  const raw = join(dir.dir, 'old-box.img');
  await writeFile(raw, Buffer.alloc(4096));
  const a = await settle(t, (await create({ source: { type: 'image', path: qcow }, networks: [] })).body.id);
  assert.equal([a.status, a.target_uri], ['finished', '/plugins/kimchi/vms/debian12-1']);
  const m = await xmlOf('debian12-1');
  assert.equal(m.devices.disks.map((d) => [d.device, d.source?.file, d.driver?.type]), [['disk', qcow, 'qcow2']]);
  assert.equal(m.os.boot, ['hd']);
  assert.equal(await volumes(t), [], 'no volume made');
  const b = await settle(t, (await create({ name: 'old', source: { type: 'image', path: raw } })).body.id);
  assert.is(b.status, 'finished');
  assert.equal((await xmlOf('old')).devices.disks.map((d) => d.driver?.type), ['raw']);
  const twice = await create({ source: { type: 'image', path: qcow } });
  assert.equal([twice.status, twice.body.code], [409, 'KCHVMCR0016E']);
  assert.match(twice.body.reason, /debian12-1/);
});

test('bad sources are refused before anything is made, translated', async () => {
  const notIso = join(dir.dir, 'notes.iso');
  await writeFile(notIso, 'not an image\n');
  const cases: Array<[unknown, number, string]> = [
    [{ source: { type: 'iso', path: notIso } }, 400, 'KCHTMPL0003E'],
    [{ source: { type: 'image', path: join(dir.dir, 'missing.img') } }, 404, 'KCHVMCR0015E'],
    [{ source: { type: 'image', path: join(dir.dir, 'x.img') }, save_template: 'x' }, 400, 'KCHVMCR0017E'],
    [{ source: { type: 'iso', path: fedora.path }, networks: ['nowhere'] }, 404, 'KCHTMPL0005E'],
    [{ source: { type: 'iso', path: fedora.path }, disk_size: 64 * 1024 }, 409, 'KCHVMCR0003E'],
    [{}, 400, 'KCHAPI0005E'],
  ];
  for (const [body, status, code] of cases) {
    const r = await create(body);
    assert.equal([r.status, r.body.code], [status, code], JSON.stringify(body));
  }
  const pt = await create({ source: { type: 'image', path: join(dir.dir, 'missing.img') } }, 'pt-BR');
  assert.match(pt.body.reason, /^A imagem de disco .+ não existe/);
  assert.equal([await volumes(t), await domains(t)], [[], ['busy']]);
});

test('the OpenAPI document describes the source and sizing fields', async () => {
  const doc = await (await t.app.request('/api/openapi.json')).json() as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
  const props = Object.keys(doc.components.schemas.VmCreate.properties);
  for (const k of ['template', 'source', 'memory', 'cpus', 'disk_size', 'networks', 'start', 'save_template']) assert.ok(props.includes(k), k);
  assert.ok(doc.components.schemas.InstallSource);
});

test.run();
