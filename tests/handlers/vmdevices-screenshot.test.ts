// GET /vms/{name}/screenshot over the test driver (which answers PNG), and the PPM → PNG encoder pixel for pixel.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32, inflateSync } from 'node:zlib';
import { encodePNG, parsePPM } from '../../handlers/consoles/screenshot-png.ts';
import { imageSize } from '../helpers/qemu.ts';
import { makeApp, json, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: ['test-vm', 'off-vm'] }); });
test.after(async () => { await t.cleanup(); });

/** Decode our PNG back to RGB (one IDAT stream, filter Sub or None per row), checking every chunk CRC. */
function decode(png: Buffer): { width: number; height: number; rgb: Buffer } {
  let o = 8, width = 0, height = 0;
  const idat: Buffer[] = [];
  while (o < png.length) {
    const len = png.readUInt32BE(o), type = png.toString('latin1', o + 4, o + 8);
    assert.is(png.readUInt32BE(o + 8 + len), crc32(png.subarray(o + 4, o + 8 + len)) >>> 0, `${type} CRC`);
    if (type === 'IHDR') { width = png.readUInt32BE(o + 8); height = png.readUInt32BE(o + 12); }
    if (type === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)), stride = width * 3, rgb = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      rgb[y * stride + x] = f === 1 ? (v + (x >= 3 ? rgb[y * stride + x - 3]! : 0)) & 0xff : v;
    }
  }
  return { width, height, rgb };
}

function ppm(width: number, height: number, header = `P6\n${width} ${height}\n255\n`): { buf: Buffer; rgb: Buffer } {
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 7 + (i >> 5)) & 0xff;
  return { buf: Buffer.concat([Buffer.from(header, 'latin1'), rgb]), rgb };
}

test('a PPM becomes a PNG of the same size with the same pixels', async () => {
  const { buf, rgb } = ppm(37, 11, 'P6\n# made by QEMU\n37 11\n255\n');
  const png = await encodePNG(parsePPM(buf));
  assert.equal(imageSize(png), { format: 'png', width: 37, height: 11, lit: true });
  const back = decode(png);
  assert.equal([back.width, back.height], [37, 11]);
  assert.ok(back.rgb.equals(rgb), 'pixels equal');
});

test('a flat 720x400 text-mode screen compresses to a small PNG', async () => {
  const buf = Buffer.concat([Buffer.from('P6 720 400 255\n'), Buffer.alloc(720 * 400 * 3, 0x20)]);
  const png = await encodePNG(parsePPM(buf));
  assert.equal(imageSize(png), { format: 'png', width: 720, height: 400, lit: true });
  assert.ok(png.length < 5000, `small (${png.length} bytes)`);
});

test('16-bit PPMs are scaled to 8 bits; bad or truncated PPMs are refused', async () => {
  const sixteen = Buffer.concat([Buffer.from('P6 1 1 65535\n'), Buffer.from([0xff, 0xff, 0x80, 0x00, 0x00, 0x00])]);
  assert.equal([...parsePPM(sixteen).rgb], [255, 128, 0]);
  assert.throws(() => parsePPM(Buffer.from('P3 1 1 255\n0 0 0')), /P6/);
  assert.throws(() => parsePPM(Buffer.from('P6 0 1 255\n')), /header/);
  assert.throws(() => parsePPM(ppm(4, 4).buf.subarray(0, 40)), /truncated/);
});

test('the screenshot of a running VM is a PNG, cacheable for 2 s; 404 unknown VM; 409 shut off', async () => {
  const res = await t.app.request('/api/vms/test-vm/screenshot');
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'image/png');
  assert.is(res.headers.get('cache-control'), 'private, max-age=2');
  const size = imageSize(Buffer.from(await res.arrayBuffer()));
  assert.is(size.format, 'png');
  assert.ok(size.width > 0 && size.height > 0);
  let r = await json(t.app.request('/api/vms/nope/screenshot'));
  assert.equal([r.status, r.body.code], [404, 'KCHVM0002E']);
  await t.client.connection.domainDestroy(await t.client.connection.domainLookupByName('off-vm'));
  r = await json(t.app.request('/api/vms/off-vm/screenshot', { headers: { 'Accept-Language': 'pt-BR' } }));
  assert.equal([r.status, r.body.code], [409, 'KCHVMSCR0001E']);
  assert.match(r.body.reason, /ela está desligada/);
});

test.run();
