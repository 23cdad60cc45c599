// Browser tests of "Predict retention" beyond a single curve: counts and cohorts as input,
// the model picker, the forecast band, held-out periods and the comparison of models, against
// the real engine built into dist/. Known answers come from shared/data/README.md.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  openAppForEachTest,
  readChart,
  readTable,
  SHARED_DATA_DIR,
} from './browser_session.js';

const FADER_HARDIE = join(SHARED_DATA_DIR, 'fader_hardie_2007.csv');
const SEED_RETENTION = join(SHARED_DATA_DIR, 'seed_retention.tsv');

/** Survivors out of 1,000 that sBG fitted on years 0–7 projects for years 8–12 (regular). */
const FADER_HARDIE_PROJECTION = [220.1, 204.4, 191.2, 179.9, 170.0];

/** Four quarterly cohorts; 1,950 members in all, six cells not reached yet. */
const QUARTER_TRIANGLE = 'cohort\t0\t1\t2\t3\n2024-Q1\t500\t300\t240\t210\n'
  + '2024-Q2\t400\t250\t190\t\n2024-Q3\t600\t350\t\t\n2024-Q4\t450\t\t\t\n';

function assertClose(actual, expected, tolerance, name) {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${name}: expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

/** A chart's dataset by its label. */
function dataset(chart, label) {
  const found = chart.datasets.find((candidate) => candidate.label === label);
  assert.ok(found, `no dataset "${label}" in ${chart.datasets.map((d) => d.label)}`);
  return found;
}

/** The y value a dataset holds at period x. */
function valueAt(series, x) {
  const point = series.data.find((candidate) => candidate.x === x);
  assert.ok(point, `no point at period ${x} in "${series.label}"`);
  return point.y;
}

describe('PredictModels', () => {
  let app;
  openAppForEachTest('#predict', (opened) => {
    app = opened;
  });

  /**
   * What the summary beside the chart says of the fit, to notice a new one: all of it but the
   * badge and note saying whether it is still current, which tests read on their own. Given a
   * previous text, says whether it differs from it instead (for waitForFunction).
   */
  function fitSummaryInPage(previous) {
    const summary = document.getElementById('predict-summary');
    const text = [...summary.children]
      .filter((child) => child.id !== 'predict-status' && child.id !== 'predict-stale')
      .map((child) => child.textContent).join('\n');
    return previous === null ? text : text !== previous;
  }

  function summaryText() {
    return app.page.evaluate(fitSummaryInPage, null);
  }

  async function summaryChangedFrom(previous) {
    await app.page.waitForFunction(fitSummaryInPage, previous);
  }

  /** Runs `action` and waits until the summary shows a different fit. */
  async function refitBy(action) {
    const before = await summaryText();
    await action();
    await summaryChangedFrom(before);
  }

  async function shownNumber(id) {
    return Number(await app.page.textContent(`#${id}`));
  }

  async function uploadText(name, text) {
    await app.page.setInputFiles('#predict-file', {
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
  }

  /** Counts mode, the given model and "fit periods up to", then the Fader–Hardie file. */
  async function loadFaderHardie({ model = 'sbg', fitThrough = '7' } = {}) {
    const { page } = app;
    await page.check('#predict-mode-counts');
    await page.selectOption('#predict-model', model);
    await page.fill('#predict-fit-through', fitThrough);
    await refitBy(() => page.setInputFiles('#predict-file', FADER_HARDIE));
  }

  /** The colours a dataset of the fit chart is drawn with. */
  function datasetColours(index) {
    return app.page.evaluate((datasetIndex) => {
      const chart = window.Chart.getChart(document.getElementById('predict-chart'));
      const { backgroundColor, borderColor } = chart.data.datasets[datasetIndex];
      return { backgroundColor, borderColor };
    }, index);
  }

  /** The comparison table's body as text, one array of cells per row. */
  function comparisonRows() {
    return app.page.$$eval('#predict-compare-table tbody tr', (rows) => rows.map((row) => ({
      model: row.dataset.model,
      recommended: row.dataset.recommended === 'true',
      shown: row.dataset.shown === 'true',
      cells: [...row.cells].map((cell) => cell.textContent.trim()),
    })));
  }

  /** The engine's own comparison of the Fader–Hardie regular segment, run in the page. */
  function engineComparison(csvText) {
    return app.page.evaluate(async (text) => {
      // The engine module itself: dist/js/ holds the page's bundle, not its modules.
      const { default: createRetentionCore } = await import('./retention-core.mjs');
      const core = await createRetentionCore();
      const [regular] = core.parseCounts(text).segments;
      const comparison = core.fit({
        model: 'compare', periods: regular.periods, active: regular.active,
        cohortSize: regular.size, horizon: core.defaults().fit.horizon,
      });
      return {
        recommended: comparison.recommended,
        curves: Object.fromEntries(comparison.rows.map(
          (row) => [row.model, Array.from(row.forecast.retention)],
        )),
      };
    }, csvText);
  }

  test('PredictModels.FaderHardieRegularBySbgMatchesThePaper', async () => {
    const { page } = app;
    await loadFaderHardie();

    assert.equal(await page.$eval('#predict-segment', (select) => select.selectedOptions[0].text),
      'regular');
    assert.equal(await page.getAttribute('#predict-status', 'data-status'), 'converged');
    const alpha = await shownNumber('predict-alpha');
    const beta = await shownNumber('predict-beta');
    assertClose(alpha, 0.704, 0.001, 'α');
    assertClose(beta, 1.182, 0.001, 'β');
    // Fader and Hardie report a log-likelihood of -1680.3 at this optimum.
    assert.equal(await page.isVisible('#predict-log-likelihood'), true);
    const logLikelihood = Number((await page.textContent('#predict-log-likelihood'))
      .replaceAll(',', ''));
    assertClose(logLikelihood, -1680.3, 0.05, 'log-likelihood');

    // Projected survivors out of 1,000 for the held-out years 8–12.
    const chart = await readChart(page, 'predict-chart');
    assert.ok(chart.paintedPixels > 1000, 'canvas is blank');
    const curve = dataset(chart, 'Fitted curve');
    FADER_HARDIE_PROJECTION.forEach((survivors, index) => {
      assertClose(valueAt(curve, 8 + index) * 1000, survivors, 0.5, `year ${8 + index}`);
    });

    // The 90% band surrounds the curve, and years 8–12 are drawn hollow as held out.
    const lower = valueAt(dataset(chart, 'Band lower edge'), 12);
    const upper = valueAt(dataset(chart, '90% band'), 12);
    assert.ok(lower < valueAt(curve, 12) && valueAt(curve, 12) < upper, `${lower}, ${upper}`);
    assert.deepEqual(dataset(chart, 'Observed').data.map((point) => point.x),
      [0, 1, 2, 3, 4, 5, 6, 7]);
    const heldOut = dataset(chart, 'Held out');
    assert.deepEqual(heldOut.data.map((point) => point.x), [8, 9, 10, 11, 12]);
    assert.equal(heldOut.data[0].y, 0.223);
    const observedColours = await datasetColours(0);
    const heldOutColours = await datasetColours(2);
    assert.equal(heldOutColours.backgroundColor, '#ffffff');
    assert.equal(heldOutColours.borderColor, observedColours.backgroundColor);
    assert.match(await page.textContent('#predict-band-note'), /90% band \(delta method/);

    // sBG's retention rate is r(t) = (β + t − 1) / (α + β + t − 1).
    const rates = (await readChart(page, 'predict-rate-chart')).datasets[0];
    for (const period of [1, 8, 30]) {
      const expected = (beta + period - 1) / (alpha + beta + period - 1);
      assertClose(valueAt(rates, period), expected, 2e-4, `r(${period})`);
    }
    const residuals = await readChart(page, 'predict-residual-chart');
    assert.equal(residuals.datasets[0].data.length, 13);
    // With α < 1 the mean lifetime of sBG is infinite.
    assert.match(await page.textContent('#predict-lifetime'), /^No finite mean/);
  });

  test('PredictModels.ParametersShowStandardErrors', async () => {
    const { page } = app;
    await loadFaderHardie();
    const errors = await page.$$eval('#predict-params .param-se', (cells) => cells.map(
      (cell) => cell.textContent,
    ));
    assert.equal(errors.length, 2);
    for (const text of errors) assert.match(text, /^± 0\.\d{4}$/);
    assert.ok(Number(errors[0].slice(2)) > 0, errors[0]);

    // The power curve's b follows from a in the same-event form, so it has no error of its own.
    await page.check('#predict-mode-retention');
    await page.selectOption('#predict-model', 'power');
    await refitBy(() => page.setInputFiles('#predict-file', SEED_RETENTION));
    const seedErrors = await page.$$eval('#predict-params dd', (cells) => cells.map((cell) => [
      cell.querySelector('.param-value').id,
      cell.querySelector('.param-se').textContent,
    ]));
    assert.deepEqual(seedErrors.map(([id]) => id),
      ['predict-a', 'predict-c', 'predict-d', 'predict-b']);
    for (const [, text] of seedErrors.slice(0, 3)) assert.match(text, /^± 0\.\d{4}$/);
    assert.equal(seedErrors[3][1], 'derived');
  });

  test('PredictModels.UnknownStandardErrorShowsDashWithReason', async () => {
    const { page } = app;
    // These weighted points put the floor a on its bound 0, where no error can be given.
    await refitBy(() => uploadText(
      'sizes.csv',
      'period,retention,weight\n0,1,100\n1,0.5,90\n2,0.4,80\n3,0.3,50\n',
    ));
    assert.equal(await page.getAttribute('#predict-status', 'data-status'), 'hitBound');
    assert.match(await page.textContent('#predict-status'), /^⚠ Stopped at a bound$/);
    const errorOfA = page.locator('#predict-a + .param-se');
    assert.equal(await errorOfA.textContent(), '± —');
    assert.match(await errorOfA.getAttribute('title'), /a is at its lower bound 0/);
  });

  test('PredictModels.SwitchingSegmentRefits', async () => {
    const { page } = app;
    await loadFaderHardie();
    const regularAlpha = await shownNumber('predict-alpha');

    await refitBy(() => page.selectOption('#predict-segment', { label: 'high_end' }));
    const highEndAlpha = await shownNumber('predict-alpha');
    assert.notEqual(highEndAlpha, regularAlpha);
    assert.ok(Number.isFinite(highEndAlpha) && highEndAlpha > 0, `${highEndAlpha}`);
    const rows = await page.$$eval('#predict-count-table tbody tr', (trs) => trs.map(
      (tr) => [...tr.cells].map((cell) => cell.textContent),
    ));
    assert.deepEqual(rows.slice(0, 2), [['0', '1,000'], ['1', '869']]);
    const heldOut = dataset(await readChart(page, 'predict-chart'), 'Held out');
    assert.equal(heldOut.data[0].y, 0.468);
  });

  test('PredictModels.CompareAllRanksEveryModelAndMarksRecommended', async () => {
    const { page } = app;
    await loadFaderHardie({ model: 'compare', fitThrough: '' });
    assert.equal(await page.isVisible('#predict-compare'), true);

    const rows = await comparisonRows();
    assert.deepEqual(rows.map((row) => row.model), ['power', 'sbg', 'bdw', 'exponential']);
    const headers = await page.$$eval('#predict-compare-table thead th', (cells) => cells.map(
      (cell) => cell.textContent,
    ));
    assert.deepEqual(headers, [
      'Model', 'Parameters', 'Log-likelihood', 'AIC', 'BIC', 'Backtest MAPE',
    ]);
    for (const row of rows) {
      const aic = Number(row.cells[3].replaceAll(',', ''));
      assert.ok(Number.isFinite(aic) && aic > 3000, `${row.model} AIC ${row.cells[3]}`);
      assert.match(row.cells[5], /^\d+\.\d\d%$/);
    }

    // The page marks the engine's choice, shows its reason and draws its curve.
    const engine = await engineComparison(await readFile(FADER_HARDIE, 'utf8'));
    const recommended = rows.filter((row) => row.recommended);
    assert.deepEqual(recommended.map((row) => row.model), [engine.recommended]);
    assert.match(recommended[0].cells[0], /Recommended/);
    assert.equal(recommended[0].shown, true);
    const reason = await page.textContent('#predict-compare-reason');
    assert.match(reason, /forecasts best/);
    assert.match(await page.textContent('#predict-compare-backtest'), /periods up to \d+/);
    let curve = dataset(await readChart(page, 'predict-chart'), 'Fitted curve');
    assert.deepEqual(curve.data.map((point) => point.y), engine.curves[engine.recommended]);

    // Choosing another row shows that model's curve and parameters.
    await refitBy(() => page.click('#predict-compare-table tr[data-model="exponential"]'));
    curve = dataset(await readChart(page, 'predict-chart'), 'Fitted curve');
    assert.deepEqual(curve.data.map((point) => point.y), engine.curves.exponential);
    assert.ok((await shownNumber('predict-lambda')) > 0);
    const shown = (await comparisonRows()).filter((row) => row.shown);
    assert.deepEqual(shown.map((row) => row.model), ['exponential']);
  });

  test('PredictModels.CompareRowsWithoutFitOrBacktestSayWhy', async () => {
    const { page } = app;
    // Years 0–2 give two points after period 0: too few for the three-parameter models and
    // for a backtest.
    await loadFaderHardie({ model: 'compare', fitThrough: '2' });
    const rows = await comparisonRows();
    const byModel = Object.fromEntries(rows.map((row) => [row.model, row.cells]));
    assert.match(byModel.power[1], /needs points at 3 or more different periods/);
    assert.match(byModel.bdw[1], /needs points at 3 or more different periods/);
    assert.equal(byModel.sbg[5], '—');
    assert.equal(byModel.exponential[5], '—');
    assert.match(await page.textContent('#predict-compare-reason'), /too few periods/);
  });

  test('PredictModels.PastedTriangleFitsPooledCohorts', async () => {
    const { page } = app;
    await page.check('#predict-mode-cohorts');
    await page.selectOption('#predict-model', 'sbg');
    await refitBy(() => page.evaluate((clipboardText) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', clipboardText);
      const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
      document.querySelector('#predict-view .fit-card').dispatchEvent(event);
    }, QUARTER_TRIANGLE));

    assert.equal(await page.getAttribute('#predict-status', 'data-status'), 'converged');
    assert.equal(await page.textContent('#predict-observations'), '1,950');
    assert.match(await page.textContent('#predict-source-name'), /^Pasted cells: 4 cohorts$/);

    // Periods not reached yet are empty cells, not zeros.
    const triangle = await page.$$eval('#predict-cohort-table tbody tr', (rows) => rows.map(
      (row) => [...row.cells].map((cell) => cell.textContent),
    ));
    assert.deepEqual(triangle, [
      ['2024-Q1', '500', '300', '240', '210'],
      ['2024-Q2', '400', '250', '190', ''],
      ['2024-Q3', '600', '350', '', ''],
      ['2024-Q4', '450', '', '', ''],
    ]);
    assert.equal(await page.$$eval('#predict-cohort-table td.missing', (cells) => cells.length),
      6);
    const observed = dataset(await readChart(page, 'predict-chart'), 'Observed');
    assert.deepEqual(observed.data.map((point) => point.x), [0, 1, 2, 3]);
  });

  test('PredictModels.RisingCountFileShowsEngineMessageAndKeepsFit', async () => {
    const { page } = app;
    await loadFaderHardie();
    const snapshot = async () => ({
      summary: await summaryText(),
      chart: (await readChart(page, 'predict-chart')).datasets,
      counts: await page.textContent('#predict-count-table'),
      source: await page.textContent('#predict-source-name'),
    });
    const before = await snapshot();

    await uploadText('rising.csv', 'year,regular\n0,1000\n1,600\n2,700\n3,500\n');
    const error = page.locator('#predict-load-error');
    await error.waitFor({ state: 'visible' });
    assert.match(
      await error.textContent(),
      /^Could not use rising\.csv: .*700 active users is more than the 600 of period 1/,
    );
    assert.deepEqual(await snapshot(), before);
  });

  test('PredictModels.EachModeKeepsItsOwnDataAndFit', async () => {
    const { page } = app;
    await refitBy(() => page.click('#predict-example'));
    const retentionA = await shownNumber('predict-a');
    assertClose(retentionA, 0.1896, 0.001, 'a of the example');

    // An empty mode shows no fit rather than another mode's.
    await page.check('#predict-mode-counts');
    assert.equal(await page.isVisible('#predict-chart-empty'), true);
    assert.equal(await page.textContent('#predict-status'), 'No fit yet');
    await loadFaderHardie({ model: 'power', fitThrough: '' });
    const countsA = await shownNumber('predict-a');
    assert.notEqual(countsA, retentionA);

    await page.check('#predict-mode-retention');
    assert.equal(await shownNumber('predict-a'), retentionA);
    assert.deepEqual(await readTable(page), [
      ['0', '1'], ['1', '0.55'], ['2', '0.4'], ['3', '0.35'], ['4', '0.3'],
    ]);
    assert.match(await page.textContent('#predict-source-name'), /^Example: 5 points$/);

    await page.check('#predict-mode-counts');
    assert.equal(await shownNumber('predict-a'), countsA);
    assert.match(await page.textContent('#predict-source-name'), /^fader_hardie_2007\.csv/);
  });

  test('PredictModels.DifferentEventsFormOnlyForRetentionCurve', async () => {
    const { page } = app;
    await refitBy(() => page.setInputFiles('#predict-file', SEED_RETENTION));
    assert.equal(await page.isVisible('#predict-form'), true);

    await refitBy(() => page.selectOption('#predict-form', 'differentEvents'));
    assert.match(await page.textContent('#predict-model-title'), /different-events form$/);
    // b is free in this form, so it has a standard error.
    assert.match(await page.textContent('#predict-b + .param-se'), /^± 0\.\d{4}$/);

    // Counts start at 100% by definition, so the form is not offered for them.
    await page.check('#predict-mode-counts');
    assert.equal(await page.isVisible('#predict-form'), false);
  });

  test('PredictModels.CompareWhereEveryModelFailsNamesEachReasonAndClearsIt', async () => {
    const { page } = app;
    await loadFaderHardie({ model: 'compare', fitThrough: '7' });
    const before = await summaryText();
    const error = page.locator('#predict-count-error');

    // Up to period 1, one point is left: every model fails, each saying how many periods it
    // needs, so each reason is named by its model.
    // The data have enough periods, so the message stands by "Fit periods up to".
    await page.fill('#predict-fit-through', '1');
    const optionsError = page.locator('#predict-options-error');
    await optionsError.waitFor({ state: 'visible' });
    const message = await optionsError.textContent();
    const parts = message.split(' · ');
    assert.deepEqual(parts.map((part) => part.split(': ')[0]), ['power curve',
      'shifted-beta-geometric', 'beta-discrete-Weibull', 'exponential decay to a floor']);
    assert.match(parts[1], /needs points at 2 or more different periods, and the periods up/);
    assert.match(parts[1], /up to 1 have fewer; fit through a later period, or fit every period$/);
    assert.equal(await error.isVisible(), false);
    assert.equal(await summaryText(), before);
    assert.equal(await page.getAttribute('#predict-status', 'data-status'), 'stale');

    // An option that is not a period replaces that message: it came from the old options.
    await page.fill('#predict-fit-through', 'abc');
    await page.waitForFunction(() => /is not a period/
      .test(document.getElementById('predict-options-error').textContent));
    assert.equal(await error.isVisible(), false);
  });

  test('PredictModels.ComparisonOnAPhoneScrollsInItsPanelNotThePage', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    await refitBy(() => page.click('#predict-example'));
    await refitBy(() => page.selectOption('#predict-model', 'compare'));
    await page.locator('#predict-compare').waitFor({ state: 'visible' });

    // The table is wider than the phone; the page is not.
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      table: document.getElementById('predict-compare-table').scrollWidth,
      scroller: document.querySelector('.compare-scroll').clientWidth,
    }));
    assert.ok(widths.table > 390, `table ${widths.table} px`);
    assert.equal(widths.page, 390);
    assert.ok(widths.scroller < 390, `scroll box ${widths.scroller} px`);
  });

  test('PredictModels.BadFitThroughIsMarkedAndKeepsFit', async () => {
    const { page } = app;
    await refitBy(() => page.setInputFiles('#predict-file', SEED_RETENTION));
    const before = await summaryText();

    await page.fill('#predict-fit-through', 'abc');
    const error = page.locator('#predict-options-error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^"abc" is not a period/);
    assert.equal(await page.getAttribute('#predict-fit-through', 'aria-invalid'), 'true');
    assert.equal(await page.isVisible('#predict-stale'), true);
    assert.equal(await page.textContent('#predict-status'), '⚠ Out of date');
    assert.equal(await summaryText(), before);

    await refitBy(() => page.fill('#predict-fit-through', '4'));
    await error.waitFor({ state: 'hidden' });
    const chart = await readChart(page, 'predict-chart');
    assert.deepEqual(dataset(chart, 'Held out').data.map((point) => point.x), [5, 6, 7]);
  });

  test('PredictModels.GeometricCountsHaveLifetimeOfTwoPeriods', async () => {
    const { page } = app;
    await page.check('#predict-mode-counts');
    await page.selectOption('#predict-model', 'sbg');
    // Half the users leave every period: the expected lifetime is 1 + 1/2 + 1/4 + ... = 2.
    await refitBy(() => uploadText(
      'halving.csv',
      'week,users\n0,1000\n1,500\n2,250\n3,125\n4,63\n5,31\n6,16\n',
    ));
    const lifetime = await page.textContent('#predict-lifetime');
    assert.match(lifetime, /^\d+\.\d\d periods$/);
    assertClose(Number.parseFloat(lifetime), 2, 0.01, 'expected lifetime');
  });
});
