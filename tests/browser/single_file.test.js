// The single offline file of issue 5: dist/retention-lab.html, copied alone into an empty
// folder and opened from file:// with the network off, still loads the engine, simulates, and
// fits a file chosen from disk.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  DIST_DIR,
  SHARED_DATA_DIR,
  parseCount,
  readChart,
  readFitParameters,
  startSession,
} from './browser_session.js';
import { waitForApp, watchContext } from './page_watch.js';
import { CDNOW_BY_MONTH, readCdnowByMonth } from './cohort_steps.js';

const SINGLE_FILE = join(DIST_DIR, 'retention-lab.html');

function assertClose(actual, expected, tolerance, name) {
  assert.ok(Math.abs(actual - expected) <= tolerance,
    `${name}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The directives of the page's Content-Security-Policy meta tag, by name. */
function policyOf(html) {
  const content = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)[1];
  return Object.fromEntries(content.split(';').map((directive) => directive.trim().split(/\s+/))
    .map(([name, ...sources]) => [name, sources]));
}

describe('SingleFile', () => {
  let session;
  let folder;
  let fileUrl;

  before(async () => {
    session = await startSession();
    // Alone in an empty folder: nothing beside it could be loaded by mistake.
    folder = await mkdtemp(join(tmpdir(), 'retention-single-'));
    await copyFile(SINGLE_FILE, join(folder, 'retention-lab.html'));
    fileUrl = pathToFileURL(join(folder, 'retention-lab.html')).href;
  });
  after(async () => {
    await session?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('SingleFile.EveryInlineScriptAndStyleIsAllowedByItsHashOnly', async (t) => {
    const html = await readFile(SINGLE_FILE, 'utf8');
    const policy = policyOf(html);
    const scripts = [...html.matchAll(/<script(?: id="[^"]*")?>([\s\S]*?)<\/script>/g)];
    // Styles stand before the scripts, whose text may say anything.
    const beforeScripts = html.slice(0, html.indexOf('<script'));
    const styles = [...beforeScripts.matchAll(/<style>([\s\S]*?)<\/style>/g)];

    // The engine, and the page's bundle with Chart.js; the page's stylesheet.
    assert.ok(scripts.length >= 2, `${scripts.length} inline scripts`);
    assert.ok(styles.length >= 1, `${styles.length} inline styles`);
    assert.deepEqual(policy['script-src'].filter((source) => !source.startsWith("'sha256-")),
      ["'wasm-unsafe-eval'"]);
    assert.deepEqual(policy['script-src'].filter((source) => source.startsWith("'sha256-")),
      scripts.map(([, code]) => sha256Source(code)));
    assert.deepEqual(policy['style-src'], styles.map(([, css]) => sha256Source(css)));
    assert.deepEqual(policy['default-src'], ["'none'"]);
    assert.deepEqual(policy['connect-src'], ['data:']);

    const { size } = await stat(SINGLE_FILE);
    const gzipped = gzipSync(html).length;
    t.diagnostic(`retention-lab.html: ${(size / 1024).toFixed(0)} KiB, `
      + `${(gzipped / 1024).toFixed(0)} KiB gzipped`);
  });

  test('SingleFile.WorksFromDiskWithTheNetworkOff', async () => {
    const context = await session.browser.newContext({
      offline: true,
      viewport: { width: 1280, height: 900 },
    });
    // Offline already fails every request to a network; aborting them too makes one show up
    // in the log below instead of waiting for a timeout.
    await context.route((url) => url.protocol !== 'file:', (route) => route.abort());
    const watch = await watchContext(context);
    const page = await context.newPage();
    try {
      await page.goto(`${fileUrl}#simulate`);
      await waitForApp(page);
      assert.equal(parseCount(await page.textContent('#sim-headline')), 43401);
      const active = await readChart(page, 'sim-active-chart');
      assert.ok(active.paintedPixels > 1000, 'the active users chart is blank');

      await page.click('a.view-tab[data-view="predict"]');
      await page.setInputFiles('#predict-file', join(SHARED_DATA_DIR, 'seed_retention.tsv'));
      await page.waitForFunction(() => document.getElementById('predict-a').textContent !== '—');
      const fit = await readFitParameters(page);
      // Known answer of seed_retention.tsv (shared/data/README.md).
      assertClose(fit.a, 0.236, 0.002, 'a');
      assertClose(fit.c, 1.985, 0.002, 'c');
      assertClose(fit.d, 1.282, 0.002, 'd');
      const fitChart = await readChart(page, 'predict-chart');
      assert.ok(fitChart.paintedPixels > 1000, 'the fit chart is blank');

      // Cohorts: an event log read in the view's worker, which here runs from a Blob URL.
      await page.click('a.view-tab[data-view="cohorts"]');
      assert.deepEqual(await readCdnowByMonth(page), CDNOW_BY_MONTH);
    } finally {
      await context.close();
    }
    assert.deepEqual(watch.problems, [], 'the page logged errors or warnings');
    assert.deepEqual(watch.violations, [], 'the page broke its Content-Security-Policy');
    // The file itself, and nothing else: no network request, and no file beside it.
    assert.deepEqual(watch.requestsSince(0), [`${fileUrl}#simulate`.replace(/#.*/, '')]);
  });
});
