// A NIC's link on QEMU/KVM, for truth: on a running guest the cable is pulled out and plugged back in through the API,
// and the live XML says so each time (and the saved definition keeps it for the next boot). The guest and its isolated
// network (kimchi-test-net-*, bridge kbr-test-N) are removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildDomainXML, buildNetworkXML, buildStorageVolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { testName, tinyVM } from '../helpers/qemu.ts';
import { withQemuApp } from '../helpers/qemu-app.ts';
import { freeBridges, freeSubnets, PREFIX as NET_PREFIX, sweepNetworks } from '../networks/qemu-kit.ts';

const PREFIX = 'kimchi-test-link-';

test('link down and up on a running guest: the live XML follows, the saved definition keeps it', () => withQemuApp(PREFIX, async ({ conn, pool, call }) => {
  await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
  const [subnet] = await freeSubnets(conn, 1);
  const [bridge] = freeBridges(1);
  const network = testName(NET_PREFIX);
  const base = subnet!.replace('.0/24', '');
  await conn.networkCreateXML(buildNetworkXML({ name: network, forward: 'isolated', bridge, ip: { address: `${base}.1`, prefix: 24 } }));
  const name = testName(PREFIX);
  const dom = await conn.domainDefineXML(buildDomainXML(tinyVM(name, pool.name, 'disk.qcow2')));
  const nic = await call('POST', `/api/vms/${name}/ifaces`, { type: 'network', network, mac: '52:54:00:4b:00:01' });
  assert.equal([nic.status, nic.body.mac, nic.body.link], [201, '52:54:00:4b:00:01', 'up'], JSON.stringify(nic.body));
  await conn.domainCreate(dom);
  const linkOf = async (flags: number) => parseDomainXML(await conn.domainGetXMLDesc(dom, flags)).devices.interfaces[0]!.link ?? 'up';

  const down = await call('PUT', `/api/vms/${name}/ifaces/52:54:00:4b:00:01`, { link: 'down' });
  assert.equal([down.status, down.body.link, down.body.pending], [200, 'down', false], JSON.stringify(down.body));
  assert.equal([await linkOf(0), await linkOf(DomainXMLFlags.INACTIVE)], ['down', 'down']);
  const up = await call('PUT', `/api/vms/${name}/ifaces/52:54:00:4b:00:01`, { link: 'up' });
  assert.equal([up.status, up.body.link], [200, 'up']);
  assert.equal([await linkOf(0), await linkOf(DomainXMLFlags.INACTIVE)], ['up', 'up']);

  const replug = await call('PUT', `/api/vms/${name}/ifaces/52:54:00:4b:00:01`, { type: 'bridge', bridge });
  assert.equal([replug.status, replug.body.code], [409, 'KCHVMIF0022E'], 'a running guest keeps its NIC type');
}, sweepNetworks));

test.run();
