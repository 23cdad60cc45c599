// The static folder of issue 5: dist/ works from a sub-path of any static host, refers to
// nothing by an absolute URL, and carries what a Hugging Face static Space needs.

import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DIST_DIR,
  openApp,
  parseCount,
  readChart,
  readFitParameters,
  startSession,
} from './browser_session.js';

/** Every file of dist/, as paths relative to it with forward slashes. */
async function distFiles() {
  const entries = await readdir(DIST_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(DIST_DIR, join(entry.parentPath ?? entry.path, entry.name)))
    .map((path) => path.split(sep).join('/'));
}

/** A URL that leaves the folder it is served from: a scheme, a host, or the host's root. */
const ABSOLUTE = String.raw`(?:[a-z][a-z0-9+.-]*:|\/)`;

/**
 * Places where a file loads another file, for each kind of file; a match is a reference that
 * does not stay relative. data: URLs (the single file's icon) are allowed.
 */
const ABSOLUTE_REFERENCES = {
  html: new RegExp(String.raw`\s(?:src|href|action)\s*=\s*["']?(?!data:)${ABSOLUTE}`, 'gi'),
  css: new RegExp(String.raw`(?:url\(\s*["']?(?!data:)${ABSOLUTE}|@import)`, 'gi'),
  js: new RegExp(String.raw`(?:\bimport\s*\(\s*|\bfrom\s*|\bimportScripts\(\s*|`
    + String.raw`\bfetch\(\s*|\bnew (?:Worker|URL)\(\s*|\bregister\(\s*)["'\x60]`
    + String.raw`(?!data:)${ABSOLUTE}`, 'g'),
};

function kindOf(path) {
  if (path.endsWith('.html')) return 'html';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.js') || path.endsWith('.mjs')) return 'js';
  return null;
}

describe('StaticSite', () => {
  let session;

  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });

  test('StaticSite.NoFileRefersToAnotherFileByAnAbsoluteUrl', async () => {
    const found = [];
    const files = await distFiles();
    for (const path of files) {
      const kind = kindOf(path);
      if (!kind) continue;
      const text = await readFile(join(DIST_DIR, path), 'utf8');
      for (const match of text.matchAll(ABSOLUTE_REFERENCES[kind])) {
        found.push(`${path}: ${text.slice(match.index, match.index + 60)}`);
      }
    }
    assert.deepEqual(found, []);
    // The scan saw the files that matter (a renamed folder would make it vacuous).
    for (const expected of ['index.html', 'embed.html', 'retention-lab.html', 'sw.js',
      'retention-widget.js', 'js/app.js', 'js/cohort_worker.js', 'style.css']) {
      assert.ok(files.includes(expected), `dist/ has no ${expected}`);
    }
  });

  test('StaticSite.NoBuildToolingIsServed', async () => {
    const files = await distFiles();
    assert.deepEqual(files.filter((path) => /^(build|widget)\//.test(path)), []);
  });

  test('StaticSite.BothViewsWorkUnderASubPath', async () => {
    const app = await openApp(session);
    const requests = [];
    app.page.on('request', (request) => requests.push(new URL(request.url())));
    try {
      const { page } = app;
      assert.match(page.url(), /\/retention-lab\/$/);
      assert.equal(parseCount(await page.textContent('#sim-headline')), 43401);
      const simulateChart = await readChart(page, 'sim-active-chart');
      assert.ok(simulateChart.paintedPixels > 1000, 'the active users chart is blank');

      await page.click('a.view-tab[data-view="predict"]');
      await page.click('#predict-example');
      await page.waitForFunction(() => document.getElementById('predict-a').textContent !== '—');
      const fit = await readFitParameters(page);
      // The example's known answer (README): a = 0.1896.
      assert.ok(Math.abs(fit.a - 0.1896) < 0.001, `a = ${fit.a}`);
      const fitChart = await readChart(page, 'predict-chart');
      assert.ok(fitChart.paintedPixels > 1000, 'the fit chart is blank');
    } finally {
      await app.close();
    }
    assert.deepEqual(app.problems, [], 'the page logged errors or warnings');
    const outside = requests.filter((url) => !url.pathname.startsWith('/retention-lab/'));
    assert.deepEqual(outside.map(String), [], 'a request left the sub-path');
  });

  test('StaticSite.ReadmeMakesTheFolderAStaticSpace', async () => {
    const readme = await readFile(join(DIST_DIR, 'README.md'), 'utf8');
    const frontMatter = readme.match(/^---\n([\s\S]*?)\n---\n/);
    assert.ok(frontMatter, 'README.md does not start with YAML front matter');
    const fields = Object.fromEntries(frontMatter[1].split('\n')
      .map((line) => line.match(/^([A-Za-z_]+):\s*(.*)$/))
      .filter(Boolean)
      .map(([, key, value]) => [key, value.trim()]));

    assert.equal(fields.sdk, 'static');
    assert.equal(fields.app_file, 'index.html');
    assert.ok((await distFiles()).includes(fields.app_file));
    assert.equal(fields.title, 'Retention Lab');
    assert.ok(fields.emoji, 'no emoji');
    // The Hub accepts only these colour names for a Space's card.
    const colours = ['red', 'yellow', 'green', 'blue', 'indigo', 'purple', 'pink', 'gray'];
    assert.ok(colours.includes(fields.colorFrom), `colorFrom: ${fields.colorFrom}`);
    assert.ok(colours.includes(fields.colorTo), `colorTo: ${fields.colorTo}`);
    // The Hub refuses a short description longer than 60 characters.
    assert.ok(fields.short_description?.length > 0 && fields.short_description.length <= 60,
      `short_description: ${fields.short_description}`);
  });
});
