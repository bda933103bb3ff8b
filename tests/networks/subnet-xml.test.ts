// Pure pieces: IPv4 subnet parsing and overlap, /proc/net/route reading (hostile lines skipped), and network XML for each type.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstFree, formatSubnet, hostRoutes, overlaps, parseSubnet } from '../../handlers/networks/subnet.ts';
import { buildNetworkXML, parseNetworkXML } from '../../libvirt/xml/index.ts';

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
  assert.equal(parseNetworkXML(bridged), { name: 'b', forward: 'bridge', interfaces: [], bridge: 'br0', vlan: 20 });
  const nat = buildNetworkXML({ name: 'n', forward: 'nat', bridge: 'kbr-test-1', ip: { address: '10.254.1.1', prefix: 24, dhcp: { start: '10.254.1.2', end: '10.254.1.9' } } });
  assert.match(nat, /stp="on"/);
  assert.equal(parseNetworkXML(nat).ipv4, { address: '10.254.1.1', prefix: 24, dhcp: { start: '10.254.1.2', end: '10.254.1.9' } });
  const name = `"><forward mode='bridge'/><x a="`;
  const mv = parseNetworkXML(buildNetworkXML({ name, forward: 'private', interfaces: ['eth0', 'eth1'] }));
  assert.equal([mv.name, mv.forward, mv.interfaces], [name, 'private', ['eth0', 'eth1']]);
  assert.equal(parseNetworkXML(buildNetworkXML({ name: 'i', forward: 'isolated' })).forward, 'isolated');
  assert.equal(parseNetworkXML('<network><name>m</name><ip address="10.1.2.3" netmask="255.255.0.0"/></network>').ipv4, { address: '10.1.2.3', prefix: 16 });
});

test.run();
