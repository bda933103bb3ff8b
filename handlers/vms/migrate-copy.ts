// One disk of an offline migration, copied through this server: the source's storageVolDownload stream piped into
// the destination's storageVolUpload, with a byte count, an optional bandwidth cap and cancellation.
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection, StorageVol } from '../../libvirt/index.ts';
import { transferMeter } from '../common/memory.ts';

export interface CopyOptions {
  /** Called with the bytes of this volume copied so far (every chunk). */
  onBytes(done: number): void;
  /** Aborting it destroys both streams: libvirt drops the partial upload, the caller removes the volume. */
  signal: AbortSignal;
  /** Cap in MiB/s (the migration's bandwidth_mib_s). */
  bandwidthMiBs?: number;
}

/** Counts bytes and, with a cap, holds each chunk back until the average rate is under it. */
function meter(opts: CopyOptions): Transform {
  const started = Date.now();
  const bytesPerMs = opts.bandwidthMiBs ? (opts.bandwidthMiBs * 1024 * 1024) / 1000 : 0;
  const memory = transferMeter();
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      memory(chunk.length);
      opts.onBytes(done);
      const wait = bytesPerMs ? started + done / bytesPerMs - Date.now() : 0;
      if (wait <= 0) return cb(null, chunk);
      sleep(wait, undefined, { signal: opts.signal }).then(() => cb(null, chunk), (e: Error) => cb(e));
    },
  });
}

/**
 * Copy `length` bytes (the source file's size) of `from` on `src` into `to` on `dst`. Resolves once the destination
 * libvirtd has confirmed the upload; rejects (streams destroyed) on any failure or abort.
 */
export async function copyVolume(src: Connection, from: StorageVol, dst: Connection, to: StorageVol, length: number, opts: CopyOptions): Promise<number> {
  const download = await src.storageVolDownload(from, 0, length);
  let upload;
  try {
    upload = await dst.storageVolUpload(to, 0, length);
  } catch (e) {
    download.destroy();
    throw e;
  }
  let copied = 0;
  const count = meter({ ...opts, onBytes: (n) => { copied = n; opts.onBytes(n); } });
  await pipeline(download, count, upload, { signal: opts.signal });
  return copied;
}
