// Kimchi 3.0 on /plugins/kimchi (from its docs/API.md and API.json): bodies accepted and refused, field names and types, error ids.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { makeIso, type TempIso } from '../helpers/iso.ts';
import { until } from '../helpers/server.ts';

let t: TestApp, iso: TempIso;
test.before(async () => {
  t = await makeApp({ domains: ['k13-vm'] });
  iso = await makeIso({ volumeId: 'K13_INSTALL' });
});
test.after(async () => { await iso?.cleanup(); await t?.cleanup(); });

const K = '/plugins/kimchi';
const send = (method: string, path: string, body?: unknown) => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
}));
const refused = (r: { status: number; body: any }, status: number, id: string) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(Object.keys(r.body).sort(), ['code', 'reason']);
  assert.match(r.body.code, new RegExp(`^${status} [A-Z]`));
  assert.ok(r.body.reason.startsWith(`${id}: `), r.body.reason);
};
const types = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v]));

test('errors are {code: "<status line>", reason: "<Kimchi id>: …"} with Kimchi\'s ids; /api keeps its own shape', async () => {
  const gone = await send('GET', `${K}/vms/nope`);
  assert.equal(gone.body.code, '404 Not Found');
  refused(gone, 404, 'KCHVM0002E');
  assert.equal((await send('GET', '/api/vms/nope')).body.code, 'KCHVM0002E');
  refused(await send('POST', `${K}/vms`, {}), 400, 'KCHVM0016E');
  refused(await send('POST', `${K}/vms`, { template: `${K}/templates/nope` }), 404, 'WOKOBJST0001E');
  refused(await send('GET', `${K}/templates/nope`), 404, 'WOKOBJST0001E');
  refused(await send('PUT', `${K}/vms/k13-vm`, { colour: 'red' }), 400, 'WOKAPI0008E');
  refused(await send('PUT', `${K}/vms/k13-vm`, { bootmenu: 'yes' }), 400, 'KCHVM0053E');
  refused(await send('POST', `${K}/networks`, { name: 'n1' }), 400, 'KCHNET0012E');
  refused(await send('POST', `${K}/networks`, { name: 'default', connection: 'nat' }), 400, 'KCHNET0001E');
  assert.equal((await send('POST', '/api/networks', { name: 'default', connection: 'nat' })).status, 409, '/api keeps 409 for a conflict');
});

test('templates: source_media takes an ISO as install CD-ROM; cdrom, storagepool, disk_bus and nic_model are refused', async () => {
  for (const extra of [{ cdrom: iso.path }, { storagepool: `${K}/storagepools/default` }, { disk_bus: 'virtio' }, { nic_model: 'e1000' }]) {
    refused(await send('POST', `${K}/templates`, { name: 'k13-t', source_media: { type: 'disk', path: iso.path }, ...extra }), 400, 'KCHAPI0001E');
  }
  refused(await send('POST', `${K}/templates`, { name: 'k13-t', source_media: { type: 'disk', path: '/no/such.iso' } }), 400, 'KCHTMPL0002E');
  const r = await send('POST', `${K}/templates`, {
    name: 'k13-t', source_media: { type: 'disk', path: iso.path }, disks: [{ size: 5, pool: { name: `${K}/storagepools/default` } }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.cdrom, iso.path);
  assert.equal(r.body.memory, { current: 2048, maxmemory: 2048 }, 'no OS detected: 2048 MiB');
  assert.equal(r.body.disks, [{ index: 0, size: 5, format: 'qcow2', pool: { name: `${K}/storagepools/default`, type: 'dir' } }]);
  assert.equal(r.body.invalid, {});
  assert.type(r.body.icon, 'string');
  assert.equal(Object.keys(r.body).sort(), ['cdrom', 'cpu_info', 'disks', 'folder', 'graphics', 'icon', 'invalid', 'memory', 'name', 'networks', 'os_distro', 'os_version', 'storagepool']);
  refused(await send('POST', `${K}/templates`, { name: 'k13-t', source_media: { type: 'disk', path: iso.path } }), 400, 'KCHTMPL0001E');
  assert.equal((await send('DELETE', `${K}/templates/k13-t`)).status, 204);
});

test('templates: a netboot template has cdrom null and its VMs boot hd, cdrom, network', async () => {
  const r = await send('POST', `${K}/templates`, { name: 'k13-net', source_media: { type: 'netboot' } });
  assert.equal([r.status, r.body.cdrom], [201, null]);
  const task = await send('POST', `${K}/vms`, { name: 'k13-netvm', template: `${K}/templates/k13-net`, persistent: true });
  assert.equal(task.status, 202);
  await until(async () => (await send('GET', `${K}/tasks/${task.body.id}`)).body.status !== 'running', 20_000);
  assert.equal((await send('GET', `${K}/tasks/${task.body.id}`)).body.status, 'finished');
  assert.equal((await send('GET', `${K}/vms/k13-netvm`)).body.bootorder, ['hd', 'cdrom', 'network']);
  await send('DELETE', `${K}/vms/k13-netvm`);
  await send('DELETE', `${K}/templates/k13-net`);
});

test('templates: a disk image in source_media becomes the base of the VM disk', async () => {
  const image = join(iso.dir, 'k13-base.qcow2');
  await writeFile(image, Buffer.alloc(64 * 1024));
  const r = await send('POST', `${K}/templates`, { name: 'k13-img', source_media: { type: 'disk', path: image } });
  // The test driver does not see files as pool volumes: the base must be a volume of a pool (KCHTMPL0009E otherwise).
  if (r.status === 201) assert.equal([r.body.cdrom, r.body.disks[0].base], [null, image]);
  else refused(r, 400, 'KCHTMPL0009E');
  await send('DELETE', `${K}/templates/k13-img`);
});

test('a VM has Kimchi\'s fields and types: autostart 0/1, access, bootmenu, screenshot, console password, topology, peaks from 100', async () => {
  const r = await send('GET', `${K}/vms/k13-vm`);
  assert.equal(r.status, 200);
  assert.equal(types(r.body), {
    name: 'string', uuid: 'string', state: 'string', title: 'string', description: 'string', persistent: 'boolean', autostart: 'number',
    stats: 'object', memory: 'object', cpu_info: 'object', screenshot: 'null', icon: 'null', graphics: 'object', users: 'array',
    groups: 'array', access: 'string', bootorder: 'array', bootmenu: 'string',
  });
  assert.equal(r.body.cpu_info.topology, {});
  assert.equal(r.body.access, 'full');
  assert.ok(r.body.stats.net_throughput_peak >= 100 && r.body.stats.io_throughput_peak >= 100);
  assert.equal(Object.keys(r.body.graphics).sort(), ['listen', 'passwd', 'passwdValidTo', 'port', 'type']);
  assert.equal(typeof (await send('GET', '/api/vms/k13-vm')).body.autostart, 'boolean', '/api keeps booleans');
  const list = await send('GET', `${K}/vms`);
  assert.equal(list.body[0].autostart, 0);
});

test('PUT /vms/:name takes bootmenu and graphics {passwd, passwdValidTo}', async () => {
  await send('POST', `${K}/vms/k13-vm/poweroff`, {});
  const r = await send('PUT', `${K}/vms/k13-vm`, { bootmenu: true, graphics: { passwd: 'k13-secret', passwdValidTo: 600 } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.bootmenu, 'yes');
  assert.equal((await send('PUT', `${K}/vms/k13-vm`, { bootmenu: false })).body.bootmenu, 'no');
});

test('networks list a NAT network\'s bridge as its interface, with in_use; pools have in_use and end with kimchi_isos', async () => {
  const nets = await send('GET', `${K}/networks`);
  const def = nets.body.find((n: { name: string }) => n.name === 'default');
  assert.equal(def.interfaces, ['virbr0']);
  assert.type(def.in_use, 'boolean');
  const pools = await send('GET', `${K}/storagepools`);
  assert.equal(pools.body.at(-1).name, 'kimchi_isos');
  for (const p of pools.body) assert.type(p.in_use, 'boolean');
  assert.not.ok((await send('GET', '/api/storagepools')).body.some((p: { name: string }) => p.name === 'kimchi_isos'), '/api has no virtual pool');
  assert.equal((await send('GET', `${K}/storagepools/kimchi_isos`)).body.type, 'kimchi-iso');

  // in_use is a fact, not only a type: a template's network and disk pool are in use, a network nobody uses is not.
  const tpl = await send('POST', `${K}/templates`, {
    name: 'k13-use', source_media: { type: 'disk', path: iso.path }, disks: [{ size: 1, pool: { name: `${K}/storagepools/default` } }],
  });
  assert.is(tpl.status, 201, JSON.stringify(tpl.body));
  const free = await send('POST', '/api/networks', { name: 'k13-free', connection: 'isolated' });
  assert.is(free.status, 201, JSON.stringify(free.body));
  try {
    const inUse = async (kind: 'networks' | 'storagepools', name: string) => (await send('GET', `${K}/${kind}/${name}`)).body.in_use;
    assert.is(await inUse('networks', 'default'), true, 'the template names the default network');
    assert.is(await inUse('storagepools', 'default'), true, 'the template\'s disk lives in the default pool');
    assert.is(await inUse('networks', 'k13-free'), false, 'nothing uses the new network');
  } finally {
    await send('DELETE', `${K}/templates/k13-use`);
    await send('DELETE', '/api/networks/k13-free');
  }
  assert.ok(Array.isArray((await send('GET', `${K}/storagepools/kimchi_isos/storagevolumes`)).body));
  refused(await send('DELETE', `${K}/storagepools/kimchi_isos`), 400, 'KCHPOOL0070E');
});

test('GET /config carries Kimchi\'s version and with_spice_web_client', async () => {
  const r = await send('GET', `${K}/config`);
  assert.equal([r.body.version, r.body.with_spice_web_client], ['3.0.0', false]);
  assert.equal((await send('GET', '/api/config')).body.version, 'test');
});


test('the VM list\'s ETag stays on /api: the Kimchi body adds fields the /api hash never saw', async () => {
  assert.ok((await t.app.request('/api/vms')).headers.get('ETag'), '/api/vms carries an ETag');
  assert.is((await t.app.request(`${K}/vms`)).headers.get('ETag'), null);
});

test.run();
