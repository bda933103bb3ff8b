// POST /storagepools/{pool}/downloads: a volume filled from an http(s) URL (a cloud image on the same network) as a Task
// — the answer's headers checked first (4xx, nothing made), then the body streamed into storageVolUpload with byte
// progress; a failure deletes the half volume (journaled before it is made, so a stop mid-way leaves no orphan). A
// server that sends no Content-Length (chunked) is read to the end, as Kimchi does, into a volume that grows as the
// bytes come, bounded by the pool's free space.
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { jsonBody, writeErrors } from '../common/responses.ts';
import { startTask } from '../common/task-runner.ts';
import { ResourceName } from '../common/names.ts';
import type { Locale } from '../i18n/index.ts';
import { Task } from '../tasks/schemas.ts';
import { Rollback } from '../vms/rollback.ts';
import { bulkConnection } from './bulk.ts';
import { PoolParams } from './schemas.ts';
import { makeVolume, prepareVolume, volumeUri } from './volumes-service.ts';

export const DownloadInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(4096).openapi({ example: 'http://192.168.1.10/images/debian-12-genericcloud-amd64.qcow2' }),
  name: ResourceName.optional().openapi({ description: "The volume's name. Default: the URL's last path segment" }),
}).openapi('VolumeDownload');

/** The volume name a URL suggests: its last path segment, decoded; 400 KCHCI0012E when it has none usable. */
export function nameOf(url: URL): string {
  let last = '';
  try { last = decodeURIComponent(url.pathname.split('/').pop() ?? ''); } catch { last = ''; }
  if (!ResourceName.safeParse(last).success || last.startsWith('.')) throw new KimchiError(400, 'KCHCI0012E', { url: url.href });
  return last;
}

/** Pool types whose volumes are files: a raw volume of size 0 grows as storageVolUpload (length 0) writes past its end. */
const GROWS = new Set(['dir', 'fs', 'netfs']);

export async function startDownload(deps: Deps, locale: Locale, poolName: string, input: z.infer<typeof DownloadInput>): Promise<Task> {
  const url = new URL(input.url);
  const name = input.name ?? nameOf(url);
  const abort = new AbortController();
  // 30 s for the answer's headers; the body then takes as long as it takes.
  const timer = setTimeout(() => abort.abort(new Error('no answer within 30 s')), 30_000);
  // identity: Content-Length must be the file's size, not a compressed transfer's.
  const res = await fetch(url, { redirect: 'follow', headers: { 'Accept-Encoding': 'identity' }, signal: abort.signal }).catch((e: unknown) => {
    throw new KimchiError(400, 'KCHCI0013E', { url: url.href, detail: String((e as Error)?.cause ?? e) }, { cause: e });
  }).finally(() => clearTimeout(timer));
  const length = Number(res.headers.get('content-length') ?? NaN);
  // Without a length: a volume of size 0 grown by the upload, and at most the pool's free space taken (`room`).
  const sized = Number.isSafeInteger(length) && length > 0;
  const conn = deps.libvirt.connection;
  let made: Awaited<ReturnType<typeof prepareVolume>>;
  let room = Infinity;
  try {
    if (!res.ok || !res.body) throw new KimchiError(400, 'KCHCI0014E', { url: url.href, status: `${res.status} ${res.statusText}`.trim() });
    if (!sized && res.headers.has('content-length')) throw new KimchiError(400, 'KCHCI0015E', { url: url.href });
    made = await prepareVolume(conn, poolName, { name, capacity: sized ? length : 0, format: 'raw' });
    if (!sized) {
      if (!GROWS.has(made.type)) throw new KimchiError(400, 'KCHCI0015E', { url: url.href });
      room = made.available;
    }
  } catch (e) {
    abort.abort();
    throw e;
  }
  const { pool, xml } = made;
  let done = 0, last = 0;
  const shown = () => (sized ? `${done}/${length}` : `${done}`);
  return startTask(deps, locale, volumeUri(poolName, name), async (task) => {
    const undo = new Rollback(deps.logger, { task: task.id, url: url.href }, { db: deps.db, taskId: task.id });
    const bulk = await bulkConnection(deps);
    try {
      task.progress(shown());
      await undo.make(`delete volume ${poolName}/${name}`, { kind: 'volume', pool: poolName, name },
        () => makeVolume(conn, pool, xml, name), (vol) => conn.storageVolDelete(vol));
      const vol = await bulk.conn.storageVolLookupByName(await bulk.conn.storagePoolLookupByName(poolName), name);
      const sink = await bulk.conn.storageVolUpload(vol, 0, sized ? length : 0);
      const count = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          done += chunk.length;
          if (done > room) return cb(new KimchiError(409, 'KCHCI0016E', { url: url.href, pool: poolName, available: room, name }));
          if (Date.now() - last >= 500) { last = Date.now(); task.progress(shown()); }
          cb(null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(res.body! as WebReadable<Uint8Array>), count, sink);
      if (sized && done !== length) throw new KimchiError(400, 'KCHVOL0007E', { name, received: done, expected: length });
      undo.commit();
      return shown();
    } catch (e) {
      abort.abort();
      await undo.run();
      if (e instanceof KimchiError) throw e;
      throw new KimchiError(500, 'KCHCI0013E', { url: url.href, detail: e instanceof Error ? e.message : String(e) }, { cause: e });
    } finally {
      await bulk.release();
    }
  });
}

const route = createRoute({
  method: 'post', path: '/storagepools/{name}/downloads', tags: ['storagevolumes'],
  summary: 'Not in Kimchi. Fill a new raw volume from an http(s) URL (a Task with bytes done/total, or done)',
  description: 'The server must answer 200, else a 400 and nothing is made. With a Content-Length that is the volume\'s '
    + 'size and the Task reports "done/total" bytes; without one (chunked) the body is read to the end into a volume that '
    + 'grows (file-backed pools only, else 400 KCHCI0015E), the Task reports bytes received, and more than the pool\'s '
    + 'free space fails it (KCHCI0016E, volume deleted). libvirt reads the format from the content afterwards, so a qcow2 '
    + 'image is a qcow2 volume.',
  request: { params: PoolParams, ...jsonBody(DownloadInput) },
  responses: { 202: { description: 'The download Task; its target_uri is the volume', content: { 'application/json': { schema: Task } } }, ...writeErrors },
});

export function downloadRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => c.json(await startDownload(c.get('deps'), c.get('locale'), c.req.valid('param').name, c.req.valid('json')), 202));
}
