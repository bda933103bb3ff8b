// Upload and download of a 1 GiB file through the product's own server process (npm start's dist/server/main.mjs, PAM
// login through Basic) on qemu:///system: byte-equal (sha256 both ways), RSS under 150 MB sampled from /proc the whole
// time; an upload whose client drops the socket leaves no volume behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, openSync, closeSync, writeSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect } from '../../libvirt/index.ts';
import { ensureServerBuilt, startCommand } from '../helpers/build.ts';
import { sweep } from '../helpers/qemu.ts';
import { basic, createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SIZE = 1 << 30;
const RSS_LIMIT_MB = 150;
const root = mkdtempSync(join(tmpdir(), 'kimchi-test-storage-upload-'));
const POOL = `kimchi-test-storage-up-${process.pid}`;
let server: ChildProcess | undefined;
let base = '';
const PAM = 'kimchi-test-upload';
let admin: TestUser | undefined;
let removePam: (() => void) | undefined;
let auth = '';

async function startServerProcess(): Promise<void> {
  // Pools an interrupted earlier run left behind.
  const c = await connect('qemu:///system');
  try { await sweep(c, 'kimchi-test-storage-up-'); } finally { await c.close(); }
  const main = ensureServerBuilt();
  removePam = installPamService(PAM);
  admin = createUser('ktup', ['sudo']);
  auth = basic(admin);
  // Exactly as `npm start` runs it (glibc returns freed transfer buffers to the system: MALLOC_MMAP_THRESHOLD_).
  const start = startCommand();
  assert.ok(start.args.includes(main), 'npm start runs the bundle');
  server = spawn(process.execPath, [...start.args, '--port', '0', '--libvirt-uri', 'qemu:///system', '--data-dir', join(root, 'data'), '--pam-service', PAM],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...start.env } });
  const lines = createInterface({ input: server.stdout! });
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not say "listening" within 30 s')), 30_000);
    lines.on('line', (line) => {
      try {
        const rec = JSON.parse(line) as { msg?: string; url?: string };
        if (rec.msg === 'listening' && rec.url) { clearTimeout(timer); resolve(rec.url.replace(/\/$/, '')); }
      } catch { /* not JSON */ }
    });
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  lines.on('line', () => undefined); // keep draining stdout
}

const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', authorization: auth }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  try { return { status: r.status, body: JSON.parse(text) }; } catch { return { status: r.status, body: text }; }
}

/** A 1 GiB file of pseudo-random 1 MiB blocks (each stamped with its index, so no two are alike). */
function makeFile(path: string): string {
  const hash = createHash('sha256');
  const block = randomBytes(1 << 20);
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < SIZE / block.length; i++) {
      block.writeUInt32BE(i, 0);
      writeSync(fd, block);
      hash.update(block);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** PUT the file to …/content with Content-Length; `abortAfter` bytes: destroy the socket mid-way instead. */
function put(path: string, file: string, length: number, abortAfter?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': length, authorization: auth } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (e) => (abortAfter !== undefined ? resolve(-1) : reject(e)));
    const src = createReadStream(file, { highWaterMark: 1 << 20, end: length - 1 });
    let sent = 0;
    src.on('data', (chunk) => {
      sent += chunk.length;
      if (abortAfter !== undefined && sent >= abortAfter) { src.destroy(); req.destroy(); }
    });
    src.pipe(req);
  });
}

test.after(async () => {
  try {
    const conn = await connect('qemu:///system');
    try {
      const pool = await conn.storagePoolLookupByName(POOL).catch(() => undefined);
      if (pool) {
        for (const v of await conn.storagePoolListAllVolumes(pool).catch(() => [])) await conn.storageVolDelete(v).catch(() => undefined);
        await conn.storagePoolDestroy(pool).catch(() => undefined);
        await conn.storagePoolUndefine(pool).catch(() => undefined);
      }
    } finally {
      await conn.close();
    }
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    rmSync(root, { recursive: true, force: true });
    removeUser(admin);
    removePam?.();
  }
});

test('a 1 GiB file goes up and comes back byte-equal, the server RSS staying under 150 MB', async () => {
  await startServerProcess();
  const file = join(root, 'big.iso');
  const sha = makeFile(file);
  const created = await api('POST', '/api/storagepools', { name: POOL, type: 'dir', path: join(root, 'pool') });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const vols = `/api/storagepools/${POOL}/storagevolumes`;
  const task = await api('POST', vols, { name: 'big.iso', capacity: SIZE, format: 'raw', upload: true });
  assert.equal(task.status, 202, JSON.stringify(task.body));
  const idle = rssMB(server!.pid!);
  let peak = 0;
  const messages = new Set<string>();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMB(server!.pid!));
    void api('GET', `/api/tasks/${task.body.id}`).then((r) => messages.add(r.body.message));
  }, 100);
  const t0 = Date.now();
  let status: number;
  try {
    status = await put(`${vols}/big.iso/content`, file, SIZE);
  } finally {
    clearInterval(sampler);
  }
  const upMs = Date.now() - t0;
  const upPeak = peak;
  assert.equal(status, 200);
  const done = await api('GET', `/api/tasks/${task.body.id}`);
  assert.equal([done.body.status, done.body.message], ['finished', `${SIZE}/${SIZE}`]);
  assert.ok([...messages].some((m) => /^\d+\/\d+$/.test(m) && Number(m.split('/')[0]) > 0 && Number(m.split('/')[0]) < SIZE), 'progress seen mid-way');

  const down = setInterval(() => { peak = Math.max(peak, rssMB(server!.pid!)); }, 100);
  const t1 = Date.now();
  const hash = createHash('sha256');
  let length = 0;
  try {
    const r = await fetch(`${base}${vols}/big.iso/content`, { headers: { authorization: auth } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-length'), String(SIZE));
    const reader = r.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      length += value.length;
    }
  } finally {
    clearInterval(down);
  }
  const downMs = Date.now() - t1;
  assert.equal(length, SIZE);
  assert.equal(hash.digest('hex'), sha, 'downloaded bytes equal the uploaded file');
  console.log(`server RSS idle ${idle.toFixed(1)} MB; upload ${upMs} ms (peak ${upPeak.toFixed(1)} MB), download ${downMs} ms (peak ${peak.toFixed(1)} MB)`);
  assert.ok(peak > 0 && peak < RSS_LIMIT_MB, `server RSS went from ${idle.toFixed(1)} to ${peak.toFixed(1)} MB`);
  assert.equal((await api('DELETE', `${vols}/big.iso`)).status, 204);
});

test('an upload whose client drops the socket half-way leaves no volume and a failed task', async () => {
  const vols = `/api/storagepools/${POOL}/storagevolumes`;
  const length = 256 << 20;
  const task = await api('POST', vols, { name: 'broken.iso', capacity: length, upload: true });
  assert.equal(task.status, 202);
  await put(`${vols}/broken.iso/content`, join(root, 'big.iso'), length, 64 << 20);
  let t = task.body;
  for (let i = 0; i < 100 && t.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    t = (await api('GET', `/api/tasks/${task.body.id}`)).body;
  }
  assert.equal(t.status, 'failed');
  assert.match(t.message, /The upload of broken.iso ended after \d+ of 268435456 bytes; the volume was deleted./);
  assert.equal((await api('GET', `${vols}/broken.iso`)).status, 404);
});

test.run();
