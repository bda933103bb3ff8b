// Routes of ISO images: /isos (what the pools hold, or one host file, with its OS) and /isoscans (start, read, stop a scan).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../common/context.ts';
import { KimchiError } from '../../common/errors.ts';
import { errors } from '../../common/responses.ts';
import { z } from '@hono/zod-openapi';
import { InspectQuery, InstallMedia, IsoScan, IsoScanInput, ScanParams } from './schemas.ts';
import { inspectMedia, poolIsos } from './media.ts';
import { scanView, startScan, stopScan } from './scan.ts';

const one = (description: string) => ({ description, content: { 'application/json': { schema: IsoScan } } });
const tags = ['isoscans'];

const create = createRoute({
  method: 'post', path: '/isoscans', tags,
  summary: 'Look for ISO images: shallow (every active pool\'s folder, /var/lib/libvirt/images, /var/lib/kimchi/isos, ~/Downloads) or deep (walk `paths`)',
  request: { body: { required: true, content: { 'application/json': { schema: IsoScanInput } } } },
  responses: { 202: one('The scan, running'), 400: errors[400], 500: errors[500] },
});
const get = createRoute({
  method: 'get', path: '/isoscans/{id}', tags, summary: 'A scan: its task and the ISO images found so far',
  request: { params: ScanParams }, responses: { 200: one('The scan'), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const stop = createRoute({
  method: 'post', path: '/isoscans/{id}/stop', tags, summary: 'Stop a running scan (it ends within a second, keeping what it found)',
  request: { params: ScanParams }, responses: { 200: one('The scan'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});

const media = createRoute({
  method: 'get', path: '/isos', tags,
  summary: 'Every ISO image the active storage pools hold, with the OS osinfo-db recognises on it and its recommended resources',
  description: 'Not in Kimchi. What the New guest dialog lists: no scan needed. Only on the server\'s own host (files are read to detect the OS).',
  responses: { 200: { description: 'ISO images', content: { 'application/json': { schema: z.array(InstallMedia) } } }, 500: errors[500] },
});
const inspect = createRoute({
  method: 'get', path: '/isos/inspect', tags,
  summary: 'One ISO image file on the host: its OS and recommended resources (400 when it is not an ISO image)',
  request: { query: InspectQuery },
  responses: { 200: { description: 'The image', content: { 'application/json': { schema: InstallMedia } } }, 400: errors[400], 500: errors[500] },
});

export function isoScanRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(media, async (c) => c.json(await poolIsos(c.get('deps').libvirt.connection, c.get('deps').db), 200));
  app.openapi(inspect, async (c) => c.json(await inspectMedia(c.get('deps').db, c.req.valid('query').path), 200));
  app.openapi(create, async (c) => {
    const { type, paths } = c.req.valid('json');
    if (type === 'deep' && !paths) throw new KimchiError(400, 'KCHAPI0005E', { field: 'paths', problem: { t: 'problem.required' } });
    return c.json(await startScan(c.get('deps'), c.get('locale'), type, paths), 202);
  });
  app.openapi(get, (c) => c.json(scanView(c.get('deps'), c.get('locale'), Number(c.req.valid('param').id)), 200));
  app.openapi(stop, (c) => c.json(stopScan(c.get('deps'), c.get('locale'), Number(c.req.valid('param').id)), 200));
}
