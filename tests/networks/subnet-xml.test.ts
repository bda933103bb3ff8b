// Pure pieces: IPv4 subnet parsing and overlap, /proc/net/route reading (hostile lines skipped), and network XML for each type.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstFree, formatSubnet, hostRoutes, overlaps, parseSubnet } from '../../handlers/networks/subnet.ts';
import { addressing6, chooseSubnet6 } from '../../handlers/networks/plan6.ts';
import { formatSubnet6, hostRoutes6, overlaps6, parseSubnet6 } from '../../handlers/networks/subnet6.ts';
import { buildDhcpHostXML, buildNetworkXML, parseNetworkXML } from '../../libvirt/xml/index.ts';

test('subnets parse from prefix or netmask with host bits cleared; non-contiguous masks and junk are refused', () => {
  assert.is(formatSubnet(parseSubnet('192.168.5.77/24')!), '192.168.5.0/24');
  assert.is(formatSubnet(parseSubnet('10.0.0.0/255.255.240.0')!), '10.0.0.0/20');
  for (const bad of ['10.0.0.0/255.0.255.0', '10.0.0.0/33', '1.2.3/24', '1.2.3.4/', '/24', '1.2.3.4/24/8', '256.0.0.0/8', 'x.y.z.w/8']) {
    assert.is(parseSubnet(bad), undefined, bad);
  }
  assert.ok(overlaps(parseSubnet('10.0.0.0/8')!, parseSubnet('10.9.9.0/24')!));
  assert.not.ok(overlaps(parseSubnet('10.0.0.0/25')!, parseSubnet('10.0.0.128/25')!));
});

test('/proc/net/route: little-endian hex decoded, default routes and malformed lines skipped', () => {
  const text = [
    'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT',
    'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
    'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
    'br9\t0000FE0A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    'bad\tzz\t',
    'odd\t000200C0\t00000000\t0001\t0\t0\t0\t00FF00FF\t0\t0\t0',
  ].join('\n');
  assert.equal(hostRoutes(text).map((r) => [r.iface, formatSubnet(r.subnet)]), [['eth0', '192.0.2.0/24'], ['br9', '10.254.0.0/16']]);
});

test('the first free 192.168.x.0/24 skips every overlapping claim', () => {
  assert.is(formatSubnet(firstFree([parseSubnet('192.168.0.0/23')!, parseSubnet('192.168.2.0/24')!])!), '192.168.3.0/24');
  assert.is(firstFree([parseSubnet('192.168.0.0/16')!]), undefined);
});

test('network XML: stp/delay only on bridges libvirt makes; macvtap devices, VLAN tags and odd names survive a round trip', () => {
  const bridged = buildNetworkXML({ name: 'b', forward: 'bridge', bridge: 'br0', vlan: 20 });
  assert.match(bridged, /<bridge name="br0"\/>/);
  assert.equal(parseNetworkXML(bridged), { name: 'b', forward: 'bridge', interfaces: [], bridge: 'br0', vlan: 20, dhcpHosts: [] });
  const nat = buildNetworkXML({ name: 'n', forward: 'nat', bridge: 'kbr-test-1', ip: { address: '10.254.1.1', prefix: 24, dhcp: { start: '10.254.1.2', end: '10.254.1.9' } } });
  assert.match(nat, /stp="on"/);
  assert.equal(parseNetworkXML(nat).ipv4, { address: '10.254.1.1', prefix: 24, dhcp: { start: '10.254.1.2', end: '10.254.1.9' } });
  const name = `"><forward mode='bridge'/><x a="`;
  const mv = parseNetworkXML(buildNetworkXML({ name, forward: 'private', interfaces: ['eth0', 'eth1'] }));
  assert.equal([mv.name, mv.forward, mv.interfaces], [name, 'private', ['eth0', 'eth1']]);
  assert.equal(parseNetworkXML(buildNetworkXML({ name: 'i', forward: 'isolated' })).forward, 'isolated');
  assert.equal(parseNetworkXML('<network><name>m</name><ip address="10.1.2.3" netmask="255.255.0.0"/></network>').ipv4, { address: '10.1.2.3', prefix: 16 });
});

test('IPv6: prefixes parse with host bits cleared, overlap by the shorter prefix, and routes come from /proc/net/ipv6_route', () => {
  assert.is(formatSubnet6(parseSubnet6('FD6B:1:2:3::77/64')!), 'fd6b:1:2:3::/64');
  for (const bad of ['fd6b::/129', '10.0.0.0/8', 'fd6b::', 'fd6b::/x', 'fd6b::/64/1']) assert.is(parseSubnet6(bad), undefined, bad);
  assert.ok(overlaps6(parseSubnet6('fd6b:1::/32')!, parseSubnet6('fd6b:1:2:3::/64')!));
  assert.not.ok(overlaps6(parseSubnet6('fd6b:1:2:3::/64')!, parseSubnet6('fd6b:1:2:4::/64')!));
  const text = [
    'fd6b00010002000300000000000000004 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0',
    'fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0',
    '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0',
    'fd6b0001000200030000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     br9',
  ].join('\n');
  assert.equal(hostRoutes6(text).map((r) => [r.iface, formatSubnet6(r.subnet)]), [['br9', 'fd6b:1:2:3::/64']], 'link-local, default and malformed lines left out');
});

test('IPv6 addressing: gateway ::1, a default DHCPv6 range on a /64, and ranges outside the prefix or over the gateway refused', () => {
  const s = chooseSubnet6('fd6b:9:9:9::/64', []);
  assert.equal(addressing6(s, undefined), { address: 'fd6b:9:9:9::1', prefix: 64, dhcp: { start: 'fd6b:9:9:9::100', end: 'fd6b:9:9:9::1ff' } });
  assert.equal(addressing6(chooseSubnet6('fd6b:9::/48', []), undefined), { address: 'fd6b:9::1', prefix: 48 }, 'no DHCPv6 off a /64');
  const refused = (f: () => unknown) => { try { f(); return undefined; } catch (e) { return (e as { code?: string }).code; } };
  assert.is(refused(() => addressing6(s, { start: 'fd6b:9:9:8::100', end: 'fd6b:9:9:9::1ff' })), 'KCHNET0023E');
  assert.is(refused(() => addressing6(s, { start: 'fd6b:9:9:9::', end: 'fd6b:9:9:9::ff' })), 'KCHNET0023E');
  for (const bad of ['fe80::/64', 'ff02::/64', 'fd6b::/40', 'fd6b::/96']) assert.is(refused(() => chooseSubnet6(bad, [])), 'KCHNET0020E', bad);
});

test('a fixed DHCP host becomes one <host> element whose values are escaped, and every <ip>\'s hosts are read back', () => {
  const xml = buildDhcpHostXML({ mac: '52:54:00:00:00:01', ip: '10.0.0.5', name: 'a"b<c' });
  assert.match(xml, /^<host mac="52:54:00:00:00:01" name="a&quot;b&lt;c" ip="10.0.0.5"\/>$/);
  const net = '<network><name>n</name><ip address="10.0.0.1" prefix="24"><dhcp><host mac="52:54:00:00:00:0A" ip="10.0.0.5"/></dhcp></ip>'
    + '<ip family="ipv6" address="fd6b::1" prefix="64"><dhcp><host name="v6" ip="fd6b::50"/></dhcp></ip></network>';
  const m = parseNetworkXML(net);
  assert.equal(m.dhcpHosts, [{ ip: '10.0.0.5', mac: '52:54:00:00:00:0a' }, { ip: 'fd6b::50', name: 'v6' }]);
  assert.equal(m.ipv6, { address: 'fd6b::1', prefix: 64 });
});

test.run();
