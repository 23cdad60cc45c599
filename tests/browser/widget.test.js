// The embeddable chart of issue 5: <retention-curve> from dist/retention-widget.js and the
// embed.html iframe, on the example page dist/embed-example.html served under a sub-path.

import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { DIST_DIR, startSession } from './browser_session.js';
import { paintedPixels, watchContext } from './page_watch.js';
import { startStaticServer } from './static_server.js';

/** A documentation page of another site, which keeps the widget's files in a folder of its own. */
const HOST_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Team handbook</title>
  <!-- No icon: the browser would ask for /favicon.ico, which this test server does not have. -->
  <link rel="icon" href="data:,">
  <script type="module" src="../assets/retention/retention-widget.js"></script>
</head>
<body>
  <p>Our retention, as modelled:</p>
  <div><retention-curve a="0.05" c="0.6" d="1.4" periods="20"></retention-curve></div>
</body>
</html>
`;

describe('Widget', () => {
  let session;
  let context;
  let watch;
  let page;

  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    context = await session.browser.newContext({ viewport: { width: 1200, height: 900 } });
    watch = await watchContext(context);
    page = await context.newPage();
    await page.goto(`${session.baseUrl}embed-example.html`);
    await page.waitForFunction(() => [...document.querySelectorAll('retention-curve')]
      .every((widget) => widget.result !== null));
  });
  afterEach(async () => {
    await context.close();
    assert.deepEqual(watch.problems, [], 'the page logged errors or warnings');
    assert.deepEqual(watch.violations, [], 'the page broke its Content-Security-Policy');
  });

  /** What a widget shows: its simulation's numbers and its canvas. */
  async function widgetState(target, selector) {
    const widget = await target.$(selector);
    const canvas = await widget.evaluateHandle((element) => element.shadowRoot
      .querySelector('canvas'));
    return widget.evaluate((element, painted) => ({
      parameters: element.result.parameters,
      curve: Array.from(element.result.curve),
      activeUsers: Array.from(element.result.activeUsers),
      label: element.shadowRoot.querySelector('canvas').getAttribute('aria-label'),
      width: element.getBoundingClientRect().width,
      containerWidth: (() => {
        const style = getComputedStyle(element.parentElement);
        return element.parentElement.clientWidth - parseFloat(style.paddingLeft)
          - parseFloat(style.paddingRight);
      })(),
      painted,
    }), await paintedPixels(canvas));
  }

  test('Widget.TwoWidgetsOnOnePageDrawTheirOwnCurves', async () => {
    const retention = await widgetState(page, '#example-retention');
    const active = await widgetState(page, '#example-active');

    assert.ok(retention.painted > 1000, 'the retention widget is blank');
    assert.ok(active.painted > 1000, 'the active users widget is blank');
    // a = 0.03, c = 0.55, d = 1.5, 10,000 new users (the engine's default): the README's
    // 43,401 active users in period 30.
    assert.equal(retention.activeUsers.length, 31);
    assert.equal(retention.activeUsers[30], 43401);
    assert.match(retention.label, /^Retention curve with a = 0.03, c = 0.55, d = 1.5/);
    // The second widget's own attributes: 60 periods of 1,000 new users, as active users.
    assert.deepEqual(active.parameters.a, 0.1);
    assert.equal(active.activeUsers.length, 61);
    assert.ok(active.activeUsers[0] === 1000, `period 0: ${active.activeUsers[0]}`);
    assert.match(active.label, /^Active users with a = 0.1, c = 1, d = 1.2/);
    assert.notDeepEqual(retention.curve.slice(0, 31), active.curve.slice(0, 31));
  });

  test('Widget.ChangingAnAttributeRedraws', async () => {
    const before = await widgetState(page, '#example-retention');
    await page.$eval('#example-retention', (widget) => widget.setAttribute('a', '0.2'));
    await page.waitForFunction(() => document.getElementById('example-retention')
      .result.parameters.a === 0.2);
    const afterChange = await widgetState(page, '#example-retention');

    // A higher floor keeps more of every cohort: r(30) rises, and so do active users.
    assert.ok(afterChange.curve[30] > before.curve[30] + 0.1,
      `r(30) ${before.curve[30]} → ${afterChange.curve[30]}`);
    assert.ok(afterChange.activeUsers[30] > before.activeUsers[30]);
    assert.match(afterChange.label, /a = 0.2,/);
    assert.notEqual(afterChange.painted, before.painted, 'the canvas was not redrawn');

    await page.$eval('#example-retention', (widget) => widget.setAttribute('chart', 'active'));
    await page.waitForFunction(() => document.getElementById('example-retention').shadowRoot
      .querySelector('canvas').getAttribute('aria-label').startsWith('Active users'));
  });

  test('Widget.FollowsTheWidthOfItsContainer', async () => {
    const wide = await widgetState(page, '#example-active');
    assert.ok(Math.abs(wide.width - wide.containerWidth) <= 1,
      `widget ${wide.width} px in a container of ${wide.containerWidth} px`);

    // Below 720 px the example's grid puts the widgets in one column, wider than before.
    await page.setViewportSize({ width: 600, height: 900 });
    await page.waitForFunction((previous) => {
      const canvas = document.getElementById('example-active').shadowRoot.querySelector('canvas');
      return canvas.getBoundingClientRect().width !== previous;
    }, wide.width);
    const narrow = await widgetState(page, '#example-active');
    assert.ok(Math.abs(narrow.width - narrow.containerWidth) <= 1);
    const canvasWidth = await page.$eval('#example-active', (widget) => widget.shadowRoot
      .querySelector('canvas').getBoundingClientRect().width);
    assert.ok(Math.abs(canvasWidth - narrow.width) <= 1,
      `canvas ${canvasWidth} px in a widget of ${narrow.width} px`);
  });

  test('Widget.WrongAttributeIsExplainedInTheWidget', async () => {
    await page.$eval('#example-retention', (widget) => widget.setAttribute('c', 'fast'));
    const problem = await page.waitForFunction(() => {
      const text = document.getElementById('example-retention').shadowRoot
        .querySelector('.problem');
      return !text.hidden && text.textContent;
    });
    assert.equal(await problem.jsonValue(), 'c="fast" is not a number.');
    // The curve of the attributes before is not left on show as if it were theirs.
    assert.deepEqual(await page.$eval('#example-retention', (widget) => ({
      chartHidden: widget.shadowRoot.querySelector('.frame').hidden,
      result: widget.result,
    })), { chartHidden: true, result: null });

    // The engine's own check, e.g. a floor above 1, is shown the same way.
    await page.$eval('#example-retention', (widget) => {
      widget.setAttribute('c', '0.55');
      widget.setAttribute('a', '1.5');
    });
    await page.waitForFunction(() => /\ba\b/.test(document.getElementById('example-retention')
      .shadowRoot.querySelector('.problem').textContent));

    // Fixed, the chart comes back.
    await page.$eval('#example-retention', (widget) => widget.setAttribute('a', '0.2'));
    await page.waitForFunction(() => document.getElementById('example-retention').result
      ?.parameters.a === 0.2);
    assert.equal(await page.$eval('#example-retention', (widget) => widget.shadowRoot
      .querySelector('.frame').hidden), false);
  });

  test('Widget.LoadsTheEngineFromBesideItsScriptOnAnotherSite', async () => {
    const site = await mkdtemp(join(tmpdir(), 'retention-host-'));
    const assets = join(site, 'assets', 'retention');
    await mkdir(assets, { recursive: true });
    await mkdir(join(site, 'docs'));
    for (const name of ['retention-widget.js', 'retention-core.mjs', 'retention-core.wasm']) {
      await copyFile(join(DIST_DIR, name), join(assets, name));
    }
    await writeFile(join(site, 'docs', 'handbook.html'), HOST_PAGE);
    const server = await startStaticServer(site, { prefix: '/intranet/' });
    const hostContext = await session.browser.newContext();
    const hostWatch = await watchContext(hostContext);
    try {
      const hostPage = await hostContext.newPage();
      await hostPage.goto(`${server.url}docs/handbook.html`);
      await hostPage.waitForFunction(() => document.querySelector('retention-curve').result);
      const state = await widgetState(hostPage, 'retention-curve');
      assert.equal(state.curve.length, 21);
      assert.ok(state.painted > 1000, 'the widget is blank');
      const paths = hostWatch.requests.map(({ url }) => new URL(url).pathname);
      assert.deepEqual(paths, [
        '/intranet/docs/handbook.html',
        '/intranet/assets/retention/retention-widget.js',
        '/intranet/assets/retention/retention-core.mjs',
        '/intranet/assets/retention/retention-core.wasm',
      ]);
    } finally {
      await hostContext.close();
      await server.close();
      await rm(site, { recursive: true, force: true });
    }
    assert.deepEqual(hostWatch.problems, [], 'the host page logged errors or warnings');
  });

  test('Widget.IframeEmbedFollowsItsHash', async () => {
    const frame = page.frames().find((candidate) => candidate.url().includes('embed.html'));
    assert.ok(frame, 'no embed.html frame');
    await frame.waitForFunction(() => document.querySelector('retention-curve')?.result);
    const first = await widgetState(frame, 'retention-curve');
    // The example's frame: embed.html#a=0.2&c=2&d=1.3&periods=90.
    assert.deepEqual(
      { a: first.parameters.a, c: first.parameters.c, d: first.parameters.d },
      { a: 0.2, c: 2, d: 1.3 },
    );
    assert.equal(first.curve.length, 91);
    assert.ok(first.painted > 1000, 'the embedded chart is blank');

    // The frame fills its iframe, which the page sizes.
    const frameBox = await (await page.$('#example-frame')).boundingBox();
    assert.ok(Math.abs(first.width - (frameBox.width - 16)) <= 1,
      `widget ${first.width} px in a frame of ${frameBox.width} px (8 px padding each side)`);

    await frame.evaluate(() => { window.location.hash = 'a=0.05&c=0.5&d=1&periods=12'; });
    await frame.waitForFunction(() => document.querySelector('retention-curve')
      .result.parameters.a === 0.05);
    const second = await widgetState(frame, 'retention-curve');
    assert.equal(second.curve.length, 13);
  });
});
