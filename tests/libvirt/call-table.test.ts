// The window's refill policy, on the CallTable alone (no socket): batches for quick reads, at once for the others.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CallTable, type PendingCall } from '../../libvirt/rpc/call-table.ts';

function table(window: number) {
  const sent: number[] = [];
  const t = new CallTable(window, 5, (packet) => sent.push(packet.readUInt32BE(0)));
  const submit = (quick: boolean) => {
    const s = t.allocSerial();
    const p: PendingCall = { serial: s, packet: Buffer.alloc(4), quick, resolve: () => {}, reject: () => {} };
    p.packet.writeUInt32BE(s);
    t.submit(p);
    return s;
  };
  const reply = (s: number) => assert.ok(t.settle(s, { body: Buffer.alloc(0) }), `serial ${s} was waiting`);
  return { t, sent, submit, reply };
}

test('quick reads refill the window in one batch once it is half empty, not one call per reply', () => {
  const { t, sent, submit, reply } = table(8);
  const serials = Array.from({ length: 20 }, () => submit(true));
  assert.is(sent.length, 8, 'the window filled');
  for (let i = 0; i < 3; i++) reply(serials[i]!);
  assert.is(sent.length, 8, 'three replies leave 5 of 8 in flight: nothing new yet');
  reply(serials[3]!);
  assert.is(sent.length, 12, 'at half the window, four new calls go out together');
  assert.equal(sent.slice(8), serials.slice(8, 12), 'in submission order');
  assert.equal(t.stats, { inFlight: 8, queued: 8, maxInFlight: 8, maxSlowInFlight: 0 });
});

test('a call that may block starts as soon as one of its slots frees, whatever the quick reads are doing', () => {
  const { t, sent, submit, reply } = table(32);
  const slow = Array.from({ length: 5 }, () => submit(false));
  assert.is(sent.length, 4, 'max_client_requests - 1 calls that may block on the wire');
  reply(slow[0]!);
  assert.is(sent.length, 5, 'the fifth went out on the first reply');
  assert.is(t.stats.queued, 0);
});

test('quick reads queued while calls that may block fill half the window still start once the quick ones drain', () => {
  const { sent, submit, reply } = table(6); // 4 slots for calls that may block, refills at 3
  Array.from({ length: 4 }, () => submit(false));
  const quick = Array.from({ length: 4 }, () => submit(true));
  assert.is(sent.length, 6, 'two quick reads fit beside the four long calls');
  reply(quick[0]!);
  reply(quick[1]!);
  assert.equal(sent.slice(6), quick.slice(2), 'the long calls in flight do not hold the queued quick reads back');
});

test('a queued call that may block does not hold back a quick read arriving after it', () => {
  const { sent, submit } = table(32);
  Array.from({ length: 5 }, () => submit(false));
  assert.is(sent.length, 4);
  const q = submit(true);
  assert.equal(sent.slice(4), [q], 'the quick read went out while the fifth long call waits for a slot');
});

test.run();
