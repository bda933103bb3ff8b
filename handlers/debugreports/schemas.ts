// Zod schemas of debug reports (wok's /debugreports): name, uri, time; create and rename bodies.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';

export const DebugReport = z.object({
  name: z.string().openapi({ example: 'report-20260101-120000' }),
  uri: z.string().openapi({ example: '/api/debugreports/report-20260101-120000/content', description: 'Where to download the .tar.gz' }),
  time: z.string().openapi({ example: '2026-01-01T12:00:00.000Z', description: 'When it was made (ISO 8601)' }),
}).openapi('DebugReport');
export type DebugReport = z.infer<typeof DebugReport>;

export const DebugReportCreate = z.strictObject({
  name: ResourceName.optional().openapi({ description: 'Default: report-YYYYMMDD-HHMMSS' }),
});
export const DebugReportRename = z.strictObject({ name: ResourceName });
export const DebugReportParams = z.strictObject({ name: ResourceName.openapi({ param: { name: 'name', in: 'path' } }) });
