// The cohort table from a raw event log, in headless Debian Chromium: our engine in a Web
// Worker beside DuckDB-Wasm (npm @duckdb/duckdb-wasm) in the same browser, on the same file.
//
// The log is the synthetic one of event_log_fixture.mjs (BENCH_EVENT_LOG_MB MiB, 1024 unless
// set). The benchmark page has an <input type=file>; Playwright gives it the log's path, so
// the browser reads the file from disk as a person's chosen file, never whole into memory.
// - Ours: bench/event_log_worker.mjs reads 4 MiB slices into core.CohortStream({period:
//   'week', cohortBy: 'first', mode: 'on'}) and finish()es, as the page's worker does.
// - DuckDB: the same File registered with DuckDB-Wasm (its single-threaded "eh" build; the
//   threaded "coi" build fails on this file, see results.md) and the same table in SQL
//   (EVENT_LOG_SQL).
// Each run starts in a new browser context (a new renderer process), ours and DuckDB taking
// turns so that changes in the machine's load fall on both. Both tables are checked against
// each other and against the table the generator wrote.
//
// run.mjs starts this as its own Node process, `node bench/event_log_bench.mjs OUTPUT.json
// [SITE_DIR]` (SITE_DIR defaults to dist/), for the same reason as browser_bench.mjs. Progress
// goes to stderr, the results to OUTPUT.json.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser_bench.mjs';
import { DEFAULT_MEGABYTES, ensureEventLog } from './event_log_fixture.mjs';
import { startStaticServer } from '../tests/browser/static_server.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(BENCH_DIR, '..');
const NODE_MODULES = join(REPO_ROOT, 'node_modules');

/** How the runs are made; results.md states these beside the figures. */
export const EVENT_LOG_SETTINGS = {
  megabytes: Number(process.env.BENCH_EVENT_LOG_MB ?? DEFAULT_MEGABYTES),
  runs: Number(process.env.BENCH_EVENT_LOG_RUNS ?? 3),
  // The page's worker reads 4 MiB slices too (www/js/cohort_worker.js).
  chunkBytes: 4 << 20,
  options: { period: 'week', cohortBy: 'first', mode: 'on' },
  // A run that takes longer has hung; the browser is then closed.
  runTimeoutMs: 10 * 60 * 1000,
};

/**
 * The weekly cohort table in SQL: each user's cohort is the week (from Monday, UTC) of their
 * first event over the whole file, and a cohort's count at interval k is its users with an
 * event in exactly week cohort + k; interval 0 is the cohort's size. The types are given, so
 * DuckDB does not sniff them; our engine detects its columns and time format itself.
 */
export const EVENT_LOG_SQL = `
WITH active AS (
  SELECT DISTINCT user_id, date_trunc('week', "timestamp") AS week
  FROM read_csv('events.csv', header = true, delim = ',', quote = '"',
    columns = {'user_id': 'VARCHAR', 'timestamp': 'TIMESTAMP', 'event': 'VARCHAR'})
),
cohort_of AS (
  SELECT user_id, min(week) AS cohort FROM active GROUP BY user_id
)
SELECT strftime(cohort, '%Y-%m-%d') AS cohort,
  (date_diff('day', cohort, week) // 7)::INTEGER AS k,
  count(*)::INTEGER AS users
FROM active JOIN cohort_of USING (user_id)
GROUP BY ALL
ORDER BY cohort, k`.trim();

/** Where each npm package the page imports is served from, and its folder. */
function packageMounts() {
  const duckdb = join(NODE_MODULES, '@duckdb', 'duckdb-wasm');
  // apache-arrow and its own imports, nested under duckdb-wasm when npm had to put them there.
  const folderOf = (name) => [join(duckdb, 'node_modules', name), join(NODE_MODULES, name)]
    .find((folder) => {
      try {
        return readdirSync(folder).includes('package.json');
      } catch {
        return false;
      }
    });
  const mounts = { 'vendor/duckdb/': join(duckdb, 'dist') };
  for (const name of ['apache-arrow', 'tslib', 'flatbuffers']) {
    const folder = folderOf(name);
    if (!folder) throw new Error(`npm package ${name} (for @duckdb/duckdb-wasm) is not installed`);
    mounts[`vendor/${name}/`] = folder;
  }
  const version = JSON.parse(readFileSync(join(duckdb, 'package.json'), 'utf8')).version;
  return { mounts, duckdbPackageVersion: version };
}

/**
 * The page: a file input for the log, and an import map for duckdb-browser.mjs, which imports
 * apache-arrow by its bare name (the site has no bundler).
 */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Event-log benchmark</title>
<script type="importmap">
{ "imports": {
  "apache-arrow": "./vendor/apache-arrow/Arrow.dom.mjs",
  "tslib": "./vendor/tslib/tslib.es6.mjs",
  "flatbuffers": "./vendor/flatbuffers/mjs/flatbuffers.js"
} }
</script>
<input type="file" id="event-log">`;

// --- The browser's processes ------------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = 100;

/** Every process started by this one (Chromium and its children), read from /proc. */
function descendantProcesses() {
  const parents = new Map();
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which may itself hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const descendants = new Map();
  let added = true;
  while (added) {
    added = false;
    for (const [pid, parent] of parents) {
      if (!descendants.has(pid) && (parent === process.pid || descendants.has(parent))) {
        descendants.set(pid, ticks.get(pid));
        added = true;
      }
    }
  }
  return descendants;
}

/** CPU seconds (user and system) the browser's processes used since `before` was taken. */
function cpuSecondsSince(before) {
  let ticks = 0;
  for (const [pid, now] of descendantProcesses()) ticks += now - (before.get(pid) ?? 0);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** The largest peak resident memory (VmHWM) of the browser's renderer processes. */
function rendererPeakResidentBytes() {
  let peak = 0;
  for (const pid of descendantProcesses().keys()) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kib = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
      if (kib) peak = Math.max(peak, Number(kib[1]) * 1024);
    } catch {
      // Ended meanwhile.
    }
  }
  return peak || null;
}

// --- In the page ------------------------------------------------------------------------------

// Each engine runs in two calls: one that starts it (loading and compiling its wasm, not
// timed) and one that times the read, so that the CPU time is taken around the read alone.
// The engine lives in window.__eventLogBench between them.

/** Ours: starts the worker and waits until its engine is loaded. Runs in the page. */
async function startOurEngine() {
  const worker = new Worker('./__event_log_worker__.mjs', { type: 'module' });
  const next = () => new Promise((resolve, reject) => {
    const onMessage = ({ data }) => {
      if (data.type === 'progress') return;
      worker.removeEventListener('message', onMessage);
      resolve(data);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (event) => reject(new Error(event.message)), { once: true });
  });
  window.__eventLogBench = { worker, next };
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`the worker said ${ready.type}`);
}

/** Ours: hands the file to the worker and waits for the table. Runs in the page. */
async function readWithOurEngine({ options, chunkBytes }) {
  const { worker, next } = window.__eventLogBench;
  const file = document.getElementById('event-log').files[0];
  try {
    const posted = performance.now();
    const answer = next();
    worker.postMessage({ file, options, chunkBytes });
    const { type, message, ...done } = await answer;
    if (type !== 'done') throw new Error(`our engine failed: ${message}`);
    return { ...done, pageSeconds: (performance.now() - posted) / 1000, bytes: file.size };
  } finally {
    worker.terminate();
  }
}

/** DuckDB-Wasm: starts it in its worker and registers the file. Runs in the page. */
async function startDuckDb() {
  const duckdb = await import('./vendor/duckdb/duckdb-browser.mjs');
  const file = document.getElementById('event-log').files[0];
  const worker = new Worker('./vendor/duckdb/duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  window.__eventLogBench = { db };
  // Absolute: the worker would resolve a relative path against its own URL.
  await db.instantiate(new URL('./vendor/duckdb/duckdb-eh.wasm', location.href).href);
  await db.registerFileHandle('events.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
    true);
  window.__eventLogBench.connection = await db.connect();
}

/** DuckDB-Wasm: times the query until its rows are JS objects. Runs in the page. */
async function readWithDuckDb({ sql }) {
  const { db, connection } = window.__eventLogBench;
  const file = document.getElementById('event-log').files[0];
  try {
    const started = performance.now();
    const result = await connection.query(sql);
    const rows = result.toArray().map((row) => ({
      cohort: row.cohort, k: Number(row.k), users: Number(row.users),
    }));
    const seconds = (performance.now() - started) / 1000;
    const threads = (await connection.query('SELECT current_setting(\'threads\') AS threads'))
      .toArray()[0].threads;
    await connection.close();
    return { seconds, rows, version: await db.getVersion(), threads: Number(threads),
      bytes: file.size };
  } finally {
    await db.terminate();
  }
}

// --- Runs ---------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One run in a new context with the log chosen in its file input: `start` untimed, then
 * `read`, with the CPU time of the browser's processes taken around it.
 */
async function runInNewContext(browser, url, logPath, { start, read }, argument) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    await page.setInputFiles('#event-log', logPath);
    const timeout = EVENT_LOG_SETTINGS.runTimeoutMs;
    await withTimeout(page.evaluate(start), timeout, start.name);
    const before = descendantProcesses();
    const result = await withTimeout(page.evaluate(read, argument), timeout, read.name);
    const cpuSeconds = cpuSecondsSince(before);
    if (problems.length) throw new Error(`the page failed: ${problems[0]}`);
    return { ...result, cpuSeconds, rendererPeakResidentBytes: rendererPeakResidentBytes() };
  } finally {
    await context.close();
  }
}

/** Our table as cohort → counts, null where the log has not reached the cell. */
function oursByCohort(table) {
  return new Map(table.cohorts.map((cohort) => [cohort.start, {
    size: cohort.size, counts: cohort.counts.filter((count) => count !== null),
  }]));
}

/** DuckDB's rows as cohort → counts; an interval without a row had no active user. */
function duckdbByCohort(rows, lastWeek) {
  const byCohort = new Map();
  for (const { cohort, k, users } of rows) {
    if (!byCohort.has(cohort)) {
      const weeks = Math.round((Date.parse(lastWeek) - Date.parse(cohort)) / (7 * 86400e3)) + 1;
      byCohort.set(cohort, { size: 0, counts: new Array(Math.max(weeks, k + 1)).fill(0) });
    }
    byCohort.get(cohort).counts[k] = users;
  }
  for (const entry of byCohort.values()) entry.size = entry.counts[0];
  return byCohort;
}

/** Compares two tables cell by cell: how many cohorts and cells, and the first differences. */
function compareTables(first, second) {
  const differences = [];
  let cells = 0;
  const cohorts = [...new Set([...first.keys(), ...second.keys()])].sort();
  for (const cohort of cohorts) {
    const a = first.get(cohort);
    const b = second.get(cohort);
    if (!a || !b) {
      differences.push({ cohort, what: `only in the ${a ? 'first' : 'second'} table` });
      continue;
    }
    if (a.size !== b.size) {
      differences.push({ cohort, what: 'size', first: a.size, second: b.size });
    }
    const length = Math.max(a.counts.length, b.counts.length);
    for (let k = 0; k < length; k += 1) {
      cells += 1;
      if (a.counts[k] !== b.counts[k]) {
        differences.push({ cohort, k, first: a.counts[k] ?? null, second: b.counts[k] ?? null });
      }
    }
  }
  return { agrees: differences.length === 0, cohorts: cohorts.length, cells,
    differences: differences.length, firstDifferences: differences.slice(0, 5) };
}

function summarize(runs, keys) {
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]));
}

export async function runEventLogBenchmark({ distDir, log }) {
  const settings = EVENT_LOG_SETTINGS;
  const eventLog = ensureEventLog(settings.megabytes, log);
  const { contents } = eventLog;
  const count = (value) => value.toLocaleString('en-US');
  log(`event log: ${eventLog.path}, ${count(contents.bytes)} bytes, ${count(contents.rows)} rows, `
    + `${count(contents.users)} users`
    + (eventLog.writeSeconds === null ? ' (written before)'
      : ` (written in ${eventLog.writeSeconds.toFixed(1)} s)`));

  const { mounts, duckdbPackageVersion } = packageMounts();
  const server = await startStaticServer(distDir, {
    prefix: '/',
    pages: {
      '__event_log_bench__.html': PAGE,
      '__event_log_worker__.mjs': readFileSync(join(BENCH_DIR, 'event_log_worker.mjs'), 'utf8'),
    },
    mounts,
    isolated: true,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  const url = `${server.url}__event_log_bench__.html`;
  const chromiumVersion = browser.version();
  const ours = [];
  const duckdb = [];
  const mbps = (run) => run.bytes / 1e6 / run.seconds;
  try {
    for (let run = 1; run <= settings.runs; run += 1) {
      const answer = await runInNewContext(browser, url, eventLog.path,
        { start: startOurEngine, read: readWithOurEngine },
        { options: settings.options, chunkBytes: settings.chunkBytes });
      const { timing, memory, ...rest } = answer;
      ours.push({ ...rest, ...timing, ...memory });
      log(`event log, run ${run} of ${settings.runs}: ours ${ours.at(-1).seconds.toFixed(1)} s `
        + `(${mbps(ours.at(-1)).toFixed(0)} MB/s, ${ours.at(-1).cpuSeconds.toFixed(1)} CPU s)`);
      duckdb.push(await runInNewContext(browser, url, eventLog.path,
        { start: startDuckDb, read: readWithDuckDb }, { sql: EVENT_LOG_SQL }));
      log(`event log, run ${run} of ${settings.runs}: DuckDB ${duckdb.at(-1).seconds.toFixed(1)} s `
        + `(${mbps(duckdb.at(-1)).toFixed(0)} MB/s, ${duckdb.at(-1).cpuSeconds.toFixed(1)} CPU s)`);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  // Every run's table against the generator's, and ours against DuckDB's.
  const expected = new Map(contents.cohorts.map((cohort) => [cohort.start, cohort]));
  const oursTables = ours.map((run) => oursByCohort(run.table));
  const duckdbTables = duckdb.map((run) => duckdbByCohort(run.rows, contents.lastWeek));
  const agreement = {
    oursVsDuckdb: compareTables(oursTables[0], duckdbTables[0]),
    oursVsGenerator: oursTables.map((table) => compareTables(table, expected)),
    duckdbVsGenerator: duckdbTables.map((table) => compareTables(table, expected)),
    firstCohorts: contents.cohorts.slice(0, 3).map((cohort) => ({
      start: cohort.start,
      ours: oursTables[0].get(cohort.start)?.counts.slice(0, 6) ?? null,
      duckdb: duckdbTables[0].get(cohort.start)?.counts.slice(0, 6) ?? null,
      generator: cohort.counts.slice(0, 6),
    })),
  };
  const check = agreement.oursVsDuckdb;
  const verdict = (checks) => (checks.every((entry) => entry.agrees) ? 'agrees' : 'DIFFERS');
  log(`event log agreement: ours ${check.agrees ? '=' : '≠'} DuckDB over ${check.cohorts} `
    + `cohorts and ${check.cells} cells (${check.differences} differences); every run against `
    + `the generator: ours ${verdict(agreement.oursVsGenerator)}, DuckDB `
    + `${verdict(agreement.duckdbVsGenerator)}`);
  for (const cohort of agreement.firstCohorts) {
    log(`  cohort ${cohort.start}, k = 0..5: ours ${cohort.ours?.join(' ')}; DuckDB `
      + `${cohort.duckdb?.join(' ')}; generator ${cohort.generator.join(' ')}`);
  }

  const firstTable = ours[0].table;
  const oursRuns = ours.map(({ table, ...run }) => ({ ...run, megabytesPerSecond: mbps(run) }));
  const duckdbRuns = duckdb.map(({ rows, ...run }) => ({ ...run, megabytesPerSecond: mbps(run),
    resultRows: rows.length }));
  return {
    settings,
    file: { path: eventLog.path, writeSeconds: eventLog.writeSeconds,
      ...Object.fromEntries(Object.entries(contents).filter(([key]) => key !== 'cohorts')) },
    read: { ...firstTable.log, skippedRows: firstTable.skippedRows, status: firstTable.status,
      cohorts: firstTable.cohorts.length, message: firstTable.message },
    chromium: chromiumVersion,
    ours: {
      runs: oursRuns,
      median: summarize(oursRuns, ['seconds', 'megabytesPerSecond', 'cpuSeconds',
        'waitingForSlicesSeconds', 'addSeconds', 'finishSeconds', 'peakMemoryBytes', 'heapBytes',
        'rendererPeakResidentBytes']),
    },
    duckdb: {
      packageVersion: duckdbPackageVersion,
      version: duckdb[0].version,
      threads: duckdb[0].threads,
      bundle: 'eh',
      sql: EVENT_LOG_SQL,
      runs: duckdbRuns,
      median: summarize(duckdbRuns, ['seconds', 'megabytesPerSecond', 'cpuSeconds',
        'rendererPeakResidentBytes']),
    },
    agreement,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [output, siteDir] = process.argv.slice(2);
  if (!output) throw new Error('usage: node bench/event_log_bench.mjs OUTPUT.json [SITE_DIR]');
  const results = await runEventLogBenchmark({
    distDir: siteDir ?? join(REPO_ROOT, 'dist'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
}
