// PPM (P6) → PNG: libvirt hands QEMU screenshots over as PPM when QEMU cannot write PNG; browsers show only PNG.
// Our own ~60 lines over node:zlib (deflate, crc32) rather than a dependency: RGB8, one filter per row, no palette.
import { crc32, deflate } from 'node:zlib';
import { promisify } from 'node:util';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Pixmap { width: number; height: number; /** RGB, 3 bytes per pixel, rows top to bottom. */ rgb: Buffer }

/** Parse a binary PPM: `P6`, width, height, maxval (whitespace and # comments between), one whitespace byte, pixels. */
export function parsePPM(buf: Buffer): Pixmap {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]!))) pos++;
      if (buf[pos] !== 0x23 /* # */) break;
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    return buf.toString('latin1', start, pos);
  };
  if (token() !== 'P6') throw new SyntaxError('not a binary PPM (P6)');
  const [width, height, maxval] = [token(), token(), token()].map((t) => (/^\d{1,6}$/.test(t) ? Number(t) : NaN)) as [number, number, number];
  if (!(width > 0 && height > 0 && maxval > 0 && maxval < 65536)) throw new SyntaxError('bad PPM header');
  pos++; // the single whitespace byte after maxval
  const bytes = maxval < 256 ? 1 : 2;
  const body = buf.subarray(pos, pos + width * height * 3 * bytes);
  if (body.length !== width * height * 3 * bytes) throw new SyntaxError(`PPM ${width}x${height} is truncated`);
  if (bytes === 1 && maxval === 255) return { width, height, rgb: body };
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < rgb.length; i++) {
    const v = bytes === 1 ? body[i]! : body.readUInt16BE(i * 2);
    rgb[i] = Math.round((v * 255) / maxval);
  }
  return { width, height, rgb };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG of the pixmap: each row filtered with "Sub" (the left neighbour's difference — screens are mostly flat
 * colour, so rows become runs of zeros), deflated off the event loop.
 */
export async function encodePNG({ width, height, rgb }: Pixmap): Promise<Buffer> {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const src = y * stride, dst = y * (stride + 1);
    raw[dst] = 1; // filter type Sub
    for (let x = 0; x < stride; x++) raw[dst + 1 + x] = (rgb[src + x]! - (x >= 3 ? rgb[src + x - 3]! : 0)) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB (compression, filter and interlace methods stay 0)
  const idat = await deflateAsync(raw, { level: 6 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export const isPNG = (buf: Buffer): boolean => buf.subarray(0, 8).equals(SIGNATURE);
