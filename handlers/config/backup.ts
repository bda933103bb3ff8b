// POST /config/backup: a backup of the server's own database (runtime/backup), sent as a download (administrators).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { errors } from '../common/responses.ts';

export const backupRoute = createRoute({
  method: 'post', path: '/config/backup', tags: ['config'],
  summary: 'A consistent copy of the server\'s database (templates, VM metadata, tasks, sessions, audit log) with a manifest, '
    + 'as a .tar.gz; restore it with `kimchi-ts restore FILE` while the server is stopped. Administrators only.',
  responses: {
    200: { description: 'The backup: manifest.json and kimchi.db', content: { 'application/gzip': { schema: z.string().openapi({ format: 'binary' }) } } },
    403: errors[403], 404: errors[404], 500: errors[500],
  },
});

export function backupRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(backupRoute, async (c) => {
    const deps = c.get('deps');
    if (!deps.backup) throw new KimchiError(404, 'KCHCONF0006E');
    const file = join(deps.dataDir ?? tmpdir(), `.backup-${randomUUID()}.tar.gz`);
    let created;
    try {
      created = await deps.backup.write(file);
    } catch (e) {
      await rm(file, { force: true });
      throw new KimchiError(500, 'KCHCONF0007E', { detail: (e as Error).message }, { cause: e });
    }
    // Opened, then unlinked: the download reads the open file, and nothing is left behind however it ends.
    const handle = await open(file, 'r');
    await rm(file, { force: true });
    const { size } = await handle.stat();
    const name = `kimchi-backup-${created.createdAt.replace(/[:.]/g, '-')}.tar.gz`;
    return c.body(Readable.toWeb(handle.createReadStream()) as ReadableStream, 200, {
      'Content-Type': 'application/gzip', 'Content-Length': String(size), 'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });
}
