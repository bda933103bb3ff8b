// Networks on qemu:///system, for truth: NAT and isolated networks on free 10.254.x.0/24 subnets with kbr-test-N bridges,
// started (the bridge appears in /sys/class/net), leases answered, stopped and removed. No VM is attached; nothing is bridged
// to a real host interface; everything named kimchi-test-net-* is removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { sender, silent } from '../helpers/app.ts';
import { QEMU_URI, testName } from '../helpers/qemu.ts';
import { freeBridges, freeSubnets, PREFIX, sweepNetworks } from './qemu-kit.ts';

test('NAT and isolated networks are created, started with their bridge on the host, answer leases, stop and disappear', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-net-qemu-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  try {
    const conn = await client.open();
    await sweepNetworks(conn);
    const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent, version: 'test' });
    const send = sender(app);
    const [natSubnet, isoSubnet] = await freeSubnets(conn, 2);
    const [natBridge, isoBridge] = freeBridges(2);
    const nets = [
      { name: testName(PREFIX), connection: 'nat', subnet: natSubnet!, bridge: natBridge!, autostart: false },
      { name: testName(PREFIX), connection: 'isolated', subnet: isoSubnet!, bridge: isoBridge!, autostart: false },
    ];
    for (const input of nets) {
      const made = await send('POST', '/api/networks', input);
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal([made.body.connection, made.body.state, made.body.subnet, made.body.bridge], [input.connection, 'inactive', input.subnet, input.bridge]);
      const on = await send('POST', `/api/networks/${input.name}/activate`);
      assert.equal([on.status, on.body.state], [200, 'active']);
      assert.ok(existsSync(`/sys/class/net/${input.bridge}`), `${input.bridge} exists on the host`);
      const leases = await send('GET', `/api/networks/${input.name}/leases`);
      assert.equal([leases.status, leases.body], [200, []]);
    }
    const clash = await send('POST', '/api/networks', { name: testName(PREFIX), connection: 'isolated', subnet: natSubnet!.replace('.0/24', '.64/26') });
    assert.equal([clash.status, clash.body.code], [409, 'KCHNET0003E']);
    assert.match(clash.body.reason, new RegExp(`network ${nets[0]!.name}`));
    const ifaces = (await send('GET', '/api/interfaces')).body as { name: string; type: string }[];
    assert.equal(ifaces.find((i) => i.name === natBridge)?.type, 'bridge');
    for (const input of nets) {
      assert.equal((await send('POST', `/api/networks/${input.name}/deactivate`)).body.state, 'inactive');
      assert.not.ok(existsSync(`/sys/class/net/${input.bridge}`), `${input.bridge} is gone`);
      assert.equal((await send('DELETE', `/api/networks/${input.name}`)).status, 204);
      assert.equal((await send('GET', `/api/networks/${input.name}`)).status, 404);
    }
    assert.equal((await send('GET', '/api/networks/default')).body.state, 'active');
  } finally {
    if (client.connected) await sweepNetworks(client.connection).catch(() => {});
    events.close();
    await client.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
