// `./dev bench`: every benchmark of issue 7 in one run, written to bench/results.md (for people)
// and bench/results.json (the same data, for programs).
//
// 1. The core, native: core_bench and cohorts_bench (Google Benchmark, JSON output).
// 2. The module and the page in headless Chromium: bench/browser_bench.mjs, in its own Node
//    process (playwright-core does not load under --no-experimental-fetch).
// 3. The Python reference: bench/reference_fits.py (scipy), on the same fixtures.
// 4. The cohort table from a synthetic event log of BENCH_EVENT_LOG_MB MiB (1024 unless set),
//    ours in a Web Worker beside DuckDB-Wasm, in Chromium: bench/event_log_bench.mjs, in its
//    own Node process too. The log is written to the temp folder on the first run (about 20 s
//    for 1 GiB) and reused after.
// The fits of the first three read bench/fixtures.json, rewritten here first by
// bench/fixtures.mjs.
//
// Expects ./dev build to have run (build/native/bench/*, dist/). Takes about five minutes.
// `node bench/run.mjs --report-only` writes results.md again from results.json without
// measuring anything.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, release, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES_PATH, retentionText, writeFixtures } from './fixtures.mjs';
import { runGoogleBenchmark } from './native_bench.mjs';
import { renderMarkdown } from './report.mjs';
import { evaluate } from './targets.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(BENCH_DIR, '..');
const NATIVE_BENCH_DIR = join(REPO_ROOT, 'build', 'native', 'bench');
const SITE_DIR = join(REPO_ROOT, 'dist');
// Debian's python3 with python3-scipy; the first python3 on PATH may be another without scipy.
const PYTHON = '/usr/bin/python3';

/** Repetitions of the native benchmarks; each repetition runs for at least minTime seconds. */
const NATIVE_SETTINGS = {
  core: { repetitions: 15, minTime: 0.1, warmup: 0.05 },
  // 50 MB per iteration: fewer, longer repetitions.
  cohorts: { repetitions: 5, minTime: 0.3, warmup: 0.1 },
};

// glibc gives freed heap above 128 KiB back to the kernel and faults it in again on the next
// call; these keep it. Running the simulation once more with them shows what that costs.
const KEEP_HEAP_ENV = { MALLOC_TRIM_THRESHOLD_: '1000000000', MALLOC_TOP_PAD_: '67108864' };

const started = Date.now();
const log = (line) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`bench ${seconds} s: ${line}\n`);
};

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function firstMatch(text, pattern) {
  return text.match(pattern)?.[1]?.trim() ?? null;
}

function packageVersion(name) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' });
  return query.status === 0 ? query.stdout.trim() : null;
}

function machine() {
  const cpuinfo = readText('/proc/cpuinfo');
  const memTotalKiB = Number(firstMatch(readText('/proc/meminfo'), /MemTotal:\s+(\d+)/));
  const cache = readText(join(REPO_ROOT, 'build', 'native', 'CMakeCache.txt'));
  const compiler = firstMatch(cache, /CMAKE_CXX_COMPILER:[A-Z]+=(.*)/);
  const compilerVersion = compiler
    ? spawnSync(compiler, ['-dumpfullversion'], { encoding: 'utf8' }).stdout?.trim()
    : null;
  return {
    cpu: firstMatch(cpuinfo, /model name\s*:\s*(.*)/),
    logicalCpus: (cpuinfo.match(/^processor\s*:/gm) ?? []).length,
    availableCpus: availableParallelism(),
    memoryBytes: memTotalKiB * 1024,
    kernel: release(),
    debian: readText('/etc/debian_version').trim(),
    node: process.version,
    compiler: compiler && `${compiler.split('/').pop()} ${compilerVersion}`,
    buildType: firstMatch(cache, /CMAKE_BUILD_TYPE:[A-Z]+=(.*)/),
    googleBenchmark: packageVersion('libbenchmark-dev'),
    emscripten: packageVersion('emscripten'),
  };
}

function loadAverage() {
  return readText('/proc/loadavg').split(' ').slice(0, 3).map(Number);
}

/** The commit measured, and whether the checkout had changes on top of it. */
function sources() {
  const git = (...args) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  const changes = git('status', '--porcelain');
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    changedFiles: changes.status === 0 ? changes.stdout.split('\n').filter(Boolean).length : null,
  };
}

/**
 * Copies the benchmark binaries and the built site to a folder of their own, so that a build
 * someone starts in the same checkout during the run cannot swap them halfway through.
 */
function snapshotBuild() {
  const folder = mkdtempSync(join(tmpdir(), 'retention-bench-build-'));
  for (const name of ['core_bench', 'cohorts_bench']) {
    cpSync(join(NATIVE_BENCH_DIR, name), join(folder, name));
  }
  cpSync(SITE_DIR, join(folder, 'dist'), { recursive: true });
  return { folder, nativeDir: folder, siteDir: join(folder, 'dist') };
}

/** The command that started this run: `./dev bench` when the dev script did. */
function command() {
  const own = ['node', ...process.execArgv, relative(REPO_ROOT, process.argv[1])].join(' ');
  const parent = readText(`/proc/${process.ppid}/cmdline`).split('\0').filter(Boolean);
  const viaDev = parent.some((arg) => arg.endsWith('/dev') || arg === './dev' || arg === 'dev')
    && parent.includes('bench');
  return viaDev ? `./dev bench (which builds, then runs ${own})` : own;
}

/** Runs one part of the benchmark; a failure is recorded and the other parts still run. */
function attempt(name, failures, action) {
  try {
    return action();
  } catch (error) {
    log(`${name} FAILED: ${error.message}`);
    failures.push({ part: name, message: error.message });
    return null;
  }
}

function runReference(failures) {
  return attempt('python reference', failures, () => {
    const run = spawnSync(PYTHON, [join(BENCH_DIR, 'reference_fits.py'), FIXTURES_PATH], {
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      throw new Error(`reference_fits.py exited with ${run.status}: ${run.stderr.trim()}`);
    }
    const command = `${PYTHON} bench/reference_fits.py bench/fixtures.json`;
    return { ...JSON.parse(run.stdout), command };
  });
}

/** Runs one of the Chromium benchmarks in its own Node process and returns what it wrote. */
function runBrowserScript(name, failures, siteDir, scriptName) {
  return attempt(name, failures, () => {
    const folder = mkdtempSync(join(tmpdir(), 'retention-bench-'));
    const output = join(folder, 'browser.json');
    try {
      // Without this process's --no-experimental-fetch: playwright-core needs fetch's classes.
      const script = join(BENCH_DIR, scriptName);
      const run = spawnSync(process.execPath, [script, output, siteDir], {
        stdio: ['ignore', 'inherit', 'inherit'],
        cwd: REPO_ROOT,
      });
      if (run.status !== 0) throw new Error(`${scriptName} exited with ${run.status}`);
      return JSON.parse(readFileSync(output, 'utf8'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

/** Every measurement, on the copied build; each part that fails is recorded in `failures`. */
function measure(results, failures, build) {
  log('native: core_bench');
  const coreBench = { shownAs: 'build/native/bench/core_bench' };
  const cohortsBench = { shownAs: 'build/native/bench/cohorts_bench' };
  results.native = attempt('core_bench', failures, () => runGoogleBenchmark(
    join(build.nativeDir, 'core_bench'), { ...NATIVE_SETTINGS.core, ...coreBench }));
  const parseBytes = results.native?.benchmarks.BM_ParseRetention?.counters.text_bytes;
  if (parseBytes !== undefined && parseBytes !== results.fixtures.parseTextBytes) {
    failures.push({ part: 'fixtures', message: `core_bench parsed ${parseBytes} bytes, the `
      + `browser ${results.fixtures.parseTextBytes}: retention_text and retentionText differ` });
  }
  log('native: core_bench, simulation with glibc keeping the freed heap');
  results.nativeKeepHeap = attempt('core_bench (heap kept)', failures, () => runGoogleBenchmark(
    join(build.nativeDir, 'core_bench'),
    { ...NATIVE_SETTINGS.core, ...coreBench, filter: 'BM_SimulateGrowth', env: KEEP_HEAP_ENV }));
  log('native: cohorts_bench');
  results.nativeCohorts = attempt('cohorts_bench', failures, () => runGoogleBenchmark(
    join(build.nativeDir, 'cohorts_bench'), { ...NATIVE_SETTINGS.cohorts, ...cohortsBench }));

  log('python reference (scipy)');
  results.reference = runReference(failures);

  log('browser (headless Chromium)');
  results.browser = runBrowserScript('browser', failures, build.siteDir, 'browser_bench.mjs');

  log('event log: ours in a Web Worker beside DuckDB-Wasm (headless Chromium)');
  results.eventLog = runBrowserScript('event log', failures, build.siteDir,
    'event_log_bench.mjs');
  const agreement = results.eventLog?.agreement;
  const tablesDiffer = agreement && [agreement.oursVsDuckdb, ...agreement.oursVsGenerator,
    ...agreement.duckdbVsGenerator].some((check) => !check.agrees);
  if (tablesDiffer) {
    failures.push({ part: 'event log', message: 'the cohort tables of the engine, DuckDB and '
      + 'the generator differ (see the event-log section)' });
  }
}

/** Writes results.md again from results.json, for a change to the report alone. */
function reportOnly() {
  const path = join(BENCH_DIR, 'results.json');
  const results = JSON.parse(readFileSync(path, 'utf8'));
  Object.assign(results, evaluate(results));
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(BENCH_DIR, 'results.md'), renderMarkdown(results));
  log('wrote bench/results.md and bench/results.json from the last run\'s measurements');
}

function main() {
  const startedAt = new Date();
  const failures = [];
  const results = {
    date: startedAt.toISOString(),
    command: command(),
    sources: sources(),
    machine: machine(),
    loadAverage: { start: loadAverage() },
  };

  log('writing bench/fixtures.json');
  const fixtures = writeFixtures();
  const parseText = retentionText();
  results.fixtures = {
    parseTextBytes: Buffer.byteLength(parseText),
    triangleCells: fixtures.triangle.cohorts.reduce((sum, c) => sum + c.active.length - 1, 0),
  };

  const build = attempt('copying the build', failures, snapshotBuild)
    ?? { folder: null, nativeDir: NATIVE_BENCH_DIR, siteDir: SITE_DIR };
  results.buildCopied = Boolean(build.folder);
  try {
    measure(results, failures, build);
  } finally {
    if (build.folder) rmSync(build.folder, { recursive: true, force: true });
  }

  results.loadAverage.end = loadAverage();
  results.durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
  results.nativeSettings = NATIVE_SETTINGS;
  results.failures = failures;
  Object.assign(results, evaluate(results));

  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(BENCH_DIR, 'results.md'), renderMarkdown(results));
  log(`wrote bench/results.md and bench/results.json in ${results.durationSeconds.toFixed(0)} s`);
  if (failures.length) {
    log(`${failures.length} part(s) failed: ${failures.map((f) => f.part).join(', ')}`);
    process.exitCode = 1;
  }
}

if (process.argv.includes('--report-only')) reportOnly();
else main();
