// GET /vms/{name}/screenshot: the VM's screen as a PNG, from libvirt's screenshot stream (PNG as is, PPM converted).
// No server-side cache: handlers keep no state, and a shot costs one QEMU screendump; `Cache-Control: max-age=2`
// lets a browser (or a proxy in front of several handler instances) reuse it while a page polls the thumbnail.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Readable } from 'node:stream';
import { DomainState } from '../../libvirt/index.ts';
import type { AppEnv, Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { readErrors } from '../common/responses.ts';
import { lookupVm, stateParam } from '../vms/service.ts';
import { VmParams } from '../vms/schemas.ts';
import { encodePNG, isPNG, parsePPM } from './screenshot-png.ts';

/** 8K RGB is ~100 MB as PPM; anything larger is not a screen. */
const MAX_BYTES = 128 * 1024 * 1024;
const SHOWS_SCREEN: ReadonlySet<number> = new Set([DomainState.RUNNING, DomainState.PAUSED, DomainState.BLOCKED]);

async function readAll(stream: Readable, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of stream) {
    size += (part as Buffer).length;
    if (size > MAX_BYTES) {
      stream.destroy();
      throw new KimchiError(500, 'KCHVMSCR0002E', { name, format: `more than ${MAX_BYTES} bytes` });
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

/** The screen as PNG bytes: 404 unknown VM, 409 when it shows no screen (shut off, crashed…). */
export async function screenshotPng(deps: Deps, name: string): Promise<Buffer> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  const { state } = await conn.domainGetState(dom);
  if (!SHOWS_SCREEN.has(state)) throw new KimchiError(409, 'KCHVMSCR0001E', { name, state: stateParam(state) });
  const { mime, stream } = await conn.domainScreenshot(dom);
  const bytes = await readAll(stream, name);
  if (isPNG(bytes)) return bytes;
  try {
    return await encodePNG(parsePPM(bytes));
  } catch (e) {
    throw new KimchiError(500, 'KCHVMSCR0002E', { name, format: mime ?? 'unknown' }, { cause: e });
  }
}

export const screenshotRoute = createRoute({
  method: 'get', path: '/vms/{name}/screenshot', tags: ['vms'], summary: 'The VM\'s screen now, as a PNG of the display\'s size',
  request: { params: VmParams },
  responses: {
    200: { description: 'PNG image; may be reused for 2 seconds', content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } } },
    409: { ...readErrors[404], description: 'The VM is not running, so it has no screen' },
    ...readErrors,
  },
});

export function screenshotRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(screenshotRoute, async (c) => {
    const png = await screenshotPng(c.get('deps'), c.req.valid('param').name);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=2' });
  });
}
