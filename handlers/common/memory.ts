// Keeps long byte transfers from inflating RSS: a collection every few MiB moved, so finished chunks are freed promptly.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options?: { type?: 'minor' | 'major' }) => void;
let collect: Collect | undefined | null = null;

/**
 * Every chunk of an upload or download is a fresh Buffer that outlives a young-generation pass or two, so V8 frees
 * it only at a full collection — which, for memory held outside its heap, it may postpone until ~64 MiB piled up.
 * A full collection (a few ms) every `stepBytes` keeps a 1 GiB transfer close to the idle RSS; `npm start` also
 * sets MALLOC_MMAP_THRESHOLD_ so glibc hands those chunks' pages straight back. Without the collector: no-op.
 */
function collector(): Collect | undefined {
  if (collect === null) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = undefined;
    }
  }
  return collect;
}

/** Returns a function to call with each chunk's size. */
export function transferMeter(stepBytes = 8 << 20): (bytes: number) => void {
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < stepBytes) return;
    since = 0;
    collector()?.({ type: 'major' });
  };
}
