// Unattended installs refused or undone: an OS without a script (409), bad fields (400) — each a stable code with
// en-US and pt-BR reasons and nothing made — and an installer that cannot start, whose volumes and guest are removed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeIso } from '../helpers/iso.ts';
import { ORIGINAL_INITRD, PREFIX, uaKit, type UaKit } from './kit.ts';

let k: UaKit;
test.before(async () => { k = await uaKit(); });
test.after(async () => { await k.cleanup(); });

const ISOS = ['debian.iso', 'fedoraLive.iso', 'windows.iso'];
const good = { user: 'alice', password: 'pw for tests', locale: 'en-US', timezone: 'Europe/Lisbon' };
const body = (path: string, unattended: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  name: `${PREFIX}bad`, source: { type: 'iso', path }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128, disk_size: 1,
  start: true, unattended, ...more,
});
const nothingMade = async () => {
  assert.not.ok((await k.conn.connectListAllDomains()).some((d) => d.name.startsWith(`${PREFIX}bad`)), 'a guest was left');
  assert.equal(await k.volumes(), ISOS, 'a volume was left');
};

test('an OS osinfo-db has no install script for: 409 KCHUA0001E in both languages, nothing made', async () => {
  const en = await k.send('POST', '/api/vms', body(k.isos.fedoraLive, good));
  assert.is(en.status, 409);
  assert.is(en.body.code, 'KCHUA0001E');
  assert.match(en.body.reason, /Fedora Linux 36 has no unattended install script in osinfo-db/);
  const pt = await k.send('POST', '/api/vms', body(k.isos.fedoraLive, good), 'pt-BR');
  assert.equal([pt.status, pt.body.code], [409, 'KCHUA0001E']);
  assert.match(pt.body.reason, /Fedora Linux 36 não tem script de instalação automática no osinfo-db/);
  await nothingMade();
});

test('bad fields: unknown time zone, missing or malformed product key, start off, a quote in the password — 400 with stable codes', async () => {
  const cases: Array<[string, unknown, string]> = [
    ['KCHUA0004E', body(k.isos.debian, { ...good, timezone: 'Mars/Olympus_Mons' }), 'Mars/Olympus_Mons não é um fuso horário'],
    ['KCHUA0003E', body(k.isos.windows, good), 'precisa de uma chave do produto'],
    ['KCHUA0003E', body(k.isos.debian, { ...good, timezone: undefined }), 'precisa de um fuso horário'],
    ['KCHUA0005E', body(k.isos.windows, { ...good, product_key: 'ABC-123' }), 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX'],
    ['KCHUA0008E', body(k.isos.debian, good, { start: false }), 'deixe a opção iniciar ligada'],
  ];
  for (const [code, b, pt] of cases) {
    const r = await k.send('POST', '/api/vms', b, 'pt-BR');
    assert.equal([r.status, r.body.code], [400, code], JSON.stringify(r.body));
    assert.ok(r.body.reason.includes(pt), r.body.reason);
  }
  const quote = await k.send('POST', '/api/vms', body(k.isos.debian, { ...good, password: "it's" }));
  assert.is(quote.status, 400);
  assert.match(quote.body.reason, /password/);
  assert.not.ok(JSON.stringify(quote.body).includes("it's"), 'the password is echoed back');
  await nothingMade();
});

test('unattended needs an ISO source: 400 KCHUA0002E for a disk image', async () => {
  const r = await k.send('POST', '/api/vms', { ...body(k.isos.debian, good), source: { type: 'image', path: k.isos.debian } });
  assert.equal([r.status, r.body.code], [400, 'KCHUA0002E'], JSON.stringify(r.body));
  await nothingMade();
});

test('an installer QEMU cannot boot: the task fails and its kernel, initrd, disk and guest are all removed', async () => {
  // Debian's label, but a "kernel" that is no bzImage: QEMU refuses an initrd for it, so the install run cannot start.
  const iso = await makeIso({ volumeId: 'Debian 11.6.0 amd64 n', files: { 'install.amd/vmlinuz': 'not a kernel\n', 'install.amd/initrd.gz': ORIGINAL_INITRD } });
  const path = join(k.poolDir, 'junk.iso');
  copyFileSync(iso.path, path);
  await iso.cleanup();
  await k.conn.storagePoolRefresh(k.pool);
  const r = await k.send('POST', '/api/vms', body(path, good));
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.is(done.status, 'failed');
  assert.match(done.message, /failed while starting it: .*Everything made so far was removed/s, done.message);
  assert.not.ok((await k.conn.connectListAllDomains()).some((d) => d.name.startsWith(`${PREFIX}bad`)), 'the guest was left');
  assert.equal(await k.volumes(), [...ISOS, 'junk.iso'].sort(), 'a volume was left');
});

test.run();
