// IPv6, open networks and fixed DHCP hosts on qemu:///system, for truth: a dual-stack NAT network with DHCPv6 starts and the
// host's bridge carries its IPv6 gateway; fixed hosts are added to and removed from the running network's live XML and
// its saved definition; overlapping prefixes and doubled reservations are refused with nothing made. Everything is named
// kimchi-test-net-* (bridges kbr-test-N) and removed in finally; no VM is attached and nothing is bridged to a host NIC.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient, type Connection } from '../../libvirt/index.ts';
import { parseNetworkXML } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { sender, silent } from '../helpers/app.ts';
import { QEMU_URI, testName } from '../helpers/qemu.ts';
import { freeBridges, freePrefixes6, freeSubnets, PREFIX, sweepNetworks } from './qemu-kit.ts';

const NETWORK_XML_INACTIVE = 1;

async function withHost(run: (send: ReturnType<typeof sender>, conn: Connection) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-net6-'));
  const store: Store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  try {
    const conn = await client.open();
    const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent, version: 'test' });
    await run(sender(app), conn);
  } finally {
    if (client.connected) await sweepNetworks(client.connection).catch(() => {});
    events.close();
    await client.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const names = async (conn: Connection) => (await conn.connectListAllNetworks()).map((n) => n.name).sort();

test('a dual-stack NAT network with DHCPv6 starts, its bridge holds the IPv6 gateway, and an overlapping prefix is refused', () => withHost(async (send, conn) => {
  const [subnet] = await freeSubnets(conn, 1);
  const [prefix] = await freePrefixes6(conn, 1);
  const [bridge] = freeBridges(1);
  const name = testName(PREFIX);
  const made = await send('POST', '/api/networks', { name, connection: 'nat', subnet, subnet6: prefix, bridge, autostart: false });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const base = prefix!.replace('::/64', '::');
  assert.equal([made.body.subnet6, made.body.gateway6, made.body.dhcp6], [prefix, `${base}1`, { start: `${base}100`, end: `${base}1ff` }]);
  const on = await send('POST', `/api/networks/${name}/activate`);
  assert.equal([on.status, on.body.state], [200, 'active'], JSON.stringify(on.body));
  const live = parseNetworkXML(await conn.networkGetXMLDesc(await conn.networkLookupByName(name)));
  assert.equal(live.ipv6, { address: `${base}1`, prefix: 64, dhcp: { start: `${base}100`, end: `${base}1ff` } });
  // `ip` shows it while it is still tentative (no guest yet), which getifaddrs leaves out.
  const shown = JSON.parse(execFileSync('ip', ['-6', '-json', 'addr', 'show', 'dev', bridge!], { encoding: 'utf8' })) as { addr_info: { local: string }[] }[];
  const onBridge = shown.flatMap((i) => i.addr_info.map((a) => a.local));
  assert.ok(onBridge.includes(`${base}1`), `${bridge} carries ${base}1: ${onBridge.join(', ')}`);
  // libvirt's dnsmasq serves the DHCPv6 range.
  const conf = readFileSync(`/var/lib/libvirt/dnsmasq/${name}.conf`, 'utf8');
  assert.match(conf, new RegExp(`^dhcp-range=${base}100,${base}1ff`, 'm'));

  const before = await names(conn);
  const clash = await send('POST', '/api/networks', { name: testName(PREFIX), connection: 'isolated', ipv4: false, subnet6: prefix!.replace(':1::/64', '::/48') });
  assert.equal([clash.status, clash.body.code], [409, 'KCHNET0021E']);
  assert.match(clash.body.reason, new RegExp(`network ${name}`));
  const pt = await send('POST', '/api/networks', { name: testName(PREFIX), connection: 'isolated', ipv4: false, subnet6: prefix }, 'pt-BR');
  assert.match(pt.body.reason, /se sobrepõe/);
  assert.equal(await names(conn), before, 'nothing was defined');
}));

test('an IPv6-only isolated network and an open (routed, no firewall) network start', () => withHost(async (send, conn) => {
  const [prefix] = await freePrefixes6(conn, 1);
  const [subnet] = await freeSubnets(conn, 1);
  const [b6, bOpen] = freeBridges(2);
  const only6 = { name: testName(PREFIX), connection: 'isolated', ipv4: false, subnet6: prefix, bridge: b6, autostart: false };
  const open = { name: testName(PREFIX), connection: 'open', subnet, bridge: bOpen, autostart: false };
  for (const input of [only6, open]) {
    const made = await send('POST', '/api/networks', input);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal((await send('POST', `/api/networks/${input.name}/activate`)).body.state, 'active');
  }
  const v6 = (await send('GET', `/api/networks/${only6.name}`)).body;
  assert.equal([v6.connection, v6.subnet, v6.dhcp, v6.subnet6], ['isolated', null, null, prefix]);
  const routed = parseNetworkXML(await conn.networkGetXMLDesc(await conn.networkLookupByName(open.name)));
  assert.equal(routed.forward, 'open');
  assert.equal((await send('GET', `/api/networks/${open.name}`)).body.connection, 'open');
}));

test('a fixed DHCP host added to a running network appears in its live XML and saved definition, and is removed from both; a MAC already reserved is refused in both languages', () => withHost(async (send, conn) => {
  const [subnet] = await freeSubnets(conn, 1);
  const [bridge] = freeBridges(1);
  const name = testName(PREFIX);
  assert.equal((await send('POST', '/api/networks', { name, connection: 'isolated', subnet, bridge, autostart: false })).status, 201);
  await send('POST', `/api/networks/${name}/activate`);
  const ip = subnet!.replace('.0/24', '.50');
  const added = await send('POST', `/api/networks/${name}/dhcp-hosts`, { mac: '52:54:00:AB:CD:01', ip, name: 'web1' });
  assert.equal([added.status, added.body], [201, [{ mac: '52:54:00:ab:cd:01', ip, name: 'web1' }]], JSON.stringify(added.body));
  const net = await conn.networkLookupByName(name);
  const hosts = async (flags: number) => parseNetworkXML(await conn.networkGetXMLDesc(net, flags)).dhcpHosts;
  assert.equal(await hosts(0), [{ mac: '52:54:00:ab:cd:01', ip, name: 'web1' }], 'live');
  assert.equal(await hosts(NETWORK_XML_INACTIVE), [{ mac: '52:54:00:ab:cd:01', ip, name: 'web1' }], 'saved');
  assert.equal((await send('GET', `/api/networks/${name}`)).body.dhcp_hosts, [{ mac: '52:54:00:ab:cd:01', ip, name: 'web1' }]);

  // A MAC already reserved (written in another case), in both languages.
  const sameMac = await send('POST', `/api/networks/${name}/dhcp-hosts`, { mac: '52:54:00:AB:cd:01', ip: subnet!.replace('.0/24', '.51') });
  assert.equal([sameMac.status, sameMac.body.code], [409, 'KCHNET0025E']);
  assert.is(sameMac.body.reason, `The MAC address 52:54:00:ab:cd:01 already has the fixed address ${ip} on the network ${name}.`);
  const sameMacPt = await send('POST', `/api/networks/${name}/dhcp-hosts`, { mac: '52:54:00:ab:cd:01', ip: subnet!.replace('.0/24', '.51') }, 'pt-BR');
  assert.equal([sameMacPt.status, sameMacPt.body.reason], [409, `O endereço MAC 52:54:00:ab:cd:01 já tem o endereço fixo ${ip} na rede ${name}.`]);
  const sameIp = await send('POST', `/api/networks/${name}/dhcp-hosts`, { mac: '52:54:00:ab:cd:02', ip });
  assert.equal([sameIp.status, sameIp.body.code], [409, 'KCHNET0026E']);
  const outside = await send('POST', `/api/networks/${name}/dhcp-hosts`, { mac: '52:54:00:ab:cd:03', ip: '203.0.113.9' });
  assert.equal([outside.status, outside.body.code], [400, 'KCHNET0027E']);
  const badMac = await send('POST', `/api/networks/${name}/dhcp-hosts`, { mac: '52:54:00:zz:cd:03', ip: subnet!.replace('.0/24', '.52') });
  assert.equal(badMac.status, 400);
  assert.equal([(await hosts(0)).length, (await hosts(NETWORK_XML_INACTIVE)).length], [1, 1], 'refused reservations changed nothing, live or saved');

  assert.equal((await send('DELETE', `/api/networks/${name}/dhcp-hosts/52:54:00:AB:CD:01`)).status, 204);
  assert.equal([await hosts(0), await hosts(NETWORK_XML_INACTIVE)], [[], []]);
  assert.equal((await send('DELETE', `/api/networks/${name}/dhcp-hosts/52:54:00:ab:cd:01`)).body.code, 'KCHNET0028E');
}));

test.run();
