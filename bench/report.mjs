// Writes bench/results.md from what run.mjs gathered: targets first, then every figure, how it
// was measured, and suggestions.

import {
  duration, kilobytes, mebibytes, milliseconds, parameter, ratio, rowRate, share, throughput,
} from './format.mjs';
import { eventLogSize } from './targets.mjs';

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function gibibytes(bytes) {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

function verdictText(target) {
  if (target.met === null) return '**not measured**';
  return target.met ? '**met**' : '**missed**';
}

function header(results) {
  const { machine, loadAverage, reference, browser } = results;
  const versions = [
    `Debian ${machine.debian}, Linux ${machine.kernel}`,
    `${machine.compiler} (${machine.buildType})`,
    `Google Benchmark ${machine.googleBenchmark}`,
    `Emscripten ${machine.emscripten}`,
    `Node ${machine.node}`,
    browser ? `Chromium ${browser.chromium}` : null,
    reference ? `Python ${reference.versions.python}, NumPy ${reference.versions.numpy}, `
      + `SciPy ${reference.versions.scipy}` : null,
  ].filter(Boolean).join('; ');
  return [
    '# Benchmarks',
    '',
    'Written by `bench/run.mjs`; do not edit by hand. Issue 7.',
    '',
    `- **Date:** ${results.date} (the run took ${results.durationSeconds.toFixed(0)} s)`,
    `- **Command:** \`${results.command}\``,
    results.sources ? `- **Sources:** commit ${results.sources.commit}`
      + (results.sources.changedFiles ? ` with ${results.sources.changedFiles} changed or new `
        + 'files in the checkout' : '')
      + (results.buildCopied ? '; the binaries in build/native/bench and the site in dist/ '
        + 'were copied at the start, so a build started during the run cannot change what is '
        + 'measured' : '') : null,
    `- **Machine:** ${machine.cpu}, ${machine.logicalCpus} logical CPUs `
      + `(${machine.availableCpus} available to the run), ${gibibytes(machine.memoryBytes)} `
      + 'of memory (from /proc)',
    `- **Load average** (1, 5, 15 min): ${loadAverage.start.join(', ')} at the start, `
      + `${loadAverage.end.join(', ')} at the end. `
      + (Math.max(loadAverage.start[0], loadAverage.end[0]) > machine.logicalCpus
        ? '**The load was above the number of CPUs:** other work shared the machine, so the '
          + 'wall-clock figures are inflated and vary more than usual from run to run.'
        : 'The machine is shared; a load near the number of CPUs inflates wall-clock figures.'),
    `- **Software:** ${versions}`,
  ].filter((line) => line !== null).join('\n');
}

function targetsSection(results) {
  const rows = results.targets.map((target) => [
    target.target, target.measured, verdictText(target), target.byHowMuch,
  ]);
  const why = results.targets.filter((target) => target.why)
    .map((target) => `- **${target.target}** — ${target.met ? '' : `${target.byHowMuch}. `}`
      + `${target.why}${target.judgedOn ? ` Judged on the ${target.judgedOn}` : ''}`);
  return [
    '## Targets',
    '',
    table(['target (issue 7)', 'measured (median)', 'verdict', 'by how much'], rows),
    '',
    '### Why',
    '',
    ...why,
  ].join('\n');
}

function operationsSection(results) {
  const rows = results.rows.map((row) => {
    // A per-MB or per-million-rows time is followed by its rate.
    const rate = (seconds) => {
      if (row.perMegabyte) return ` (${throughput(1e6, seconds)})`;
      if (row.perMillionRows) return ` (${rowRate(seconds)})`;
      return '';
    };
    const native = row.nativeSeconds === null ? duration(null)
      : `${duration(row.nativeSeconds)}${rate(row.nativeSeconds)}`;
    const js = row.jsSeconds === null ? row.jsNote ?? '—'
      : `${duration(row.jsSeconds)}${rate(row.jsSeconds)}`;
    const reference = row.referenceSeconds === null ? '—'
      : `${row.reference}: ${duration(row.referenceSeconds)}${rate(row.referenceSeconds)}`;
    return [
      row.what,
      native,
      duration(row.nativeCpuSeconds),
      js,
      row.jsOverNative ? ratio(row.jsOverNative) : '—',
      reference,
      row.versusReference ? `${row.versusReference} (${row.oursMeasuredAs})` : '—',
    ];
  });
  const unbounded = results.referenceNotes;
  return [
    '## The core: native, through the JS API in Chromium, and the references',
    '',
    table(['operation', 'native (C++)', 'native, CPU time', 'JS API (Chromium)', 'JS ÷ native',
      'reference (scipy, DuckDB)', 'ours vs reference'], rows),
    '',
    '- Times are medians of wall-clock time, as a person waits for them; the native CPU time '
      + '(time the benchmark\'s thread actually ran) is shown beside it because it is less '
      + 'affected by other work on a shared machine.',
    '- "ours vs reference" compares the JS API time where there is one, else the native time. '
      + 'The reference is scipy for the fits and DuckDB-Wasm for the event-log file (see '
      + '"Cohort table from an event log" below).',
    '- scipy: the power curve by `curve_fit` with the same bounds as ours (0 ≤ a < 1, c ≥ 0, '
      + 'd ≥ 0; method "trf"), from p0 = (0.1, 1, 1); the likelihood fits by `minimize` '
      + '(L-BFGS-B) with `scipy.special.betaln`, from α = β (= c) = 1. Without bounds '
      + '(`curve_fit` method "lm", MINPACK like ours) the power fit takes '
      + `${duration(unbounded.power5UnboundedSeconds)} on 5 points and `
      + `${duration(unbounded.power180UnboundedSeconds)} on 180.`,
    '- Our fits try several deterministic starting points and keep the best; scipy\'s fits '
      + 'start once. core.fit also returns standard errors, a forecast with its band and the '
      + 'expected lifetime, which scipy\'s calls do not compute.',
    `- Parsing reads ${results.fixtures.parseTextBytes.toLocaleString('en-US')} bytes of `
      + 'generated text (`period<TAB>0.dddddd` rows); per-MB figures are per 10^6 bytes.',
  ].join('\n');
}

function sliderSection(results) {
  const slider = results.browser?.slider;
  if (!slider) return '## Slider to drawn charts\n\nNot measured (see failures).';
  const cell = (figure) => `${milliseconds(figure.median)} / ${milliseconds(figure.p95)}`;
  const rows = slider.map((entry) => [
    `${entry.periods}${entry.addedOption ? ' (option added)' : ''}`,
    String(entry.moves),
    cell(entry.timing.drawnMs),
    cell(entry.timing.paintedMs),
    cell(entry.timing.workMs),
    milliseconds(entry.timing.waitForFrameMs.median),
  ]);
  const breakdownRows = slider.map((entry) => {
    const b = entry.breakdown;
    return [
      String(entry.periods), String(entry.cohortBands), milliseconds(b.simulateMs.median),
      milliseconds(b.chartUpdateMs.median), milliseconds(b.chartDrawMs.median),
      milliseconds(b.otherScriptMs.median), milliseconds(b.styleLayoutPaintMs.median),
    ];
  });
  const dragged = slider.filter((entry) => entry.drag);
  const dragRows = dragged.map(({ periods, drag }) => [
    String(periods), String(drag.steps), `${drag.inputEvents} / ${drag.frames}`,
    cell(drag.inputToRenderedMs), cell(drag.inputToPaintedMs),
  ]);
  const added = slider.filter((entry) => entry.addedOption).map((entry) => entry.periods);
  return [
    '## Slider to drawn charts (dist/index.html#simulate)',
    '',
    ...(dragged.length ? [
      'A real drag of the `a` slider\'s thumb with the mouse (medians / p95 over its input '
        + 'events); the target is judged on it:',
      '',
      table(['periods', 'pointer moves', 'input events / frames drawn',
        'input → view rendered', 'input → frame painted'], dragRows),
      '',
      '- Playwright\'s mouse moves the thumb in steps of 3 px back and forth over the track; '
        + 'they go through Chromium\'s whole input pipeline (hit testing, the range\'s own drag, '
        + 'input events aligned to frames), as a person\'s pointer does. Each input event is '
        + 'timed from its timeStamp, when the browser took the pointer move, until a message '
        + 'posted from the frame that rendered it arrives, after that frame\'s style, layout '
        + 'and paint. Several input events can fall in one frame; the view draws once a frame.',
      '',
      'Dispatched moves, which time the work inside the frame and break it down:',
      '',
    ] : []),
    table(['periods', 'moves', 'input → 2nd animation frame (median / p95)',
      'input → frame painted', 'work per move: frame start → painted', 'wait for the frame'],
    rows),
    '',
    'Where a move\'s work goes (medians of the instrumented moves):',
    '',
    table(['periods', 'cohort bands', 'core.simulate', 'Chart.js update (without drawing)',
      'Chart.js drawing', 'other page JS', 'style, layout, paint'], breakdownRows),
    '',
    '- Each move sets the `a` range slider to a new value and dispatches an `input` event, as '
      + 'a drag does; the view simulates and redraws in its next animation frame. Moves start '
      + 'at spread-out points of a frame (a 0–16 ms pause before each), after 5 warm-up moves.',
    '- "input → 2nd animation frame" is the brief\'s "drawn": two requestAnimationFrame '
      + 'callbacks after the event. The second comes a whole frame after the frame the view '
      + 'renders in, so it cannot fall below one frame interval (16.7 ms at 60 Hz) whatever '
      + 'the page does. "Work per move" runs from the start of the render frame until a message '
      + 'posted from it arrives, after its style, layout and paint; it is what has to fit into '
      + `one frame${dragged.length ? '' : ', and the target is judged on it'}.`,
    '- The breakdown wraps core.simulate and each chart\'s update() and draw() with timers in '
      + 'separate moves; "other page JS" is the rest of the render callback (building the '
      + 'charts\' points, the headline).',
    added.length ? `- The periods select offers 10, 30, 60 and 90; for ${added.join(', ')} an `
      + 'option was added to it with page.evaluate before selecting it.' : null,
    '- Headless Chromium with --disable-gpu: canvas drawing and raster are software, so the '
      + 'drawing part is likely slower than in a desktop browser with GPU raster.',
  ].filter((line) => line !== null).join('\n');
}

function loadSection(results) {
  const load = results.browser?.load;
  const transfer = results.browser?.transfer;
  const parts = ['## Page load and transfer size', ''];
  if (load) {
    const names = [
      ['firstContentfulPaintMs', 'first contentful paint'],
      ['domContentLoadedMs', 'DOMContentLoaded'],
      ['wasmResponseEndMs', 'retention-core.wasm downloaded'],
      ['engineReadyMs', 'engine ready, views started (first frame seen)'],
      ['firstChartMs', 'first chart: first frame showing it, painted'],
    ];
    parts.push(
      table(['from navigation start to', 'median', 'p95'], names.map(([key, label]) => [
        label, milliseconds(load.median[key]), milliseconds(load.p95[key]),
      ])),
      '',
      `${load.trials} cold loads of dist/index.html#simulate from 127.0.0.1, each in a new `
        + 'browser context (nothing cached), viewport 1280 × 900, no network throttling: these '
        + 'are the browser\'s own costs (parsing, compiling the wasm, starting the engine, the '
        + 'first render).',
      '',
    );
  }
  if (transfer) {
    const rows = (files) => files.map((file) => [
      file.path, (file.contentType ?? '').split(';')[0], file.requests ?? 1,
      file.bytes.toLocaleString('en-US'), file.gzipBytes.toLocaleString('en-US'),
    ]);
    const total = (part) => ['**all**', '', '', `**${part.bytes.toLocaleString('en-US')}**`,
      `**${part.gzipBytes.toLocaleString('en-US')}** (${kilobytes(part.gzipBytes)})`];
    const header = ['file', 'type', 'requests', 'bytes', 'gzip -9'];
    parts.push(
      table(header, [...rows(transfer.files), total(transfer)]),
      '',
      'What the network carries while dist/index.html loads and the engine starts, the Cohorts '
        + 'view\'s worker included: every request that reached the server, which lets the '
        + 'browser cache for 10 minutes (max-age=600, as GitHub Pages sends), so a file asked '
        + 'for again comes from the browser\'s cache as on such a host; a file sent twice would '
        + 'count twice. The service worker is kept out of this '
        + 'load. Each body is compressed with Node\'s zlib at level 9, as a host\'s gzip at its '
        + 'highest setting would. KB = 1,000 bytes.',
      '',
    );
    if (transfer.offline) {
      parts.push(
        table(header, [...rows(transfer.offline.files), total(transfer.offline)]),
        '',
        'The offline copy, apart: what the service worker downloads after the first load to '
          + 'install the version (the server\'s log of a second load that lets it install, less '
          + 'the page\'s own requests), in a new browser context. It takes a file from the '
          + 'HTTP cache when its hash matches, so it downloads only what the page did not load.',
      );
    }
  }
  return parts.join('\n');
}

function eventLogSection(results) {
  const eventLog = results.eventLog;
  if (!eventLog) {
    return '## Cohort table from an event log: ours beside DuckDB-Wasm\n\nNot measured (see '
      + 'failures).';
  }
  const { file, ours, duckdb, agreement, settings } = eventLog;
  const count = (value) => value.toLocaleString('en-US');
  const rate = (value) => `${Number(value.toPrecision(3))} MB/s`;
  const perCpu = (median) => `${Number((file.bytes / 1e6 / median.cpuSeconds).toPrecision(3))} MB`;
  const summary = table(['median of the runs', 'ours: core.CohortStream in a Web Worker',
    `DuckDB-Wasm ${duckdb.version} (npm ${duckdb.packageVersion})`], [
    ['first byte → table', duration(ours.median.seconds), duration(duckdb.median.seconds)],
    ['rate (file bytes ÷ that time)', `**${rate(ours.median.megabytesPerSecond)}**`,
      `**${rate(duckdb.median.megabytesPerSecond)}**`],
    ['CPU time of the browser\'s processes', duration(ours.median.cpuSeconds),
      duration(duckdb.median.cpuSeconds)],
    ['bytes per CPU second', perCpu(ours.median), perCpu(duckdb.median)],
    ['memory the engine reports holding (peak memoryBytes)',
      mebibytes(ours.median.peakMemoryBytes), '—'],
    ['wasm heap after the run (HEAPU8.length)', mebibytes(ours.median.heapBytes),
      'not reachable from the page'],
    ['renderer process, peak resident (VmHWM)', mebibytes(ours.median.rendererPeakResidentBytes),
      mebibytes(duckdb.median.rendererPeakResidentBytes)],
  ]);
  const runs = table(['run', 'ours', 'ours: add() / waiting for slices / finish()',
    'DuckDB'], ours.runs.map((run, index) => {
    const theirs = duckdb.runs[index];
    return [
      String(index + 1),
      `${duration(run.seconds)} (${rate(run.megabytesPerSecond)}, ${duration(run.cpuSeconds)} CPU)`,
      `${duration(run.addSeconds)} / ${duration(run.waitingForSlicesSeconds)} / `
        + `${duration(run.finishSeconds)}`,
      theirs ? `${duration(theirs.seconds)} (${rate(theirs.megabytesPerSecond)}, `
        + `${duration(theirs.cpuSeconds)} CPU)` : '—',
    ];
  }));
  const check = agreement.oursVsDuckdb;
  const allAgree = (checks) => checks.every((entry) => entry.agrees);
  const checkLine = check.agrees
    ? `**The tables agree:** ours and DuckDB's hold the same ${check.cohorts} cohorts and the same `
      + `count in all ${count(check.cells)} cells (sizes included)`
    : `**The tables differ** in ${check.differences} of ${count(check.cells)} cells; the first: `
      + check.firstDifferences.map((entry) => `${entry.cohort}${entry.k === undefined ? ''
        : ` k = ${entry.k}`}: ours ${entry.first ?? entry.what}, DuckDB ${entry.second ?? '—'}`)
        .join('; ');
  const generatorLine = `Against the table the generator wrote: every run of ours `
    + `${allAgree(agreement.oursVsGenerator) ? 'agrees' : '**differs**'}, every run of DuckDB `
    + `${allAgree(agreement.duckdbVsGenerator) ? 'agrees' : '**differs**'}.`;
  const firstCohorts = table(['cohort', 'ours, k = 0..5', 'DuckDB, k = 0..5',
    'generator, k = 0..5'], agreement.firstCohorts.map((cohort) => [
    cohort.start, cohort.ours?.join(', ') ?? '—', cohort.duckdb?.join(', ') ?? '—',
    cohort.generator.join(', '),
  ]));
  const written = file.writeSeconds === null ? 'reused from an earlier run'
    : `written in ${duration(file.writeSeconds)} in this run`;
  return [
    '## Cohort table from an event log: ours beside DuckDB-Wasm, in Chromium',
    '',
    `The log: ${eventLogSize(eventLog)} (${count(file.bytes)} bytes) of CSV \`user_id,timestamp,`
      + `event\`, ${count(file.rows)} rows by ${count(file.users)} users over ${file.weeks} weeks `
      + `from ${file.firstWeek}, ISO 8601 UTC times in time order, from `
      + `bench/event_log_fixture.mjs (deterministic; ${written}). Our engine read it as `
      + `${count(eventLog.read.rows)} rows, ${count(eventLog.read.events)} events kept `
      + `(${count(eventLog.read.repeatedEvents)} repeats of a user's previous event), `
      + `${count(eventLog.read.skippedRows)} rows skipped.`,
    '',
    summary,
    '',
    runs,
    '',
    `${checkLine}. ${generatorLine}`,
    '',
    firstCohorts,
    '',
    '- **Same browser, same file:** both read one File, chosen in the benchmark page\'s '
      + '`<input type=file>` with Playwright\'s setInputFiles(path), so Chromium reads it from '
      + 'disk as it would a file a person picks; neither ever holds all of it. Each run starts in '
      + 'a new browser context (a new renderer process); ours and DuckDB take turns.',
    `- **Ours:** core.CohortStream(${JSON.stringify(settings.options)}) in a module Web Worker `
      + `(bench/event_log_worker.mjs), fed ${mebibytes(settings.chunkBytes)} slices read with `
      + 'File.slice().arrayBuffer(), the next slice requested before add() works on the current '
      + 'one, progress posted per slice, as www/js/cohort_worker.js does. Timed in the worker from '
      + 'the request for the first slice until finish() returned the table; loading the module '
      + 'is not timed.',
    `- **DuckDB:** @duckdb/duckdb-wasm ${duckdb.packageVersion} (DuckDB ${duckdb.version}), its `
      + `"${duckdb.bundle}" build in its own worker, threads = ${duckdb.threads}; the File `
      + 'registered with registerFileHandle (BROWSER_FILEREADER), then the query below, timed in '
      + 'the page from the call until its rows were JS objects; instantiating DuckDB is not timed. '
      + 'The column types are given, so DuckDB does not sniff them (ours detects its columns and '
      + 'time format itself). Its threaded "coi" build (the page is cross-origin isolated) was '
      + 'tried while this benchmark was written: with threads = 2 the query fails on this file '
      + 'with "RangeError: offset is out of bounds" as a pthread worker copies the File\'s bytes '
      + 'into a stale view of the grown shared memory (duckdb/duckdb-wasm issue 2256 reports '
      + 'the same mechanism on other paths); with threads = 1 it runs at the eh build\'s rate.',
    '- **CPU time:** user and system time of all of Chromium\'s processes over the run, from '
      + '/proc (the renderer with its workers, and the browser process, which reads the file). '
      + '**Memory:** memoryBytes as the engine\'s add() reports it (interned ids and the events '
      + 'it keeps); HEAPU8.length after finish() (wasm memory only grows, so this is its peak); '
      + 'the renderer\'s peak resident memory (VmHWM from /proc), which holds the page, its '
      + 'workers and their wasm heaps. performance.measureUserAgentSpecificMemory() was not used: '
      + 'the heap is reachable directly, and DuckDB\'s is not through either.',
    `- MB = 10^6 bytes. ${eventLogSize(eventLog)} is the BENCH_EVENT_LOG_MB=`
      + `${file.megabytes} (MiB) of the run; the log lives in the system's temp folder and is `
      + 'reused while the generator and the size are unchanged.',
    '',
    'DuckDB\'s query:',
    '',
    '```sql',
    duckdb.sql,
    '```',
  ].join('\n');
}

function agreementSection(results) {
  const rows = results.agreement.map((entry) => [
    entry.fit, entry.parameter, parameter(entry.native), parameter(entry.js),
    parameter(entry.scipy), entry.largestDifference === null ? '—'
      : entry.largestDifference.toExponential(1),
    entry.agrees === null ? '—' : entry.agrees ? 'yes' : '**no**',
  ]);
  const truth = results.native?.benchmarks['BM_CountsFit/sbg_pooled_weekly_triangle_52'];
  return [
    '## Do our fits agree with scipy?',
    '',
    table(['fit', 'parameter', 'ours, native', 'ours, JS API', 'scipy', 'largest |difference|',
      `within ${results.agreement[0]?.tolerance ?? 1e-3}`], rows),
    '',
    'The triangle was drawn from an sBG with α = 0.704, β = 1.182 (survivors rounded to whole '
      + `people)${truth ? `; ours recovers α = ${parameter(truth.counters.alpha)}, `
        + `β = ${parameter(truth.counters.beta)}` : ''}.`,
  ].join('\n');
}

function profileTable(profile) {
  const categories = Object.entries(profile.categories)
    .filter(([name]) => name !== 'idle')
    .map(([name, entry]) => [name, share(entry.shareOfBusy)]);
  const top = profile.topFunctions.slice(0, 6)
    .map((entry) => [`\`${entry.name.trim()}\``, share(entry.shareOfBusy)]);
  return [
    table(['where', 'share of busy time'], categories),
    '',
    table(['function (self time)', 'share'], top),
  ].join('\n');
}

function profilesSection(results) {
  const browser = results.browser;
  if (!browser) return '';
  const parts = [
    '## Where the time goes (V8 CPU profiles in the page)',
    '',
    `Sampled every ${browser.settings.profileSamplingUs} µs through the DevTools protocol; self `
      + 'time by origin of the code. The module is minified and its wasm carries no names, so '
      + 'functions show as the glue\'s names and wasm-function[N].',
  ];
  const api = [
    ['simulate365', 'core.simulate, 365 periods, called repeatedly for 1.5 s'],
    ['power5', 'core.fit, power curve on 5 points, repeatedly for 1.5 s'],
    ['parse1MB', 'core.parseRetention on 1 MB, repeatedly for 1.5 s'],
  ];
  for (const [name, label] of api) {
    if (!browser.api.profiles[name]) continue;
    parts.push('', `### ${label}`, '', profileTable(browser.api.profiles[name]));
  }
  const slider180 = browser.slider.find((entry) => entry.periods === 180);
  if (slider180) {
    const moves = browser.settings.slider.profileMoves;
    parts.push('', `### Slider moves at 180 periods (${moves} moves)`, '',
      profileTable(slider180.profile));
  }
  return parts.join('\n');
}

function methodSection(results) {
  const core = results.nativeSettings.core;
  const cohorts = results.nativeSettings.cohorts;
  const api = results.browser?.settings.api;
  const commands = [results.native?.command, results.nativeKeepHeap?.command,
    results.nativeCohorts?.command, results.reference?.command].filter(Boolean);
  return [
    '## How it was measured',
    '',
    `- **Native:** Google Benchmark (bench/core_bench.cpp; bench/cohorts_bench.cpp by the `
      + `cohorts work), built ${results.machine.buildType}. Each benchmark runs a warm-up of `
      + `${core.warmup} s, then ${core.repetitions} repetitions of at least ${core.minTime} s `
      + `each (cohorts_bench: ${cohorts.warmup} s, ${cohorts.repetitions} × ${cohorts.minTime} s, `
      + '50 MB per iteration); the figure is the median over repetitions of the wall-clock time '
      + 'per iteration. Debian\'s libbenchmark says it was built as a debug library; that is '
      + 'the harness, not our code. Fitted parameters come back as counters.',
    api ? `- **JS API:** the module imported by an empty page served beside dist/, in headless `
      + 'Chromium through playwright-core. Each call first runs for at least '
      + `${api.warmupMs} ms and ${api.minWarmupCalls} calls, then in batches of at least `
      + `${api.batchMs} ms; the figure is the median over ${api.minBatches}–${api.batches} `
      + 'batches of the time per call. The batches run in rounds, one of each call per round, '
      + 'so that a burst of other work on the machine falls on a few batches of every call '
      + 'rather than on all of one. The pages are cross-origin isolated, which gives '
      + `performance.now() 5 µs resolution (isolated: ${results.browser.api.crossOriginIsolated}).`
      : null,
    '- **scipy:** bench/reference_fits.py, in the same run: 5 untimed calls, then at least 30 '
      + 'repetitions and 1.5 s; the median of time.perf_counter() per call.',
    '- **Data:** bench/fixtures.json (written by bench/fixtures.mjs) holds every fit\'s data, '
      + 'read by all three: the power curve a = 0.2, c = 1.5, d = 1.1 at t = 0..4 and 0..179 '
      + 'with a fixed ±1% ripple; Fader and Hardie\'s `regular` segment (1,000 customers, years '
      + '0–12, from ../shared/data); the weekly triangle. Simulations use a = 0.03, c = 0.55, '
      + 'd = 1.5 and 10,000 users a period.',
    `- **Commands:** ${commands.map((text) => `\`${text}\``).join('; ')}; `
      + '`node bench/browser_bench.mjs OUTPUT.json`; '
      + (results.eventLog ? `\`BENCH_EVENT_LOG_MB=${results.eventLog.file.megabytes} `
        + `BENCH_EVENT_LOG_RUNS=${results.eventLog.settings.runs} node bench/event_log_bench.mjs `
        + 'OUTPUT.json`.' : '`node bench/event_log_bench.mjs OUTPUT.json`.'),
  ].filter((line) => line !== null).join('\n');
}

function suggestionsSection(results) {
  return [
    '## Where the core and the page could get faster',
    '',
    ...results.suggestions.map((suggestion) => `- **${suggestion.area}:** ${suggestion.text}`),
  ].join('\n');
}

function failuresSection(results) {
  if (!results.failures.length) return '';
  return [
    '## Failures',
    '',
    ...results.failures.map((failure) => `- ${failure.part}: ${failure.message}`),
  ].join('\n');
}

export function renderMarkdown(results) {
  return `${[
    header(results),
    failuresSection(results),
    targetsSection(results),
    operationsSection(results),
    sliderSection(results),
    loadSection(results),
    eventLogSection(results),
    agreementSection(results),
    profilesSection(results),
    suggestionsSection(results),
    methodSection(results),
  ].filter(Boolean).join('\n\n')}\n`;
}
