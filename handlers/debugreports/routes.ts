// Routes of debug reports (wok's /debugreports): create (a Task), list, read, download the .tar.gz, rename, delete. Open in global error mode.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import type { AppEnv } from '../common/context.ts';
import { errors, jsonBody, jsonOf } from '../common/responses.ts';
import { Task } from '../tasks/schemas.ts';
import { DebugReport, DebugReportCreate, DebugReportParams, DebugReportRename } from './schemas.ts';
import { createReport } from './service.ts';
import { deleteReport, getReport, listReports, openReport, renameReport, reportDirs } from './store.ts';

const params = { params: DebugReportParams };

const list = createRoute({
  method: 'get', path: '/debugreports', tags: ['debugreports'], summary: 'Finished debug reports, oldest first',
  responses: { 200: jsonOf('Reports', z.array(DebugReport)), 500: errors[500] },
});
const create = createRoute({
  method: 'post', path: '/debugreports', tags: ['debugreports'],
  summary: "Make a debug report (a Task): versions, sanity state, logs, libvirt objects' XML, metadata without secrets, sos when installed",
  request: jsonBody(DebugReportCreate, false),
  responses: { 202: jsonOf('The running Task; its target_uri is the report', Task), 400: errors[400], 409: errors[409], 500: errors[500] },
});
const get = createRoute({
  method: 'get', path: '/debugreports/{name}', tags: ['debugreports'], summary: 'One report', request: params,
  responses: { 200: jsonOf('The report', DebugReport), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const content = createRoute({
  method: 'get', path: '/debugreports/{name}/content', tags: ['debugreports'], summary: 'Download the report (.tar.gz)', request: params,
  responses: {
    200: { description: 'The archive', content: { 'application/gzip': { schema: z.string().openapi({ format: 'binary' }) } } },
    400: errors[400], 404: errors[404], 500: errors[500],
  },
});
const rename = createRoute({
  method: 'put', path: '/debugreports/{name}', tags: ['debugreports'], summary: 'Rename a report', request: { ...params, ...jsonBody(DebugReportRename) },
  responses: { 200: jsonOf('The renamed report', DebugReport), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const remove = createRoute({
  method: 'delete', path: '/debugreports/{name}', tags: ['debugreports'], summary: 'Delete a report', request: params,
  responses: { 204: { description: 'Deleted' }, 400: errors[400], 404: errors[404], 500: errors[500] },
});

/** RFC 6266: an ASCII fallback plus the exact name in UTF-8. */
function attachment(name: string): string {
  const file = `${name}.tar.gz`;
  const ascii = file.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}

export function debugReportRoutes(app: OpenAPIHono<AppEnv>): void {
  type C = { get(k: 'deps'): AppEnv['Variables']['deps'] };
  const dirs = (c: C) => reportDirs(c.get('deps').dataDir);
  // The download link as a client opens it: under the host's base path.
  const placed = (c: C, r: DebugReport): DebugReport => ({ ...r, uri: `${c.get('deps').basePath ?? ''}${r.uri}` });
  app.openapi(list, async (c) => c.json((await listReports(dirs(c))).map((r) => placed(c, r)), 200));
  app.openapi(create, async (c) => {
    const input = c.req.header('content-length') === '0' || !c.req.raw.body ? {} : c.req.valid('json') ?? {};
    return c.json(await createReport(c.get('deps'), c.get('locale'), input.name), 202);
  });
  app.openapi(get, async (c) => c.json(placed(c, await getReport(dirs(c), c.req.valid('param').name)), 200));
  app.openapi(content, async (c) => {
    const name = c.req.valid('param').name;
    const { stream, size } = await openReport(dirs(c), name);
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      'Content-Type': 'application/gzip', 'Content-Length': String(size), 'Content-Disposition': attachment(name), 'Cache-Control': 'no-store',
    });
  });
  app.openapi(rename, async (c) => c.json(placed(c, await renameReport(dirs(c), c.req.valid('param').name, c.req.valid('json').name)), 200));
  app.openapi(remove, async (c) => {
    await deleteReport(dirs(c), c.req.valid('param').name);
    return c.body(null, 204);
  });
}
