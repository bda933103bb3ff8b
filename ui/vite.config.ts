// Vite build of the Solid UI: ui/ in, content-hashed bundle out to dist/ui (served by runtime/).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { precompress } from './precompress.ts';

const uiRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/ui', import.meta.url));

export default defineConfig({
  root: uiRoot,
  // Relative URLs: the same build works at / and under a host's prefix (runtime/static.ts adds <base href>).
  base: './',
  plugins: [solid(), precompress(outDir)],
  // Keep Vite's cache out of ui/ so the source folder stays source only.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite-ui', import.meta.url)),
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    rollupOptions: {
      output: {
        // Hashed names let runtime/ cache assets as immutable; index.html is never cached.
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    // `vite --config ui/vite.config.ts` during development: forward the API to a running server.
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
});
