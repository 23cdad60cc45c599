// Browser tests of how the page chooses a view: the URL hash, the tabs and browser history.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { openApp, readChart, startSession } from './browser_session.js';

describe('Navigation', () => {
  let session;
  let app;

  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });
  afterEach(async () => {
    const { problems } = app;
    await app.close();
    assert.deepEqual(problems, [], 'the page logged errors or warnings');
  });

  async function visibleViews(page) {
    return page.$$eval('section.view:not([hidden])', (sections) => sections.map((s) => s.id));
  }

  async function currentTab(page) {
    return page.$$eval(
      'a.view-tab[aria-current="page"]',
      (tabs) => tabs.map((tab) => tab.dataset.view),
    );
  }

  test('Navigation.HashSelectsPredictView', async () => {
    app = await openApp(session, '#predict');
    assert.deepEqual(await visibleViews(app.page), ['predict-view']);
    assert.deepEqual(await currentTab(app.page), ['predict']);
    assert.equal(await app.page.title(), 'Predict retention · Retention Lab');
  });

  test('Navigation.NoHashOrUnknownHashShowsSimulateView', async () => {
    app = await openApp(session);
    assert.deepEqual(await visibleViews(app.page), ['simulate-view']);
    await app.page.evaluate(() => { window.location.hash = '#nowhere'; });
    await app.page.waitForFunction(() => window.location.hash === '#nowhere');
    assert.deepEqual(await visibleViews(app.page), ['simulate-view']);
    assert.deepEqual(await currentTab(app.page), ['simulate']);
  });

  test('Navigation.TabsSetHashAndBackButtonReturns', async () => {
    app = await openApp(session, '#simulate');
    const { page } = app;
    await page.click('a.view-tab[data-view="predict"]');
    await page.waitForFunction(() => window.location.hash === '#predict');
    assert.deepEqual(await visibleViews(page), ['predict-view']);

    await page.goBack();
    await page.waitForFunction(() => window.location.hash === '#simulate');
    assert.deepEqual(await visibleViews(page), ['simulate-view']);
    assert.deepEqual(await currentTab(page), ['simulate']);
  });

  test('Navigation.SimulateChartsDrawWhenFirstShownAfterPredict', async () => {
    // Charts created inside a hidden view have no size until the view is shown.
    app = await openApp(session, '#predict');
    const { page } = app;
    await page.click('a.view-tab[data-view="simulate"]');
    await page.waitForFunction(() => {
      const canvas = document.getElementById('sim-cohort-chart');
      return canvas.width > 0 && canvas.height > 0;
    });
    // Chart.js resizes on a ResizeObserver callback; give it one frame to draw.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    for (const id of ['sim-curve-chart', 'sim-active-chart', 'sim-cohort-chart']) {
      const chart = await readChart(page, id);
      assert.ok(chart.paintedPixels > 1000, `${id} is blank`);
    }
    assert.equal(await page.textContent('#sim-headline'), '43,401');
  });
});
