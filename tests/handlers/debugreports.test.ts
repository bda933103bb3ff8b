// Debug reports: made in global error mode (no libvirtd socket), downloaded, unpacked with tar, secrets scrubbed; rename, delete, names; with libvirt up, every object's XML.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTask, insertTemplate, openStore, putVmMeta } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { json, makeApp } from '../helpers/app.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { getJson, serve, until } from '../helpers/server.ts';

const SECRET = 'hunter2-SECRET-7f3a';

/** Every file under `dir`, relative, and the concatenated text of all of them. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, base) : [p.slice(base.length + 1)];
  });
}

function unpack(bytes: Buffer): { dir: string; files: string[]; read(rel: string): string; all(): string } {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-dr-unpack-'));
  writeFileSync(join(dir, 'r.tar.gz'), bytes);
  execFileSync('tar', ['-xzf', join(dir, 'r.tar.gz'), '-C', dir]);
  const root = join(dir, 'kimchi-debugreport');
  const files = walk(root);
  return { dir, files, read: (rel) => readFileSync(join(root, rel), 'utf8'), all: () => files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n') };
}

test('in global error mode a report is made, listed, downloaded as an attachment, holds logs, state and metadata, and no secret', async () => {
  const fx = writeFixture();
  const uri = `${fx.uri}?socket=/nonexistent/kimchi-dr-${process.pid}.sock`;
  const s = await serve(uri);
  const store = openStore(join(s.dataDir, 'kimchi.db'));
  let unpacked: ReturnType<typeof unpack> | undefined;
  try {
    assert.is((await getJson(`${s.url}/api/config`)).body.state, 'error');
    insertTemplate(store.db, 'planted', { name: 'planted', memory: { current: 1024 }, graphics: { type: 'vnc', passwd: SECRET }, auth: { password: SECRET }, api_token: SECRET });
    putVmMeta(store.db, '11111111-2222-3333-4444-555555555555', { template: 'planted', icon: 'plugins/kimchi/images/icon-debian.png' });
    mkdirSync(join(s.dataDir, 'logs'), { recursive: true });
    writeFileSync(join(s.dataDir, 'logs', 'kimchi.log'), `{"level":30,"msg":"login ok","user":"admin"}\n{"level":30,"msg":"auth","password":"${SECRET}","token":"${SECRET}"}\n`);

    const created = await getJson(`${s.url}/api/debugreports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'r1' }) });
    assert.is(created.status, 202, JSON.stringify(created.body));
    assert.equal([created.body.status, created.body.target_uri], ['running', '/plugins/kimchi/debugreports/r1']);
    // /api/tasks is gated in error mode (the UI watches the `task` events instead); read the task's row here.
    await until(() => getTask(store.db, Number(created.body.id))?.status !== 'running', 20_000, 'report task');
    assert.is(getTask(store.db, Number(created.body.id))?.status, 'finished');
    assert.is((await fetch(`${s.url}/api/debugreports/r1`)).status, 200);

    const list = await getJson(`${s.url}/api/debugreports`);
    assert.equal(list.body.map((r: { name: string; uri: string }) => [r.name, r.uri]), [['r1', '/api/debugreports/r1/content']]);
    assert.ok(!Number.isNaN(Date.parse(list.body[0].time)));

    const res = await fetch(`${s.url}/api/debugreports/r1/content`);
    assert.is(res.status, 200);
    assert.is(res.headers.get('content-type'), 'application/gzip');
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="r1\.tar\.gz"/);
    unpacked = unpack(Buffer.from(await res.arrayBuffer()));
    for (const f of ['manifest.json', 'sanity.json', 'versions.json', 'os-release', 'db/templates.json', 'db/vm_meta.json', 'db/tasks.json', 'logs/kimchi/kimchi.log']) {
      assert.ok(unpacked.files.includes(f), `${f} in ${unpacked.files.join(', ')}`);
    }
    const sanity = JSON.parse(unpacked.read('sanity.json'));
    assert.equal([sanity.state, sanity.code], ['error', 'KCHCONF0001E']);
    assert.match(unpacked.read('logs/kimchi/kimchi.log'), /login ok/);
    const templates = JSON.parse(unpacked.read('db/templates.json'));
    assert.is(templates[0].name, 'planted');
    assert.is(templates[0].spec.auth.password, '********');
    assert.is(JSON.parse(unpacked.read('db/vm_meta.json'))[0].template, 'planted');
    const manifest = JSON.parse(unpacked.read('manifest.json'));
    assert.is(manifest.sos, 'not installed');
    assert.ok(manifest.skipped.some((x: { what: string }) => x.what === 'libvirt objects'));
    assert.ok(!unpacked.files.some((f) => f.startsWith('libvirt/domains')));
    assert.not.match(unpacked.all(), SECRET);
  } finally {
    if (unpacked) rmSync(unpacked.dir, { recursive: true, force: true });
    store.close();
    await s.stop();
    fx.cleanup();
  }
});

async function withApp(fn: (app: ReturnType<typeof createApp>, dataDir: string) => Promise<void>): Promise<void> {
  const t = await makeApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-dr-data-'));
  try {
    await fn(createApp({ libvirt: t.client, db: t.store.db, sanity: t.monitor, events: t.events, dataDir, version: 'test' }), dataDir);
  } finally { await t.cleanup(); rmSync(dataDir, { recursive: true, force: true }); }
}

const post = (app: ReturnType<typeof createApp>, body?: unknown) => json(app.request('/api/debugreports', body === undefined
  ? { method: 'POST' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
/** Wait for the task to end (not just for the file: the task's last write must land before the test closes the db). */
async function ready(app: ReturnType<typeof createApp>, task: { id: string }): Promise<void> {
  let status = 'running';
  await until(async () => (status = (await json(app.request(`/api/tasks/${task.id}`))).body.status) !== 'running', 20_000, `task ${task.id}`);
  assert.is(status, 'finished');
}

test('with libvirtd up the report has every domain, network, pool and volume XML, and the versions', async () => {
  await withApp(async (app) => {
    const r = await post(app, { name: 'full' });
    assert.is(r.status, 202);
    await ready(app, r.body);
    const u = unpack(Buffer.from(await (await app.request('/api/debugreports/full/content')).arrayBuffer()));
    try {
      for (const f of ['libvirt/capabilities.xml', 'libvirt/domains/test-vm.xml', 'libvirt/networks/default.xml', 'libvirt/pools/default.xml']) assert.ok(u.files.includes(f), f);
      assert.match(u.read('libvirt/domains/test-vm.xml'), /<name>test-vm<\/name>/);
      assert.match(JSON.parse(u.read('versions.json')).libvirt, /^\d+\.\d+\.\d+$/);
      assert.is(JSON.parse(u.read('sanity.json')).state, 'ok');
    } finally { rmSync(u.dir, { recursive: true, force: true }); }
  });
});

test('no body picks a report-YYYYMMDD-HHMMSS name; a taken name is 409; rename and delete; bad names are 400', async () => {
  await withApp(async (app, dataDir) => {
    const r = await post(app);
    assert.is(r.status, 202, JSON.stringify(r.body));
    const name = decodeURIComponent(r.body.target_uri.split('/').at(-1));
    assert.match(name, /^report-\d{8}-\d{6}$/);
    await ready(app, r.body);
    assert.is((await post(app, { name })).status, 409);
    assert.is((await post(app, { name: 'a/b' })).status, 400);
    assert.is((await post(app, { name: 'x', extra: 1 })).status, 400);

    const renamed = await json(app.request(`/api/debugreports/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'renamed ü' }) }));
    assert.is(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal([renamed.body.name, renamed.body.uri], ['renamed ü', '/api/debugreports/renamed%20%C3%BC/content']);
    assert.is((await app.request(`/api/debugreports/${name}`)).status, 404);
    const dl = await app.request('/api/debugreports/renamed%20%C3%BC/content');
    assert.match(dl.headers.get('content-disposition')!, /filename\*=UTF-8''renamed%20%C3%BC\.tar\.gz/);
    assert.ok(existsSync(join(dataDir, 'debugreports', 'renamed ü.tar.gz')));

    const second = await post(app, { name: 'other' });
    assert.ok(second.status === 202);
    await ready(app, second.body);
    const clash = await json(app.request('/api/debugreports/other', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'renamed ü' }) }));
    assert.equal([clash.status, clash.body.code], [409, 'KCHDR0002E']);

    assert.is((await app.request('/api/debugreports/other', { method: 'DELETE' })).status, 204);
    const gone = await json(app.request('/api/debugreports/other', { method: 'DELETE', headers: { 'accept-language': 'pt-BR' } }));
    assert.equal([gone.status, gone.body.code, gone.body.reason], [404, 'KCHDR0001E', 'O relatório de depuração other não existe.']);
    assert.equal((await json(app.request('/api/debugreports'))).body.map((x: { name: string }) => x.name), ['renamed ü']);
    assert.equal(readdirSync(join(dataDir, 'debugreports.work')), []);
  });
});

test.run();
