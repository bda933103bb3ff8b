// Networks and host interfaces through app.request() on libvirt's test driver: every connection type, subnet and DHCP rules, names, in-use and default deletion.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildDomainXML, parseNetworkXML } from '../../libvirt/xml/index.ts';
import { formatSubnet, hostAddresses, hostRoutes, overlaps, parseSubnet } from '../../handlers/networks/subnet.ts';
import { sender, type TestApp } from '../helpers/app.ts';
import { makeNetApp } from '../networks/app.ts';

let t: TestApp;
let send: ReturnType<typeof sender>;
test.before(async () => { t = await makeNetApp(); send = sender(t.app); });
test.after(async () => { await t.cleanup(); });

const xmlOf = async (name: string) => {
  const c = t.client.connection;
  return c.networkGetXMLDesc(await c.networkLookupByName(name));
};
const del = (name: string) => send('DELETE', `/api/networks/${encodeURIComponent(name)}`);

test('the list shows the default NAT network with Kimchi field names', async () => {
  const r = await send('GET', '/api/networks');
  assert.equal(r.status, 200);
  assert.equal(r.body, [{
    name: 'default', connection: 'nat', state: 'active', autostart: false, persistent: true, subnet: '192.168.122.0/24',
    gateway: '192.168.122.1', dhcp: { start: '192.168.122.2', end: '192.168.122.254' },
    subnet6: null, gateway6: null, dhcp6: null, dhcp_hosts: [], bridge: 'virbr0', interfaces: [],
    vlan_id: null, in_use: false, vms: [],
  }]);
  assert.equal((await send('GET', '/plugins/kimchi/networks/default')).body, { ...r.body[0], interfaces: ['virbr0'] }, 'Kimchi lists a NAT bridge as interface');
});

test('a NAT network without a subnet gets the first free 192.168.x.0/24: no overlap with other networks, host routes or addresses', async () => {
  const r = await send('POST', '/api/networks', { name: 'auto-nat', connection: 'nat' });
  assert.equal(r.status, 201);
  assert.equal([r.body.connection, r.body.state, r.body.autostart], ['nat', 'inactive', true]);
  const s = parseSubnet(r.body.subnet)!;
  assert.match(r.body.subnet, /^192\.168\.\d+\.0\/24$/);
  for (const other of [parseSubnet('192.168.122.0/24')!, ...hostRoutes().map((h) => h.subnet), ...hostAddresses().map((h) => h.subnet)]) {
    assert.not.ok(overlaps(s, other), `${r.body.subnet} overlaps ${formatSubnet(other)}`);
  }
  const second = await send('POST', '/api/networks', { name: 'auto-nat-2', connection: 'nat' });
  assert.is.not(second.body.subnet, r.body.subnet);
  const model = parseNetworkXML(await xmlOf('auto-nat'));
  assert.equal([model.forward, model.ipv4?.dhcp], ['nat', r.body.dhcp]);
  await del('auto-nat'); await del('auto-nat-2');
});

test('networks created at the same instant without a subnet each get a different one', async () => {
  const names = ['burst-1', 'burst-2', 'burst-3'];
  const rs = await Promise.all(names.map((name) => send('POST', '/api/networks', { name, connection: 'isolated' })));
  try {
    assert.equal(rs.map((r) => r.status), [201, 201, 201]);
    const subnets = rs.map((r) => r.body.subnet as string);
    assert.is(new Set(subnets).size, 3, `subnets: ${subnets.join(', ')}`);
  } finally {
    for (const name of names) await del(name);
  }
});

test('an isolated network with a given subnet and DHCP range has no <forward>, the host at .1 and exactly that range', async () => {
  const r = await send('POST', '/api/networks', {
    name: 'lab', connection: 'isolated', subnet: '10.31.0.7/255.255.255.0', dhcp: { start: '10.31.0.100', end: '10.31.0.150' }, bridge: 'kbr-lab', autostart: false,
  });
  assert.equal(r.status, 201);
  assert.equal([r.body.subnet, r.body.gateway, r.body.dhcp, r.body.bridge, r.body.autostart],
    ['10.31.0.0/24', '10.31.0.1', { start: '10.31.0.100', end: '10.31.0.150' }, 'kbr-lab', false]);
  const xml = await xmlOf('lab');
  assert.not.match(xml, /<forward/);
  assert.equal(parseNetworkXML(xml).ipv4, { address: '10.31.0.1', prefix: 24, dhcp: { start: '10.31.0.100', end: '10.31.0.150' } });
  await del('lab');
});

test('bridged (with a VLAN tag), macvtap, vepa and passthrough networks attach to host interfaces', async () => {
  const cases = [
    [{ name: 'bridged', connection: 'bridge', interfaces: ['br0'], vlan_id: 20 }, 'bridge', { bridge: 'br0', interfaces: [], vlan: 20 }],
    [{ name: 'mvt', connection: 'macvtap', interfaces: ['eth1', 'bond0'] }, 'bridge', { interfaces: ['eth1', 'bond0'] }],
    [{ name: 'vepa', connection: 'vepa', interfaces: ['eth1'], vlan_id: 7 }, 'vepa', { interfaces: ['eth1'], vlan: 7 }],
    [{ name: 'pt', connection: 'passthrough', interfaces: ['eth1.20'] }, 'passthrough', { interfaces: ['eth1.20'] }],
  ] as const;
  for (const [input, mode, want] of cases) {
    const r = await send('POST', '/api/networks', input);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal([r.body.connection, r.body.subnet, r.body.dhcp], [input.connection, null, null]);
    assert.equal(r.body.vlan_id, 'vlan_id' in input ? input.vlan_id : null);
    assert.equal(r.body.interfaces, input.interfaces);
    const m = parseNetworkXML(await xmlOf(input.name));
    assert.equal(m.forward, mode);
    assert.equal({ bridge: m.bridge, interfaces: m.interfaces, vlan: m.vlan }, { bridge: undefined, vlan: undefined, ...want });
    assert.equal((await del(input.name)).status, 204);
  }
});

test('interface rules: a NIC is not a bridge, unknown interfaces are 404, subnet/dhcp/bridge and vlan_id only where they apply', async () => {
  const nic = await send('POST', '/api/networks', { name: 'x', connection: 'bridge', interfaces: ['eth1'] });
  assert.equal([nic.status, nic.body.code], [400, 'KCHNET0011E']);
  assert.match(nic.body.reason, /eth1 is of type nic, not a bridge: use the connection macvtap/);
  const ghost = await send('POST', '/api/networks', { name: 'x', connection: 'macvtap', interfaces: ['eth1', 'ghost0'] });
  assert.equal([ghost.status, ghost.body.reason], [404, 'The host interface ghost0 does not exist.']);
  const none = await send('POST', '/api/networks', { name: 'x', connection: 'macvtap' }, 'pt-BR');
  assert.equal([none.status, none.body.reason], [400, 'Uma rede macvtap precisa de pelo menos uma interface do host em interfaces.']);
  const two = await send('POST', '/api/networks', { name: 'x', connection: 'bridge', interfaces: ['br0', 'eth1'] });
  assert.equal([two.status, two.body.reason], [400, 'A bridge network needs exactly one host interface in interfaces.']);
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'bridge', interfaces: ['br0'], subnet: '10.1.0.0/24' })).body.code, 'KCHNET0012E');
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'nat', vlan_id: 3 })).body.code, 'KCHNET0013E');
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'macvtap', interfaces: ['eth1'], vlan_id: 4095 })).status, 400);
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'isolated', interfaces: ['eth1'] })).status, 400);
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'nat', interfaces: ['eth1;reboot'] })).status, 400);
  const taken = await send('POST', '/api/networks', { name: 'x', connection: 'nat', bridge: 'virbr0' });
  assert.equal([taken.status, taken.body.reason], [409, 'The bridge name virbr0 is already taken by the network default.']);
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'nat', bridge: 'br0' })).status, 409);
  assert.equal((await send('GET', '/api/networks')).body.map((n: { name: string }) => n.name), ['default']);
});

test('a subnet overlapping another network is a 409 naming that network, in the caller\'s language; nothing is defined', async () => {
  const en = await send('POST', '/api/networks', { name: 'clash', connection: 'nat', subnet: '192.168.122.128/25' });
  assert.equal([en.status, en.body.code], [409, 'KCHNET0003E']);
  assert.equal(en.body.reason, 'The subnet 192.168.122.128/25 overlaps 192.168.122.0/24, the subnet of the network default.');
  const pt = await send('POST', '/api/networks', { name: 'clash', connection: 'isolated', subnet: '192.168.0.0/16' }, 'pt-BR');
  assert.equal([pt.status, pt.body.reason], [409, 'A sub-rede 192.168.0.0/16 se sobrepõe a 192.168.122.0/24, a sub-rede da rede default.']);
  assert.equal((await send('GET', '/api/networks/clash')).status, 404);
});

test('a subnet overlapping a host route or address is a 409 naming the host interface', async () => {
  const claim = [...hostRoutes(), ...hostAddresses()].find((h) => h.subnet.prefix >= 8 && !overlaps(h.subnet, parseSubnet('192.168.122.0/24')!));
  if (!claim) return; // a host with no routes of its own has nothing to clash with
  const r = await send('POST', '/api/networks', { name: 'clash', connection: 'nat', subnet: formatSubnet({ ...claim.subnet, prefix: Math.max(claim.subnet.prefix, 8) }) });
  assert.equal([r.status, r.body.code], [409, 'KCHNET0004E']);
  assert.match(r.body.reason, new RegExp(`host interface ${claim.iface}`));
});

test('malformed subnets and DHCP ranges outside the subnet, reversed or covering the gateway are 400s', async () => {
  for (const subnet of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/31', '300.1.1.0/24', '10.0.0.0/255.0.255.0', 'fe80::/64', '10.0.0.0/24/1']) {
    const r = await send('POST', '/api/networks', { name: 'bad', connection: 'isolated', subnet });
    assert.equal([r.status, r.body.code], [400, 'KCHNET0005E'], subnet);
  }
  const base = { name: 'bad', connection: 'isolated', subnet: '10.44.0.0/24' };
  for (const dhcp of [{ start: '10.44.1.2', end: '10.44.1.9' }, { start: '10.44.0.50', end: '10.44.0.20' }, { start: '10.44.0.1', end: '10.44.0.9' },
    { start: '10.44.0.0', end: '10.44.0.9' }, { start: '10.44.0.9', end: '10.44.0.255' }]) {
    const r = await send('POST', '/api/networks', { ...base, dhcp });
    assert.equal([r.status, r.body.code], [400, 'KCHNET0006E'], JSON.stringify(dhcp));
  }
  assert.match((await send('POST', '/api/networks', { ...base, dhcp: { start: '10.44.0.300', end: '10.44.0.9' } })).body.reason, /^Invalid value for dhcp\.start/);
  assert.equal((await send('GET', '/api/networks/bad')).status, 404);
});

test('names with "/", "..", surrounding spaces, control characters or over 100 characters are refused; XML characters are kept safely', async () => {
  for (const name of ['a/b', '..', ' lead', 'trail ', 'bell\u0007', 'n'.repeat(101), '']) {
    const r = await send('POST', '/api/networks', { name, connection: 'isolated' });
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(name));
  }
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'wifi' })).status, 400);
  assert.equal((await send('POST', '/api/networks', { name: 'x', connection: 'nat', colour: 'red' })).body.reason, 'Invalid value for colour: this field is not accepted.');
  const odd = `<net name="x">&'`;
  const r = await send('POST', '/api/networks', { name: odd, connection: 'isolated' });
  assert.equal([r.status, r.body.name], [201, odd]);
  assert.equal(parseNetworkXML(await xmlOf(odd)).name, odd);
  assert.equal((await send('POST', '/api/networks', { name: odd, connection: 'isolated' })).status, 409);
  assert.equal((await del(odd)).status, 204);
});

test('activate, deactivate and autostart change the state; actions on a missing network are 404', async () => {
  await send('POST', '/api/networks', { name: 'life', connection: 'isolated', autostart: false });
  assert.equal((await send('POST', '/api/networks/life/activate')).body.state, 'active');
  assert.equal((await send('POST', '/api/networks/life/activate')).body.state, 'active');
  assert.equal((await send('PUT', '/api/networks/life', { autostart: true })).body.autostart, true);
  assert.equal((await send('PUT', '/api/networks/life', { autostart: true, name: 'y' })).status, 400);
  assert.equal((await send('POST', '/api/networks/life/deactivate')).body.state, 'inactive');
  const missing = await send('POST', '/api/networks/nope/activate');
  assert.equal([missing.status, missing.body.reason], [404, 'The network nope does not exist.']);
  assert.equal((await del('life')).status, 204);
  assert.equal((await del('life')).status, 404);
});

test('a network a running VM uses cannot be deactivated or deleted (409 naming the VM); once the VM stops it can', async () => {
  await send('POST', '/api/networks', { name: 'busy', connection: 'isolated' });
  await send('POST', '/api/networks/busy/activate');
  const c = t.client.connection;
  const dom = await c.domainDefineXML(buildDomainXML({
    type: 'test', name: 'net-user', memory: 65536, currentMemory: 65536, vcpu: 1, os: { type: 'hvm', boot: [] }, features: [], metadata: [],
    devices: { disks: [], interfaces: [{ type: 'network', source: { network: 'busy' }, mac: '52:54:00:12:34:56' }], graphics: [], consoles: [], serials: [] },
  }));
  const running = await c.domainCreate(dom);
  try {
    const view = (await send('GET', '/api/networks/busy')).body;
    assert.equal([view.in_use, view.vms], [true, ['net-user']]);
    const d = await del('busy');
    assert.equal([d.status, d.body.code, d.body.reason], [409, 'KCHNET0008E', 'The network busy is used by the running virtual machines net-user: stop them first.']);
    assert.equal((await send('POST', '/api/networks/busy/deactivate')).status, 409);
    assert.equal((await send('GET', '/api/networks/busy')).body.state, 'active');
    await c.domainDestroy(running);
    assert.equal((await send('GET', '/api/networks/busy')).body.vms, ['net-user']);
    assert.equal((await del('busy')).status, 204);
  } finally {
    await c.domainDestroy(running).catch(() => {});
    await c.domainUndefine(dom).catch(() => {});
    await del('busy');
  }
});

test('deleting default needs {"confirm": "default"}: without it a 409 saying why, and the network stays', async () => {
  const r = await del('default');
  assert.equal([r.status, r.body.code], [409, 'KCHNET0009E']);
  assert.match(r.body.reason, /required by the startup check.*confirm.*"default"/);
  assert.equal((await send('DELETE', '/api/networks/default', { confirm: 'yes' })).status, 409);
  assert.equal((await send('GET', '/api/networks/default')).body.state, 'active');
  assert.equal((await send('DELETE', '/api/networks/default', { confirm: 'default' })).status, 204);
  assert.equal((await send('GET', '/api/networks/default')).status, 404);
});

test('host interfaces: NICs, bridges, bonds and VLANs with status, MAC, addresses and members; loopback left out', async () => {
  const r = await send('GET', '/api/interfaces');
  assert.equal(r.status, 200);
  assert.equal(r.body.map((i: { name: string; type: string }) => [i.name, i.type]), [['bond0', 'bonding'], ['br0', 'bridge'], ['eth1', 'nic'], ['eth1.20', 'vlan']]);
  const eth1 = (await send('GET', '/api/interfaces/eth1')).body;
  assert.equal(eth1, {
    name: 'eth1', type: 'nic', status: 'active', mac: '52:54:00:aa:00:01', ipaddr: '10.77.0.5', netmask: '255.255.255.0',
    addresses: [{ family: 'ipv4', address: '10.77.0.5', prefix: 24 }], members: [],
  });
  assert.equal(r.body.find((i: { name: string }) => i.name === 'bond0').members, ['eth3', 'eth4']);
  assert.equal((await send('GET', '/api/interfaces/wlan9')).status, 404);
  assert.equal((await send('GET', `/api/interfaces/${'e'.repeat(16)}`)).status, 400);
});

test('DHCP leases: the test driver has none to report, said as a translated 409; a missing network is 404', async () => {
  await send('POST', '/api/networks', { name: 'leasy', connection: 'isolated' });
  await send('POST', '/api/networks/leasy/activate');
  const r = await send('GET', '/api/networks/leasy/leases', undefined, 'pt-BR');
  assert.equal([r.status, r.body.reason], [409, 'Este host libvirt não informa as concessões DHCP da rede leasy.']);
  await del('leasy');
  assert.equal((await send('GET', '/api/networks/nope/leases')).status, 404);
});

test.run();
