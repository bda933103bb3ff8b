// A TPM on a QEMU/KVM host without swtpm, without uninstalling it: the real qemu:///system reached through a proxy that
// takes the `emulator` backend out of libvirt's domain capabilities — what libvirt says when it finds no swtpm. The
// API must refuse a TPM (400 KCHFW0001E, translated) with nothing made, while the same host still makes guests.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { insertTemplate, listTemplates, openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { DomainXMLFlags, LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { parseDomainCapsXML, parseMachine, parseXml } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { createPool, QEMU_URI, removePool, sweep, testName } from '../helpers/qemu.ts';
import { spec } from '../helpers/vm-create.ts';
import { SocketProxy } from '../libvirt/proxy.ts';

const PREFIX = 'kimchi-test-noswtpm-';
/** REMOTE_PROC_CONNECT_GET_DOMAIN_CAPABILITIES; its reply is one XDR string. */
const GET_DOMAIN_CAPABILITIES = 342;

/** The capabilities XML with the TPM's emulator backend taken out; counts what it took. */
let stripped = 0;
function withoutSwtpm(body: Buffer): Buffer {
  const xml = body.subarray(4, 4 + body.readUInt32BE(0)).toString('utf8')
    .replace(/<tpm\b[\s\S]*?<\/tpm>/, (tpm) => tpm.replace(/<value>emulator<\/value>/, () => { stripped++; return ''; }));
  const text = Buffer.from(xml, 'utf8');
  const out = Buffer.alloc(4 + Math.ceil(text.length / 4) * 4);
  out.writeUInt32BE(text.length, 0);
  text.copy(out, 4);
  return out;
}

const direct = new LibvirtClient({ uri: QEMU_URI });
const proxy = new SocketProxy();
let client: LibvirtClient, conn: Connection, store: Store, dir: string, pool: StoragePool, app: ReturnType<typeof createApp>;

test.before(async () => {
  conn = await direct.open();
  await sweep(conn, PREFIX);
  proxy.rewriteReply = (procedure, body) => (procedure === GET_DOMAIN_CAPABILITIES ? withoutSwtpm(body) : undefined);
  await proxy.listen();
  client = new LibvirtClient({ uri: `${QEMU_URI}?socket=${proxy.path}` });
  await client.open();
  dir = mkdtempSync(join(tmpdir(), 'kimchi-noswtpm-'));
  store = openStore(join(dir, 'kimchi.db'));
  pool = await createPool(conn, testName(PREFIX));
  app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events: new EventBus(), logger: silent, version: 'test' });
  insertTemplate(store.db, 'tiny', spec('tiny', {
    storagepool: `/plugins/kimchi/storagepools/${pool.name}`, networks: [], disks: [{ index: 0, size: 16 / 1024, pool: { name: pool.name }, format: 'qcow2' }],
  }));
});
test.after(async () => {
  await sweep(conn, PREFIX).catch(() => []);
  await removePool(conn, pool).catch(() => {});
  store?.close();
  rmSync(dir, { recursive: true, force: true });
  await client?.close();
  await proxy.close();
  await direct.close();
});

const send = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
  method, headers: { 'Content-Type': 'application/json', 'Accept-Language': lang }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
}));
const ours = async () => (await conn.connectListAllDomains()).map((d) => d.name).filter((n) => n.startsWith(PREFIX));
const volumes = async () => { await conn.storagePoolRefresh(pool); return (await conn.storagePoolListAllVolumes(pool)).map((v) => v.name).sort(); };

test('the host really has swtpm; through the proxy libvirt lists no TPM emulator, and /host/domcapabilities offers no TPM', async () => {
  const real = parseDomainCapsXML(await conn.connectGetDomainCapabilities({}));
  assert.ok(real.tpm.backends.includes('emulator'), 'swtpm is installed here: the proxy is what hides it');
  const r = await send('GET', '/api/host/domcapabilities');
  assert.equal([r.status, r.body.known, r.body.tpm], [200, true, false]);
  assert.ok(stripped > 0, 'the emulator backend was taken out of a real reply');
});

test('a new guest with a TPM: 400 KCHFW0001E in en-US and pt-BR, no domain, no disk, no template; without a TPM it is made', async () => {
  const before = await volumes();
  const name = testName(PREFIX);
  const body = { name, template: '/plugins/kimchi/templates/tiny', firmware: 'uefi', tpm: true, save_template: `${PREFIX}tpl` };
  const en = await send('POST', '/api/vms', body);
  assert.equal([en.status, en.body.code], [400, 'KCHFW0001E']);
  assert.match(en.body.reason, /libvirt reports no TPM emulator \(install the swtpm and swtpm-tools packages\)/);
  const pt = await send('POST', '/api/vms', body, 'pt-BR');
  assert.equal([pt.status, pt.body.code], [400, 'KCHFW0001E']);
  assert.match(pt.body.reason, /^Este host não pode dar ao convidado um TPM 2\.0/);
  assert.equal([await ours(), await volumes()], [[], before], 'no domain and no volume');
  assert.not.ok(listTemplates(store.db).some((t) => t.name === `${PREFIX}tpl`), 'no template');

  // The same host makes the guest without a TPM: the refusal is about the TPM only.
  const made = await send('POST', '/api/vms', { name, template: '/plugins/kimchi/templates/tiny', firmware: 'uefi' });
  assert.is(made.status, 202, JSON.stringify(made.body));
  for (let i = 0; i < 600 && (await send('GET', `/api/tasks/${made.body.id}`)).body.status === 'running'; i++) await sleep(50);
  assert.equal(await ours(), [name]);

  // Adding a TPM to it later is refused the same way, and its saved definition keeps no TPM.
  const put = await send('PUT', `/api/vms/${name}/machine`, { tpm: true });
  assert.equal([put.status, put.body.code], [400, 'KCHFW0001E']);
  const saved = parseMachine(parseXml(await conn.domainGetXMLDesc(await conn.domainLookupByName(name), DomainXMLFlags.INACTIVE)).root);
  assert.equal([saved.firmware, saved.tpm], ['efi', null]);
});

test.run();
