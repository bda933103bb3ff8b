// Packet framing: split and coalesced reads reassemble; bad length words and headers are protocol errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Framer, encodePacket, decodePacket, MessageType, Status, REMOTE_PROGRAM } from '../../libvirt/rpc/index.ts';
import { ProtocolError } from '../../libvirt/errors.ts';

const pkt = (serial: number, body: Buffer) => encodePacket(
  { program: REMOTE_PROGRAM, version: 1, procedure: 23, type: MessageType.REPLY, serial, status: Status.OK }, body);

test('a packet round-trips header and body, and its length word counts itself', () => {
  const raw = pkt(7, Buffer.from([1, 2, 3, 4]));
  assert.is(raw.readUInt32BE(0), 4 + 24 + 4);
  const p = decodePacket(raw);
  assert.equal(p.header, { program: REMOTE_PROGRAM, version: 1, procedure: 23, type: 1, serial: 7, status: 0 });
  assert.equal([...p.body], [1, 2, 3, 4]);
});

test('a packet split into single bytes is reassembled once complete', () => {
  const raw = pkt(1, Buffer.alloc(100, 9));
  const f = new Framer();
  for (let i = 0; i < raw.length - 1; i++) assert.is(f.push(raw.subarray(i, i + 1)).length, 0);
  const out = f.push(raw.subarray(raw.length - 1));
  assert.is(out.length, 1);
  assert.ok(out[0]!.equals(raw));
  assert.is(f.pending, 0);
});

test('a split length word (2 + 2 bytes) is handled', () => {
  const raw = pkt(3, Buffer.alloc(8));
  const f = new Framer();
  assert.is(f.push(raw.subarray(0, 2)).length, 0);
  assert.is(f.push(raw.subarray(2, 4)).length, 0);
  assert.is(f.push(raw.subarray(4)).length, 1);
});

test('coalesced packets in one read all come out, in order, with a partial tail kept', () => {
  const a = pkt(1, Buffer.alloc(4, 1)), b = pkt(2, Buffer.alloc(0)), c = pkt(3, Buffer.alloc(12, 3));
  const all = Buffer.concat([a, b, c]);
  const f = new Framer();
  const out = f.push(all.subarray(0, a.length + b.length + 5));
  assert.equal(out.map((p) => decodePacket(p).header.serial), [1, 2]);
  const rest = f.push(all.subarray(a.length + b.length + 5));
  assert.equal(rest.map((p) => decodePacket(p).header.serial), [3]);
});

test('a large packet arriving in many chunks is reassembled exactly', () => {
  const body = Buffer.alloc(3_000_000);
  for (let i = 0; i < body.length; i++) body[i] = i & 0xff;
  const raw = pkt(9, body);
  const f = new Framer();
  let out: Buffer[] = [];
  for (let off = 0; off < raw.length; off += 65536) out = out.concat(f.push(raw.subarray(off, off + 65536)));
  assert.is(out.length, 1);
  assert.ok(decodePacket(out[0]!).body.equals(body));
});

test('with a reused read buffer, returned packets and held-back parts survive the buffer being overwritten', () => {
  const a = pkt(1, Buffer.alloc(40, 1)), b = pkt(2, Buffer.alloc(40, 2));
  const all = Buffer.concat([a, b]);
  const reused = Buffer.alloc(256);
  const f = new Framer();
  const cut = a.length + 10;
  all.copy(reused, 0, 0, cut);
  const first = f.push(reused.subarray(0, cut), true);
  reused.fill(0xee); // the next read lands in the same memory
  all.copy(reused, 0, cut);
  const second = f.push(reused.subarray(0, all.length - cut), true);
  reused.fill(0xee);
  assert.is(first.length, 1);
  assert.ok(first[0]!.equals(a), 'the complete packet was copied out');
  assert.is(second.length, 1);
  assert.ok(second[0]!.equals(b), 'the first 10 bytes of the second packet were kept as a copy');
});

test('a length word shorter than a header is a protocol error', () => {
  const f = new Framer();
  assert.throws(() => f.push(Buffer.from([0, 0, 0, 8, 0, 0, 0, 0])), (e: Error) => e instanceof ProtocolError);
});

test('a length word beyond libvirt\'s 16 MiB maximum is a protocol error, not an allocation', () => {
  const f = new Framer();
  assert.throws(() => f.push(Buffer.from([0xff, 0xff, 0xff, 0xff])), (e: Error) => /exceeds/.test(e.message));
});

test('a truncated packet or one with an unknown type is refused by decodePacket', () => {
  const raw = pkt(1, Buffer.alloc(4));
  assert.throws(() => decodePacket(raw.subarray(0, 20)), (e: Error) => e instanceof ProtocolError);
  const bad = Buffer.from(raw);
  bad.writeInt32BE(9, 16);
  assert.throws(() => decodePacket(bad), (e: Error) => /message type/.test(e.message));
  assert.throws(() => decodePacket(raw.subarray(0, raw.length - 1)), /does not match/);
});

test.run();
