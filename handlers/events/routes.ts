// GET /events: a server-sent events stream of state changes (config now; domains, networks, pools, tasks later).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, ServerEvent } from '../common/context.ts';
import { configView } from '../config/service.ts';
import { getVmMeta } from '../../db/index.ts';
import { mayUseVm } from '../auth/policy.ts';
import { endsFor, SESSIONS_ENDED, type SessionsEnded } from '../auth/types.ts';

const PING_MS = 25_000;

export const eventsRoute = createRoute({
  method: 'get', path: '/events', tags: ['events'],
  summary: 'Server-sent events. `config`: the Config resource, sent first and on every change; `task`: a Task when it starts, progresses or ends; `vm`: {name, uuid, event, state (after the event, or null), detail} on libvirt lifecycle events; `network`, `pool`: {name, event}. Use ?lang= to pick the language.',
  request: { query: z.strictObject({ lang: z.string().max(35).optional() }) },
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } } },
});

export function eventRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(eventsRoute, (c) => {
    const deps = c.get('deps');
    const locale = c.get('locale');
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let id = 0;
      const queue: ServerEvent[] = [{ type: 'config' }];
      let wake: (() => void) | undefined;
      // A user who is not an administrator hears what they may read: the config, and the VMs shared with them (as
      // GET /vms shows them); tasks, networks, pools and the host are administrators' business.
      const user = c.get('user');
      const hears = (e: ServerEvent) => !user || user.admin || e.type === 'config'
        || (e.type === 'vm' && mayUseVm(user, getVmMeta(deps.db, (e.data as { uuid: string; host?: string }).uuid, (e.data as { host?: string }).host)));
      let done = false;
      const finish = () => { done = true; wake?.(); };
      // The session (or account) that opened the stream ended: the stream ends with it; the signal is not for clients.
      const unsubscribe = deps.events.subscribe((e) => {
        if (e.type === SESSIONS_ENDED) { if (endsFor(user, e.data as SessionsEnded)) finish(); return; }
        if (hears(e)) { queue.push(e); wake?.(); }
      }, { client: true });
      stream.onAbort(finish);
      void deps.events.closing.then(finish);
      try {
        while (!done) {
          while (queue.length && !done) {
            const e = queue.shift()!;
            const data = e.type === 'config' ? configView(deps, locale) : e.render ? e.render(locale) : e.data;
            await stream.writeSSE({ event: e.type, id: String(++id), data: JSON.stringify(data ?? null) });
          }
          if (done) break;
          let timer: ReturnType<typeof setTimeout> | undefined;
          await new Promise<void>((resolve) => { wake = resolve; timer = setTimeout(resolve, PING_MS); });
          clearTimeout(timer);
          wake = undefined;
          if (!queue.length && !done) await stream.write(': ping\n\n');
        }
      } finally {
        unsubscribe();
      }
    }) as never;
  });
}
