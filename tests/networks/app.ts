// createApp over a test-driver host that also has host interfaces (a NIC, a bridge, a bond, a VLAN) for network tests.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { SanityMonitor } from '../../runtime/monitor.ts';
import { json, silent, type TestApp } from '../helpers/app.ts';
import { writeFixture } from '../helpers/fixture.ts';

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

export async function makeNetApp(): Promise<TestApp> {
  const fx = writeFixture({});
  writeFileSync(fx.path, readFileSync(fx.path, 'utf8').replace('</node>', `${IFACES}</node>`));
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-net-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: fx.uri, backoff: { initialMs: 50, maxMs: 200 } });
  const events = new EventBus();
  const monitor = new SanityMonitor(client, { uri: fx.uri, poolPath: join(dir, 'pool'), log: silent });
  await monitor.recheck();
  const app = createApp({ libvirt: client, db: store.db, sanity: monitor, events, logger: silent, version: 'test' });
  return {
    app, client, monitor, events, store, fx,
    async cleanup() {
      monitor.stop();
      events.close();
      await client.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
      fx.cleanup();
    },
  };
}

/** A JSON request through app.request(). */
export function sender(app: TestApp['app']) {
  return (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? { 'Accept-Language': lang } : { 'Content-Type': 'application/json', 'Accept-Language': lang },
  }));
}
