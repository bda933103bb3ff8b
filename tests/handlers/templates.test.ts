// The Template resource through app.request(): defaults, validation, references, rename, clone, invalid listing, delete.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectIso } from '../../handlers/templates/osinfo/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { makeIso, tempDir } from '../helpers/iso.ts';

let t: TestApp;
test.before(async () => { t = await makeApp(); });
test.after(async () => { await t.cleanup(); });

const send = (method: string, path: string, body?: unknown, lang = 'en-US') => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json', 'Accept-Language': lang }, body: body === undefined ? undefined : JSON.stringify(body),
}));

test('a template from just a name gets Kimchi defaults: 1 vCPU, 1024 MiB, one 10 GiB qcow2 disk in default, network default, VNC on localhost', async () => {
  const r = await send('POST', '/api/templates', { name: 'plain' });
  assert.equal(r.status, 201);
  assert.equal(r.body, {
    name: 'plain', os_distro: 'unknown', os_version: 'unknown', memory: { current: 1024, maxmemory: 1024 },
    cpu_info: { vcpus: 1, maxvcpus: 1 }, storagepool: '/plugins/kimchi/storagepools/default',
    disks: [{ index: 0, size: 10, pool: { name: 'default' }, format: 'qcow2' }], networks: ['default'],
    graphics: { type: 'vnc', listen: '127.0.0.1' }, folder: [], disk_bus: 'virtio', nic_model: 'virtio', invalid: {},
  });
  assert.equal((await send('GET', '/api/templates/plain')).body, r.body);
  assert.equal((await send('GET', '/plugins/kimchi/templates')).body.map((x: { name: string }) => x.name), ['plain']);
  assert.equal((await send('DELETE', '/api/templates/plain')).status, 204);
});

test('names with "/", "..", spaces at the ends, control characters or over 100 characters are refused, nothing stored', async () => {
  for (const name of ['a/b', '..', 'x..y', ' lead', 'trail ', 'bell\u0007', 'n'.repeat(101), '']) {
    const r = await send('POST', '/api/templates', { name }, 'pt-BR');
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(name));
    assert.match(r.body.reason, /^Valor inválido para name/);
  }
  assert.equal((await send('GET', '/api/templates')).body, []);
  assert.ok((await send('POST', '/api/templates', { name: 'n'.repeat(100) })).status === 201);
  await send('DELETE', `/api/templates/${'n'.repeat(100)}`);
});

test('bad numbers and unknown fields are refused with a reason naming the problem', async () => {
  const topo = await send('POST', '/api/templates', { name: 't', cpu_info: { vcpus: 3, maxvcpus: 3, topology: { sockets: 1, cores: 2, threads: 1 } } });
  assert.equal([topo.status, topo.body.code], [400, 'KCHTMPL0006E']);
  assert.match(topo.body.reason, /gives 2 vCPUs .* maximum vCPU count is 3/);
  const mem = await send('POST', '/api/templates', { name: 't', memory: { current: 2048, maxmemory: 1024 } });
  assert.equal([mem.status, mem.body.code], [400, 'KCHTMPL0007E']);
  const neg = await send('POST', '/api/templates', { name: 't', disks: [{ size: -5 }] });
  assert.equal([neg.status, neg.body.reason], [400, 'Invalid value for disks.0.size: the value is too small.']);
  const absurd = await send('POST', '/api/templates', { name: 't', memory: { current: 1e12 } });
  assert.equal(absurd.status, 400);
  const extra = await send('POST', '/api/templates', { name: 't', colour: 'red' });
  assert.equal(extra.body.reason, 'Invalid value for colour: this field is not accepted.');
  const topoOk = await send('POST', '/api/templates', { name: 't', cpu_info: { topology: { sockets: 1, cores: 2, threads: 2 } } });
  assert.equal(topoOk.body.cpu_info, { vcpus: 4, maxvcpus: 4, topology: { sockets: 1, cores: 2, threads: 2 } });
  await send('DELETE', '/api/templates/t');
  const hotplug = await send('POST', '/api/templates', { name: 't', cpu_info: { vcpus: 2, topology: { sockets: 2, cores: 2, threads: 1 } } });
  assert.equal([hotplug.status, hotplug.body.cpu_info.vcpus, hotplug.body.cpu_info.maxvcpus], [201, 2, 4], 'fewer vCPUs than the topology holds are hot-pluggable');
  await send('DELETE', '/api/templates/t');
});

test('a pool or network that does not exist is a 404 at create; a malformed pool reference a 400', async () => {
  const pool = await send('POST', '/api/templates', { name: 't', storagepool: '/plugins/kimchi/storagepools/nope' });
  assert.equal([pool.status, pool.body.code, pool.body.reason], [404, 'KCHTMPL0004E', 'The storage pool nope does not exist.']);
  const net = await send('POST', '/api/templates', { name: 't', networks: ['default', 'ghost'] }, 'pt-BR');
  assert.equal([net.status, net.body.reason], [404, 'A rede ghost não existe.']);
  const ref = await send('POST', '/api/templates', { name: 't', storagepool: 'default' });
  assert.equal([ref.status, ref.body.code], [400, 'KCHTMPL0008E']);
  assert.equal((await send('GET', '/api/templates')).body, []);
});

test('a taken name is a 409, on create and on rename; a rename moves the template', async () => {
  await send('POST', '/api/templates', { name: 'a' });
  await send('POST', '/api/templates', { name: 'b' });
  assert.equal((await send('POST', '/api/templates', { name: 'a' })).status, 409);
  const clash = await send('PUT', '/api/templates/a', { name: 'b' });
  assert.equal([clash.status, clash.body.reason], [409, 'A template named b already exists.']);
  const moved = await send('PUT', '/api/templates/a', { name: 'c', memory: { current: 2048 } });
  assert.equal([moved.status, moved.body.name, moved.body.memory], [200, 'c', { current: 2048, maxmemory: 2048 }]);
  assert.equal((await send('GET', '/api/templates/a')).status, 404);
  assert.equal((await send('GET', '/api/templates')).body.map((x: { name: string }) => x.name), ['b', 'c']);
  assert.equal((await send('PUT', '/api/templates/zzz', { memory: { current: 512 } })).status, 404);
  await send('DELETE', '/api/templates/b');
  await send('DELETE', '/api/templates/c');
});

test('clone copies the spec as <name>-clone1, then -clone2', async () => {
  await send('POST', '/api/templates', { name: 'base', memory: { current: 512 } });
  const one = await send('POST', '/api/templates/base/clone');
  assert.equal([one.status, one.body.name, one.body.memory.current], [201, 'base-clone1', 512]);
  assert.equal((await send('POST', '/api/templates/base/clone')).body.name, 'base-clone2');
  assert.equal((await send('POST', '/api/templates/nope/clone')).status, 404);
  for (const n of ['base', 'base-clone1', 'base-clone2']) await send('DELETE', `/api/templates/${n}`);
});

test('a template whose network and pool disappeared is still listed, marked invalid with a translated reason', async () => {
  const conn = t.client.connection;
  const net = await conn.networkDefineXML("<network><name>lab</name><bridge name='virbr7'/></network>");
  const pool = await conn.storagePoolDefineXML("<pool type='dir'><name>fast</name><target><path>/fast</path></target></pool>");
  const made = await send('POST', '/api/templates', { name: 'fragile', networks: ['lab'], storagepool: '/plugins/kimchi/storagepools/fast' });
  assert.equal(made.status, 201);
  await conn.networkUndefine(net);
  await conn.storagePoolUndefine(pool);
  const list = await send('GET', '/api/templates', undefined, 'pt-BR');
  assert.equal(list.status, 200);
  const fragile = list.body.find((x: { name: string }) => x.name === 'fragile');
  assert.equal(fragile.invalid, { storagepools: ['fast'], networks: ['lab'] });
  assert.equal(fragile.invalid_reason, 'O pool de armazenamento fast não existe mais; a rede lab não existe mais.');
  assert.equal((await send('DELETE', '/api/templates/fragile')).status, 204);
  assert.equal((await send('DELETE', '/api/templates/fragile')).status, 404);
});

test('with an install ISO the OS is detected and its recommendations become the defaults; a gone ISO marks the template invalid', async () => {
  const iso = await makeIso({ volumeId: 'Ubuntu-Server 22.04.1 LTS amd64' });
  try {
    const want = await detectIso(iso.path);
    assert.equal([want.distro, want.version], ['ubuntu', '22.04'], 'the database knows this image');
    const r = await send('POST', '/api/templates', { name: 'ubuntu', cdrom: iso.path });
    assert.equal(r.status, 201);
    assert.equal([r.body.os_distro, r.body.os_version, r.body.cdrom], ['ubuntu', '22.04', iso.path]);
    assert.equal(r.body.memory.current, want.memoryMiB);
    assert.equal(r.body.disks[0].size, want.diskGiB);
    assert.equal([r.body.disk_bus, r.body.nic_model], [want.diskBus, want.nicModel]);
    const mine = await send('POST', '/api/templates', { name: 'ubuntu-small', cdrom: iso.path, memory: { current: 512 }, disks: [{ size: 4 }] });
    assert.equal([mine.body.memory.current, mine.body.disks[0].size, mine.body.os_distro], [512, 4, 'ubuntu']);
    await rm(iso.path);
    const gone = await send('GET', '/api/templates/ubuntu');
    assert.equal(gone.body.invalid, { cdrom: [iso.path] });
    assert.equal(gone.body.invalid_reason, `The install image ${iso.path} no longer exists.`);
  } finally {
    await iso.cleanup();
    for (const n of ['ubuntu', 'ubuntu-small']) await send('DELETE', `/api/templates/${n}`);
  }
});

test('an ISO that is missing, not an ISO or in a system directory is refused with the reason, in the caller\'s language', async () => {
  const missing = await send('POST', '/api/templates', { name: 'x', cdrom: '/nonexistent/x.iso' });
  assert.equal([missing.status, missing.body.code, missing.body.reason], [400, 'KCHCDROM0001E', 'The CD-ROM image /nonexistent/x.iso does not exist.']);
  const shadow = await send('POST', '/api/templates', { name: 'x', cdrom: '/etc/shadow' }, 'pt-BR');
  assert.equal([shadow.status, shadow.body.code], [400, 'KCHCDROM0002E']);
  assert.equal(shadow.body.reason, '/etc/shadow está em /etc, um diretório do sistema: arquivos de lá nunca são entregues a uma máquina virtual como CD-ROM.');
  const tmp = await tempDir();
  try {
    const text = join(tmp.dir, 'notes.iso');
    await writeFile(text, 'not a disc\n'.repeat(5000));
    const notIso = await send('POST', '/api/templates', { name: 'x', cdrom: text });
    assert.equal([notIso.status, notIso.body.code, notIso.body.reason], [400, 'KCHCDROM0005E', `${text} is not an ISO 9660 or UDF image, so it cannot be used as a CD-ROM.`]);
    const plain = await send('POST', '/api/templates', { name: 'x' });
    assert.equal(plain.status, 201);
    const changed = await send('PUT', '/api/templates/x', { cdrom: '/etc/shadow' });
    assert.equal([changed.status, changed.body.code], [400, 'KCHCDROM0002E'], 'an update is held to the same rule');
  } finally {
    await tmp.cleanup();
    await send('DELETE', '/api/templates/x');
  }
  assert.equal((await send('GET', '/api/templates')).body, []);
});

/** `p`, or a rejection after `ms` (a hung request must fail the test, not hang it). */
const within = <T>(p: Promise<T>, ms: number, what: string) => Promise.race([p, new Promise<never>((_, reject) => {
  setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref();
})]);

test('a CD-ROM path that is a FIFO is refused at once, four at a time, and files are still read afterwards', async () => {
  const tmp = await tempDir();
  const fifos = [0, 1, 2, 3].map((i) => join(tmp.dir, `pipe-${i}.iso`));
  for (const f of fifos) execFileSync('mkfifo', [f]);
  const iso = await makeIso({ volumeId: 'Ubuntu-Server 22.04.1 LTS amd64' });
  try {
    const t0 = Date.now();
    const refused = await within(Promise.all(fifos.map((cdrom, i) => send('POST', '/api/templates', { name: `fifo-${i}`, cdrom }))), 5000, 'FIFO templates');
    const ms = Date.now() - t0;
    for (const r of refused) {
      assert.equal([r.status, r.body.code], [400, 'KCHCDROM0004E']);
      assert.match(r.body.reason, /is a named pipe \(FIFO\); a CD-ROM image must be a regular file\.$/);
    }
    assert.ok(ms < 3000, `answered after ${ms} ms`);
    const after = await within(send('POST', '/api/templates', { name: 'after-fifo', cdrom: iso.path }), 5000, 'an ISO template after the FIFOs');
    assert.equal([after.status, after.body.os_distro], [201, 'ubuntu']);
  } finally {
    // A server that opened the FIFOs waits for a writer: be one, so its threads come free and this process can end.
    for (const f of fifos) { try { closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK)); } catch { /* nobody reading */ } }
    await iso.cleanup();
    await tmp.cleanup();
    await send('DELETE', '/api/templates/after-fifo');
  }
});

test.run();
