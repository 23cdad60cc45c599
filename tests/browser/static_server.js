// A small static file server for the browser tests and benchmarks: serves the built site
// (dist/) on a free port of 127.0.0.1. The tests serve it under a sub-path, so they also check
// that every URL is relative; the benchmarks add pages and scripts of their own from memory,
// folders mounted under a path (npm packages), and cross-origin isolation.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // Chromium compiles a module while it downloads only when served as application/wasm.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Chromium gives performance.now() a 5 µs resolution instead of 100 µs on a cross-origin
// isolated page. The site loads only same-origin files, so this changes nothing else for it.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Serves the files under `root` at `http://127.0.0.1:PORT${prefix}`.
 * @param {string} root Folder to serve.
 * @param {object} [options]
 * @param {string} [options.prefix] Sub-path the site appears under; starts and ends with a
 *   slash.
 * @param {Record<string, string>} [options.pages] Paths below the prefix → text served as a
 *   file of that extension (HTML without one), e.g. { 'bench.html': '<!doctype html>…' }.
 * @param {Record<string, string>} [options.mounts] Paths below the prefix, ending in / →
 *   folders, e.g. { 'vendor/duckdb/': '/…/node_modules/@duckdb/duckdb-wasm/dist' }.
 * @param {boolean} [options.isolated] Send COOP and COEP with every response.
 * @param {string} [options.cacheControl] The Cache-Control header of every response; by
 *   default nothing is cached, so every test sees the files of the latest build.
 * @param {(path: string) => void} [options.onRequest] Hears the path of every request.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root, {
  prefix = '/retention-lab/', pages = {}, mounts = {}, isolated = false, onRequest,
  cacheControl = 'no-store',
} = {}) {
  const headers = { 'Cache-Control': cacheControl, ...(isolated ? ISOLATION_HEADERS : {}) };
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    onRequest?.(path);
    if (!path.startsWith(prefix)) {
      response.writeHead(404).end();
      return;
    }
    const below = path.slice(prefix.length);
    if (Object.hasOwn(pages, below)) {
      const type = MIME_TYPES[extname(below)] ?? MIME_TYPES['.html'];
      response.writeHead(200, { ...headers, 'Content-Type': type });
      response.end(pages[below]);
      return;
    }
    const mount = Object.keys(mounts).find((folder) => below.startsWith(folder));
    const folder = mount ? mounts[mount] : root;
    const relative = normalize(below.slice(mount ? mount.length : 0) || 'index.html');
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
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
