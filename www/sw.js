// Service worker: keeps Retention Lab working offline after the first visit.
//
// Each build is one version: build_site (www/build/precache.mjs) writes into the line below
// the files of the build, each with its SHA-256, and a version that is a hash of them all, so
// any changed file makes a new sw.js and the browser installs it. A version's files live in a
// cache of their own and are served cache-first; a new version fills its cache beside the old
// one, waits until the open page says it has loaded everything (js/offline.js), then takes
// over and deletes every older cache.

const BUILD = { version: 'unbuilt', files: [] };

const CACHE_PREFIX = 'retention-lab-';
const CACHE_NAME = `${CACHE_PREFIX}${BUILD.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
      .map((name) => caches.delete(name)));
    // Pages opened before this worker existed (the first visit) are served offline too.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(cacheFirst(event.request));
});

/**
 * Fetches every file of this version, checks each against the hash the build wrote, and only
 * then stores them. A host or proxy that still hands out a file of the previous build (a cache
 * in between) fails the install, which the browser retries on a later visit, instead of
 * leaving a version made of two builds.
 */
async function precache() {
  const responses = await Promise.all(BUILD.files.map(async ({ path, sha256 }) => {
    // The browser's HTTP cache first: the page has just downloaded most of these files. Only
    // a file missing there, or one whose hash shows it is of another build, is fetched again
    // past the cache ('reload').
    const fromCache = await fetchChecked(path, sha256, 'force-cache').catch(() => null);
    return { path, response: fromCache ?? await fetchChecked(path, sha256, 'reload') };
  }));
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(responses.map(({ path, response }) => cache.put(path, response)));
}

/** The file at `path` fetched with the given cache mode, if its SHA-256 is `sha256`. */
async function fetchChecked(path, sha256, cacheMode) {
  const response = await fetch(new Request(path, { cache: cacheMode }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  if (await hexDigest(bytes) !== sha256) throw new Error(`${path} is not from this build`);
  // A fresh response: one that came through a redirect (a host sending index.html to its
  // folder) cannot answer a navigation in Chromium.
  const { status, statusText, headers } = response;
  return new Response(bytes, { status, statusText, headers });
}

async function hexDigest(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The cached file of this version if there is one, else the network's answer. */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const url = new URL(request.url);
  // A page is asked for by its folder (…/retention-lab/) as often as by index.html, and its
  // URL may carry a query a host adds; the hash never reaches here.
  if (request.mode === 'navigate' && url.pathname.endsWith('/')) url.pathname += 'index.html';
  const cached = await cache.match(url.href, { ignoreSearch: request.mode === 'navigate' });
  return cached ?? fetch(request);
}
