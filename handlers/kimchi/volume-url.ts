// Kimchi 3.0's volume from a URL (POST …/storagevolumes {url, name?}) handed to our download Task (/api's downloads).
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../common/context.ts';
import { nameOf, startDownload } from '../storage/download.ts';
import { activePool } from '../storage/volumes-service.ts';
import { kimchiOnly } from './errors.ts';
import { kimchiTask } from './resources.ts';
import { PREFIX } from './surface.ts';

/** API.json's pattern for `url` (KCHVOL0021E): http, https, ftp or ftps. */
const KIMCHI_URL = /^(http|ftp)s?:\/\//;

/**
 * The url branch of volumeIn (Kimchi's own checks, in its order): a string matching API.json's pattern
 * (KCHVOL0021E), a name that is a non-empty string when given (KCHVOL0013E), and only http(s) fetched here — ftp is
 * Kimchi's too, refused as a source we do not create from (KCHVOL0019E). format, upload and allocation mean nothing
 * for a download (Kimchi ignores them too) and are dropped.
 */
export function urlVolumeIn(body: Record<string, unknown>): { url: string; name?: string } {
  const { url, name } = body;
  if (typeof url !== 'string' || !KIMCHI_URL.test(url)) throw kimchiOnly(400, 'KCHVOL0021E');
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw kimchiOnly(400, 'KCHVOL0013E');
  if (url.startsWith('ftp')) throw kimchiOnly(400, 'KCHVOL0019E', { param: 'ftp' });
  return name === undefined ? { url } : { url, name };
}

/**
 * Kimchi's (wok's get_unique_file_name) choice when the name a URL suggests is taken: `<name> (<n>)`, n one more than
 * the highest n already in the pool, 1 when there is none; the name itself when it is free.
 */
export function freeName(taken: readonly string[], name: string): string {
  if (!taken.includes(name)) return name;
  const literal = name.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&');
  const numbered = new RegExp(`^${literal} \\((\\d+)\\)`);
  const top = Math.max(0, ...taken.map((t) => Number(numbered.exec(t)?.[1] ?? 0)));
  return `${name} (${top + 1})`;
}

/** The name a create without one gets: the URL's file name, made free in the pool (an explicit name is kept as is). */
async function nameFor(c: Context<AppEnv>, poolName: string, url: string): Promise<string | undefined> {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return undefined; } // the download's own check answers it
  const suggested = nameOf(parsed);
  const conn = c.get('deps').libvirt.connection;
  const vols = await conn.storagePoolListAllVolumes(await activePool(conn, poolName));
  return freeName(vols.map((v) => v.name), suggested);
}

/**
 * Answers a create whose mapped body has a `url` with the download Task in Kimchi's four fields (202, its target_uri
 * the volume, as Kimchi's); every other create goes on to the volumes route. The download checks the server's answer
 * before it makes anything: an unreachable URL is Kimchi's 400 KCHVOL0022E (see errors.ts) and no volume is made.
 */
export function volumeUrlRoute(app: Hono<AppEnv>): void {
  app.use(`${PREFIX}/storagepools/:pool/storagevolumes`, async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await c.req.json().catch(() => undefined) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || !('url' in body)) return next();
    const input = body as { url: string; name?: string };
    if (input.name === undefined) input.name = await nameFor(c, c.req.param('pool'), input.url);
    const task = await startDownload(c.get('deps'), c.get('locale'), c.req.param('pool'), input);
    return c.json(kimchiTask(task, c), 202);
  });
}
