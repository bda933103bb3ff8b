// Starts the real server (runtime/startServer) on a free loopback port with a temp data dir, and a fake built UI.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibvirtClient } from '../../libvirt/index.ts';
import { startServer, type RunningServer, type ServerConfig } from '../../runtime/server.ts';
import { DEFAULT_POOL_PATH } from '../../runtime/sanity.ts';
import { silent } from './app.ts';

export const UI_MARKER = 'kimchi-test-ui';
export const UI_ASSET = 'assets/app-3f9a1c.js';

export interface TestServer extends RunningServer { dataDir: string; poolPath: string; stop(): Promise<void> }

/** A stand-in for dist/ui: an index.html and one hashed asset. */
function fakeUi(dir: string): string {
  const ui = join(dir, 'ui');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), `<!doctype html><title>${UI_MARKER}</title><script src="/${UI_ASSET}"></script>`);
  writeFileSync(join(ui, UI_ASSET), 'console.log(1)');
  return ui;
}

export async function serve(libvirtUri: string, opts: Partial<ServerConfig> & { client?: LibvirtClient } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-server-'));
  // A test-driver hypervisor is the test's own: its default pool may live in the temp dir. The host's (qemu:///…)
  // is the admin's: were it missing, the sanity check would define it at poolPath, so that must be the real path,
  // never a folder this helper deletes on stop.
  const ownHypervisor = libvirtUri.startsWith('test:');
  const poolPath = ownHypervisor ? join(dir, 'images') : DEFAULT_POOL_PATH;
  try {
    const s = await startServer({
      host: '127.0.0.1', port: 0, libvirtUri, dataDir: join(dir, 'data'), uiDir: fakeUi(dir), poolPath, logger: silent,
      libvirt: opts.client ?? new LibvirtClient({ uri: libvirtUri, backoff: { initialMs: 50, maxMs: 300 } }),
      ...opts,
    });
    return { ...s, dataDir: join(dir, 'data'), poolPath, stop: async () => { await s.close(); rmSync(dir, { recursive: true, force: true }); } };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json() };
}

/** Poll `fn` until it returns true (or throw after `ms`). */
export async function until(fn: () => Promise<boolean> | boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
