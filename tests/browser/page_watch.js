// What the tests of issue 5 watch in a browser context: every request it makes (pages, frames,
// workers and the service worker), every Content-Security-Policy violation, and every console
// error or warning and uncaught error, none of which normal use may produce.

/** Chromium's words for a CSP refusal in the console. */
const CSP_CONSOLE = /Content Security Policy|Content-Security-Policy/i;

/**
 * Starts watching `context`; call before opening its first page.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<{
 *   requests: { url: string, fromServiceWorker: boolean, failure: string | null }[],
 *   violations: string[],
 *   problems: string[],
 *   requestsSince: (mark: number) => string[],
 *   mark: () => number,
 * }>}
 */
export async function watchContext(context) {
  const requests = [];
  const violations = [];
  const problems = [];

  const entries = new Map();
  context.on('request', (request) => {
    const entry = {
      url: request.url(),
      fromServiceWorker: request.serviceWorker() !== null,
      failure: null,
    };
    entries.set(request, entry);
    requests.push(entry);
  });
  // A request the policy refuses is still reported, then fails before anything is sent (as
  // "csp" or net::ERR_BLOCKED_BY_CSP).
  context.on('requestfailed', (request) => {
    const entry = entries.get(request);
    if (entry) entry.failure = request.failure()?.errorText ?? 'failed';
  });
  context.on('console', (message) => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = `console ${type}: ${message.text()}`;
    problems.push(text);
    if (CSP_CONSOLE.test(message.text())) violations.push(text);
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));

  // The browser raises securitypolicyviolation in the document (or frame) that broke its
  // policy; each reports it to the test through a binding, frames and reloads included.
  await context.exposeBinding('reportPolicyViolation', (_source, violation) => {
    violations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const blocked = event.blockedURI || 'inline';
      window.reportPolicyViolation(
        `${event.violatedDirective} refused ${blocked} in ${event.documentURI}`,
      );
    });
  });

  return {
    requests,
    violations,
    problems,
    /** A point in the request log; `requestsSince` lists what came after it. */
    mark: () => requests.length,
    requestsSince: (mark) => requests.slice(mark).map(({ url, fromServiceWorker }) => (
      fromServiceWorker ? `${url} (service worker)` : url)),
  };
}

/**
 * The painted pixels of a canvas, read from a copy (reading the chart's own canvas again and
 * again makes Chromium warn that it wants willReadFrequently).
 * @param {import('playwright-core').JSHandle} canvasHandle
 */
export function paintedPixels(canvasHandle) {
  return canvasHandle.evaluate((canvas) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d', { willReadFrequently: true });
    context.drawImage(canvas, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    let painted = 0;
    for (let alpha = 3; alpha < pixels.length; alpha += 4) {
      if (pixels[alpha] !== 0) painted += 1;
    }
    return painted;
  });
}

/** Waits until the app's views have started (app.js sets data-ready). */
export function waitForApp(page) {
  return page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
}
