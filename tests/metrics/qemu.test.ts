// Guest counters for truth: a tiny QEMU/KVM guest's CPU seconds, memory and disk bytes and ops as /metrics shows them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { LibvirtClient, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { createMetrics } from '../../runtime/metrics/index.ts';
import { VmStatsSampler } from '../../runtime/vm-stats.ts';
import { createPool, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';
import { until } from '../helpers/server.ts';
import { find, parse, value, type Sample } from './scrape.ts';

const PREFIX = 'kimchi-test-metrics-';

test.before(async () => {
  const client = new LibvirtClient({ uri: QEMU_URI });
  try { await sweep(await client.open(), PREFIX); } finally { await client.close(); }
});

test('a running KVM guest: CPU seconds and disk counters grow from real reads, memory is its balloon size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-test-metrics-qemu-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const vmStats = new VmStatsSampler(client, { intervalMs: 250 });
  const metrics = createMetrics({ deps: { db: store.db }, events: new EventBus(), local: { libvirt: client, vmStats } });
  let pool: StoragePool | undefined;
  try {
    const conn = await client.open();
    pool = await createPool(conn, testName(PREFIX));
    const vol = await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
    const name = testName(PREFIX);
    const dom = await conn.domainDefineXML(buildDomainXML(tinyVM(name, pool.name, vol.name)));
    await conn.domainCreate(dom);
    vmStats.start();
    const guest = { host: 'local', name, uuid: dom.uuid };
    const scrape = async (): Promise<Sample[]> => parse((await metrics.render()).body);
    const v = (m: Sample[], metric: string) => value(m, metric, guest);

    // The firmware reads the disk looking for something to boot: real read requests and bytes.
    let m: Sample[] = [];
    await until(async () => { m = await scrape(); return (find(m, 'kimchi_guest_disk_read_ops_total', guest)[0]?.value ?? 0) > 0; }, 60_000, 'disk reads to show');
    assert.is(value(m, 'kimchi_guest_state', { ...guest, state: 'running' }), 1);
    assert.ok(v(m, 'kimchi_guest_disk_read_bytes_total') >= 512 * v(m, 'kimchi_guest_disk_read_ops_total'), 'bytes of whole sectors per read');
    assert.ok(v(m, 'kimchi_guest_disk_write_bytes_total') >= 0);
    assert.is(v(m, 'kimchi_guest_memory_bytes'), 128 * 1024 * 1024);
    assert.is(v(m, 'kimchi_guest_memory_max_bytes'), 128 * 1024 * 1024);
    assert.is(v(m, 'kimchi_guest_network_receive_bytes_total'), 0, 'no interface, no bytes');
    const cpu = v(m, 'kimchi_guest_cpu_seconds_total');
    assert.ok(cpu > 0, `CPU seconds: ${cpu}`);
    await until(async () => v(await scrape(), 'kimchi_guest_cpu_seconds_total') > cpu, 30_000, 'CPU seconds to grow');

    await conn.domainDestroy(dom);
    await until(async () => find(await scrape(), 'kimchi_guest_state', { ...guest, state: 'shutoff' }).length === 1, 30_000, 'the shut-off state');
    m = await scrape();
    assert.is(find(m, 'kimchi_guest_cpu_seconds_total', guest).length, 0, 'a shut-off guest has no counters, not zeros');
  } finally {
    metrics.stop();
    vmStats.stop();
    if (client.connected) {
      await sweep(client.connection, PREFIX).catch(() => {});
      if (pool) await removePool(client.connection, pool);
    }
    await client.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
