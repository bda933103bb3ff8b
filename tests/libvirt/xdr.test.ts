// XDR codec: round trips and hostile input (bad lengths, truncation, values past 2^53, overlong strings).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { XdrReader, XdrWriter, XdrError, x, encode, decode } from '../../libvirt/xdr/index.ts';
import { typedParams, ParamType, paramsToObject, domain } from '../../libvirt/protocol/index.ts';

const bytes = (...n: number[]) => Buffer.from(n);

test('strings are length-prefixed and padded to 4 bytes with zeros', () => {
  const b = encode(x.string, 'abcde');
  assert.equal([...b], [0, 0, 0, 5, 97, 98, 99, 100, 101, 0, 0, 0]);
  assert.is(decode(x.string, b), 'abcde');
});

test('a UUID travels as 16 fixed bytes with no length word', () => {
  const u = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  const b = encode(x.uuid, u);
  assert.is(b.length, 16);
  assert.is(decode(x.uuid, b), u);
});

test('a domain handle round-trips name, uuid and id', () => {
  const d = { name: 'vm "<&>"', uuid: '11111111-2222-3333-4444-555555555555', id: -1 };
  assert.equal(decode(domain, encode(domain, d)), d);
});

test('unsigned hyper past 2^53 decodes exactly as BigInt', () => {
  const big = 2n ** 63n + 12345n;
  assert.is(decode(x.uhyper, encode(x.uhyper, big)), big);
  assert.is(decode(x.hyper, encode(x.hyper, -(2n ** 62n) - 7n)), -(2n ** 62n) - 7n);
});

test('a number-typed hyper past 2^53 is refused instead of silently rounded', () => {
  const b = encode(x.uhyper, 2n ** 53n + 1n);
  assert.throws(() => decode(x.uhyperNum, b), (e: Error) => e instanceof XdrError && /2\^53/.test(e.message));
  assert.is(decode(x.uhyperNum, encode(x.uhyper, 2n ** 53n - 1n)), Number.MAX_SAFE_INTEGER);
});

test('a string length beyond the buffer is rejected, not read past the end', () => {
  const b = bytes(0, 0, 0, 200, 97, 98, 99, 100);
  assert.throws(() => new XdrReader(b).string(), (e: Error) => e instanceof XdrError && /runs past/.test(e.message));
});

test('a huge string length (0xffffffff) is rejected against the limit', () => {
  const b = bytes(0xff, 0xff, 0xff, 0xff);
  assert.throws(() => new XdrReader(b).string(), (e: Error) => e instanceof XdrError && /exceeds limit/.test(e.message));
});

test('a string missing its padding bytes counts as truncated', () => {
  const b = bytes(0, 0, 0, 3, 97, 98, 99);
  assert.throws(() => new XdrReader(b).string(), (e: Error) => e instanceof XdrError);
});

test('an array length larger than the remaining bytes could hold is rejected before allocating', () => {
  const b = bytes(0x10, 0, 0, 0, 0, 0, 0, 1);
  assert.throws(() => decode(x.array(x.int), b), (e: Error) => e instanceof XdrError);
});

test('an array longer than its protocol maximum is rejected', () => {
  const b = encode(x.array(x.int), [1, 2, 3]);
  assert.throws(() => decode(x.array(x.int, 2), b), (e: Error) => /exceeds limit 2/.test(e.message));
});

test('truncated ints and hypers throw XdrError', () => {
  assert.throws(() => new XdrReader(bytes(0, 0, 1)).int(), (e: Error) => e instanceof XdrError);
  assert.throws(() => new XdrReader(bytes(0, 0, 0, 0, 0, 0, 0)).uhyper(), (e: Error) => e instanceof XdrError);
  assert.throws(() => decode(domain, encode(domain, { name: 'a', uuid: '11111111-2222-3333-4444-555555555555', id: 1 }).subarray(0, 20)), (e: Error) => e instanceof XdrError);
});

test('an optional with a presence flag other than 0 or 1 is rejected', () => {
  assert.throws(() => decode(x.optional(x.int), bytes(0, 0, 0, 2, 0, 0, 0, 1)), (e: Error) => e instanceof XdrError);
  assert.is(decode(x.optional(x.int), bytes(0, 0, 0, 0)), null);
  assert.is(decode(x.optional(x.int), bytes(0, 0, 0, 1, 0, 0, 0, 7)), 7);
});

test('trailing bytes after a body are reported', () => {
  assert.throws(() => decode(x.int, bytes(0, 0, 0, 1, 0, 0, 0, 0)), (e: Error) => /trailing/.test(e.message));
});

test('char arrays take 4 bytes per character', () => {
  const c = x.charArray(32);
  const b = encode(c, 'x86_64');
  assert.is(b.length, 128);
  assert.is(decode(c, b), 'x86_64');
});

test('typed parameters decode every type code 1..7 and an unknown code is rejected', () => {
  const params = [
    { field: 'i', type: ParamType.INT, value: -5 },
    { field: 'u', type: ParamType.UINT, value: 4000000000 },
    { field: 'l', type: ParamType.LLONG, value: -(2n ** 60n) },
    { field: 'ul', type: ParamType.ULLONG, value: 2n ** 64n - 1n },
    { field: 'd', type: ParamType.DOUBLE, value: 1.5 },
    { field: 'b', type: ParamType.BOOLEAN, value: true },
    { field: 's', type: ParamType.STRING, value: 'héllo' },
  ];
  const out = decode(typedParams, encode(typedParams, params));
  assert.equal(paramsToObject(out), { i: -5, u: 4000000000, l: -(2n ** 60n), ul: 2n ** 64n - 1n, d: 1.5, b: true, s: 'héllo' });
  const bad = new XdrWriter().uint(1).string('f').int(9).int(0).finish();
  assert.throws(() => decode(typedParams, bad), (e: Error) => /unknown typed parameter type 9/.test(e.message));
});

test('the writer refuses ints out of range rather than wrapping them', () => {
  assert.throws(() => new XdrWriter().int(2 ** 31));
  assert.throws(() => new XdrWriter().uint(-1));
  assert.throws(() => new XdrWriter().uint(1.5));
});

test('the writer grows past its initial size', () => {
  const w = new XdrWriter(4);
  for (let i = 0; i < 1000; i++) w.uint(i);
  const r = new XdrReader(w.finish());
  for (let i = 0; i < 1000; i++) assert.is(r.uint(), i);
});

test.run();
