// Routes of storage: pools, volumes (upload/download), storage servers, ISO scans (issue 5).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { poolRoutes } from './pools-routes.ts';
import { serverRoutes } from './servers-routes.ts';
import { isoScanRoutes } from './isos/routes.ts';
import { downloadRoutes } from './download.ts';
import { transferRoutes } from './transfer-routes.ts';
import { volumeRoutes } from './volumes-routes.ts';

export function storageRoutes(app: OpenAPIHono<AppEnv>): void {
  poolRoutes(app);
  volumeRoutes(app);
  transferRoutes(app);
  downloadRoutes(app);
  serverRoutes(app);
  isoScanRoutes(app);
}
