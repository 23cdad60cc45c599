// Offline after the first visit (issue 5): the service worker keeps the app's files, the page
// reloads and works with the network off, and a new build replaces the old one without a page
// ever running a mix of the two. Each test serves its own copy of dist/, which the second one
// changes and builds a new version of, as a deployment would.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile, copyFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
  DIST_DIR,
  REPO_ROOT,
  parseCount,
  readFitParameters,
  startSession,
} from './browser_session.js';
import { startStaticServer } from './static_server.js';
import { waitForApp, watchContext } from './page_watch.js';

/** The version build_site wrote into a copy's sw.js. */
async function versionOf(siteDir) {
  const worker = await readFile(join(siteDir, 'sw.js'), 'utf8');
  return worker.match(/"version": "([0-9a-f]+)"/)[1];
}

/** The caches of the page's origin, by name. */
function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

describe('Offline', () => {
  let session;
  const folders = [];

  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  /** A copy of dist/ served on its own port under the same sub-path. */
  async function servedCopy() {
    const folder = await mkdtemp(join(tmpdir(), 'retention-site-'));
    folders.push(folder);
    await cp(DIST_DIR, folder, { recursive: true });
    const server = await startStaticServer(folder);
    return { folder, server };
  }

  /** Opens the copy in a new context and waits until the service worker controls the page. */
  async function firstVisit(server) {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const watch = await watchContext(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForApp(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    return { context, watch, page };
  }

  test('Offline.ReloadWithTheNetworkOffStillWorks', async () => {
    const { folder, server } = await servedCopy();
    const { context, watch, page } = await firstVisit(server);
    try {
      assert.deepEqual(await cacheNames(page), [`retention-lab-${await versionOf(folder)}`]);

      await context.setOffline(true);
      await page.reload();
      await waitForApp(page);
      assert.equal(parseCount(await page.textContent('#sim-headline')), 43401);

      // The engine's wasm came from the cache too: a fit runs.
      await page.click('a.view-tab[data-view="predict"]');
      await page.click('#predict-example');
      await page.waitForFunction(() => document.getElementById('predict-a').textContent !== '—');
      const fit = await readFitParameters(page);
      assert.ok(Math.abs(fit.a - 0.1896) < 0.001, `a = ${fit.a}`);
    } finally {
      await context.close();
      await server.close();
    }
    assert.deepEqual(watch.problems, [], 'the page logged errors or warnings');
    assert.deepEqual(watch.violations, [], 'the page broke its Content-Security-Policy');
  });

  test('Offline.NewBuildTakesOverAfterTheOpenPageAndDeletesTheOldCache', async () => {
    const { folder, server } = await servedCopy();
    const { context, watch, page } = await firstVisit(server);
    const oldVersion = await versionOf(folder);
    try {
      // A new build: a page and a stylesheet change, and build_site's last step runs again.
      const indexPath = join(folder, 'index.html');
      const index = await readFile(indexPath, 'utf8');
      await writeFile(indexPath, index.replace('<title>',
        '<meta name="test-build" content="2">\n  <title>'));
      await appendFile(join(folder, 'style.css'), '\nhtml { --test-build: 2; }\n');
      await copyFile(join(REPO_ROOT, 'www', 'sw.js'), join(folder, 'sw.js'));
      await promisify(execFile)('node', [join(REPO_ROOT, 'www', 'build', 'precache.mjs'), folder]);
      const newVersion = await versionOf(folder);
      assert.notEqual(newVersion, oldVersion);

      // The next visit still gets the old build, whole: the new one installs beside it.
      await page.reload();
      await waitForApp(page);
      const notice = await page.waitForSelector('#engine-status[data-state="update"]');
      assert.equal(await notice.textContent(), 'A new version is ready — Reload');
      const shown = await page.evaluate(() => ({
        marker: document.querySelector('meta[name="test-build"]') !== null,
        style: getComputedStyle(document.documentElement).getPropertyValue('--test-build'),
      }));
      assert.deepEqual(shown, { marker: false, style: '' }, 'the old page mixed in new files');
      await page.waitForFunction(
        async (expected) => (await caches.keys()).join() === expected,
        `retention-lab-${newVersion}`,
      );

      // Reload: the new build, whole, and no notice.
      await notice.$eval('button', (button) => button.click());
      // The marker exists in the new build's page only, so this waits for the reloaded page.
      await page.waitForSelector('meta[name="test-build"]', { state: 'attached' });
      await waitForApp(page);
      const reloaded = await page.evaluate(() => ({
        marker: document.querySelector('meta[name="test-build"]') !== null,
        style: getComputedStyle(document.documentElement).getPropertyValue('--test-build'),
      }));
      assert.deepEqual(reloaded, { marker: true, style: '2' });
      assert.equal(await page.getAttribute('#engine-status', 'data-state'), null);
      assert.equal(parseCount(await page.textContent('#sim-headline')), 43401);
    } finally {
      await context.close();
      await server.close();
    }
    assert.deepEqual(watch.problems, [], 'the page logged errors or warnings');
    assert.deepEqual(watch.violations, [], 'the page broke its Content-Security-Policy');
  });
});
