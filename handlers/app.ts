// createApp(deps): every resource in one Hono app, under /api and again under /plugins/kimchi (Kimchi's paths).
import { OpenAPIHono } from '@hono/zod-openapi';
import { listsFollowWrites } from './common/list-epoch.ts';
import type { AppEnv, Deps } from './common/context.ts';
import { notFound, onError } from './common/errors-handler.ts';
import { DEFAULT_BODY_LIMIT, errorModeGate, jsonBodies, limitBody, requestContext } from './common/middleware.ts';
import { validationHook } from './common/validation.ts';
import { pathBelow } from './common/base-path.ts';
import { auditTrail, authenticate, csrf, remoteAddress } from './auth/middleware.ts';
import { authorize } from './auth/policy.ts';
import { authRoutes } from './auth/routes.ts';
import { configRoutes } from './config/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { eventRoutes } from './events/routes.ts';
import { taskRoutes } from './tasks/routes.ts';
import { consoleRoutes } from './consoles/routes.ts';
import { debugReportRoutes } from './debugreports/routes.ts';
import { snapshotRoutes } from './snapshots/routes.ts';
import { vmDeviceRoutes } from './vmdevices/routes.ts';
import { hostRoutes } from './host/routes.ts';
import { networkRoutes } from './networks/routes.ts';
import { storageRoutes } from './storage/routes.ts';
import { templateRoutes } from './templates/routes.ts';
import { vmCreateRoutes } from './vms/create-routes.ts';
import { vmLifecycleRoutes } from './vms/lifecycle-routes.ts';
import { vmMigrateRoutes } from './vms/migrate-routes.ts';
import { vmRoutes } from './vms/routes.ts';
import { hostRegistryRoutes } from './hosts/routes.ts';
import { hostScope } from './hosts/scope.ts';
import { vmMachineRoutes } from './vms/machine-routes.ts';
import { kimchiAnswerMapping, kimchiRequestMapping, kimchiRootRoutes } from './kimchi/index.ts';
import { metricsRoutes, requestMetrics } from './metrics/routes.ts';

export const MOUNTS = ['/api', '/plugins/kimchi'] as const;

/** The resources, relative to a mount point, with the OpenAPI document at /openapi.json. */
function resources(version: string, basePath: string): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  authRoutes(api);
  configRoutes(api);
  healthRoutes(api);
  eventRoutes(api);
  taskRoutes(api);
  templateRoutes(api);
  vmRoutes(api);
  vmLifecycleRoutes(api);
  vmCreateRoutes(api);
  vmMachineRoutes(api);
  vmMigrateRoutes(api);
  storageRoutes(api);
  networkRoutes(api);
  hostRoutes(api);
  debugReportRoutes(api);
  vmDeviceRoutes(api);
  snapshotRoutes(api);
  consoleRoutes(api);
  hostRegistryRoutes(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Kimchi-TS API', version,
      description: 'Manage KVM guests, templates, storage and networks through libvirt. '
        + 'Errors are {code, reason}; reason follows Accept-Language (en-US, pt-BR). '
        + 'This document describes /api, our own API. /plugins/kimchi is a separate surface that speaks Kimchi 3.0 '
        + 'on the wire (its request bodies, field names, status codes and error shape) for existing Kimchi scripts; '
        + 'docs/KIMCHI-COMPAT.md lists what it covers and where it differs.',
    },
    servers: [{ url: `${basePath}/api` }],
  });
  api.onError(onError);
  return api;
}

/** With `deps.basePath` (`/virt`), the app answers requests whose path starts with it, as a host passes them on. */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ getPath: pathBelow(deps.basePath ?? '') });
  kimchiRootRoutes(app);
  // Counts each request once: after the root /login and /logout, which run the whole app again under /plugins/kimchi.
  app.use('*', requestMetrics(deps));
  app.use('*', requestContext(deps));
  // Guest lists are kept between events; a write through us (or a task ending) makes the next list read libvirt again.
  app.use('*', listsFollowWrites());
  // /plugins/kimchi speaks Kimchi 3.0 on the wire (handlers/kimchi): it wraps everything after it, errors included.
  kimchiAnswerMapping(app);
  // With deps.auth: audit every change, then who (401), whether the browser meant it (403), whether they may (403).
  app.use('*', remoteAddress());
  app.use('*', auditTrail());
  app.use('*', authenticate());
  app.use('*', csrf());
  // /api/hosts/{host}/…: that host's deps from here on (404 unknown, 503 down); authorization then sees its VMs.
  app.use('*', hostScope());
  app.use('*', authorize());
  app.use('*', errorModeGate());
  app.use('*', limitBody(deps.bodyLimit ?? DEFAULT_BODY_LIMIT));
  app.use('*', jsonBodies());
  kimchiRequestMapping(app);
  const api = resources(deps.version ?? '0.0.0', deps.basePath ?? '');
  for (const mount of MOUNTS) app.route(mount, api);
  // The same resources per host (many hosts, issue 14); the unscoped paths above are the local host.
  app.route('/api/hosts/:host', api);
  metricsRoutes(app);
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
