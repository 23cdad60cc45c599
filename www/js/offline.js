// Keeps the page working offline after the first visit over http(s), through the service
// worker in sw.js, and tells the person when a newer version has taken over.
//
// How an update goes: on a visit after a new build, the browser finds sw.js changed and
// installs the new version's files into a cache of its own while this page runs on the old
// ones. Once this page has every file it uses (app.js calls this after the engine, the views
// and the Cohorts view's worker have loaded; nothing is fetched later), it lets the new worker
// take over; the worker deletes the old cache, and the page shows "A new version is ready —
// reload". So a page never runs a mix of two builds, and no tab is left on an old version for
// good. The one exception: a Cohorts read cancelled after that starts a fresh worker, whose
// files then come from the new version.

/** Message sw.js waits for before a new version replaces the one serving open pages. */
const TAKE_OVER = 'take-over';

/**
 * Registers the service worker, unless the page is the single offline file or is not served
 * over http(s) (file:// pages cannot have one).
 * @param {HTMLElement} statusLine Where the page tells the person that a new version is ready.
 */
export async function keepOfflineCopy(statusLine) {
  if (document.documentElement.dataset.build === 'single-file') return;
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(window.location.protocol)) return;

  // The first visit's worker takes control too, which is no update; only a change of an
  // existing controller is one.
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) showUpdateReady(statusLine);
  });

  let registration;
  try {
    registration = await navigator.serviceWorker.register('sw.js');
  } catch {
    // Without a worker the page still works online; offline use is what is lost, and a
    // browser that refuses one (private mode in some) says so itself.
    return;
  }

  takeOverWhenInstalled(registration);
}

function takeOverWhenInstalled(registration) {
  const takeOver = (worker) => worker.postMessage({ type: TAKE_OVER });
  if (registration.waiting) takeOver(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && registration.active) takeOver(worker);
    });
  });
}

function showUpdateReady(statusLine) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Reload';
  button.addEventListener('click', () => window.location.reload());
  statusLine.dataset.state = 'update';
  statusLine.replaceChildren('A new version is ready — ', button);
}
