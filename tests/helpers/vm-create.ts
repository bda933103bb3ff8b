// Shared by the VM-create, clone and template-from-VM suites: template specs, task polling, pool contents.
import { setTimeout as sleep } from 'node:timers/promises';
import { insertTemplate } from '../../db/index.ts';
import type { TemplateSpec } from '../../handlers/templates/schemas.ts';
import { json, type TestApp } from './app.ts';

/** A complete stored template (every default filled), small enough for any pool. */
export function spec(name: string, over: Partial<TemplateSpec> = {}): TemplateSpec {
  return {
    name, os_distro: 'unknown', os_version: 'unknown',
    memory: { current: 128, maxmemory: 128 }, cpu_info: { vcpus: 1, maxvcpus: 1 },
    storagepool: '/plugins/kimchi/storagepools/default',
    disks: [{ index: 0, size: 1, pool: { name: 'default' }, format: 'qcow2' }],
    networks: ['default'], graphics: { type: 'vnc', listen: '127.0.0.1' }, folder: [],
    disk_bus: 'virtio', nic_model: 'virtio', ...over,
  };
}

export function addTemplate(t: TestApp, s: TemplateSpec): TemplateSpec {
  if (!insertTemplate(t.store.db, s.name, s)) throw new Error(`template ${s.name} exists`);
  return s;
}

export const post = (t: TestApp, path: string, body?: unknown, lang = 'en-US') => json(t.app.request(path, {
  method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
}));

/** Poll GET /api/tasks/:id until it is no longer running. */
export async function settle(t: TestApp, id: string, lang = 'en-US', ms = 20000): Promise<{ id: string; status: string; message: string; target_uri: string }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await json(t.app.request(`/api/tasks/${id}`, { headers: { 'Accept-Language': lang } }));
    if (r.status !== 200) throw new Error(`task ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.status !== 'running') return r.body;
    if (Date.now() > deadline) throw new Error(`task ${id} still running: ${r.body.message}`);
    await sleep(20);
  }
}

export async function volumes(t: TestApp, pool = 'default'): Promise<string[]> {
  const c = t.client.connection;
  return (await c.storagePoolListAllVolumes(await c.storagePoolLookupByName(pool))).map((v) => v.name).sort();
}

export async function domains(t: TestApp): Promise<string[]> {
  return (await t.client.connection.connectListAllDomains()).map((d) => d.name).sort();
}

/** Undefine the named domains and delete every volume of the default pool. */
export async function reset(t: TestApp, keepDomains: string[] = []): Promise<void> {
  const c = t.client.connection;
  for (const d of await c.connectListAllDomains()) {
    if (keepDomains.includes(d.name)) continue;
    await c.domainDestroy(d).catch(() => {});
    await c.domainUndefine(d).catch(() => {});
  }
  const pool = await c.storagePoolLookupByName('default');
  for (const v of await c.storagePoolListAllVolumes(pool)) await c.storageVolDelete(v).catch(() => {});
}
