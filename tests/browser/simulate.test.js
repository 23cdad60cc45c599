// Browser tests of the "Simulate growth" view against the real engine built into dist/.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openAppForEachTest, parseCount, readChart } from './browser_session.js';

describe('Simulate', () => {
  let app;
  openAppForEachTest('#simulate', (opened) => {
    app = opened;
  });

  /** Waits until the headline differs from `previous` and returns it. */
  async function nextHeadline(previous) {
    await app.page.waitForFunction(
      (text) => document.getElementById('sim-headline').textContent !== text,
      previous,
    );
    return app.page.textContent('#sim-headline');
  }

  /** The y values of a chart's dataset, indexed by period. */
  function values(chart, datasetIndex = 0) {
    return chart.datasets[datasetIndex].data.map((point) => point.y);
  }

  /** The engine's own simulation, run in the page, for numbers a chart should show. */
  function simulateInPage(page, curve, { newUsers = 10000, periods = 30 } = {}) {
    return page.evaluate(async (input) => {
      // The engine module itself: dist/js/ holds the page's bundle, not its modules.
      const { default: createRetentionCore } = await import('./retention-core.mjs');
      const result = (await createRetentionCore()).simulate(input);
      return {
        cohorts: result.cohorts.map((users) => Array.from(users)),
        stacked: result.stacked.map((users) => Array.from(users)),
      };
    }, { ...curve, newUsers, periods });
  }

  /**
   * The colour painted in the middle of cohort bands of the cohort chart, beside the colour
   * the chart gives that cohort: `probes` are [cohort, period] pairs, the band's edges the
   * engine's `stacked` rows.
   */
  function bandColours(page, engine, probes) {
    return page.evaluate(({ stacked, probes: pairs }) => {
      const canvas = document.getElementById('sim-cohort-chart');
      const chart = window.Chart.getChart(canvas);
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const swatch = document.createElement('canvas').getContext('2d', {
        willReadFrequently: true,
      });
      const rgb = (style) => {
        swatch.fillStyle = style;
        swatch.fillRect(0, 0, 1, 1);
        return Array.from(swatch.getImageData(0, 0, 1, 1).data.slice(0, 3));
      };
      // A copy to read from: reading the chart's own canvas again and again makes Chromium
      // warn on the console.
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d', { willReadFrequently: true });
      context.drawImage(canvas, 0, 0);
      return pairs.map(([cohort, period]) => {
        const below = cohort === 0 ? 0 : stacked[cohort - 1][period];
        const middle = (below + stacked[cohort][period]) / 2;
        const x = Math.round(chart.scales.x.getPixelForValue(period) * scale);
        const y = Math.round(chart.scales.y.getPixelForValue(middle) * scale);
        // Two pixels inside the plot, clear of the axis lines at its edges.
        const inside = Math.min(Math.max(x, Math.ceil(chart.chartArea.left * scale) + 2),
          Math.floor(chart.chartArea.right * scale) - 2);
        const pixel = Array.from(context.getImageData(inside, y, 1, 1).data.slice(0, 3));
        return { cohort, period, pixel, expected: rgb(chart.$cohortBands.colours[cohort].css) };
      });
    }, { stacked: engine.stacked, probes });
  }

  test('Simulate.StartsFromEngineDefaults', async () => {
    const { page } = app;
    assert.equal(await page.inputValue('#sim-a-number'), '0.03');
    assert.equal(await page.inputValue('#sim-c-number'), '0.55');
    assert.equal(await page.inputValue('#sim-d-number'), '1.5');
    assert.equal(await page.inputValue('#sim-a-range'), '0.03');
    assert.equal(await page.inputValue('#sim-periods'), '30');
    assert.equal(await page.inputValue('#sim-new-users'), '10000');
    // b = 1 / (1 - 0.03), computed by the engine.
    assert.equal(await page.textContent('#sim-b'), '1.0309');
  });

  test('Simulate.ShowsDefaultHeadlineOf43401InPeriod30', async () => {
    const { page } = app;
    assert.equal(await page.textContent('#sim-last-period'), '30');
    assert.equal(await page.textContent('#sim-headline'), '43,401');
  });

  test('Simulate.DrawsAllThreeChartsWithEngineData', async () => {
    const { page } = app;
    const curve = await readChart(page, 'sim-curve-chart');
    const active = await readChart(page, 'sim-active-chart');
    const cohorts = await readChart(page, 'sim-cohort-chart');

    const periods = Array.from({ length: 31 }, (_, period) => period);
    for (const chart of [curve, active, cohorts]) {
      assert.ok(chart.paintedPixels > 1000, 'canvas is blank');
      for (const band of chart.datasets) assert.deepEqual(band.data.map((p) => p.x), periods);
    }

    const retention = values(curve);
    assert.equal(retention.length, 31);
    assert.equal(retention[0], 1);
    assert.ok(retention[1] < 1 && retention[30] > 0.03, 'curve is not a decaying retention');
    assert.equal(values(active)[30], 43401);
    assert.equal(values(active)[0], 10000);

    // The cohort chart's one dataset is the engine's total; beneath it one band per cohort is
    // painted between the engine's running totals: the middle of band k in period p has
    // cohort k's colour.
    assert.equal(cohorts.datasets.length, 1);
    assert.deepEqual(values(cohorts), values(active));
    const engine = await simulateInPage(page, { a: 0.03, c: 0.55, d: 1.5 });
    const probes = [[0, 0], [0, 3], [1, 1], [1, 15], [5, 20], [14, 15], [29, 30], [30, 30]];
    const painted = await bandColours(page, engine, probes);
    for (const { cohort, period, pixel, expected } of painted) {
      const close = pixel.every((channel, index) => Math.abs(channel - expected[index]) <= 2);
      assert.ok(close, `cohort ${cohort} in period ${period}: ${pixel} is not ${expected}`);
    }
    assert.notDeepEqual(painted[1].expected, painted[2].expected, 'neighbours share a colour');
  });

  test('Simulate.ArrowKeyOnSliderUpdatesChartsAndHeadline', async () => {
    const { page } = app;
    const before = await readChart(page, 'sim-curve-chart');
    await page.focus('#sim-a-range');
    await page.keyboard.press('ArrowRight');

    const headline = await nextHeadline('43,401');
    assert.equal(await page.inputValue('#sim-a-number'), '0.04');
    // A higher floor keeps more users, so the total can only rise.
    assert.ok(parseCount(headline) > 43401, headline);

    const curve = await readChart(page, 'sim-curve-chart');
    const active = await readChart(page, 'sim-active-chart');
    assert.ok(values(curve)[30] > values(before)[30]);
    assert.equal(values(active)[30], parseCount(headline));
  });

  test('Simulate.TypedValueMovesSliderAndRedraws', async () => {
    const { page } = app;
    await page.fill('#sim-c-number', '1.2');

    const headline = await nextHeadline('43,401');
    assert.equal(await page.inputValue('#sim-c-range'), '1.2');
    // A faster early drop (larger c) leaves fewer users.
    assert.ok(parseCount(headline) < 43401, headline);
    const active = await readChart(page, 'sim-active-chart');
    assert.equal(values(active)[30], parseCount(headline));
  });

  test('Simulate.ValueOutsideSliderRangeIsMarkedAndNotUsed', async () => {
    const { page } = app;
    await page.fill('#sim-d-number', '7');
    assert.equal(await page.getAttribute('#sim-d-number', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#sim-d-range'), '1.5');
    // Leaving the field puts back the value the charts use.
    await page.press('#sim-d-number', 'Tab');
    assert.equal(await page.inputValue('#sim-d-number'), '1.5');
    assert.equal(await page.textContent('#sim-headline'), '43,401');
    assert.equal(await page.textContent('#sim-d-range + .field-note'),
      '7 is outside 0 to 5; d stays 1.5.');
  });

  test('Simulate.UnusableTypedValueGoesBackToTheValueBeforeTheEdit', async () => {
    const { page } = app;
    // Typed key by key, 10 passes through 1, which the charts take while it is typed; at 10
    // they go back to the value from before the edit and the note says why at once.
    await page.click('#sim-c-number', { clickCount: 3 });
    await page.keyboard.type('1');
    await page.waitForFunction(
      () => document.getElementById('sim-headline').textContent !== '43,401',
    );
    await page.keyboard.type('0');
    assert.equal(await page.getAttribute('#sim-c-number', 'aria-invalid'), 'true');
    await page.waitForFunction(
      () => document.getElementById('sim-headline').textContent === '43,401',
    );
    assert.equal(await page.textContent('#sim-c-range + .field-note'),
      '10 is outside 0 to 5; c stays 0.55.');
    await page.keyboard.press('Tab');

    assert.equal(await page.inputValue('#sim-c-number'), '0.55');
    assert.equal(await page.inputValue('#sim-c-range'), '0.55');
    await page.waitForFunction(
      () => document.getElementById('sim-headline').textContent === '43,401',
    );
    assert.equal(await page.textContent('#sim-c-range + .field-note'),
      '10 is outside 0 to 5; c stays 0.55.');

    // The next usable value clears the note.
    await page.fill('#sim-c-number', '0.6');
    assert.equal(await page.isVisible('#sim-c-range + .field-note'), false);
  });

  test('Simulate.FloorStopsBelowOneOnTheSliderAndWhenTyped', async () => {
    const { page } = app;
    // a < 1: the slider's end is 0.99, which the engine takes.
    await page.focus('#sim-a-range');
    await page.keyboard.press('End');
    await page.waitForFunction(
      () => document.getElementById('sim-a-number').value === '0.99',
    );
    await page.waitForFunction(
      () => document.getElementById('sim-headline').textContent === '309,266',
    );
    assert.equal(await page.isVisible('#sim-error'), false);

    await page.fill('#sim-a-number', '1');
    assert.equal(await page.getAttribute('#sim-a-number', 'aria-invalid'), 'true');
    assert.equal(await page.textContent('#sim-a-range + .field-note'),
      '1 is outside 0 to 1 (1 itself excluded); a stays 0.99.');
    assert.equal(await page.isVisible('#sim-error'), false);
  });

  test('Simulate.MoreOptionsChangeTimelineAndCohortSize', async () => {
    const { page } = app;
    await page.click('.more-options summary');
    await page.selectOption('#sim-periods', '90');
    await page.waitForFunction(
      () => document.getElementById('sim-last-period').textContent === '90',
    );
    const cohorts = await readChart(page, 'sim-cohort-chart');
    assert.equal(values(cohorts).length, 91);
    assert.equal(await page.evaluate(() => window.Chart.getChart(
      document.getElementById('sim-cohort-chart')).$cohortBands.colours.length), 91);
    const at90 = parseCount(await page.textContent('#sim-headline'));
    assert.ok(at90 > 43401, `${at90}`);

    const shown = await page.textContent('#sim-headline');
    await page.selectOption('#sim-new-users', '100');
    const smaller = parseCount(await nextHeadline(shown));
    // Cohorts are rounded to whole people, so 100 users per period is not exactly 1/100.
    assert.ok(Math.abs(smaller - at90 / 100) < 91, `${smaller} vs ${at90}`);
  });

  test('Simulate.CohortTooltipNamesTheBandUnderThePointer', async () => {
    const { page } = app;
    // The middle of the band of the cohort started in period 5, at period 20.
    const engine = await simulateInPage(page, { a: 0.03, c: 0.55, d: 1.5 });
    const target = await page.evaluate(({ top, bottom }) => {
      const canvas = document.getElementById('sim-cohort-chart');
      const chart = window.Chart.getChart(canvas);
      const box = canvas.getBoundingClientRect();
      return {
        x: box.left + chart.scales.x.getPixelForValue(20),
        y: box.top + chart.scales.y.getPixelForValue((top + bottom) / 2),
      };
    }, { top: engine.stacked[5][20], bottom: engine.stacked[4][20] });
    const active = await readChart(page, 'sim-active-chart');
    await page.mouse.move(target.x, target.y);

    const tooltip = await page.evaluate(() => {
      const chart = window.Chart.getChart(document.getElementById('sim-cohort-chart'));
      return {
        active: chart.tooltip.dataPoints.map((item) => item.element.cohort),
        title: chart.tooltip.title,
        body: chart.tooltip.body.flatMap((part) => part.lines),
        footer: chart.tooltip.footer,
      };
    });
    const count = (value) => value.toLocaleString('en-US');
    assert.deepEqual(tooltip.active, [5]);
    assert.deepEqual(tooltip.title, ['Period 20']);
    const users = count(engine.cohorts[5][20]);
    assert.deepEqual(tooltip.body, [`Cohort of period 5 (age 15): ${users}`]);
    assert.deepEqual(tooltip.footer, [`All cohorts: ${count(values(active)[20])}`]);
  });
});
