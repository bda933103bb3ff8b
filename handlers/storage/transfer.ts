// Volume content: uploads streamed from the request body into storageVolUpload (back-pressure, progress as a Task,
// a broken or cancelled upload deletes the half volume) and downloads streamed out of storageVolDownload.
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createTask, endTask, forgetTaskUndos, listTasks, recordUndo, updateTask } from '../../db/index.ts';
import { ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import { taskView } from '../tasks/service.ts';
import { publishTask } from '../common/task-runner.ts';
import type { Task } from '../tasks/schemas.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale } from '../i18n/index.ts';
import { bulkConnection, isLocal } from './bulk.ts';
import { activePool, lookupVol, makeVolume, prepareVolume, volumeUri } from './volumes-service.ts';
import type { VolumeInput } from './schemas.ts';
import { transferMeter } from '../common/memory.ts';

/** An upload task's progress message: bytes done / total (the UI shows it as a bar); "waiting" until the body starts. */
const progress = (done: number, total: number) => `${done}/${total}`;
const waiting = (total: number) => `waiting 0/${total}`;
const PROGRESS = /^(waiting )?(\d+)\/(\d+)$/;
const PROGRESS_EVERY_MS = 500;

function failTask(deps: Deps, id: number, e: KimchiError): void {
  endTask(deps.db, id, 'failed', e.message, e.code, e.params as Record<string, unknown>);
  publishTask(deps, id);
}

/** The running upload task of a volume, with the size it waits for. */
export function pendingUpload(deps: Deps, pool: string, name: string): { id: number; receiving: boolean; total: number } | undefined {
  for (const row of listTasks(deps.db, { status: 'running', targetUri: volumeUri(pool, name) })) {
    const m = PROGRESS.exec(row.message);
    if (m) return { id: row.id, receiving: !m[1], total: Number(m[3]) };
  }
  return undefined;
}

/** POST …/storagevolumes with upload: create the empty volume and the Task its content will report on. */
export async function startUpload(deps: Deps, locale: Locale, poolName: string, input: VolumeInput): Promise<Task> {
  const conn = deps.libvirt.connection;
  const { pool, xml } = await prepareVolume(conn, poolName, input);
  await makeVolume(conn, pool, xml, input.name);
  const row = createTask(deps.db, volumeUri(poolName, input.name), waiting(input.capacity));
  // A server stopped before the content arrived leaves an empty or partial volume: the next start deletes it.
  recordUndo(deps.db, row.id, 'volume', { pool: poolName, name: input.name });
  publishTask(deps, row.id);
  return taskView(row, locale);
}

/** A running upload of this volume ends as cancelled (the volume is being deleted). */
export function cancelUpload(deps: Deps, pool: string, name: string): void {
  const up = pendingUpload(deps, pool, name);
  if (!up) return;
  forgetTaskUndos(deps.db, up.id); // the caller deletes the volume
  failTask(deps, up.id, new KimchiError(409, 'KCHVOL0009E', { name, detail: 'cancelled' }));
}

/** Counts bytes and reports progress at most every PROGRESS_EVERY_MS. */
function counter(onProgress: (done: number) => void): Transform & { bytes: number } {
  let last = 0;
  const meter = transferMeter();
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      meter(chunk.length);
      const now = Date.now();
      if (now - last >= PROGRESS_EVERY_MS) { last = now; onProgress(t.bytes); }
      cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

/** The request body as an async iterable that reads only as fast as it is consumed. */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** PUT …/content: stream the body into the volume; on any failure delete the volume and fail the task. */
export async function receiveUpload(
  deps: Deps, poolName: string, name: string, length: number | undefined, body: ReadableStream<Uint8Array> | null,
): Promise<void> {
  const up = pendingUpload(deps, poolName, name);
  if (!up || up.receiving) throw new KimchiError(409, up ? 'KCHVOL0011E' : 'KCHVOL0006E', { name });
  if (length !== up.total || !body) throw new KimchiError(400, 'KCHVOL0008E', { expected: up.total, length: length ?? '-' });
  updateTask(deps.db, up.id, progress(0, up.total)); // claimed: a second PUT now gets 409
  const bulk = await bulkConnection(deps);
  const shared = deps.libvirt.connection;
  let count: (Transform & { bytes: number }) | undefined;
  try {
    const vol = await lookupVol(bulk.conn, await activePool(bulk.conn, poolName), name);
    const sink = await bulk.conn.storageVolUpload(vol, 0, up.total);
    count = counter((done) => { updateTask(deps.db, up.id, progress(done, up.total)); publishTask(deps, up.id); });
    await pipeline(chunksOf(body), count, sink);
    if (count.bytes !== up.total) throw new KimchiError(400, 'KCHVOL0007E', { name, received: count.bytes, expected: up.total });
    forgetTaskUndos(deps.db, up.id);
    endTask(deps.db, up.id, 'finished', progress(up.total, up.total));
    publishTask(deps, up.id);
  } catch (e) {
    let failed: KimchiError;
    if (e instanceof KimchiError && (e.code === 'KCHVOL0007E' || e.code === 'KCHVOL0008E')) failed = e;
    else if (count && count.bytes < up.total) failed = new KimchiError(400, 'KCHVOL0007E', { name, received: count.bytes, expected: up.total }, { cause: e });
    else failed = new KimchiError(500, 'KCHVOL0009E', { name, detail: e instanceof Error ? e.message : String(e) }, { cause: e });
    try {
      const pool = await shared.storagePoolLookupByName(poolName);
      await shared.storageVolDelete(await shared.storageVolLookupByName(pool, name));
      forgetTaskUndos(deps.db, up.id);
    } catch (err) {
      // Already gone is fine; otherwise the journal keeps the step and the next start (or reconnect) retries it.
      if (err instanceof LibvirtError && (err.code === ErrorCode.NO_STORAGE_VOL || err.code === ErrorCode.NO_STORAGE_POOL)) forgetTaskUndos(deps.db, up.id);
    }
    failTask(deps, up.id, failed);
    throw failed;
  } finally {
    await bulk.release();
  }
}

/** GET …/content: the volume's bytes as a Web stream pulled at the client's pace, with its length when known. */
export async function sendDownload(deps: Deps, poolName: string, name: string): Promise<{ body: ReadableStream<Uint8Array>; length?: number }> {
  const conn = deps.libvirt.connection;
  const vol = await lookupVol(conn, await activePool(conn, poolName), name);
  if (pendingUpload(deps, poolName, name)) throw new KimchiError(409, 'KCHVOL0011E', { name });
  let length: number | undefined;
  if (isLocal(deps)) {
    const st = await stat(await conn.storageVolGetPath(vol)).catch(() => undefined);
    if (st?.isFile()) length = st.size;
  }
  const bulk = await bulkConnection(deps);
  let source;
  try {
    source = await bulk.conn.storageVolDownload(await lookupVol(bulk.conn, await activePool(bulk.conn, poolName), name), 0, 0);
  } catch (e) {
    await bulk.release();
    throw e;
  }
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const meter = transferMeter();
  let released = false;
  const release = () => { if (!released) { released = true; void bulk.release(); } };
  const body = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      try {
        const { done, value } = await it.next();
        if (done) { ctrl.close(); release(); return; }
        meter(value.byteLength);
        ctrl.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (e) {
        ctrl.error(e);
        release();
      }
    },
    cancel() { source.destroy(); release(); },
  }, { highWaterMark: 0 });
  return { body, length };
}
