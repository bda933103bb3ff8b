// Making a debug report as a Task: claim the name, collect into a work dir, add sos's archive when installed, pack with tar, publish.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import { which } from '../host/capabilities.ts';
import { translate, type Locale } from '../i18n/index.ts';
import type { Task } from '../tasks/schemas.ts';
import { collectDb, collectLibvirt, collectLogs, collectState, collector, type Collector } from './collect.ts';
import { claim, exists, publish, release, reportDirs, targetUri } from './store.ts';

const run = promisify(execFile);
/** The one folder inside every archive. */
export const TOP = 'kimchi-debugreport';
const SOS_TIMEOUT_MS = 15 * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');
function defaultName(d = new Date()): string {
  return `report-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** sos report into <report>/sos when sos is installed; its own archive is kept as it made it. */
async function collectSos(c: Collector): Promise<string> {
  const sos = await which('sos');
  if (!sos) { c.skip('sos report', 'sos is not installed'); return 'not installed'; }
  const dir = join(c.dir, 'sos');
  await mkdir(dir, { recursive: true });
  try {
    await run(sos, ['report', '--batch', '--quiet', '--tmp-dir', dir], { timeout: SOS_TIMEOUT_MS, maxBuffer: 8 << 20 });
    return 'included';
  } catch (e) { c.skip('sos report', e); return 'failed'; }
}

/** Everything goes in; a part that fails (libvirtd down in global error mode) is listed in manifest.json instead. */
async function collectAll(deps: Deps, root: string, progress: (m: string) => void): Promise<void> {
  const c = collector(root);
  let versions: Record<string, string> = {};
  let conn;
  try { conn = deps.libvirt.connection; } catch (e) { c.skip('libvirt objects', e); }
  if (conn) { progress('libvirt'); versions = await collectLibvirt(c, conn); }
  progress('logs');
  await collectLogs(c, deps.dataDir, deps.logDir);
  await collectDb(c, deps.db);
  await collectState(c, deps, versions);
  progress('sos');
  const sos = await collectSos(c);
  await writeFile(join(root, 'manifest.json'), JSON.stringify({ created: new Date().toISOString(), sos, files: c.files.sort(), skipped: c.skipped }, null, 2));
}

export async function createReport(deps: Deps, locale: Locale, requested?: string): Promise<Task> {
  const dirs = reportDirs(deps.dataDir);
  let name = requested ?? defaultName();
  if (!requested) for (let i = 2; await exists(dirs, name); i++) name = `${defaultName()}-${i}`;
  const work = await claim(dirs, name); // 409 before any task when the name is taken
  return startTask(deps, locale, targetUri(name), async (task) => {
    try {
      const root = join(work, TOP);
      await mkdir(root);
      await collectAll(deps, root, (m) => task.progress(m));
      task.progress('packing');
      const archive = join(work, 'report.tar.gz');
      // Arguments as an array, the report's name never among them: the archive's one folder is always TOP.
      await run('tar', ['-czf', archive, '-C', work, TOP], { maxBuffer: 1 << 20 }).catch((e: Error) => {
        throw new KimchiError(500, 'KCHDR0003E', { name, detail: e.message.split('\n')[0] ?? '' });
      });
      await publish(dirs, archive, name);
      return translate(locale, 'debugreport.ready', { name });
    } finally {
      await release(work);
    }
  });
}
