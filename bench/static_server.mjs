// A tiny static file server for the browser benchmarks: serves the built site (dist/) on a
// free port of 127.0.0.1, plus pages and scripts the benchmark itself supplies from memory,
// and folders mounted under a path (the npm packages the event-log benchmark loads).
//
// Every response is cross-origin isolated (COOP + COEP): Chromium then gives performance.now()
// a 5 µs resolution instead of 100 µs. The site loads only same-origin files, so this changes
// nothing else about it.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // Chromium compiles a module while it downloads only when it is served as application/wasm.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Serves the files under `root` at `http://127.0.0.1:PORT/`, each of `extraPages` at its path,
 * and the files under each folder of `mounts` below its path.
 * @param {string} root
 * @param {Record<string, string>} [extraPages] path → HTML text, e.g.
 *   { '/bench.html': '<!doctype html>…' }, or path → a file's text, typed by its extension,
 *   e.g. { '/worker.mjs': 'self.onmessage = …' }
 * @param {Record<string, string>} [mounts] path ending in / → folder, e.g.
 *   { '/vendor/duckdb/': '/…/node_modules/@duckdb/duckdb-wasm/dist' }
 * @param {{ onRequest?: (path: string) => void }} [options] `onRequest` hears the path of every
 *   request, for counting what the network carried.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root, extraPages = {}, mounts = {}, options = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    options.onRequest?.(path);
    const headers = { 'Cache-Control': 'no-store', ...ISOLATION_HEADERS };
    if (Object.hasOwn(extraPages, path)) {
      const type = MIME_TYPES[extname(path)] ?? MIME_TYPES['.html'];
      response.writeHead(200, { ...headers, 'Content-Type': type });
      response.end(extraPages[path]);
      return;
    }
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    const folder = mount ? mounts[mount] : root;
    const relative = normalize(path.slice(mount ? mount.length : 1) || 'index.html');
    if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`)) {
      response.writeHead(403).end();
      return;
    }
    const file = relative.endsWith(sep) ? join(folder, relative, 'index.html')
      : join(folder, relative);
    try {
      const body = await readFile(file);
      const type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { ...headers, 'Content-Type': type });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
