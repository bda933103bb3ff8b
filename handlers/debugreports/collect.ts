// What a debug report holds: versions, sanity state, our logs and libvirt's (bounded tails), every libvirt object's XML, scrubbed DB metadata.
import { open, readdir, mkdir, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { schema } from '../../db/index.ts';
import type { Connection } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { translate } from '../i18n/index.ts';
import { versionString } from '../host/info.ts';
import { scrubText, scrubValue } from './scrub.ts';

/** Bounds: the newest bytes of each log, and how many QEMU guest logs. */
export const LIMITS = { ourLog: 8 << 20, libvirtdLog: 4 << 20, guestLog: 256 << 10, guestLogs: 50 };
export const LIBVIRT_LOGS = '/var/log/libvirt';

/** A file name for an object name: anything but letters, digits, dot, dash and underscore becomes _. */
const safe = (name: string) => name.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_') || '_';

export interface Collector {
  dir: string;
  /** Write `rel` (created with its folders), scrubbed. */
  put(rel: string, content: string): Promise<void>;
  /** Something that could not be collected, kept in manifest.json. */
  skip(what: string, why: unknown): void;
  skipped: Array<{ what: string; why: string }>;
  files: string[];
}

export function collector(dir: string): Collector {
  const c: Collector = {
    dir, skipped: [], files: [],
    async put(rel, content) {
      const p = join(dir, rel);
      await mkdir(join(p, '..'), { recursive: true });
      await writeFile(p, scrubText(content));
      c.files.push(rel);
    },
    skip(what, why) { c.skipped.push({ what, why: why instanceof Error ? why.message : String(why) }); },
  };
  return c;
}

/** The last `max` bytes of a file (from the start of a line when cut). */
async function tail(path: string, max: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - max);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    const text = buf.toString('utf8');
    return start > 0 ? `[… first ${start} bytes cut]\n${text.slice(text.indexOf('\n') + 1)}` : text;
  } finally { await fh.close(); }
}

async function copyTails(c: Collector, dir: string, to: string, pick: (name: string) => boolean, max: number, count: number): Promise<void> {
  let names: string[];
  try { names = (await readdir(dir)).filter(pick); } catch (e) { c.skip(dir, e); return; }
  const dated = await Promise.all(names.map(async (n) => ({ n, st: await stat(join(dir, n)).catch(() => undefined) })));
  const newest = dated.filter((d) => d.st?.isFile()).sort((a, b) => b.st!.mtimeMs - a.st!.mtimeMs).slice(0, count);
  for (const { n } of newest) {
    try { await c.put(join(to, safe(n)), await tail(join(dir, n), max)); } catch (e) { c.skip(join(dir, n), e); }
  }
}

export async function collectLogs(c: Collector, dataDir: string | undefined, logDir?: string): Promise<void> {
  if (logDir ?? dataDir) await copyTails(c, logDir ?? join(dataDir!, 'logs'), 'logs/kimchi', (n) => n.includes('.log'), LIMITS.ourLog, 10);
  else c.skip('logs/kimchi', 'no data directory configured');
  await copyTails(c, LIBVIRT_LOGS, 'logs/libvirt', (n) => n.endsWith('.log'), LIMITS.libvirtdLog, 10);
  await copyTails(c, join(LIBVIRT_LOGS, 'qemu'), 'logs/libvirt/qemu', (n) => n.endsWith('.log'), LIMITS.guestLog, LIMITS.guestLogs);
}

/** Each object on its own: one that fails (undefined meanwhile) is noted and the rest still come. */
async function each<T>(c: Collector, what: string, items: T[], name: (t: T) => string, xml: (t: T) => Promise<string>, to: string) {
  await Promise.all(items.map(async (t) => {
    try { await c.put(join(to, `${safe(name(t))}.xml`), await xml(t)); } catch (e) { c.skip(`${what} ${name(t)}`, e); }
  }));
}

export async function collectLibvirt(c: Collector, conn: Connection): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  await Promise.all([
    conn.connectGetLibVersion().then((v) => { versions.libvirt = versionString(v); }, (e) => c.skip('libvirt version', e)),
    conn.connectGetVersion().then((v) => { versions.hypervisor = versionString(v); }, (e) => c.skip('hypervisor version', e)),
    conn.connectGetCapabilities().then((x) => c.put('libvirt/capabilities.xml', x), (e) => c.skip('capabilities', e)),
  ]);
  // No VIR_DOMAIN_XML_SECURE: libvirt leaves graphics passwords out, and scrubText masks any that slip through.
  const doms = await conn.connectListAllDomains().catch((e) => { c.skip('domains', e); return []; });
  await each(c, 'domain', doms, (d) => d.name, (d) => conn.domainGetXMLDesc(d), 'libvirt/domains');
  const nets = await conn.connectListAllNetworks().catch((e) => { c.skip('networks', e); return []; });
  await each(c, 'network', nets, (n) => n.name, (n) => conn.networkGetXMLDesc(n), 'libvirt/networks');
  const pools = await conn.connectListAllStoragePools().catch((e) => { c.skip('pools', e); return []; });
  await each(c, 'pool', pools, (p) => p.name, (p) => conn.storagePoolGetXMLDesc(p), 'libvirt/pools');
  for (const p of pools) {
    const vols = await conn.storagePoolListAllVolumes(p).catch(() => []); // inactive pools list nothing
    await each(c, 'volume', vols, (v) => v.name, (v) => conn.storageVolGetXMLDesc(v), join('libvirt/volumes', safe(p.name)));
  }
  return versions;
}

/** Our own tables that describe guests and work — never sessions or credentials; secrets scrubbed anyway. */
export async function collectDb(c: Collector, db: Deps['db']): Promise<void> {
  const tables = { templates: schema.templates, vm_meta: schema.vmMeta, vm_locks: schema.vmLocks, tasks: schema.tasks };
  for (const [name, table] of Object.entries(tables)) {
    try { await c.put(`db/${name}.json`, JSON.stringify(scrubValue(db.select().from(table).all()), null, 2)); } catch (e) { c.skip(`db ${name}`, e); }
  }
}

export async function collectState(c: Collector, deps: Deps, libvirtVersions: Record<string, string>): Promise<void> {
  const problem = deps.sanity.current();
  await c.put('sanity.json', JSON.stringify(problem ? { state: 'error', ...problem, reason: translate('en-US', problem.code, problem.params) } : { state: 'ok' }, null, 2));
  let osRelease = '';
  try { osRelease = readFileSync('/etc/os-release', 'utf8'); } catch { /* not Linux */ }
  await c.put('versions.json', JSON.stringify({
    kimchi: deps.version ?? 'unknown', node: process.version, kernel: release(), platform: process.platform, arch: process.arch,
    ...libvirtVersions,
  }, null, 2));
  if (osRelease) await c.put('os-release', osRelease);
}
