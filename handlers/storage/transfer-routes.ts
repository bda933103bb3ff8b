// Routes of a volume's content: PUT streams an upload in (octet-stream, exempt from the JSON body rules), GET streams it out.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { isLocal } from './bulk.ts';
import { VolParams } from './schemas.ts';
import { receiveUpload, sendDownload } from './transfer.ts';
import { getVolume } from './volumes-service.ts';
import { StorageVolume } from './schemas.ts';

const tags = ['storagevolumes'];
const path = '/storagepools/{pool}/storagevolumes/{name}/content';
const binary = z.string().openapi({ format: 'binary' });

const upload = createRoute({
  method: 'put', path, tags,
  summary: 'The file of an upload started with POST …/storagevolumes {upload: true}: exactly `capacity` bytes with Content-Length; '
    + 'streamed into libvirt, never buffered; a broken upload deletes the volume',
  request: { params: VolParams, body: { required: true, content: { 'application/octet-stream': { schema: binary } } } },
  responses: {
    200: { description: 'The uploaded volume', content: { 'application/json': { schema: StorageVolume } } },
    400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500],
  },
});
const download = createRoute({
  method: 'get', path, tags, summary: "The volume's bytes",
  request: { params: VolParams },
  responses: { 200: { description: 'The content', content: { 'application/octet-stream': { schema: binary } } }, 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});

export function transferRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(upload, async (c) => {
    const deps = c.get('deps');
    const { pool, name } = c.req.valid('param');
    const header = c.req.header('content-length');
    const length = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
    await receiveUpload(deps, pool, name, length, c.req.raw.body);
    return c.json(await getVolume({ conn: deps.libvirt.connection, db: deps.db, local: isLocal(deps) }, pool, name), 200);
  });
  app.openapi(download, async (c) => {
    const { pool, name } = c.req.valid('param');
    const { body, length } = await sendDownload(c.get('deps'), pool, name);
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    };
    if (length !== undefined) headers['Content-Length'] = String(length);
    return c.body(body, 200, headers) as never;
  });
}
