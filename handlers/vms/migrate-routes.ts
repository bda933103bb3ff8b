// Routes of live migration: POST /vms/{name}/migrate (a Task) and GET /vms/{name}/migration-targets (the picker).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { LOCAL_HOST } from '../common/hosts.ts';
import { readErrors, writeErrors } from '../common/responses.ts';
import { toErrorAnswer } from '../common/translate.ts';
import type { Locale } from '../i18n/index.ts';
import { Task } from '../tasks/schemas.ts';
import { planMigration } from './migrate-checks.ts';
import { MigrationTargets, MigrationTargetsQuery, VmMigrate, type MigrationTarget, type StorageMode } from './migrate-schemas.ts';
import { migrateVm } from './migrate.ts';
import { VmParams } from './schemas.ts';

export const migrateRoute = createRoute({
  method: 'post', path: '/vms/{name}/migrate', tags: ['vms'],
  summary: 'Migrate the VM to another registered host: live (running or paused guests, peer to peer) or offline (shut-off guests); every check runs first (4xx, nothing changed). '
    + 'The Task shows progress and can be cancelled (POST /tasks/{id}/cancel): the guest then stays on this host',
  request: { params: VmParams, body: { content: { 'application/json': { schema: VmMigrate } }, required: true } },
  responses: {
    202: { description: 'Started: poll the Task (GET /tasks/{id}) or follow /events', content: { 'application/json': { schema: Task } } },
    ...writeErrors,
  },
});

export const targetsRoute = createRoute({
  method: 'get', path: '/vms/{name}/migration-targets', tags: ['vms'],
  summary: 'Every other registered host, and whether the VM could migrate there now (else the first failed check)',
  request: { params: VmParams, query: MigrationTargetsQuery },
  responses: { 200: { description: 'One entry per other host', content: { 'application/json': { schema: MigrationTargets } } }, ...readErrors },
});

/** Run the checks against each other host; a failed check is that host's answer, never the request's. */
export async function migrationTargets(deps: Deps, locale: Locale, name: string, storage: StorageMode, requestId: string): Promise<MigrationTarget[]> {
  await deps.libvirt.connection.domainLookupByName(name).catch(() => { throw new KimchiError(404, 'KCHVMCR0013E', { name }); });
  const source = deps.host ?? LOCAL_HOST;
  const hosts = (deps.hosts?.list() ?? []).filter((h) => h.name !== source);
  return Promise.all(hosts.map(async (h): Promise<MigrationTarget> => {
    // No `live`: the guest's state picks live or offline, as a POST without it would.
    const input = { destination: h.name, storage, unsafe: true, persistent: true, undefine_source: true };
    try {
      await planMigration(deps, name, input);
      return { host: h.name, ok: true };
    } catch (e) {
      const { body } = toErrorAnswer(e, locale, { requestId, unexpected: (err) => deps.logger?.warn({ err, host: h.name }, 'migration check failed') });
      return { host: h.name, ok: false, code: body.code, reason: body.reason };
    }
  }));
}

export function vmMigrateRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(migrateRoute, async (c) => c.json(await migrateVm(c.get('deps'), c.get('locale'), c.req.valid('param').name, c.req.valid('json')), 202));
  app.openapi(targetsRoute, async (c) => c.json(
    await migrationTargets(c.get('deps'), c.get('locale'), c.req.valid('param').name, c.req.valid('query').storage, c.get('requestId')), 200));
}
