// Walks folders for regular files: shallow (the folders' own files) or deep (whole trees), never into /proc, /sys or
// /dev, each directory visited once by device + inode so symlink loops end.
import { opendir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';

const PSEUDO = ['/proc', '/sys', '/dev'];
const isPseudo = (p: string) => PSEUDO.some((x) => p === x || p.startsWith(`${x}/`));

export interface FoundFile { path: string; stat: Stats }

export async function* walk(roots: string[], deep: boolean): AsyncGenerator<FoundFile> {
  const seen = new Set<string>();
  const stack: string[] = [];
  const enter = async (dir: string) => {
    const real = await realpath(dir).catch(() => undefined);
    if (!real || isPseudo(real)) return;
    const st = await stat(real).catch(() => undefined);
    if (!st?.isDirectory()) return;
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    stack.push(dir);
  };
  for (const r of [...roots].reverse()) await enter(r);
  while (stack.length) {
    const dir = stack.pop()!;
    const handle = await opendir(dir).catch(() => undefined);
    if (!handle) continue;
    for await (const e of handle) {
      const path = join(dir, e.name);
      if (e.isDirectory() || e.isSymbolicLink()) {
        const st = await stat(path).catch(() => undefined);
        if (st?.isDirectory()) { if (deep) await enter(path); continue; }
        if (st?.isFile()) yield { path, stat: st };
      } else if (e.isFile()) {
        const st = await stat(path).catch(() => undefined);
        if (st) yield { path, stat: st };
      }
    }
  }
}
