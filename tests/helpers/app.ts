// Builds createApp with real deps — a libvirtd test-driver fixture and a temp SQLite file — for app.request() tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openStore, type Store } from '../../db/index.ts';
import { createApp, type Deps } from '../../handlers/index.ts';
import { LibvirtClient } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { SanityMonitor } from '../../runtime/monitor.ts';
import { writeFixture, type Fixture, type FixtureOptions } from './fixture.ts';

export const silent = pino({ level: 'silent' });

export interface TestApp {
  app: ReturnType<typeof createApp>;
  client: LibvirtClient;
  monitor: SanityMonitor;
  events: EventBus;
  store: Store;
  fx: Fixture;
  cleanup(): Promise<void>;
}

export interface AppOptions extends FixtureOptions {
  bodyLimit?: number;
  /** Changes the fixture file before libvirtd reads it (e.g. adds host interfaces). */
  editFixture?: (fx: Fixture) => void;
  /** More deps for createApp (a host's identify hook, a base path…). */
  deps?: Partial<Deps>;
}

export async function makeApp(opts: AppOptions = {}): Promise<TestApp> {
  const fx = writeFixture(opts);
  opts.editFixture?.(fx);
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-app-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: fx.uri, backoff: { initialMs: 50, maxMs: 200 } });
  const events = new EventBus();
  const monitor = new SanityMonitor(client, { uri: fx.uri, poolPath: join(dir, 'pool'), log: silent });
  await monitor.recheck();
  const app = createApp({ libvirt: client, db: store.db, sanity: monitor, events, logger: silent, version: 'test', bodyLimit: opts.bodyLimit, ...opts.deps });
  return {
    app, client, monitor, events, store, fx,
    async cleanup() {
      monitor.stop();
      events.close();
      await client.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
      fx.cleanup();
    },
  };
}

/** A request's JSON body with its status, for terse asserts. */
export async function json(res: Response | Promise<Response>): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await res;
  const text = await r.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON: keep the text so the assert shows it */ }
  return { status: r.status, body, headers: r.headers };
}

/** A JSON request through app.request(): `send(method, path, body?, lang?)`. */
export function sender(app: TestApp['app']) {
  return (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? { 'Accept-Language': lang } : { 'Content-Type': 'application/json', 'Accept-Language': lang },
  }));
}
