// Serves the built UI: content-hashed assets cached forever (brotli or gzip copies made at build time when the browser
// takes them), index.html never cached and told its base path, unknown pages fall back to it.
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * index.html with `<base href="{base}/">` first in its head. The build's URLs are relative (one build serves any
 * prefix) and resolve from the page's folder, which is the base for `/virt/` and `/virt/index.html`; a page served
 * at another address (a fallback) needs the element, so assets and the API are still found below the base.
 */
export function withBase(html: string, base: string): string {
  return html.replace(/<head>/i, (head) => `${head}<base href="${base}/">`);
}

export function mountUi(app: Hono, uiDir: string, base = ''): void {
  const index = join(uiDir, 'index.html');
  if (!existsSync(index)) {
    app.get('*', (c) => c.text(`The UI is not built: run \`npm run build\`, then restart the server. The API is at ${base}/api.`, 503));
    return;
  }
  // Read per request: a rebuild replaces the hashed assets it names.
  const page = async (c: Context, elsewhere = false) => {
    const html = await readFile(index, 'utf8');
    return c.body(elsewhere ? withBase(html, base) : html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  };
  app.get('/', (c) => page(c));
  app.get('/index.html', (c) => page(c));
  app.use('/assets/*', serveStatic({
    root: uiDir,
    precompressed: true,
    onFound: (_path, c) => {
      c.header('Cache-Control', IMMUTABLE);
      // The same URL answers differently by Accept-Encoding: caches must keep the copies apart.
      if (!c.res.headers.get('Vary')) c.header('Vary', 'Accept-Encoding');
    },
  }));
  app.use('*', serveStatic({ root: uiDir, onFound: (_path, c) => { c.header('Cache-Control', 'no-cache'); } }));
  // Client-side routes: any other GET that is not an asset gets the app.
  app.get('*', (c) => (c.req.path.startsWith('/assets/') ? c.notFound() : page(c, true)));
}
