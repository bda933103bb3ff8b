// Networks, tasks, config and login on the Kimchi 3.0 surface: the few fields whose meaning or type differs from ours.
import { translate } from '../i18n/index.ts';
import type { Network } from '../networks/schemas.ts';
import type { Task } from '../tasks/schemas.ts';
import type { Ctx, Mapping } from './surface.ts';

/** The Kimchi release whose API this surface speaks (GET /config's version). */
export const KIMCHI_VERSION = '3.0.0';

/** Kimchi lists the bridge libvirt made for a NAT, open or isolated network as its interface. */
function networkView(n: Network): unknown {
  const bridged = n.connection === 'nat' || n.connection === 'open' || n.connection === 'isolated';
  return { ...n, interfaces: bridged ? (n.bridge ? [n.bridge] : []) : n.interfaces };
}
const networkOut = (body: Network | Network[]) => (Array.isArray(body) ? body.map(networkView) : networkView(body));

/**
 * Kimchi's four task fields (our timestamps, progress and cancellable stay on /api); a running task without progress
 * says Kimchi's message. Kimchi has no cancelled status: a cancelled task is failed there, its message says why.
 */
export function kimchiTask(t: Task, c: Ctx): Task {
  const message = t.status === 'running' && !t.message ? translate(c.get('locale'), 'kimchi.task.running') : t.message;
  return { id: t.id, status: t.status === 'cancelled' ? 'failed' : t.status, message, target_uri: t.target_uri } as Task;
}
const taskOut = (body: Task | Task[], c: Ctx) => (Array.isArray(body) ? body.map((t) => kimchiTask(t, c)) : kimchiTask(body, c));

/** Kimchi's two fields, then ours (our own release as kimchi_ts_version). */
function configOut(body: { version: string }): unknown {
  return { ...body, version: KIMCHI_VERSION, with_spice_web_client: false, kimchi_ts_version: body.version };
}

/** wok's login answer: the user, their groups and one role. */
function loginOut(body: { username: string; groups: string[]; admin: boolean }): unknown {
  return { username: body.username, groups: body.groups, role: body.admin ? 'admin' : 'user' };
}

export const resourceMappings: Mapping[] = [
  { method: 'GET', path: /^\/networks$/, out: networkOut },
  { method: 'POST', path: /^\/networks$/, op: 'networks_create', out: networkOut },
  { method: 'GET', path: /^\/networks\/[^/]+$/, out: networkOut },
  { method: 'PUT', path: /^\/networks\/[^/]+$/, op: 'network_update', out: networkOut },
  { method: 'POST', path: /^\/networks\/[^/]+\/(?:activate|deactivate)$/, out: networkOut },
  { method: 'GET', path: /^\/tasks(?:\/[^/]+)?$/, out: taskOut },
  // Not Kimchi's (it cannot abort a task), but answered in its task shape on this surface too.
  { method: 'POST', path: /^\/tasks\/[^/]+\/cancel$/, out: taskOut },
  { method: 'GET', path: /^\/config$/, out: configOut },
  { method: 'POST', path: /^\/login$/, op: 'login', out: loginOut },
  { method: 'POST', path: /^\/logout$/, out: () => ({}), always: true },
];
