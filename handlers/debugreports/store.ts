// Where debug reports live: <dataDir>/debugreports/<name>.tar.gz, finished only; work dirs (one per report being made) beside it.
import { createReadStream, type ReadStream } from 'node:fs';
import { link, mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KimchiError } from '../common/errors.ts';
import type { DebugReport } from './schemas.ts';

const EXT = '.tar.gz';

export interface ReportDirs { reports: string; work: string }

/** Without a data dir (a host embedding createApp without one), reports go under the system temp dir. */
export function reportDirs(dataDir: string | undefined): ReportDirs {
  const base = dataDir ?? join(tmpdir(), 'kimchi-ts');
  return { reports: join(base, 'debugreports'), work: join(base, 'debugreports.work') };
}

export const reportFile = (dirs: ReportDirs, name: string) => join(dirs.reports, name + EXT);
export const contentUri = (name: string) => `/api/debugreports/${encodeURIComponent(name)}/content`;
export const targetUri = (name: string) => `/plugins/kimchi/debugreports/${encodeURIComponent(name)}`;

const view = (name: string, mtime: Date): DebugReport => ({ name, uri: contentUri(name), time: mtime.toISOString() });

export async function listReports(dirs: ReportDirs): Promise<DebugReport[]> {
  const files = await readdir(dirs.reports).catch(() => [] as string[]);
  const out: DebugReport[] = [];
  for (const f of files) {
    if (!f.endsWith(EXT)) continue;
    const st = await stat(join(dirs.reports, f)).catch(() => undefined);
    if (st?.isFile()) out.push(view(f.slice(0, -EXT.length), st.mtime));
  }
  return out.sort((a, b) => a.time.localeCompare(b.time) || a.name.localeCompare(b.name));
}

export async function getReport(dirs: ReportDirs, name: string): Promise<DebugReport> {
  const st = await stat(reportFile(dirs, name)).catch(() => undefined);
  if (!st?.isFile()) throw new KimchiError(404, 'KCHDR0001E', { name });
  return view(name, st.mtime);
}

export async function exists(dirs: ReportDirs, name: string): Promise<boolean> {
  return (await stat(reportFile(dirs, name)).catch(() => undefined)) !== undefined;
}

/** Claim `name` for a report being made: its work dir, created exclusively (a second claim gets 409). */
export async function claim(dirs: ReportDirs, name: string): Promise<string> {
  await mkdir(dirs.work, { recursive: true });
  await mkdir(dirs.reports, { recursive: true });
  if (await exists(dirs, name)) throw new KimchiError(409, 'KCHDR0002E', { name });
  const dir = join(dirs.work, encodeURIComponent(name));
  try {
    await mkdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new KimchiError(409, 'KCHDR0002E', { name });
    throw e;
  }
  return dir;
}

export const release = (workDir: string) => rm(workDir, { recursive: true, force: true });

/** Put a finished archive in place under `name`; never overwrites (link fails on an existing file). */
export async function publish(dirs: ReportDirs, archive: string, name: string): Promise<void> {
  try {
    await link(archive, reportFile(dirs, name));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new KimchiError(409, 'KCHDR0002E', { name });
    throw e;
  }
  await unlink(archive);
}

export async function renameReport(dirs: ReportDirs, from: string, to: string): Promise<DebugReport> {
  await getReport(dirs, from);
  if (from === to) return getReport(dirs, to);
  if (await stat(join(dirs.work, encodeURIComponent(to))).catch(() => undefined)) throw new KimchiError(409, 'KCHDR0002E', { name: to });
  await publish(dirs, reportFile(dirs, from), to);
  return getReport(dirs, to);
}

export async function deleteReport(dirs: ReportDirs, name: string): Promise<void> {
  await unlink(reportFile(dirs, name)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new KimchiError(404, 'KCHDR0001E', { name });
    throw e;
  });
}

export async function openReport(dirs: ReportDirs, name: string): Promise<{ stream: ReadStream; size: number }> {
  const st = await stat(reportFile(dirs, name)).catch(() => undefined);
  if (!st?.isFile()) throw new KimchiError(404, 'KCHDR0001E', { name });
  return { stream: createReadStream(reportFile(dirs, name)), size: st.size };
}
