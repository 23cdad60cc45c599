// Browser tests of the "Cohorts" view against the real engine built into dist/: event logs
// read in the worker, the heat map, the curves, cancelling, bad files and the hand-over to the
// two other views. Known answers come from issue 4 and shared/data/README.md.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DIST_DIR,
  SHARED_DATA_DIR,
  openAppForEachTest,
  readChart,
} from './browser_session.js';
import {
  NEAR_MIDNIGHT,
  WITH_BAD_ROW,
  WORKED_EXAMPLE,
  writeSyntheticLog,
} from './event_logs.js';

const CDNOW = join(SHARED_DATA_DIR, 'cdnow_master.txt');
const EXAMPLE = 'Example app events';
/** The synthetic log: big enough that reading it takes seconds, so it can be cancelled. */
const SYNTHETIC_BYTES = 200e6;

/** What the caption says of the default options for a log called `name`, by `period`. */
function caption(name, period, more = '') {
  const by = period === 'week' ? 'by week from Monday' : `by ${period}`;
  return `${name} · ${by} · first event · ${more || 'on · UTC'}`;
}

describe('Cohorts', () => {
  let session;
  let app;
  let synthetic;

  before(async () => {
    synthetic = await writeSyntheticLog(SYNTHETIC_BYTES);
  });
  after(async () => {
    await synthetic?.remove();
  });
  openAppForEachTest('#cohorts', (opened, openedIn) => {
    app = opened;
    session = openedIn;
  });

  /** Waits until the table on screen is the one `expected` describes. */
  function tableWithCaption(expected) {
    return app.page.waitForFunction(
      (text) => document.getElementById('cohorts-caption').textContent === text,
      expected,
    );
  }

  /** The heat map as shown: each row's label, size and cell texts, and how cells are marked. */
  function readHeatmap() {
    return app.page.$$eval('#cohorts-table tbody tr', (rows) => rows.map((row) => {
      const cells = [...row.querySelectorAll('td')];
      return {
        label: row.querySelector('.cohort-label').textContent,
        size: row.querySelector('.cohort-size').textContent,
        cells: cells.map((cell) => cell.textContent),
        missing: cells.map((cell) => cell.classList.contains('missing')),
        incomplete: cells.map((cell) => cell.classList.contains('incomplete')),
      };
    }));
  }

  async function uploadText(name, text) {
    await app.page.setInputFiles('#cohorts-file', {
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
  }

  async function showExample(period = 'week') {
    await app.page.selectOption('#cohorts-period', period);
    await app.page.click('#cohorts-example');
    await tableWithCaption(caption(EXAMPLE, period));
  }

  test('Cohorts.HashOpensTheViewFromItsTab', async () => {
    const { page } = app;
    assert.equal(await page.title(), 'Cohorts · Retention Lab');
    assert.deepEqual(
      await page.$$eval('section.view:not([hidden])', (sections) => sections.map((s) => s.id)),
      ['cohorts-view'],
    );
    assert.equal(await page.isVisible('#cohorts-empty'), true);
  });

  test('Cohorts.CdnowByMonthGivesThreeCohortsOfFirstPurchase', async (context) => {
    const { page } = app;
    await page.selectOption('#cohorts-period', 'month');
    const started = Date.now();
    await page.setInputFiles('#cohorts-file', CDNOW);
    await tableWithCaption(caption('cdnow_master.txt', 'month'));
    const milliseconds = Date.now() - started;

    const rows = await readHeatmap();
    assert.deepEqual(rows.map((row) => [row.label, row.size]),
      [['1997-01', '7,846'], ['1997-02', '8,476'], ['1997-03', '7,248']]);
    // 1,157 of the 7,846 customers of January 1997 bought again in February.
    assert.deepEqual(rows[0].cells.slice(0, 3), ['100%', '14.7%', '12.3%']);
    // Intervals 0 to 17: June 1998 is the 17th month after January 1997, the log's last month.
    assert.equal(rows[0].cells.length, 18);
    assert.deepEqual(rows[2].missing.slice(15), [false, true, true]);
    assert.deepEqual(rows.map((row) => row.incomplete.indexOf(true)), [17, 16, 15]);

    // The mapping step shows the engine's guess for this whitespace-aligned file.
    assert.equal(await page.$eval('#cohorts-user-column', (s) => s.selectedOptions[0].text),
      '1 · customer_id');
    assert.equal(await page.$eval('#cohorts-time-column', (s) => s.selectedOptions[0].text),
      '2 · date');
    assert.equal(await page.inputValue('#cohorts-event-column'), '');
    assert.match(await page.textContent('#cohorts-time-format'), /YYYYMMDD, such as 19970101/);

    // Progress reached the whole file, and nothing was skipped.
    const bar = await page.$eval('#cohorts-progress-bar', (bar) => [bar.value, bar.max]);
    assert.equal(bar[0], bar[1]);
    assert.equal(bar[1], 1950500);
    const detail = await page.textContent('#cohorts-progress-detail');
    assert.match(detail, /^1\.95 MB \(100%\) in [\d.]+ s, [\d.,]+ MB\/s · 69,659 rows/);
    assert.equal(await page.isVisible('#cohorts-skipped'), false);
    assert.match(await page.textContent('#cohorts-notes'), /no row skipped/);
    assert.equal(await page.textContent('#cohorts-message'), '3 cohorts by month of first event, '
      + '23,570 users, intervals 0 to 17; the last month, 1998-06, may be incomplete');
    context.diagnostic(`cdnow_master.txt: ${milliseconds} ms from choosing the file to the `
      + `table; the page says: ${detail}`);
  });

  test('Cohorts.WorkedExampleByDayOnAndOnOrAfter', async () => {
    const { page } = app;
    await page.selectOption('#cohorts-period', 'day');
    await uploadText('worked.csv', WORKED_EXAMPLE);
    await tableWithCaption(caption('worked.csv', 'day'));
    let rows = await readHeatmap();
    assert.deepEqual([rows[0].label, rows[0].size], ['2024-01-01', '3']);
    assert.deepEqual(rows[0].cells, ['100%', '33.3%', '0%', '0%', '0%', '33.3%', '0%']);
    // The fourth user's cohort has not reached days 1 to 6: empty cells, not zeros.
    assert.deepEqual(rows[1].cells, ['100%', '', '', '', '', '', '']);
    assert.deepEqual(rows[1].missing, [false, true, true, true, true, true, true]);

    await page.check('#cohorts-unit-count');
    rows = await readHeatmap();
    assert.deepEqual(rows[0].cells, ['3', '1', '0', '0', '0', '1', '0']);

    await page.check('#cohorts-unit-percent');
    await page.selectOption('#cohorts-mode', 'onOrAfter');
    await tableWithCaption(caption('worked.csv', 'day', 'on or after · UTC'));
    rows = await readHeatmap();
    assert.deepEqual(rows[0].cells, ['100%', '66.7%', '33.3%', '33.3%', '33.3%', '33.3%', '0%']);

    // The chart's bold line is the engine's mean, over the cohorts that reach each interval.
    await page.check('#cohorts-chart-zero');
    const chart = await readChart(page, 'cohorts-chart');
    assert.deepEqual(chart.datasets.map((dataset) => dataset.label),
      ['Mean', '2024-01-01', '2024-01-07']);
    assert.deepEqual(chart.datasets[0].data.map((point) => point.y.toFixed(4)),
      ['1.0000', '0.6667', '0.3333', '0.3333', '0.3333', '0.3333', '0.0000']);
    assert.ok(chart.paintedPixels > 1000, 'the chart is blank');
    assert.match(await page.textContent('#cohorts-mean-note'), new RegExp('weighted by cohort '
      + 'size, over the cohorts that have reached it \\(2 cohorts at interval 0, 1 cohort at '
      + 'interval 6\\)'));
  });

  test('Cohorts.WeekStartMovesTheWeeklyCohortBoundary', async () => {
    const { page } = app;
    await uploadText('worked.csv', WORKED_EXAMPLE);
    await tableWithCaption(caption('worked.csv', 'week'));
    assert.deepEqual((await readHeatmap()).map((row) => [row.label, row.size, row.cells]),
      [['2024-01-01', '4', ['100%']]]);

    // Sunday 7 January starts a week of its own when weeks start on Sunday.
    await page.selectOption('#cohorts-week-start', 'sunday');
    await tableWithCaption('worked.csv · by week from Sunday · first event · on · UTC');
    assert.deepEqual((await readHeatmap()).map((row) => [row.label, row.size, row.cells]),
      [['2023-12-31', '3', ['100%', '0%']], ['2024-01-07', '1', ['100%', '']]]);
  });

  test('Cohorts.TimeZoneMovesAnInstantNearMidnightToTheDayBefore', async () => {
    const { page } = app;
    await page.selectOption('#cohorts-period', 'day');
    await uploadText('midnight.csv', NEAR_MIDNIGHT);
    await tableWithCaption(caption('midnight.csv', 'day'));
    let rows = await readHeatmap();
    assert.deepEqual([rows[0].label, rows[0].cells], ['2024-03-10', ['100%', '100%']]);

    // 04:30 UTC is 23:30 EST on 9 March; after the change to EDT it is 00:30 on 11 March.
    await page.selectOption('#cohorts-time-zone', 'America/New_York');
    await tableWithCaption(caption('midnight.csv', 'day', 'on · America/New_York'));
    rows = await readHeatmap();
    assert.deepEqual([rows[0].label, rows[0].cells], ['2024-03-09', ['100%', '0%', '100%']]);
  });

  test('Cohorts.CancelStopsTheWorkerAndKeepsThePreviousTable', async () => {
    const { page } = app;
    await showExample();
    const before = await readHeatmap();
    const [worker] = page.workers();
    assert.ok(worker, 'the example was read in a worker');
    const workerClosed = new Promise((resolve) => { worker.on('close', resolve); });

    await page.setInputFiles('#cohorts-file', synthetic.path);
    await page.waitForFunction(() => document.getElementById('cohorts-progress-bar').value > 0);

    // The page answers while the worker reads: another view opens, and a frame is drawn soon.
    await page.click('a.view-tab[data-view="simulate"]');
    assert.equal(await page.isVisible('#simulate-view'), true);
    const frameMilliseconds = await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      requestAnimationFrame(() => resolve(performance.now() - start));
    }));
    assert.ok(frameMilliseconds < 500, `a frame took ${frameMilliseconds} ms`);
    await page.click('a.view-tab[data-view="cohorts"]');
    assert.match(await page.textContent('#cohorts-progress-label'),
      /^Reading retention-lab-synthetic-\d+\.csv…$/);

    await page.click('#cohorts-cancel');
    await workerClosed;
    assert.match(await page.textContent('#cohorts-progress-label'), /^Cancelled reading/);
    assert.match(await page.textContent('#cohorts-progress-detail'),
      new RegExp(`^Stopped at \\d+%; the table shown is still the one of ${EXAMPLE}\\.$`));
    assert.equal(await page.isVisible('#cohorts-cancel'), false);
    assert.deepEqual(await readHeatmap(), before);
    assert.equal(await page.textContent('#cohorts-caption'), caption(EXAMPLE, 'week'));
    assert.equal(await page.textContent('#cohorts-stale'),
      `Reading was cancelled; this is still the table of ${EXAMPLE}.`);

    // The log of the table shown is the chosen one again: an option read again reads it, not
    // the cancelled file, in a fresh worker.
    assert.match(await page.textContent('#cohorts-source-name'), new RegExp(`^${EXAMPLE} · `));
    await page.selectOption('#cohorts-period', 'day');
    await tableWithCaption(caption(EXAMPLE, 'day'));
    assert.equal(page.workers().length, 1);
    assert.notEqual(page.workers()[0], worker);
    assert.equal(await page.isVisible('#cohorts-stale'), false);
  });

  test('Cohorts.WorkersUseThePageEngineSoTheWasmIsFetchedOnce', async () => {
    // A context of its own, listened to from its first request: the worker's fetches are
    // reported with the page's. The service worker's copy for offline use is another matter.
    const context = await session.browser.newContext({
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
    const engineFetches = [];
    context.on('request', (request) => {
      if (/retention-core\.wasm$/.test(request.url())) engineFetches.push(request.url());
    });
    try {
      const page = await context.newPage();
      await page.goto(`${session.baseUrl}#cohorts`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
      await page.click('#cohorts-example');
      await page.waitForFunction((text) => (
        document.getElementById('cohorts-caption').textContent === text
      ), caption(EXAMPLE, 'week'));

      // Cancelling replaces the worker; the new one is handed the same compiled engine.
      await page.setInputFiles('#cohorts-file', synthetic.path);
      await page.waitForFunction(() => document.getElementById('cohorts-progress-bar').value > 0);
      await page.click('#cohorts-cancel');
      await page.selectOption('#cohorts-period', 'day');
      await page.click('#cohorts-example');
      await page.waitForFunction((text) => (
        document.getElementById('cohorts-caption').textContent === text
      ), caption(EXAMPLE, 'day'));

      assert.equal(engineFetches.length, 1, engineFetches.join(', '));
    } finally {
      await context.close();
    }
  });

  test('Cohorts.LargeLogIsReadInChunksWithProgressAndThroughput', async (context) => {
    const { page } = app;
    await page.selectOption('#cohorts-period', 'day');
    const name = synthetic.path.split('/').pop();
    await page.setInputFiles('#cohorts-file', synthetic.path);
    // Progress shows a part of the file, rows and memory before the end.
    await page.waitForFunction(() => /^[\d.]+ MB of 200 MB \(\d+%\) · [\d,]+ rows · [\d.]+ MB/
      .test(document.getElementById('cohorts-progress-detail').textContent));
    await tableWithCaption(caption(name, 'day'));

    await page.check('#cohorts-unit-count');
    const rows = await readHeatmap();
    const third = (synthetic.users / 3).toLocaleString('en-US');
    const returned = (synthetic.users / 6).toLocaleString('en-US');
    assert.deepEqual(rows.map((row) => [row.label, row.size, row.cells[0], row.cells[1]]), [
      ['2024-01-01', third, third, returned],
      ['2024-01-02', third, third, returned],
      ['2024-01-03', third, third, returned],
    ]);
    const detail = await page.textContent('#cohorts-progress-detail');
    const rowCount = synthetic.rows.toLocaleString('en-US');
    const shown = detail.match(
      new RegExp(`^200 MB \\(100%\\) in ([\\d.]+) s, ([\\d.,]+) MB/s · ${rowCount} rows · `
        + 'at most ([\\d.]+) MB held$'),
    );
    assert.ok(shown, `unexpected progress line: ${detail}`);
    context.diagnostic(`synthetic log of ${synthetic.bytes} bytes, ${synthetic.users} users: `
      + `the page says ${detail}`);
  });

  test('Cohorts.FitInPredictOpensCohortsModeWithAConvergedFit', async () => {
    const { page } = app;
    await showExample();

    // Counts "on" rise when users come back: the engine fits them as users active in each
    // period, by least squares on their pooled curve, and says so.
    await page.click('#cohorts-to-predict');
    await page.waitForFunction(() => window.location.hash === '#predict');
    assert.equal(await page.isChecked('#predict-mode-cohorts'), true);
    assert.match(await page.textContent('#predict-message'),
      /; the counts rise in places, so they are users active in each period rather than /);
    await page.click('a.view-tab[data-view="cohorts"]');
    await page.waitForFunction(() => window.location.hash === '#cohorts');

    await page.selectOption('#cohorts-mode', 'onOrAfter');
    await tableWithCaption(caption(EXAMPLE, 'week', 'on or after · UTC'));
    await page.check('#cohorts-unit-count');
    const counts = (await readHeatmap()).map((row) => [row.label, ...row.cells]);
    await page.click('#cohorts-to-predict');
    await page.waitForFunction(() => window.location.hash === '#predict');
    assert.equal(await page.isChecked('#predict-mode-cohorts'), true);
    assert.equal(await page.textContent('#predict-status'), 'Converged');
    assert.equal(await page.textContent('#predict-source-name'),
      `${caption(EXAMPLE, 'week', 'on or after · UTC')}: 5 cohorts`);
    // Predict's triangle holds the counts of the heat map, empty where not reached.
    const triangle = await page.$$eval('#predict-cohort-table tbody tr',
      (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
    assert.deepEqual(triangle, counts);
    assert.equal(triangle[4].filter((cell) => cell === '').length, 4);
  });

  test('Cohorts.SimulateWithTheseSizesChangesTheSimulateHeadline', async () => {
    const { page } = app;
    await showExample();
    const before = await page.textContent('#sim-headline');
    await page.click('#cohorts-to-simulate');
    await page.waitForFunction(() => window.location.hash === '#simulate');

    // Five weekly cohorts of 12 users each: 12 new users per period.
    assert.equal(await page.inputValue('#sim-new-users'), '12');
    assert.equal(await page.textContent('#sim-new-users-note'),
      'From Cohorts: 12 new users per period, the mean size of the 5 weekly cohorts of '
        + `${EXAMPLE}.`);
    const expected = await page.evaluate(async () => {
      // The engine module itself: dist/js/ holds the page's bundle, not its modules.
      const { default: createRetentionCore } = await import('./retention-core.mjs');
      const simulation = (await createRetentionCore()).simulate({ newUsers: 12, periods: 30 });
      return simulation.activeUsers[30].toLocaleString('en-US');
    });
    const headline = await page.textContent('#sim-headline');
    assert.equal(headline, expected);
    assert.notEqual(headline, before);
  });

  test('Cohorts.StartAndReturnEventsAreUsedOrTheEngineNamesTheUnknownOne', async () => {
    const { page } = app;
    await showExample();
    await page.fill('#cohorts-start-event', 'signup');
    await page.fill('#cohorts-return-event', 'purchase');
    await page.press('#cohorts-return-event', 'Enter');
    await tableWithCaption(`${EXAMPLE} · by week from Monday · first event · on · UTC · `
      + 'start "signup" · return "purchase"');
    assert.match(await page.textContent('#cohorts-message'), /by week of first "signup"/);

    const before = await readHeatmap();
    await page.fill('#cohorts-start-event', 'signin');
    await page.press('#cohorts-start-event', 'Enter');
    await page.waitForFunction(() => document.getElementById('cohorts-error').textContent !== '');
    assert.match(await page.textContent('#cohorts-error'),
      /^Could not make cohorts of Example app events: no event is named "signin"/);
    assert.deepEqual(await readHeatmap(), before);
    assert.equal(await page.isVisible('#cohorts-stale'), true);
  });

  test('Cohorts.SkippedRowsAreCountedAndListed', async () => {
    const { page } = app;
    await page.selectOption('#cohorts-period', 'day');
    await uploadText('bad-row.csv', WITH_BAD_ROW);
    await tableWithCaption(caption('bad-row.csv', 'day'));
    assert.equal(await page.isVisible('#cohorts-skipped'), true);
    assert.equal(await page.textContent('#cohorts-skipped-summary'),
      '1 of 3 rows could not be read and are not in the table. Each is listed here.');
    const skipped = await page.$$eval('#cohorts-skipped-table tbody tr',
      (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
    assert.equal(skipped.length, 1);
    assert.deepEqual(skipped[0].slice(0, 3), ['3', '2', 'notadate']);
    assert.match(skipped[0][3], /"notadate" is not a time/);
  });

  test('Cohorts.LogWithinOnePeriodSaysWhyTheChartIsEmpty', async () => {
    const { page } = app;
    await page.selectOption('#cohorts-period', 'month');
    await uploadText('one-month.csv',
      'user,time\nu1,2024-01-02\nu2,2024-01-05\nu1,2024-01-20\n');
    await tableWithCaption(caption('one-month.csv', 'month'));
    assert.equal(await page.textContent('#cohorts-chart-empty'), 'No cohort has an interval '
      + 'after 0 yet: the log ends in the month its first cohort began. Retention shows once it '
      + 'reaches into the next.');
    assert.match(await page.textContent('#cohorts-mean-note'), /\(the one cohort at every /);
    // Asked for, interval 0 is drawn, and the note no longer covers it.
    await page.check('#cohorts-chart-zero');
    assert.equal(await page.isVisible('#cohorts-chart-empty'), false);
    await page.uncheck('#cohorts-chart-zero');
    assert.equal(await page.isVisible('#cohorts-chart-empty'), true);

    // A log that reaches the next month has a curve to draw, and the note goes.
    await uploadText('two-months.csv',
      'user,time\nu1,2024-01-02\nu2,2024-01-05\nu1,2024-02-20\n');
    await tableWithCaption(caption('two-months.csv', 'month'));
    assert.equal(await page.isVisible('#cohorts-chart-empty'), false);
  });

  test('Cohorts.FileThatIsNotALogShowsTheEngineMessageAndKeepsTheTable', async () => {
    const { page } = app;
    await showExample();
    const before = await readHeatmap();

    await page.setInputFiles('#cohorts-file', join(SHARED_DATA_DIR, 'seed_retention.tsv'));
    await page.waitForFunction(() => document.getElementById('cohorts-error').textContent !== '');
    assert.equal(await page.textContent('#cohorts-error'), 'Could not read seed_retention.tsv: '
      + 'no column reads as times (ISO 8601 such as 2024-03-01T10:20:30Z, YYYYMMDD such as '
      + '19970101, or Unix seconds or milliseconds); choose the time column');
    assert.deepEqual(await readHeatmap(), before);
    assert.equal(await page.textContent('#cohorts-source-name'), `${EXAMPLE} · 14 KB`);

    // A binary file: the engine's own module, which starts "\0asm".
    await page.setInputFiles('#cohorts-file', join(DIST_DIR, 'retention-core.wasm'));
    await page.waitForFunction(
      () => document.getElementById('cohorts-error').textContent.includes('.wasm'),
    );
    assert.equal(await page.textContent('#cohorts-error'), 'Could not read retention-core.wasm: '
      + 'this is not a text file: byte 1 is a zero byte, as in a binary file; export the data as '
      + 'CSV or TSV and load that');
    assert.deepEqual(await readHeatmap(), before);
    assert.equal(await page.textContent('#cohorts-caption'), caption(EXAMPLE, 'week'));
  });
});
