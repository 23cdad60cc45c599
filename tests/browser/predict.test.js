// Browser tests of the "Predict retention" view against the real engine built into dist/.
// Known answers come from shared/data/README.md.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  openAppForEachTest,
  readChart,
  readFitParameters,
  readTable,
  SHARED_DATA_DIR,
} from './browser_session.js';

const SEED_RETENTION = join(SHARED_DATA_DIR, 'seed_retention.tsv');
const NO_FIT = '— — —';

/** seed_retention.tsv as the table shows it. */
const SEED_TABLE = [
  ['0', '1'], ['1', '0.5432'], ['2', '0.3874'], ['3', '0.345'],
  ['4', '0.3208'], ['5', '0.3085'], ['6', '0.2804'], ['7', '0.2643'],
];

function assertClose(actual, expected, tolerance, name) {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${name}: expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

describe('Predict', () => {
  let app;
  openAppForEachTest('#predict', (opened) => {
    app = opened;
  });

  /** The fitted a, c and d as shown, e.g. "0.2363 1.9851 1.2822"; "— — —" before a fit. */
  function shownFit() {
    return app.page.evaluate(() => ['a', 'c', 'd']
      .map((name) => document.getElementById(`predict-${name}`).textContent)
      .join(' '));
  }

  /** Waits until the shown fit differs from `previous`, a value of shownFit(). */
  function fitChangedFrom(previous) {
    return app.page.waitForFunction(
      (text) => ['a', 'c', 'd']
        .map((name) => document.getElementById(`predict-${name}`).textContent)
        .join(' ') !== text,
      previous,
    );
  }

  async function uploadSeedRetention() {
    await app.page.setInputFiles('#predict-file', SEED_RETENTION);
    await fitChangedFrom(NO_FIT);
  }

  async function uploadText(name, text) {
    await app.page.setInputFiles('#predict-file', {
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
  }

  async function snapshot() {
    return {
      parameters: await readFitParameters(app.page),
      table: await readTable(app.page),
      chart: await readChart(app.page, 'predict-chart'),
      message: await app.page.textContent('#predict-message'),
    };
  }

  test('Predict.UploadedSeedFileFitsKnownParameters', async () => {
    const { page } = app;
    await uploadSeedRetention();

    const fit = await readFitParameters(page);
    assertClose(fit.a, 0.236, 0.002, 'a');
    assertClose(fit.c, 1.985, 0.002, 'c');
    assertClose(fit.d, 1.282, 0.002, 'd');
    assertClose(fit.rmse, 0.0082, 0.0005, 'rmse');
    assert.ok(fit.rSquared > 0.99 && fit.rSquared <= 1, `R² ${fit.rSquared}`);
    assert.equal(await page.getAttribute('#predict-status', 'data-status'), 'converged');
    assert.notEqual((await page.textContent('#predict-message')).trim(), '');

    assert.deepEqual(await readTable(page), SEED_TABLE);
    assert.match(await page.textContent('#predict-source-name'), /^seed_retention\.tsv: 8 points$/);

    const chart = await readChart(page, 'predict-chart');
    assert.ok(chart.paintedPixels > 1000, 'canvas is blank');
    const [observed, fitted] = chart.datasets;
    assert.deepEqual(observed.data.map((point) => point.x), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(observed.data[1].y, 0.5432);
    // The fitted curve covers the default horizon of 30 periods, from r(0) = 1.
    assert.equal(fitted.data.length, 31);
    assert.deepEqual(fitted.data[0], { x: 0, y: 1 });
    assert.equal(fitted.data[30].x, 30);
    assertClose(fitted.data[1].y, 0.5432, 0.02, 'fitted r(1)');
  });

  test('Predict.ShowExampleFitsKnownParameters', async () => {
    const { page } = app;
    await page.click('#predict-example');
    await fitChangedFrom(NO_FIT);

    const fit = await readFitParameters(page);
    assertClose(fit.a, 0.1896, 0.001, 'a');
    assertClose(fit.c, 1.5485, 0.001, 'c');
    assertClose(fit.d, 1.1338, 0.001, 'd');
    assertClose(fit.rmse, 0.00526, 0.0001, 'rmse');
    assert.deepEqual(await readTable(page), [
      ['0', '1'], ['1', '0.55'], ['2', '0.4'], ['3', '0.35'], ['4', '0.3'],
    ]);
  });

  test('Predict.CurveThroughEveryFittedPointClaimsNoCertainty', async () => {
    const { page } = app;
    await page.click('#predict-example');
    await fitChangedFrom(NO_FIT);

    // Periods 1-3 against a, c and d: the curve passes through all three, so nothing is left
    // to measure its error by.
    const before = await shownFit();
    await page.fill('#predict-fit-through', '3');
    await fitChangedFrom(before);
    const errors = await page.$$eval('#predict-params .param-se', (cells) => cells
      .filter((cell) => cell.dataset.kind !== 'derived').map((cell) => cell.textContent));
    assert.deepEqual(errors, ['± —', '± —', '± —']);
    assert.equal(await page.textContent('#predict-aic'), '—');
    assert.equal(await page.textContent('#predict-bic'), '—');
    assert.match(await page.textContent('#predict-uncertainty-note'),
      /no more points than free parameters/);
    assert.match(await page.textContent('#predict-message'),
      /as many free parameters as the fitted points .* so it passes through them/);
    assert.match(await page.textContent('#predict-band-note'), /^No forecast band: /);
  });

  test('Predict.EditingCellRefitsAtOnce', async () => {
    const { page } = app;
    await page.click('#predict-example');
    await fitChangedFrom(NO_FIT);
    const before = await readFitParameters(page);
    const shownBefore = await shownFit();

    await page.fill('input[aria-label="Row 2, retention"]', '0.5');
    await fitChangedFrom(shownBefore);

    const after = await readFitParameters(page);
    assert.notEqual(after.c, before.c);
    const chart = await readChart(page, 'predict-chart');
    assert.deepEqual(chart.datasets[0].data[1], { x: 1, y: 0.5 });
    assert.equal(await page.isHidden('#predict-table-error'), true);
  });

  test('Predict.AddingAndRemovingRowsRefits', async () => {
    const { page } = app;
    await page.click('#predict-example');
    await fitChangedFrom(NO_FIT);
    const withFive = await readFitParameters(page);
    const shownWithFive = await shownFit();

    await page.click('#predict-add-row');
    // The new, empty row is not an error, and its first cell has the cursor.
    assert.equal(await page.isHidden('#predict-table-error'), true);
    await page.keyboard.type('5');
    await page.fill('input[aria-label="Row 6, retention"]', '0.29');
    await fitChangedFrom(shownWithFive);
    let chart = await readChart(page, 'predict-chart');
    assert.equal(chart.datasets[0].data.length, 6);

    const shownWithSix = await shownFit();
    await page.click('button[aria-label="Remove row 6"]');
    await fitChangedFrom(shownWithSix);
    assert.deepEqual(await readFitParameters(page), withFive);
    chart = await readChart(page, 'predict-chart');
    assert.equal(chart.datasets[0].data.length, 5);
    assert.equal((await readTable(page)).length, 5);
  });

  test('Predict.BadCellShowsRowAndColumnAndKeepsLastFit', async () => {
    const { page } = app;
    await uploadSeedRetention();
    const before = await snapshot();

    await page.fill('input[aria-label="Row 3, retention"]', '0.3x');
    const error = page.locator('#predict-table-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^Row 3, retention: "0\.3x" is not a number/);
    assert.equal(
      await page.getAttribute('input[aria-label="Row 3, retention"]', 'aria-invalid'),
      'true',
    );
    assert.equal(await page.isVisible('#predict-stale'), true);

    // Everything from the last good fit stays on screen.
    const during = await snapshot();
    assert.deepEqual(during.parameters, before.parameters);
    assert.deepEqual(during.chart.datasets, before.chart.datasets);
    assert.equal(during.message, before.message);

    // Fixing the cell clears the mark and fits again.
    await page.fill('input[aria-label="Row 3, retention"]', '0.3874');
    await error.waitFor({ state: 'hidden' });
    assert.equal(
      await page.getAttribute('input[aria-label="Row 3, retention"]', 'aria-invalid'),
      null,
    );
    assert.deepEqual((await snapshot()).parameters, before.parameters);
  });

  test('Predict.BrokenFileShowsRowAndColumnAndKeepsTableAndFit', async () => {
    const { page } = app;
    await uploadSeedRetention();
    const before = await snapshot();

    await uploadText('broken.tsv', 'period\tretention\n0\t1\n1\tabc\n2\t0.4\n3\t0.35\n');
    const error = page.locator('#predict-load-error');
    await error.waitFor({ state: 'visible' });
    // Row 3 of the file (the header is row 1), column 2.
    assert.match(
      await error.textContent(),
      /^Could not read broken\.tsv: row 3, column 2\b.*"abc"/,
    );

    const during = await snapshot();
    assert.deepEqual(during.table, SEED_TABLE);
    assert.deepEqual(during.parameters, before.parameters);
    assert.deepEqual(during.chart.datasets, before.chart.datasets);
    assert.match(await page.textContent('#predict-source-name'), /^seed_retention\.tsv/);
  });

  test('Predict.GarbageFileShowsErrorAndKeepsTableAndFit', async () => {
    const { page } = app;
    await uploadSeedRetention();
    const before = await snapshot();

    await page.setInputFiles('#predict-file', {
      name: 'photo.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]),
    });
    const error = page.locator('#predict-load-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^Could not read photo\.txt/);

    const during = await snapshot();
    assert.deepEqual(during.table, SEED_TABLE);
    assert.deepEqual(during.parameters, before.parameters);
    assert.deepEqual(during.chart.datasets, before.chart.datasets);
  });

  test('Predict.HorizonSetsForecastLength', async () => {
    const { page } = app;
    await uploadSeedRetention();
    await page.selectOption('#predict-horizon', '180');
    await page.waitForFunction(() => {
      const chart = window.Chart.getChart(document.getElementById('predict-chart'));
      return chart.data.datasets[1].data.length === 181;
    });
    const chart = await readChart(page, 'predict-chart');
    assert.equal(chart.datasets[1].data.at(-1).x, 180);
    const scale = await page.evaluate(
      () => window.Chart.getChart(document.getElementById('predict-chart')).scales.x.max,
    );
    assert.ok(scale >= 180, `x axis ends at ${scale}`);
  });

  test('Predict.ObservedPointsBeyondHorizonStayVisible', async () => {
    const { page } = app;
    await page.selectOption('#predict-horizon', '10');
    await uploadText(
      'weekly.tsv',
      'period\tretention\n0\t1\n7\t0.42\n14\t0.33\n28\t0.27\n42\t0.24\n',
    );
    await fitChangedFrom(NO_FIT);

    const chart = await readChart(page, 'predict-chart');
    assert.deepEqual(chart.datasets[0].data.map((point) => point.x), [0, 7, 14, 28, 42]);
    assert.ok(chart.datasets[1].data.at(-1).x >= 42, 'fitted curve stops before the data');
    const scale = await page.evaluate(
      () => window.Chart.getChart(document.getElementById('predict-chart')).scales.x.max,
    );
    assert.ok(scale >= 42, `x axis ends at ${scale}`);
  });

  test('Predict.PastedCellsAreReadWithNotes', async () => {
    const { page } = app;
    // Cells copied from a spreadsheet arrive as tab-separated text; these are percentages.
    const text = 'period\tretention\n0\t100%\n1\t55%\n2\t40%\n3\t35%\n4\t30%\n';
    await page.evaluate((clipboardText) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', clipboardText);
      const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
      document.querySelector('#predict-view .fit-card').dispatchEvent(event);
    }, text);
    await fitChangedFrom(NO_FIT);

    assert.deepEqual(await readTable(page), [
      ['0', '1'], ['1', '0.55'], ['2', '0.4'], ['3', '0.35'], ['4', '0.3'],
    ]);
    assert.match(await page.textContent('#predict-source-name'), /^Pasted cells: 5 points$/);
    const notes = await page.$$eval(
      '#predict-notes li',
      (items) => items.map((item) => item.textContent),
    );
    assert.ok(notes.some((note) => /percent/i.test(note)), `notes: ${JSON.stringify(notes)}`);
    // The same points as the example, so the same fit.
    assertClose((await readFitParameters(page)).a, 0.1896, 0.001, 'a');
  });

  test('Predict.TextPastedIntoBoxIsReadAndBadTextStaysToFix', async () => {
    const { page } = app;
    await page.click('.paste-box summary');
    await page.fill('#predict-paste', '  \n');
    await page.click('#predict-paste-read');
    const error = page.locator('#predict-load-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^The box is empty: paste or type the data into it/);

    await page.fill('#predict-paste', 'period\tretention\n0\t1\n1\t0.55\n2\tforty\n');
    await page.click('#predict-paste-read');
    await page.waitForFunction(() => /row 4/
      .test(document.getElementById('predict-load-error').textContent));
    assert.match(await error.textContent(), /^Could not read Typed text: row 4, column 2\b/);
    assert.match(await page.inputValue('#predict-paste'), /forty/);
    assert.deepEqual(await readTable(page), []);

    const text = 'period\tretention\n0\t1\n1\t0.55\n2\t0.4\n3\t0.35\n4\t0.3\n';
    await page.evaluate((clipboardText) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', clipboardText);
      const box = document.getElementById('predict-paste');
      box.focus();
      const paste = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
      box.dispatchEvent(paste);
    }, text);
    await fitChangedFrom(NO_FIT);
    assert.equal(await page.isHidden('#predict-load-error'), true);
    assert.equal(await page.inputValue('#predict-paste'), '');
    assert.equal((await readTable(page)).length, 5);
    assertClose((await readFitParameters(page)).a, 0.1896, 0.001, 'a');
  });

  test('Predict.WeightColumnIsKeptInTableAndUsedByFit', async () => {
    const { page } = app;
    await uploadText(
      'sizes.csv',
      'period,retention,weight\n0,1,100\n1,0.5,90\n2,0.4,80\n3,0.3,50\n',
    );
    await fitChangedFrom(NO_FIT);

    const headers = await page.$$eval(
      '#predict-table th',
      (cells) => cells.map((cell) => cell.textContent),
    );
    assert.deepEqual(headers.slice(1, 4), ['Period', 'Retention', 'Weight']);
    assert.deepEqual(await readTable(page), [
      ['0', '1', '100'], ['1', '0.5', '90'], ['2', '0.4', '80'], ['3', '0.3', '50'],
    ]);
    // These weighted points pull the floor a to its lower bound, and the page says so.
    assert.equal(await page.getAttribute('#predict-status', 'data-status'), 'hitBound');
    assert.equal((await readFitParameters(page)).a, 0);
    const weighted = await shownFit();

    // A weight edited in the table changes the fit.
    await page.fill('input[aria-label="Row 4, weight"]', '5');
    await fitChangedFrom(weighted);
  });

  test('Predict.TooFewPointsShowsEngineMessageAndKeepsLastFit', async () => {
    const { page } = app;
    await page.click('#predict-example');
    await fitChangedFrom(NO_FIT);
    // Periods 1, 2 and 3 after period 0 are just enough for three parameters.
    const shownWithFive = await shownFit();
    await page.click('button[aria-label="Remove row 5"]');
    await fitChangedFrom(shownWithFive);
    const before = await snapshot();

    await page.click('button[aria-label="Remove row 4"]');
    const error = page.locator('#predict-table-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /needs points at 3 or more different periods/);
    assert.match(await error.textContent(), /; add rows for more periods, or choose a model /);
    const during = await snapshot();
    assert.deepEqual(during.parameters, before.parameters);
    assert.deepEqual(during.chart.datasets, before.chart.datasets);
    assert.equal(await page.isVisible('#predict-stale'), true);
    // The kept fit is not passed off as the fit of the table now on screen.
    assert.equal(await page.textContent('#predict-status'), '⚠ Out of date');
    assert.equal(await page.getAttribute('.fit-layout', 'data-stale'), '');

    await page.click('#predict-add-row');
    await page.fill('input[aria-label="Row 4, period"]', '3');
    await page.fill('input[aria-label="Row 4, retention"]', '0.35');
    await page.waitForFunction(
      () => document.getElementById('predict-status').textContent === 'Converged',
    );
    assert.equal(await page.isVisible('#predict-stale'), false);
    assert.equal(await page.getAttribute('.fit-layout', 'data-stale'), null);
  });

  test('Predict.DroppedFileIsRead', async () => {
    const { page } = app;
    const text = await readFile(SEED_RETENTION, 'utf8');
    await page.evaluate((fileText) => {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([fileText], 'dropped.tsv', { type: 'text/plain' }));
      const zone = document.getElementById('predict-drop-zone');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }));
      }
    }, text);
    await fitChangedFrom(NO_FIT);

    assert.deepEqual(await readTable(page), SEED_TABLE);
    assert.match(await page.textContent('#predict-source-name'), /^dropped\.tsv: 8 points$/);
    assertClose((await readFitParameters(page)).a, 0.236, 0.002, 'a');
    assert.equal(await page.getAttribute('#predict-drop-zone', 'data-dragging'), null);
  });
});
