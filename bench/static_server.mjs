// A tiny static file server for the browser benchmarks: serves the built site (dist/) on a
// free port of 127.0.0.1, plus pages the benchmark itself supplies from memory.
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
 * Serves the files under `root` at `http://127.0.0.1:PORT/`, and each of `extraPages`
 * (path → HTML text) at its path.
 * @param {string} root
 * @param {Record<string, string>} [extraPages] e.g. { '/bench.html': '<!doctype html>…' }
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root, extraPages = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const headers = { 'Cache-Control': 'no-store', ...ISOLATION_HEADERS };
    if (Object.hasOwn(extraPages, path)) {
      response.writeHead(200, { ...headers, 'Content-Type': MIME_TYPES['.html'] });
      response.end(extraPages[path]);
      return;
    }
    const relative = normalize(path.slice(1) || 'index.html');
    if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`)) {
      response.writeHead(403).end();
      return;
    }
    const file = relative.endsWith(sep) ? join(root, relative, 'index.html') : join(root, relative);
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
