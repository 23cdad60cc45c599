// What every browser test shares: the built site served over http, one headless Chromium, a
// fresh page per test that records console errors and warnings, and readers of page state.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static_server.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');
/** The shared data folder sits beside the repository, in CI as on a workstation. */
export const SHARED_DATA_DIR = resolve(REPO_ROOT, '..', 'shared', 'data');

// Flags that work as root on the project's Debian machines; the networking ones stop Chromium
// from flooding a closed network with connection attempts.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the server and the browser; `close()` stops both.
 * @returns {Promise<{ baseUrl: string, browser: import('playwright-core').Browser,
 *   close: () => Promise<void> }>}
 */
export async function startSession() {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`no built site in ${DIST_DIR}; run ./dev build first`);
  }
  const server = await startStaticServer(DIST_DIR);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    baseUrl: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the site at `hash` in a new context and waits until the engine has started the views.
 * `problems` collects console errors and warnings and uncaught page errors, which normal use
 * must never produce.
 * @param {{ baseUrl: string, browser: import('playwright-core').Browser }} session
 * @param {string} [hash] e.g. '#predict'
 */
export async function openApp(session, hash = '') {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  await page.goto(`${session.baseUrl}${hash}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  return { page, problems, close: () => context.close() };
}

/**
 * The data a chart holds and how many of its canvas pixels are painted.
 * @returns {Promise<{ datasets: { label: string, data: any[] }[], paintedPixels: number }>}
 */
export function readChart(page, canvasId) {
  return page.evaluate((id) => {
    const canvas = document.getElementById(id);
    const chart = window.Chart.getChart(canvas);
    if (!chart) return null;
    // Read a copy: reading the chart's own canvas repeatedly makes Chromium warn that it
    // should have been created with willReadFrequently, and the page must not warn.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const copyContext = copy.getContext('2d', { willReadFrequently: true });
    copyContext.drawImage(canvas, 0, 0);
    const pixels = copyContext.getImageData(0, 0, copy.width, copy.height).data;
    let paintedPixels = 0;
    for (let alpha = 3; alpha < pixels.length; alpha += 4) {
      if (pixels[alpha] !== 0) paintedPixels += 1;
    }
    return {
      datasets: chart.data.datasets.map((dataset) => ({
        label: dataset.label,
        data: dataset.data.map((value) => (typeof value === 'object' ? { ...value } : value)),
      })),
      paintedPixels,
    };
  }, canvasId);
}

/** The fitted parameters as shown beside the predict chart, as numbers. */
export async function readFitParameters(page) {
  const read = async (id) => Number(await page.textContent(`#${id}`));
  return {
    a: await read('predict-a'),
    c: await read('predict-c'),
    d: await read('predict-d'),
    rmse: await read('predict-rmse'),
    rSquared: await read('predict-r-squared'),
  };
}

/** Values of the predict table, row by row, as the person sees them. */
export function readTable(page) {
  return page.$$eval('#predict-table tbody tr', (rows) => rows.map(
    (row) => [...row.querySelectorAll('input')].map((input) => input.value),
  ));
}

/** "43,401" → 43401. */
export function parseCount(text) {
  return Number(text.replaceAll(',', ''));
}

/**
 * Words on screen that betray a number gone wrong (NaN, Infinity, undefined, null); the page
 * shows "—" for a value that is unknown.
 * @returns {Promise<string[]>}
 */
export function brokenValuesOnScreen(page) {
  return page.evaluate(
    () => document.body.innerText.match(/\b(?:NaN|Infinity|undefined|null)\b/g) ?? [],
  );
}

/**
 * Opens the app at `hash` before each test of the enclosing describe (one browser for them
 * all) and, after each, fails the test if the page logged an error or warning or shows a
 * broken number. `onOpen` receives each test's app, and the session, for a test that opens a
 * browser context of its own.
 * @param {string} hash
 * @param {(app: Awaited<ReturnType<typeof openApp>>,
 *   session: Awaited<ReturnType<typeof startSession>>) => void} onOpen
 */
export function openAppForEachTest(hash, onOpen) {
  let session;
  let app;
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    app = await openApp(session, hash);
    onOpen(app, session);
  });
  afterEach(async () => {
    const { problems } = app;
    const broken = await brokenValuesOnScreen(app.page);
    await app.close();
    assert.deepEqual(problems, [], 'the page logged errors or warnings');
    assert.deepEqual(broken, [], 'the page shows a broken number');
  });
}
