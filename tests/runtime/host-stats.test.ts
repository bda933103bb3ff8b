// The host sampler: /proc parsing, rates from deltas, an hour-long ring buffer, `host` events, and the real /proc.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCpu, parseDiskstats, parseMeminfo, parseNetDev, readCounters, type ProcCounters } from '../../handlers/host/procfs.ts';
import { HostStatsSampler, sampleOf } from '../../runtime/host-stats.ts';
import { EventBus } from '../../runtime/events.ts';
import type { ServerEvent } from '../../handlers/index.ts';

const counters = (t: number, over: Partial<ProcCounters> = {}): ProcCounters => ({
  t, cpuBusy: 0, cpuTotal: 0, diskRead: 0, diskWrite: 0, netRecv: 0, netSent: 0,
  memory: { total: 8, free: 4, avail: 6, cached: 1, buffers: 1 }, ...over,
});

test('/proc/stat: idle and iowait are not busy; per-CPU lines are ignored', () => {
  const r = parseCpu('cpu  100 10 50 800 40 0 0 0 0 0\ncpu0 1 1 1 1 1 0 0 0 0 0\n');
  assert.equal(r, { busy: 160, total: 1000 });
  assert.equal(parseCpu('garbage'), { busy: 0, total: 0 });
});

test('/proc/meminfo in bytes, avail = free + buffers + cached (Kimchi)', () => {
  const m = parseMeminfo('MemTotal:  1000 kB\nMemFree:  100 kB\nMemAvailable: 500 kB\nBuffers:  20 kB\nCached:  300 kB\nSwapCached: 7 kB\n');
  assert.equal(m, { total: 1024000, free: 102400, avail: 430080, cached: 307200, buffers: 20480 });
});

test('/proc/diskstats counts whole disks only; partitions would count twice', () => {
  const text = ' 252 0 vda 10 0 200 0 5 0 100 0 0 0 0\n 252 1 vda1 10 0 200 0 5 0 100 0 0 0 0\n 7 0 loop0 1 0 999 0 1 0 999 0 0 0 0\n';
  assert.equal(parseDiskstats(text, new Set(['vda'])), { read: 200 * 512, write: 100 * 512 });
});

test('/proc/net/dev sums received and sent bytes of the chosen NICs', () => {
  const text = 'Inter-|   Receive\n face |bytes\n  eth0: 1000 5 0 0 0 0 0 0 2000 6 0 0 0 0 0 0\n    lo: 77 1 0 0 0 0 0 0 77 1 0 0 0 0 0 0\n';
  assert.equal(parseNetDev(text, (n) => n !== 'lo'), { recv: 1000, sent: 2000 });
});

test('rates come from deltas per second; a counter that went back gives 0, not a negative rate', () => {
  const s = sampleOf(counters(1000, { cpuBusy: 10, cpuTotal: 100, diskRead: 1000, netSent: 500 }),
    counters(3000, { cpuBusy: 35, cpuTotal: 200, diskRead: 5000, netSent: 100 }));
  assert.equal([s.timestamp, s.cpu_utilization, s.disk_read_rate, s.net_sent_rate], [3000, 25, 2000, 0]);
});

test('the ring keeps exactly an hour of samples, oldest first, and publishes each one as a host event', () => {
  let t = 0;
  const bus = new EventBus();
  const seen: ServerEvent[] = [];
  bus.subscribe((e) => seen.push(e));
  const s = new HostStatsSampler({ intervalMs: 1000, historyMs: 5000, events: bus, read: () => counters((t += 1000), { cpuTotal: t, cpuBusy: t / 2 }) });
  assert.is(s.current(), undefined);
  s.start();
  for (let i = 0; i < 8; i++) s.tick();
  s.stop();
  const h = s.history();
  assert.is(h.length, 5);
  assert.equal(h.map((x) => x.timestamp), [5000, 6000, 7000, 8000, 9000]);
  assert.is(s.current()!.timestamp, 9000);
  assert.is(s.current()!.cpu_utilization, 50);
  assert.is(seen.length, 8);
  assert.equal([seen[7]!.type, (seen[7]!.data as { timestamp: number }).timestamp], ['host', 9000]);
});

test('on this host the real counters move: total memory and CPU jiffies are positive', () => {
  const a = readCounters();
  assert.ok(a.memory.total > 0 && a.cpuTotal > 0);
  assert.ok(a.memory.avail >= a.memory.free);
});

test.run();
