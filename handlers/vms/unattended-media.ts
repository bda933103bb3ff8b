// How a rendered script reaches the installer: appended to the installer's initrd as an uncompressed newc cpio archive
// (Linux unpacks concatenated archives in order), or on a small ISO attached as a second CD-ROM — files read from the
// install ISO and images built by xorriso in a private temp dir, argv only.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KimchiError } from '../common/errors.ts';

/** The label of the script CD-ROM: Anaconda reads a volume labelled OEMDRV by itself; Windows Setup searches every drive. */
const SCRIPT_LABEL = 'OEMDRV';

const run = (args: string[]) => new Promise<void>((resolve, reject) => {
  execFile('xorriso', args, { timeout: 120_000 }, (err, _out, stderr) => (err ? reject(Object.assign(err, { detail: String(stderr).trim().split('\n').pop() })) : resolve()));
});

/** Runs `use` in a private (0700) temp dir, removed afterwards whatever happens: scripts hold passwords. */
export async function inTemp<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kimchi-unattended-')); // 0700
  try { return await use(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

/** One file of the install ISO (e.g. install.amd/initrd.gz); 500 KCHUA0007E when it is not there. */
export function isoFile(iso: string, file: string): Promise<Buffer> {
  return inTemp(async (dir) => {
    const out = join(dir, 'file');
    try {
      await run(['-osirrox', 'on', '-indev', iso, '-extract', `/${file.replace(/^\/+/, '')}`, out]);
      return await readFile(out);
    } catch (e) {
      throw new KimchiError(500, 'KCHUA0007E', { file, path: iso, detail: (e as { detail?: string }).detail || (e as Error).message }, { cause: e });
    }
  });
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const pad4 = (n: number) => Buffer.alloc((4 - (n % 4)) % 4);

/** A newc ("070701") cpio archive of regular files at its root, mode 0600, ending with the TRAILER!!! entry. */
function newcArchive(files: Map<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  const entry = (name: string, mode: number, data: Buffer) => {
    const fields = [ino++, mode, 0, 0, 1, Math.floor(Date.now() / 1000), data.length, 0, 0, 0, 0, Buffer.byteLength(name) + 1, 0];
    const head = Buffer.from(`070701${fields.map(hex8).join('')}${name}\0`, 'latin1');
    parts.push(head, pad4(head.length), data, pad4(data.length));
  };
  for (const [name, data] of files) entry(name, 0o100600, data);
  entry('TRAILER!!!', 0, Buffer.alloc(0));
  return Buffer.concat(parts);
}

/** The installer's initrd with the scripts added: the original bytes, padded to 4, then the archive. */
export const withScripts = (initrd: Buffer, files: Map<string, Buffer>) => Buffer.concat([initrd, pad4(initrd.length), newcArchive(files)]);

/** An ISO 9660 image (Joliet + Rock Ridge) labelled OEMDRV holding the scripts at its root. */
export function scriptIso(files: Map<string, Buffer>): Promise<Buffer> {
  return inTemp(async (dir) => {
    const paths: string[] = [];
    for (const [name, data] of files) {
      const p = join(dir, name);
      await writeFile(p, data, { mode: 0o600 });
      paths.push(p);
    }
    const iso = join(dir, 'script.iso');
    try {
      await run(['-as', 'mkisofs', '-quiet', '-output', iso, '-volid', SCRIPT_LABEL, '-joliet', '-rock', ...paths]);
    } catch (e) {
      throw new KimchiError(500, 'KCHUA0006E', { detail: (e as { detail?: string }).detail || (e as Error).message }, { cause: e });
    }
    return readFile(iso);
  });
}
