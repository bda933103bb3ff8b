// The browsable API page at [base]/api/docs: Swagger UI served from the local swagger-ui-dist package, reading openapi.json.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

/** The page and its init script, with every URL under the base path (`/virt`, or '' at the root). */
const page = (base: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kimchi-TS API</title><link rel="stylesheet" href="${base}/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger"></div>
<script src="${base}/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="${base}/api/docs/init.js"></script></body></html>`;

const init = (base: string) => `window.ui = SwaggerUIBundle({ url: '${base}/api/openapi.json', dom_id: '#swagger', deepLinking: true });`;

export function mountDocs(app: Hono, base = ''): void {
  // Resolved lazily: loading the package itself would pull a 1.5 MB bundle into the server.
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const html = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' };
  app.get('/api/docs', (c) => c.body(page(base), 200, html));
  app.get('/api/docs/', (c) => c.redirect(`${base}/api/docs`));
  app.get('/api/docs/init.js', (c) => c.body(init(base), 200, { 'Content-Type': ASSETS['swagger-ui-bundle.js'], 'Cache-Control': 'no-cache' }));
  app.get('/api/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return c.notFound();
    return c.body(await readFile(join(dir, file)), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
}
