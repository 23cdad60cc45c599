// The module and the page in headless Debian Chromium (Playwright): the core's operations
// through the JS API, a slider move to drawn charts, page load to first chart, and the bytes
// the page transfers. Every time is taken inside the page with performance.now().
//
// run.mjs starts this as its own Node process, `node bench/browser_bench.mjs OUTPUT.json
// [SITE_DIR]` (SITE_DIR defaults to dist/):
// playwright-core needs Node's fetch classes (Headers), and ./dev runs run.mjs with
// --no-experimental-fetch, which takes them away. Progress goes to stderr, the results to
// OUTPUT.json.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { makeFixtures, retentionText } from './fixtures.mjs';
import { startStaticServer } from '../tests/browser/static_server.js';

// Flags that work as root on the project's Debian machines; the networking ones stop Chromium
// from flooding a closed network with connection attempts.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 900 };

/** How each figure is sampled; results.md states these beside the figures. */
export const SETTINGS = {
  api: { warmupMs: 300, minWarmupCalls: 5, batchMs: 10, batches: 25, minBatches: 11, caseMs: 4000 },
  slider: {
    periods: [30, 90, 180], warmupMoves: 5, moves: 60, breakdownMoves: 20, profileMoves: 20,
    dragSteps: 240,
  },
  load: { trials: 10 },
  profileSamplingUs: 100,
};

/** An empty page at the site's root, so `./retention-core.mjs` resolves as the site's does. */
const API_PAGE = '<!doctype html><meta charset="utf-8"><title>API benchmark</title>';

function percentile(values, share) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Self time of a V8 CPU profile (CDP Profiler) by where the code comes from, and the functions
 * with the most self time.
 */
export function summarizeProfile(profile, top = 10) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
  });

  const categories = {};
  const functions = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const category = categoryOf(functionName, url);
    categories[category] = (categories[category] ?? 0) + us;
    totalUs += us;
    const file = url ? url.split('/').pop() : '';
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const busyUs = totalUs - (categories.idle ?? 0);
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    categories: Object.fromEntries(Object.entries(categories)
      .sort((x, y) => y[1] - x[1])
      .map(([name, us]) => [name, {
        ms: us / 1000,
        shareOfBusy: name === 'idle' ? null : us / busyUs,
      }])),
    topFunctions: [...functions]
      .filter(([key]) => !key.startsWith('(idle)'))
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, shareOfBusy: us / busyUs })),
  };
}

function categoryOf(functionName, url) {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'browser native work (style, layout, paint, raster)';
  if (url.startsWith('wasm://') || url.endsWith('.wasm')) return 'WebAssembly (the core)';
  if (url.endsWith('retention-core.mjs')) return 'Embind glue (retention-core.mjs)';
  // One minified bundle holds the page's modules and Chart.js, so they share a category.
  if (url.includes('/js/')) return 'the page\'s bundle (its modules and Chart.js)';
  if (url.includes('__playwright') || url === '') return 'benchmark harness and builtins';
  return 'other';
}

/** Runs `action` with V8's sampling profiler on and returns the summary of what it sampled. */
async function profiled(page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SETTINGS.profileSamplingUs });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return summarizeProfile(profile);
}

// --- The core through the JS API -------------------------------------------------------------

/**
 * Times each operation in the page. Calls are grouped in batches of at least `batchMs` so the
 * timer's resolution does not matter; the figure is the median over batches of the time per
 * call. Runs in the page: it may use only its arguments.
 */
async function timeApiInPage({ fixtures, parseText, settings, only }) {
  const { default: createRetentionCore } = await import('./retention-core.mjs');
  const core = await createRetentionCore();
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 0));
  const { power, faderHardie, triangle } = fixtures;
  const growth = (periods) => () => core.simulate({
    a: 0.03, c: 0.55, d: 1.5, newUsers: 10000, periods,
  });
  const counts = {
    periods: faderHardie.periods, active: faderHardie.active, cohortSize: faderHardie.cohortSize,
  };
  const curve = (points) => ({ periods: points.periods, retention: points.retention });
  const cases = {
    simulate30: growth(30),
    simulate90: growth(90),
    simulate180: growth(180),
    simulate365: growth(365),
    // The same call, then every row of its cohort table read, which builds them in JS.
    simulate365Rows: () => {
      const result = growth(365)();
      if (!result.error) result.rowsRead = result.cohorts.length + result.stacked.length;
      return result;
    },
    power5: () => core.fit(curve(power.points5)),
    power180: () => core.fit(curve(power.points180)),
    sbg13: () => core.fit({ model: 'sbg', ...counts }),
    bdw13: () => core.fit({ model: 'bdw', ...counts }),
    sbgTriangle: () => core.fit({ model: 'sbg', cohorts: triangle.cohorts }),
    parse1MB: () => core.parseRetention(parseText),
  };

  const results = {};
  // Each case is warmed up and its batches sized first; then the batches run in rounds, one
  // batch of each case per round, so that a burst of other work on a shared machine lands on
  // a few batches of every case instead of on all the batches of one.
  const timed = [];
  for (const [name, call] of Object.entries(cases)) {
    if (only && !only.includes(name)) continue;
    const answer = call();
    if (answer.error) throw new Error(`${name}: ${answer.error.message}`);

    // Warm-up: at least a few calls and a few hundred milliseconds, which also estimates the
    // time per call for sizing the batches.
    let calls = 0;
    const started = performance.now();
    while (calls < settings.minWarmupCalls || performance.now() - started < settings.warmupMs) {
      call();
      calls += 1;
    }
    const estimate = (performance.now() - started) / calls;
    const batchSize = Math.max(1, Math.round(settings.batchMs / estimate));
    const batches = Math.max(settings.minBatches,
      Math.min(settings.batches, Math.floor(settings.caseMs / (estimate * batchSize))));
    timed.push({ name, call, answer, calls, batchSize, batches, perCall: [] });
  }

  const rounds = Math.max(...timed.map((entry) => entry.batches));
  for (let round = 0; round < rounds; round += 1) {
    for (const entry of timed) {
      if (round >= entry.batches) continue;
      await sleep();
      const before = performance.now();
      for (let i = 0; i < entry.batchSize; i += 1) entry.call();
      entry.perCall.push((performance.now() - before) / entry.batchSize);
    }
  }

  for (const { name, answer, calls, batchSize, batches, perCall } of timed) {
    perCall.sort((x, y) => x - y);
    results[name] = {
      ms: perCall[perCall.length >> 1],
      minMs: perCall[0],
      maxMs: perCall[perCall.length - 1],
      batches,
      batchSize,
      warmupCalls: calls,
      // What the call answered, for the agreement checks and the explanations.
      parameters: answer.parameters ?? null,
      message: answer.message ?? null,
      rows: answer.periods?.length ?? null,
    };
  }
  return { results, crossOriginIsolated: self.crossOriginIsolated };
}

/** Runs `call` over and over in the page for `ms` (for a profile). Runs in the page. */
async function repeatApiInPage({ fixtures, parseText, name, ms }) {
  const { default: createRetentionCore } = await import('./retention-core.mjs');
  const core = await createRetentionCore();
  const { power } = fixtures;
  const calls = {
    simulate365: () => core.simulate({ a: 0.03, c: 0.55, d: 1.5, newUsers: 10000, periods: 365 }),
    power5: () => core.fit({ periods: power.points5.periods, retention: power.points5.retention }),
    parse1MB: () => core.parseRetention(parseText),
  };
  const started = performance.now();
  while (performance.now() - started < ms) calls[name]();
}

async function benchmarkApi(browser, baseUrl, fixtures, parseText) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${baseUrl}__api_bench__.html`);
  const timed = await page.evaluate(timeApiInPage, { fixtures, parseText, settings: SETTINGS.api });

  // Where the time of the boundary-heavy calls goes.
  const profiles = {};
  for (const name of ['simulate365', 'power5', 'parse1MB']) {
    profiles[name] = await profiled(page, () => page.evaluate(repeatApiInPage, {
      fixtures, parseText, name, ms: 1500,
    }));
  }
  await context.close();
  return { ...timed, profiles };
}

// --- Slider to drawn charts ------------------------------------------------------------------

/**
 * Moves the `a` slider `moves` times by dispatching input events and times each move until the
 * charts are drawn. The view renders in its next animation frame, so:
 * - a frame callback registered before the event runs first in that frame ("frame start"),
 * - one registered after it runs after the view's render ("rendered"),
 * - a message posted from that one arrives after the frame's style, layout and paint
 *   ("painted"); frame start to painted is the work the move costs ("work"),
 * - the second frame callback after the event is the next frame after the charts updated
 *   ("drawn"). It comes a whole frame interval after the render frame, so it cannot fall
 *   below one frame (16.7 ms at 60 Hz) however little the work is.
 * With `breakdown`, core.simulate and each chart's update and draw are timed too. Runs in the
 * page.
 */
async function moveSliderInPage({ moves, firstMove, breakdown }) {
  const slider = document.getElementById('sim-a-range');
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const timers = { simulate: 0, chartUpdate: 0, chartDraw: 0 };
  const restore = [];
  const wrap = (object, method, timer) => {
    const original = object[method];
    object[method] = function timed(...args) {
      const before = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        timers[timer] += performance.now() - before;
      }
    };
    restore.push(() => { object[method] = original; });
  };
  if (breakdown) {
    // Published by ENGINE_HANDLE_MODULE: the page's modules are one bundle in dist/.
    wrap(globalThis.retentionBenchEngine, 'simulate', 'simulate');
    for (const id of ['sim-curve-chart', 'sim-active-chart', 'sim-cohort-chart']) {
      const chart = window.Chart.getChart(document.getElementById(id));
      wrap(chart, 'update', 'chartUpdate');
      wrap(chart, 'draw', 'chartDraw');
    }
  }

  const samples = [];
  for (let move = firstMove; move < firstMove + moves; move += 1) {
    // a walks over 0.02..0.31 in steps that never repeat the previous value.
    slider.value = (0.02 + ((move * 7) % 30) / 100).toFixed(2);
    for (const key of Object.keys(timers)) timers[key] = 0;
    let frameStart = 0;
    let painted = 0;
    // Pointer events arrive at any point of a frame: spread the moves over the frame's phase
    // instead of dispatching each right after the previous move's frame callback.
    await new Promise((resolve) => setTimeout(resolve, (move * 7) % 17));
    requestAnimationFrame(() => { frameStart = performance.now(); });

    const start = performance.now();
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await nextFrame();
    const rendered = performance.now();
    const paintedPromise = new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { painted = performance.now(); resolve(); };
      channel.port2.postMessage(null);
    });
    await nextFrame();
    const drawn = performance.now();
    await paintedPromise;

    samples.push({
      drawnMs: drawn - start,
      renderedMs: rendered - start,
      paintedMs: painted - start,
      waitForFrameMs: frameStart - start,
      workMs: painted - frameStart,
      renderMs: rendered - frameStart,
      styleLayoutPaintMs: painted - rendered,
      ...(breakdown ? {
        simulateMs: timers.simulate,
        chartUpdateMs: timers.chartUpdate - timers.chartDraw,
        chartDrawMs: timers.chartDraw,
        // The rest of the frame's callbacks: the view's own code around the engine and charts.
        otherScriptMs: rendered - frameStart - timers.simulate - timers.chartUpdate,
      } : {}),
    });
  }
  for (const undo of restore) undo();
  return samples;
}

/**
 * Installed in the page before a drag: times every `input` event of the `a` slider from its
 * timeStamp (when the browser took the pointer move) until the frame that rendered it is
 * painted. The listener is added after the view's own, so the frame callback it asks for runs
 * after the view's render in the same frame, and a message posted from that callback arrives
 * after the frame's style, layout and paint.
 */
function listenToDragInPage() {
  const slider = document.getElementById('sim-a-range');
  const samples = [];
  const listener = (event) => {
    const stamp = event.timeStamp;
    requestAnimationFrame((frameTime) => {
      const rendered = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        samples.push({ inputToRenderedMs: rendered - stamp,
          inputToPaintedMs: performance.now() - stamp, frameTime });
      };
      channel.port2.postMessage(null);
    });
  };
  slider.addEventListener('input', listener);
  globalThis.retentionBenchDrag = () => {
    slider.removeEventListener('input', listener);
    return samples;
  };
}

/**
 * Drags the `a` slider's thumb with the mouse, as a person does: Playwright's pointer moves go
 * through Chromium's whole input pipeline (hit testing, the range's own drag, input events
 * aligned to frames), unlike the dispatched events of moveSliderInPage. The thumb sweeps back
 * and forth over the track in `steps` moves of 3 px.
 */
async function dragSlider(page, steps) {
  const box = await page.locator('#sim-a-range').boundingBox();
  const y = box.y + box.height / 2;
  const travel = Math.floor(box.width - 12);
  const xAt = (step) => {
    const offset = (step * 3) % (2 * travel);
    return box.x + 6 + (offset < travel ? offset : 2 * travel - offset);
  };
  await page.evaluate(listenToDragInPage);
  await page.mouse.move(xAt(0), y);
  await page.mouse.down();
  for (let step = 1; step <= steps; step += 1) await page.mouse.move(xAt(step), y);
  await page.mouse.up();
  // Lets the last move's frame paint before the samples are read.
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  }));
  const samples = await page.evaluate(() => globalThis.retentionBenchDrag());
  const frames = new Set(samples.map((sample) => sample.frameTime)).size;
  return { steps, inputEvents: samples.length, frames, ...summarizeMoves(samples.map(
    ({ inputToRenderedMs, inputToPaintedMs }) => ({ inputToRenderedMs, inputToPaintedMs })))};
}

async function choosePeriods(page, periods) {
  const added = await page.evaluate((value) => {
    const select = document.getElementById('sim-periods');
    if ([...select.options].some((option) => option.value === value)) return false;
    select.add(new Option(value, value));
    return true;
  }, String(periods));
  await page.selectOption('#sim-periods', String(periods));
  await page.waitForFunction(
    (value) => document.getElementById('sim-last-period').textContent === value,
    String(periods),
  );
  return added;
}

function summarizeMoves(samples) {
  const keys = Object.keys(samples[0]);
  return Object.fromEntries(keys.map((key) => [key, {
    median: median(samples.map((sample) => sample[key])),
    p95: percentile(samples.map((sample) => sample[key]), 0.95),
  }]));
}

/**
 * Served in place of retention-core.mjs to the slider's page: the engine module itself (asked
 * for with a query, which the route lets through), whose engine it also publishes, so that the
 * breakdown can time core.simulate inside the page's bundle.
 */
const ENGINE_HANDLE_MODULE = `import createRetentionCore from './retention-core.mjs?unwrapped';
export default async function createPublishedCore(options) {
  const core = await createRetentionCore(options);
  globalThis.retentionBenchEngine = core;
  return core;
}
`;

async function benchmarkSlider(browser, baseUrl) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route(/\/retention-core\.mjs$/, (route) => route.fulfill({
    contentType: 'text/javascript; charset=utf-8',
    body: ENGINE_HANDLE_MODULE,
  }));
  await page.goto(`${baseUrl}index.html#simulate`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  await page.click('details.more-options > summary');

  const { warmupMoves, moves, breakdownMoves, profileMoves } = SETTINGS.slider;
  const results = [];
  for (const periods of SETTINGS.slider.periods) {
    const addedOption = await choosePeriods(page, periods);
    await page.evaluate(moveSliderInPage, { moves: warmupMoves, firstMove: 0, breakdown: false });
    const clean = await page.evaluate(moveSliderInPage, {
      moves, firstMove: warmupMoves, breakdown: false,
    });
    const detailed = await page.evaluate(moveSliderInPage, {
      moves: breakdownMoves, firstMove: 0, breakdown: true,
    });
    const profile = await profiled(page, () => page.evaluate(moveSliderInPage, {
      moves: profileMoves, firstMove: 3, breakdown: false,
    }));
    const drag = await dragSlider(page, SETTINGS.slider.dragSteps);
    const cohortBands = await page.evaluate(() => {
      const chart = window.Chart.getChart(document.getElementById('sim-cohort-chart'));
      return chart.$cohortBands.colours.length;
    });
    results.push({
      periods,
      addedOption,
      moves: clean.length,
      cohortBands,
      timing: summarizeMoves(clean),
      drag,
      breakdown: summarizeMoves(detailed),
      breakdownMoves: detailed.length,
      profile,
    });
  }
  await context.close();
  if (problems.length) throw new Error(`the page failed while the slider moved: ${problems[0]}`);
  return results;
}

// --- Page load and transfer size ------------------------------------------------------------

/**
 * Installed before the page's own scripts: records, in each animation frame, whether the engine
 * is ready and whether the retention chart holds data; the first frame that shows a chart is
 * timed when a message posted from it arrives, after that frame's paint.
 */
function watchFirstChart() {
  const marks = {};
  window.__benchLoadMarks = marks;
  const poll = () => {
    if (marks.engineReadyMs === undefined && document.documentElement.dataset.ready === 'true') {
      marks.engineReadyMs = performance.now();
    }
    const canvas = document.getElementById('sim-curve-chart');
    const chart = canvas && window.Chart?.getChart(canvas);
    if (chart && chart.data.datasets[0]?.data.length > 0) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { marks.firstChartMs = performance.now(); };
      channel.port2.postMessage(null);
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function benchmarkLoad(browser, baseUrl) {
  const trials = [];
  for (let trial = 0; trial < SETTINGS.load.trials; trial += 1) {
    // A new context each time: nothing cached, nothing compiled.
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript(watchFirstChart);
    await page.goto(`${baseUrl}index.html#simulate`);
    await page.waitForFunction(() => window.__benchLoadMarks?.firstChartMs !== undefined,
      null, { timeout: 30000 });
    trials.push(await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0];
      const paint = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const wasm = performance.getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('.wasm'));
      return {
        ...window.__benchLoadMarks,
        domContentLoadedMs: navigation.domContentLoadedEventEnd,
        loadEventMs: navigation.loadEventEnd,
        firstContentfulPaintMs: paint('first-contentful-paint'),
        wasmResponseEndMs: wasm?.responseEnd ?? null,
      };
    }));
    await context.close();
  }
  const keys = Object.keys(trials[0]);
  return {
    trials: trials.length,
    median: Object.fromEntries(keys.map((key) => [key, median(trials.map((t) => t[key]))])),
    p95: Object.fromEntries(keys.map((key) => [key, percentile(trials.map((t) => t[key]), 0.95)])),
  };
}

/** A body's size as served and gzipped at zlib's level 9, the most a host would use. */
function sizes(body) {
  return { bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

function totals(files) {
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

/**
 * What the network carries to load the page and start its engine: every request that reaches
 * the server, from a server that lets the browser cache for 10 minutes as static hosts do
 * (GitHub Pages sends the same max-age), so a file asked for again by the Cohorts worker comes
 * from the browser's cache as it would on such a host. The service worker is kept out of this
 * load; what it downloads afterwards for the offline copy is counted on its own, from the
 * server's log of a second load that lets it install.
 */
export async function measureTransfer(browser, distDir) {
  const served = [];
  const onRequest = (path) => served.push(path);
  const server = await startStaticServer(distDir, {
    prefix: '/', isolated: true, onRequest, cacheControl: 'max-age=600',
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
    const page = await context.newPage();
    const contentTypes = new Map();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname.slice(1);
      contentTypes.set(path, response.headers()['content-type'] ?? '');
    });
    await page.goto(`${server.url}index.html`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    await context.close();
    const byPath = new Map();
    for (const request of served) {
      const path = request.slice(1);
      const known = byPath.get(path);
      if (known) {
        known.requests += 1;
        continue;
      }
      byPath.set(path, {
        path,
        contentType: contentTypes.get(path) ?? '',
        requests: 1,
        ...sizes(readFileSync(join(distDir, path))),
      });
    }
    // A file the server sent twice was carried twice.
    const pageFiles = [...byPath.values()]
      .map((file) => ({ ...file, bytes: file.bytes * file.requests,
        gzipBytes: file.gzipBytes * file.requests }))
      .sort((x, y) => y.gzipBytes - x.gzipBytes);

    // The offline copy: a new context (an empty cache), the service worker allowed, until it
    // controls the page.
    served.length = 0;
    const offlineContext = await browser.newContext({ viewport: VIEWPORT });
    const offlinePage = await offlineContext.newPage();
    const pageRequests = [];
    offlinePage.on('request', (request) => pageRequests.push(new URL(request.url()).pathname));
    await offlinePage.goto(`${server.url}index.html`);
    await offlinePage.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
    await offlinePage.waitForFunction(() => navigator.serviceWorker.controller !== null,
      null, { timeout: 30000 });
    await offlinePage.waitForLoadState('networkidle');
    await offlineContext.close();
    // What the server sent beyond the page's own requests came from the service worker.
    const extra = [...served];
    for (const path of pageRequests) {
      const index = extra.indexOf(path);
      if (index >= 0) extra.splice(index, 1);
    }
    const offlineFiles = [];
    for (const path of extra) {
      const file = path.slice(1);
      offlineFiles.push({ path: file, ...sizes(readFileSync(join(distDir, file))) });
    }
    offlineFiles.sort((x, y) => y.gzipBytes - x.gzipBytes);
    return { ...totals(pageFiles), offline: totals(offlineFiles) };
  } finally {
    await server.close();
  }
}

// --- All of it -------------------------------------------------------------------------------

/**
 * @param {{ distDir: string, fixtures: object, parseText: string,
 *   log: (line: string) => void }} options
 */
export async function runBrowserBenchmarks({ distDir, fixtures, parseText, log }) {
  const server = await startStaticServer(distDir, {
    prefix: '/', pages: { '__api_bench__.html': API_PAGE }, isolated: true,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    log('browser: the core through the JS API');
    const api = await benchmarkApi(browser, server.url, fixtures, parseText);
    log('browser: slider to drawn charts');
    const slider = await benchmarkSlider(browser, server.url);
    log('browser: page load to first chart');
    const load = await benchmarkLoad(browser, server.url);
    log('browser: transfer size');
    const transfer = await measureTransfer(browser, distDir);
    return { chromium: browser.version(), api, slider, load, transfer, settings: SETTINGS };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [output, siteDir] = process.argv.slice(2);
  if (!output) throw new Error('usage: node bench/browser_bench.mjs OUTPUT.json [SITE_DIR]');
  const results = await runBrowserBenchmarks({
    distDir: siteDir ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'),
    fixtures: makeFixtures(),
    parseText: retentionText(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  writeFileSync(output, JSON.stringify(results));
}
