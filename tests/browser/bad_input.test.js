// Browser tests of issue 6 against the real engine built into dist/: every case of the
// bad-input catalogue through the page, with what was on screen kept; text from files shown
// as text, never run as HTML; and a failed edit that leaves the last fit in place.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { badInputs } from '../fixtures/bad_input.mjs';
import {
  openAppForEachTest,
  readChart,
  readFitParameters,
  readTable,
  SHARED_DATA_DIR,
} from './browser_session.js';

const SEED_RETENTION = join(SHARED_DATA_DIR, 'seed_retention.tsv');
const SEED_SOURCE = 'seed_retention.tsv: 8 points';
/** How long any one bad file may take to be answered, the largest included. */
const ANSWER_MILLISECONDS = 10000;
/** Files up to this size are also dropped on the page rather than only chosen. */
const DROPPED_BYTES = 64 * 1024;

/** HTML in a file: each would set window.__pwned if the page ever read it as markup. */
const IMG = '<img src=x onerror=window.__pwned=4>';
const SCRIPT = '<script>window.__pwned=2</script>';
const SVG = '<svg onload=window.__pwned=3>';
const BOLD = '<b onmouseover=alert(1)>x</b>';

describe('BadInput', () => {
  let app;
  openAppForEachTest('#predict', (opened) => {
    app = opened;
  });

  /** Chooses `bytes` as the file `name` in the file input `selector`. */
  function upload(selector, name, bytes) {
    return app.page.setInputFiles(selector, {
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(bytes),
    });
  }

  /** Drops `bytes` as the file `name` on Predict's drop zone. */
  function drop(name, bytes) {
    return app.page.evaluate(({ fileName, content }) => {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([new Uint8Array(content)], fileName));
      const zone = document.getElementById('predict-drop-zone');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }));
      }
    }, { fileName: name, content: [...bytes] });
  }

  /** Waits until Predict has answered the file `name`: a message about it, or its data. */
  function answerTo(name) {
    return app.page.waitForFunction((fileName) => {
      const error = document.getElementById('predict-load-error');
      const source = document.getElementById('predict-source-name').textContent;
      return (!error.hidden && error.textContent.includes(fileName))
        || source.startsWith(`${fileName}: `);
    }, name, { timeout: ANSWER_MILLISECONDS });
  }

  async function uploadSeedRetention() {
    await app.page.setInputFiles('#predict-file', SEED_RETENTION);
    await app.page.waitForFunction(
      (text) => document.getElementById('predict-source-name').textContent === text,
      SEED_SOURCE,
    );
  }

  /** Everything a failed load must leave as it was. */
  async function snapshot() {
    const { page } = app;
    return {
      parameters: await readFitParameters(page),
      shownFit: await page.evaluate(() => ['a', 'c', 'd']
        .map((name) => document.getElementById(`predict-${name}`).textContent)),
      table: await readTable(page),
      chart: (await readChart(page, 'predict-chart')).datasets,
      source: await page.textContent('#predict-source-name'),
      notes: await notesShown(),
      message: await page.textContent('#predict-message'),
      stale: await page.isVisible('#predict-stale'),
    };
  }

  function notesShown() {
    return app.page.$$eval('#predict-notes li', (items) => items.map((item) => item.textContent));
  }

  /** Fails if anything from a file was read as markup or ran. */
  async function assertNothingInjected() {
    const found = await app.page.evaluate(() => ({
      pwned: window.__pwned,
      images: document.querySelectorAll('img[src="x"], [onerror]').length,
      scripts: [...document.querySelectorAll('script')]
        .filter((script) => script.textContent.includes('__pwned')).length,
      svgs: document.querySelectorAll('svg[onload], [onload]').length,
      bold: document.querySelectorAll('b[onmouseover], [onmouseover]').length,
    }));
    assert.deepEqual(found, { pwned: undefined, images: 0, scripts: 0, svgs: 0, bold: 0 });
  }

  test('BadInput.EveryCatalogueCaseIsAnsweredAndKeepsTheFitOnScreen', { timeout: 180000 },
    async (context) => {
      const { page } = app;
      await uploadSeedRetention();
      const seed = await snapshot();
      assert.notDeepEqual(seed.shownFit, ['—', '—', '—']);
      let seedOnScreen = true;

      for (const [index, bad] of badInputs.entries()) {
        if (!seedOnScreen) {
          await uploadSeedRetention();
          assert.deepEqual(await snapshot(), seed, 'the seed file no longer fits as before');
          seedOnScreen = true;
        }
        const bytes = bad.bytes();
        const dropped = bytes.length <= DROPPED_BYTES && index % 2 === 0;
        const started = Date.now();
        if (dropped) await drop(bad.file, bytes);
        else await upload('#predict-file', bad.file, bytes);
        await answerTo(bad.file);
        const milliseconds = Date.now() - started;
        context.diagnostic(`${bad.name}: ${dropped ? 'dropped' : 'chosen'}, answered in `
          + `${milliseconds} ms`);

        // The page still draws frames soon after the largest files.
        const frameMilliseconds = await page.evaluate(() => new Promise((resolve) => {
          const start = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }));
        assert.ok(frameMilliseconds < 1000, `${bad.name}: a frame took ${frameMilliseconds} ms`);

        if (bad.file === 'utf16.csv') {
          // Blob.text() decodes as UTF-8 but honours a byte order mark (Encoding standard,
          // "UTF-8 decode"), so the browser reads UTF-16 with a BOM itself, and the page gets
          // clean text rather than the engine's UTF-16 message.
          seedOnScreen = false;
          assert.equal(await page.isHidden('#predict-load-error'), true, bad.name);
          assert.deepEqual(await readTable(page), [['0', '1'], ['1', '0.5']]);
          assert.equal(await page.textContent('#predict-source-name'), 'utf16.csv: 2 points');
          continue;
        }
        if (bad.error) {
          const shown = await page.textContent('#predict-load-error');
          if (bytes.length > 10 * 1024 * 1024) {
            // Over the page's 10 MB limit for a table: refused before reading, so the engine's
            // row-and-column message about the long line is never reached.
            assert.match(shown, new RegExp(`^${bad.file.replace('.', '\\.')} is 10\\.1 MB; `
              + 'files up to 10 MB can be read here\\. For an event log, use the Cohorts view'));
          } else {
            const prefix = `Could not read ${bad.file}: `;
            assert.ok(shown.startsWith(prefix), `${bad.name}: ${shown}`);
            assert.match(shown.slice(prefix.length), bad.error, bad.name);
          }
          assert.deepEqual(await snapshot(), seed, `${bad.name}: what was on screen changed`);
          continue;
        }

        // A reading that is applied: the table holds it, and the notes say how it was read.
        seedOnScreen = false;
        assert.equal(await page.isHidden('#predict-load-error'), true, bad.name);
        const rows = await readTable(page);
        if (bad.retention) {
          assert.deepEqual(rows.map((row) => Number(row[1])), bad.retention, bad.name);
        }
        assert.match(await page.textContent('#predict-source-name'),
          new RegExp(`^${bad.file.replace('.', '\\.')}: ${rows.length} points$`));
        const notes = await notesShown();
        for (const note of bad.notes ?? []) {
          assert.ok(notes.some((text) => note.test(text)), `${bad.name}: ${note} in ${notes}`);
        }
      }
    });

  test('BadInput.HtmlInRetentionColumnNamesAndCellsIsShownAsText', async () => {
    const { page } = app;
    await uploadSeedRetention();
    const seed = await snapshot();
    const error = page.locator('#predict-load-error');

    // The header names no retention column, so the message quotes every name it found.
    const imgHeader = '<img src=x onerror="window.__pwned=1">';
    const fileName = '<img src=x onerror=window.__pwned=5>.csv';
    await upload('#predict-file', fileName,
      `period,${imgHeader},${SCRIPT}\n0,1,100\n1,0.5,90\n2,0.4,80\n`);
    await answerTo(fileName);
    assert.equal(await error.textContent(), `Could not read ${fileName}: row 1: no column `
      + `named retention (found "period", "${imgHeader}", "${SCRIPT}"); name the columns `
      + 'period and retention');
    assert.deepEqual(await snapshot(), seed);

    // A cell of HTML where a number should be is quoted as it was written.
    await upload('#predict-file', 'html_cell.csv', `period,retention\n0,1\n1,${IMG}\n`);
    await answerTo('html_cell.csv');
    assert.equal(await error.textContent(), `Could not read html_cell.csv: row 3, column 2 `
      + `(retention): "${IMG}" is not a number; write a fraction such as 0.55 or a percentage `
      + 'such as 55%');
    assert.deepEqual(await snapshot(), seed);

    // An extra column named with a script is left out; the points are read.
    await upload('#predict-file', 'script_column.csv',
      `period,retention,${SCRIPT}\n0,1,100\n1,0.5,90\n2,0.4,80\n3,0.3,70\n`);
    await answerTo('script_column.csv');
    assert.deepEqual(await readTable(page), [['0', '1'], ['1', '0.5'], ['2', '0.4'], ['3', '0.3']]);
    assert.notDeepEqual((await snapshot()).shownFit, seed.shownFit);

    await assertNothingInjected();
  });

  test('BadInput.HtmlCohortLabelsAndSegmentNamesAreShownAsText', async () => {
    const { page } = app;

    // Predict's cohorts mode: a triangle with a label of HTML.
    await page.check('#predict-mode-cohorts');
    await upload('#predict-file', 'triangle.csv',
      `cohort,0,1,2,3\n${BOLD},1000,550,400,350\n2025-02,1200,640,470,\n2025-03,900,500,,\n`);
    await answerTo('triangle.csv');
    assert.equal(await page.isHidden('#predict-load-error'), true);
    const labels = await page.$$eval('#predict-cohort-table tbody th',
      (cells) => cells.map((cell) => cell.textContent));
    assert.deepEqual(labels, [BOLD, '2025-02', '2025-03']);
    assert.equal(await page.textContent('#predict-source-name'), 'triangle.csv: 3 cohorts');

    // Predict's counts mode: a segment named with HTML, offered in the segment select.
    await page.check('#predict-mode-counts');
    await upload('#predict-file', 'segments.csv', `year,${SVG},regular\n`
      + '0,1000,1000\n1,631,869\n2,468,743\n3,382,653\n4,326,593\n');
    await answerTo('segments.csv');
    assert.equal(await page.isHidden('#predict-load-error'), true);
    assert.deepEqual(await page.$$eval('#predict-segment option',
      (options) => options.map((option) => option.text)), [SVG, 'regular']);
    assert.equal(await page.$eval('#predict-segment', (select) => select.selectedOptions[0].text),
      SVG);
    assert.equal(await page.textContent('#predict-source-name'), 'segments.csv: 2 segments');
    const counts = await page.$$eval('#predict-count-table tbody tr',
      (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
    assert.deepEqual(counts[1], ['1', '631']);

    await assertNothingInjected();
  });

  test('BadInput.HtmlInAnEventLogIsShownAsText', async () => {
    const { page } = app;
    await page.click('a.view-tab[data-view="cohorts"]');
    await page.waitForFunction(() => window.location.hash === '#cohorts');
    await page.selectOption('#cohorts-period', 'day');

    // User ids, event names, a column name and a time that is not a time, all HTML.
    const log = [`user,time,${IMG}`, `${IMG},2024-01-01,${IMG}`, 'u2,2024-01-01,signup',
      `${IMG},2024-01-02,${IMG}`, `u3,${IMG},signup`, ''].join('\n');
    await upload('#cohorts-file', 'html_log.csv', log);
    const captionIs = (text) => page.waitForFunction(
      (expected) => document.getElementById('cohorts-caption').textContent === expected, text);
    await captionIs('html_log.csv · by day · first event · on · UTC');

    // The column names are offered in each mapping select as written.
    for (const select of ['#cohorts-user-column', '#cohorts-time-column']) {
      assert.deepEqual(await page.$$eval(`${select} option`,
        (options) => options.map((option) => option.text)),
      ['1 · user', '2 · time', `3 · ${IMG}`]);
    }
    assert.deepEqual(await page.$$eval('#cohorts-event-column option',
      (options) => options.map((option) => option.text)),
    ['None', '1 · user', '2 · time', `3 · ${IMG}`]);

    // The row whose time is HTML is skipped and listed with its value as written.
    assert.equal(await page.isVisible('#cohorts-skipped'), true);
    const skipped = await page.$$eval('#cohorts-skipped-table tbody tr',
      (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
    assert.equal(skipped.length, 1);
    assert.deepEqual(skipped[0].slice(0, 3), ['5', '2', IMG]);
    assert.ok(skipped[0][3].includes(`"${IMG}" is not a time`), skipped[0][3]);

    // The HTML column as events, and an event of that name as the start of each cohort.
    await page.selectOption('#cohorts-event-column', '2');
    await page.fill('#cohorts-start-event', IMG);
    await page.press('#cohorts-start-event', 'Enter');
    await captionIs(`html_log.csv · by day · first event · on · UTC · start "${IMG}"`);
    assert.match(await page.textContent('#cohorts-message'),
      new RegExp(`by day of first "${IMG.replace(/[.=]/g, '\\$&')}"`));
    const heatmap = await page.$$eval('#cohorts-table tbody tr', (rows) => rows.map(
      (row) => row.querySelector('.cohort-size').textContent,
    ));
    assert.deepEqual(heatmap, ['1']);

    await assertNothingInjected();
  });

  test('BadInput.FailedEditNamesTheCellAndKeepsTheFitUntilFixed', async () => {
    const { page } = app;
    await uploadSeedRetention();
    const seed = await snapshot();
    const error = page.locator('#predict-table-error');
    const cell = page.locator('input[aria-label="Row 3, retention"]');

    // HTML typed into a cell is quoted as text in the message.
    await cell.fill('');
    await cell.pressSequentially(IMG);
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.textContent(), `Row 3, retention: "${IMG}" is not a number; write `
      + 'a fraction such as 0.55 or a percentage such as 55%');
    assert.equal(await cell.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.isVisible('#predict-stale'), true);
    const during = await snapshot();
    assert.deepEqual(during.parameters, seed.parameters);
    assert.deepEqual(during.chart, seed.chart);
    assert.deepEqual(during.table.filter((_, row) => row !== 2),
      seed.table.filter((_, row) => row !== 2));
    await assertNothingInjected();

    // A period that is not whole names its own row and column.
    await cell.fill('0.3874');
    await error.waitFor({ state: 'hidden' });
    const period = page.locator('input[aria-label="Row 5, period"]');
    await period.fill('4.5');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^Row 5, period: "4\.5" is not a whole number >= 0/);
    assert.deepEqual((await snapshot()).chart, seed.chart);
    await period.fill('4');
    await error.waitFor({ state: 'hidden' });

    // A fix that changes the data fits again at once.
    await cell.fill('0.3x');
    await error.waitFor({ state: 'visible' });
    assert.deepEqual((await snapshot()).parameters, seed.parameters);
    await cell.fill('0.37');
    await error.waitFor({ state: 'hidden' });
    const fixed = await snapshot();
    assert.equal(await cell.getAttribute('aria-invalid'), null);
    assert.equal(fixed.stale, false);
    assert.notDeepEqual(fixed.shownFit, seed.shownFit);
    assert.deepEqual(fixed.chart[0].data[2], { x: 2, y: 0.37 });
  });
});
