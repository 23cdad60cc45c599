// Writes bench/results.md from what run.mjs gathered: targets first, then every figure, how it
// was measured, and suggestions.

import {
  duration, kilobytes, milliseconds, parameter, ratio, share, throughput,
} from './format.mjs';

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
    const native = row.perMegabyte && row.nativeSeconds !== null
      ? `${duration(row.nativeSeconds)} (${throughput(1e6, row.nativeSeconds)})`
      : duration(row.nativeSeconds);
    const js = row.jsSeconds === null ? row.jsNote ?? '—'
      : row.perMegabyte ? `${duration(row.jsSeconds)} (${throughput(1e6, row.jsSeconds)})`
        : duration(row.jsSeconds);
    return [
      row.what,
      native,
      duration(row.nativeCpuSeconds),
      js,
      row.jsOverNative ? ratio(row.jsOverNative) : '—',
      duration(row.referenceSeconds),
      row.versusReference ? `${row.versusReference} (${row.oursMeasuredAs})` : '—',
    ];
  });
  // The pending comparison keeps its row so that the table shows what is still missing.
  for (const pending of results.pending) {
    rows.push([`${pending.what}: ${pending.status}`, '—', '—', '—', '—', '—', '—']);
  }
  const unbounded = results.referenceNotes;
  return [
    '## The core: native, through the JS API in Chromium, and the Python reference',
    '',
    table(['operation', 'native (C++)', 'native, CPU time', 'JS API (Chromium)', 'JS ÷ native',
      'scipy', 'ours vs scipy'], rows),
    '',
    '- Times are medians of wall-clock time, as a person waits for them; the native CPU time '
      + '(time the benchmark\'s thread actually ran) is shown beside it because it is less '
      + 'affected by other work on a shared machine.',
    '- "ours vs scipy" compares the JS API time where there is one, else the native time.',
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
  const added = slider.filter((entry) => entry.addedOption).map((entry) => entry.periods);
  return [
    '## Slider to drawn charts (dist/index.html#simulate)',
    '',
    table(['periods', 'moves', 'input → 2nd animation frame (median / p95)',
      'input → frame painted', 'work per move: frame start → painted', 'wait for the frame'],
    rows),
    '',
    'Where a move\'s work goes (medians of the instrumented moves):',
    '',
    table(['periods', 'cohort datasets', 'core.simulate', 'Chart.js update (without drawing)',
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
      + 'one frame, and the target is judged on it.',
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
    parts.push(
      table(['file', 'type', 'bytes', 'gzip -9'], [
        ...transfer.files.map((file) => [
          file.path, file.contentType.split(';')[0], file.bytes.toLocaleString('en-US'),
          file.gzipBytes.toLocaleString('en-US'),
        ]),
        ['**all**', '', `**${transfer.bytes.toLocaleString('en-US')}**`,
          `**${transfer.gzipBytes.toLocaleString('en-US')}** (${kilobytes(transfer.gzipBytes)})`],
      ]),
      '',
      'Every request Playwright saw while dist/index.html loaded and the engine started, each '
        + 'body compressed with Node\'s zlib at level 9. KB = 1,000 bytes.',
    );
  }
  return parts.join('\n');
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
      + 'batches of the time per call. The pages are cross-origin isolated, which gives '
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
      + '`node bench/browser_bench.mjs OUTPUT.json`.',
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
    agreementSection(results),
    profilesSection(results),
    suggestionsSection(results),
    methodSection(results),
  ].filter(Boolean).join('\n\n')}\n`;
}
