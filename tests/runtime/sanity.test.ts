// The startup sanity check, end to end: a real server against test-driver fixtures and a socket that comes and goes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { LibvirtClient } from '../../libvirt/index.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { getJson, serve, until, UI_MARKER } from '../helpers/server.ts';
import { SocketProxy } from '../libvirt/proxy.ts';

test('a default network that is defined but inactive is active after start, and /api/config says ok', async () => {
  const fx = writeFixture();
  // The test driver starts every fixture network, so stop it on the connection the server will use.
  const client = new LibvirtClient({ uri: fx.uri });
  const conn = await client.open();
  await conn.networkDestroy(await conn.networkLookupByName('default'));
  assert.equal(await conn.networkIsActive(await conn.networkLookupByName('default')), false);
  const s = await serve(fx.uri, { client });
  try {
    assert.equal(await conn.networkIsActive(await conn.networkLookupByName('default')), true);
    assert.equal((await getJson(`${s.url}/api/config`)).body, { state: 'ok', version: '0.1.0' });
  } finally {
    await s.stop();
    fx.cleanup();
  }
});

test('without a default pool, start creates it: a dir pool at the configured path, active and autostarted', async () => {
  const fx = writeFixture({ defaultPool: false });
  const client = new LibvirtClient({ uri: fx.uri });
  const conn = await client.open();
  const s = await serve(fx.uri, { client });
  try {
    const pool = await conn.storagePoolLookupByName('default');
    assert.equal(await conn.storagePoolIsActive(pool), true);
    assert.equal(await conn.storagePoolGetAutostart(pool), true);
    const xml = await conn.storagePoolGetXMLDesc(pool);
    assert.match(xml, /<pool type=['"]dir['"]/);
    assert.ok(xml.includes(`<path>${s.poolPath}</path>`), xml);
    assert.equal((await getJson(`${s.url}/api/config`)).body.state, 'ok');
  } finally {
    await s.stop();
    fx.cleanup();
  }
});

test('with no libvirtd socket the server still serves the UI, gated requests answer 500 translated, and a recheck after the socket returns is ok', async () => {
  const fx = writeFixture();
  const proxy = new SocketProxy(); // its socket path does not exist until listen()
  const uri = `${fx.uri}?socket=${proxy.path}`;
  const s = await serve(uri);
  try {
    assert.ok(!existsSync(proxy.path));
    const page = await fetch(`${s.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(UI_MARKER));
    const en = await getJson(`${s.url}/api/vms`);
    assert.equal(en.status, 500);
    assert.equal(en.body.code, 'KCHCONF0001E');
    assert.equal(en.body.reason, `Cannot connect to libvirtd at ${uri}. Make sure libvirtd is running and this user may use it.`);
    const pt = await getJson(`${s.url}/api/vms`, { headers: { 'Accept-Language': 'pt-BR' } });
    assert.equal(pt.status, 500);
    assert.equal(pt.body.reason, `Não foi possível conectar ao libvirtd em ${uri}. Verifique se o libvirtd está em execução e se este usuário pode usá-lo.`);
    const config = await getJson(`${s.url}/api/config`);
    assert.equal([config.body.state, config.body.error.code], ['error', 'KCHCONF0001E']);

    await proxy.listen();
    const ok = await getJson(`${s.url}/api/config/recheck`, { method: 'POST' });
    assert.equal(ok.body, { state: 'ok', version: '0.1.0' });
    const vms = await getJson(`${s.url}/api/vms`);
    assert.equal([vms.status, vms.body.map((v: { name: string }) => v.name)], [200, ['test-vm']]);
  } finally {
    await s.stop();
    await proxy.close();
    fx.cleanup();
  }
});

test('losing libvirtd while running enters error mode; when it comes back the server leaves it by itself', async () => {
  const fx = writeFixture();
  const proxy = new SocketProxy();
  await proxy.listen();
  const uri = `${fx.uri}?socket=${proxy.path}`;
  const s = await serve(uri);
  try {
    assert.equal((await getJson(`${s.url}/api/config`)).body.state, 'ok');
    await proxy.stopListening();
    proxy.killAll();
    await until(async () => (await getJson(`${s.url}/api/config`)).body.state === 'error', 5000, 'error mode');
    assert.equal((await getJson(`${s.url}/api/vms`)).status, 500);
    await proxy.listen();
    await until(async () => (await getJson(`${s.url}/api/config`)).body.state === 'ok', 5000, 'reconnect');
    assert.equal((await getJson(`${s.url}/api/vms`)).status, 200);
  } finally {
    await s.stop();
    await proxy.close();
    fx.cleanup();
  }
});

test.run();
