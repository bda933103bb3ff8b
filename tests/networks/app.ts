// createApp over a test-driver host that also has host interfaces (a NIC, a bridge, a bond, a VLAN) for network tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { makeApp, type TestApp } from '../helpers/app.ts';

/** Host interfaces as libvirt's test driver loads them from the node file (built as fixed XML: no input reaches it). */
const IFACES = `
  <interface type='ethernet' name='eth1'><start mode='onboot'/><mac address='52:54:00:aa:00:01'/>
    <protocol family='ipv4'><ip address='10.77.0.5' prefix='24'/></protocol></interface>
  <interface type='bridge' name='br0'><start mode='onboot'/><mac address='52:54:00:aa:00:02'/>
    <protocol family='ipv4'><ip address='10.78.0.1' prefix='16'/></protocol>
    <bridge stp='off'><interface type='ethernet' name='eth2'><mac address='52:54:00:aa:00:03'/></interface></bridge></interface>
  <interface type='bond' name='bond0'><start mode='onboot'/><mac address='52:54:00:aa:00:04'/>
    <bond mode='active-backup'><interface type='ethernet' name='eth3'><mac address='52:54:00:aa:00:05'/></interface>
    <interface type='ethernet' name='eth4'><mac address='52:54:00:aa:00:06'/></interface></bond></interface>
  <interface type='vlan' name='eth1.20'><start mode='onboot'/><vlan tag='20'><interface name='eth1'/></vlan></interface>
`;

export function makeNetApp(): Promise<TestApp> {
  return makeApp({ editFixture: (fx) => writeFileSync(fx.path, readFileSync(fx.path, 'utf8').replace('</node>', `${IFACES}</node>`)) });
}
