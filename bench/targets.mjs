// Turns the raw measurements into what results.md reports: one row per operation (native,
// JS API, reference, ratios), the agreement of our fits with scipy's, each target of issue 7
// met or missed with by how much and why, and suggestions backed by the figures.

import {
  duration, kilobytes, mebibytes, milliseconds, ratio, share, versus,
} from './format.mjs';

const AGREEMENT_TOLERANCE = 1e-3;

/** Readers of the raw results that return undefined for a part that failed. */
function readers(results) {
  return {
    native: (name) => results.native?.benchmarks[name],
    nativeKeepHeap: (name) => results.nativeKeepHeap?.benchmarks[name],
    cohorts: (name) => results.nativeCohorts?.benchmarks[name],
    js: (name) => results.browser?.api.results[name],
    jsSeconds: (name) => {
      const ms = results.browser?.api.results[name]?.ms;
      return ms === undefined ? undefined : ms / 1000;
    },
    reference: (name) => results.reference?.fits[name],
    profile: (name) => results.browser?.api.profiles[name],
    slider: (periods) => results.browser?.slider.find((entry) => entry.periods === periods),
    eventLog: () => results.eventLog ?? undefined,
  };
}

/** "1 GiB" or "64 MiB": the size of the generated event log as it was asked for. */
export function eventLogSize(eventLog) {
  const size = eventLog.file.megabytes;
  return size % 1024 === 0 ? `${size / 1024} GiB` : `${size} MiB`;
}

/** The operations, in the order of the table; `native`, `js` and `reference` name the runs. */
function operations(results) {
  const cells = results.fixtures.triangleCells;
  return [
    { id: 'curve', what: 'curve evaluation, one point r(t)', native: 'BM_RetentionCurve',
      jsNote: 'no JS call evaluates one point' },
    ...[30, 90, 180, 365].map((periods) => ({
      id: `simulate${periods}`, what: `simulation, ${periods} periods (10,000 users a period)`,
      native: `BM_SimulateGrowth/${periods}`, js: `simulate${periods}`,
    })),
    { id: 'simulate365Rows',
      what: '↳ 365 periods, then every row of `cohorts` and `stacked` read (built in JS on '
        + 'first read: 2 × 366 rows of 366 numbers)',
      js: 'simulate365Rows' },
    ...[5, 180].flatMap((points) => [
      { id: `powerFit${points}`,
        what: `power fit, ${points} points: the fit alone (fit_power_curve)`,
        native: `BM_PowerFit/${points}`, reference: `power${points}` },
      { id: `powerFitModel${points}`,
        what: `power fit, ${points} points: all of core.fit (fit_model: fit, standard errors, `
          + 'forecast band, expected lifetime)',
        native: `BM_PowerFitModel/${points}`, js: `power${points}`, reference: `power${points}` },
    ]),
    { id: 'expectedLifetimePower',
      what: '↳ of which: expected lifetime of the fitted power curve',
      native: 'BM_ExpectedLifetime/power_5_points' },
    { id: 'sbg13', what: 'sBG fit, Fader–Hardie regular, 13 periods (fit_model, likelihood)',
      native: 'BM_CountsFit/sbg_fader_hardie_13', js: 'sbg13', reference: 'sbg13' },
    { id: 'bdw13', what: 'BdW fit, Fader–Hardie regular, 13 periods (fit_model, likelihood)',
      native: 'BM_CountsFit/bdw_fader_hardie_13', js: 'bdw13', reference: 'bdw13' },
    { id: 'expectedLifetimeBdw', what: '↳ of which: expected lifetime of the fitted BdW',
      native: 'BM_ExpectedLifetime/bdw_fader_hardie_13' },
    { id: 'sbgTriangle',
      what: `pooled sBG fit, 52-cohort weekly triangle (${cells} cells; fit_model, likelihood)`,
      native: 'BM_CountsFit/sbg_pooled_weekly_triangle_52', js: 'sbgTriangle',
      reference: 'sbgTriangle' },
    { id: 'parse', what: 'parsing retention text, per MB (parse_retention, core.parseRetention)',
      native: 'BM_ParseRetention', js: 'parse1MB', perMegabyte: true },
    { id: 'ingestAndCohort1M',
      what: 'event ingestion and cohorting, per MB (50 MB log, 1M users, weekly cohorts)',
      cohorts: 'BM_IngestAndCohort/1000000', perMegabyte: true,
      jsNote: 'in Chromium: the event-log file below' },
    { id: 'ingestAndCohort1MRows', what: '↳ the same per million events (rows of the log)',
      cohorts: 'BM_IngestAndCohort/1000000', perMillionRows: true,
      jsNote: 'in Chromium: the event-log file below' },
    { id: 'ingestAndCohort100k', what: 'event ingestion and cohorting, per MB (100k users)',
      cohorts: 'BM_IngestAndCohort/100000', perMegabyte: true,
      jsNote: 'in Chromium: the event-log file below' },
    { id: 'ingest', what: 'event ingestion alone, per MB (1M users)', cohorts: 'BM_Ingest',
      perMegabyte: true, jsNote: 'in Chromium: the event-log file below' },
    ...eventLogOperations(results),
  ];
}

/** The event-log file read in Chromium, ours beside DuckDB-Wasm, when it was measured. */
function eventLogOperations(results) {
  const eventLog = results.eventLog;
  if (!eventLog) return [];
  const { file } = eventLog;
  return [{
    id: 'eventLogFile',
    what: `cohort table from a ${eventLogSize(eventLog)} event-log file, per MB: `
      + `${file.rows.toLocaleString('en-US')} rows, ${file.users.toLocaleString('en-US')} users, `
      + `${file.weeks} weekly cohorts; ours in a Web Worker, reference DuckDB-Wasm `
      + `${eventLog.duckdb.version} in the same Chromium (median of ${eventLog.settings.runs} `
      + 'runs)',
    perMegabyte: true,
    eventLog: true,
  }, {
    id: 'eventLogFileRows',
    what: '↳ the same per million events (rows of the file)',
    perMillionRows: true,
    eventLog: true,
  }];
}

/** The row of the event-log file: the time per 10^6 bytes, ours and DuckDB's. */
function eventLogRow(operation, eventLog) {
  const oursRate = eventLog.ours.median.megabytesPerSecond;
  const duckdbRate = eventLog.duckdb.median.megabytesPerSecond;
  // Per 10^6 bytes, or per 10^6 rows: the file's megabytes, or millions of rows, per MB read.
  const per = operation.perMillionRows ? eventLog.file.bytes / eventLog.file.rows : 1;
  const jsSeconds = per / oursRate;
  const referenceSeconds = per / duckdbRate;
  return {
    id: operation.id,
    what: operation.what,
    perMegabyte: !operation.perMillionRows,
    perMillionRows: Boolean(operation.perMillionRows),
    nativeBenchmark: null,
    nativeSeconds: null,
    nativeRepetitions: null,
    nativeCpuSeconds: null,
    nativeThroughputMBps: null,
    jsSeconds,
    jsThroughputMBps: oursRate,
    jsNote: null,
    jsOverNative: null,
    reference: 'DuckDB-Wasm',
    referenceSeconds,
    referenceRepetitions: eventLog.duckdb.runs.length,
    oursMeasuredAs: 'Chromium',
    oursOverReference: jsSeconds / referenceSeconds,
    versusReference: versus(jsSeconds, referenceSeconds),
  };
}

function buildRows(results, read) {
  return operations(results).map((operation) => {
    if (operation.eventLog) return eventLogRow(operation, results.eventLog);
    const native = operation.cohorts ? read.cohorts(operation.cohorts)
      : read.native(operation.native);
    const js = operation.js ? read.js(operation.js) : undefined;
    const reference = operation.reference ? read.reference(operation.reference) : undefined;
    // Per-MB rows report the time per 10^6 bytes: natively from the bytes each iteration
    // reads, in the page from the size of the parsed text.
    const nativeRate = native?.bytesPerSecond ?? null;
    const jsRate = js ? results.fixtures.parseTextBytes / (js.ms / 1000) : null;
    // Per-million-rows rows: the time of one pass over the log, scaled to 10^6 of its rows.
    // A run without the rows counter has no such figure.
    const rows = native?.counters?.rows;
    const perRows = rows > 0 ? 1e6 * native.bytesPerIteration / rows : null;
    const measured = native && !(operation.perMillionRows && perRows === null);
    const nativeSeconds = !measured ? null
      : operation.perMegabyte ? 1e6 / nativeRate
        : operation.perMillionRows ? perRows / nativeRate : native.seconds;
    const nativeCpuSeconds = !measured ? null
      : operation.perMegabyte ? 1e6 / native.bytesPerCpuSecond
        : operation.perMillionRows ? perRows / native.bytesPerCpuSecond : native.cpuSeconds;
    const jsSeconds = !js ? null : operation.perMegabyte ? 1e6 / jsRate : js.ms / 1000;
    const referenceSeconds = reference ? reference.seconds : null;
    const ours = jsSeconds ?? nativeSeconds;
    return {
      id: operation.id,
      what: operation.what,
      perMegabyte: Boolean(operation.perMegabyte),
      perMillionRows: Boolean(operation.perMillionRows),
      nativeBenchmark: operation.cohorts ?? operation.native,
      nativeSeconds,
      nativeRepetitions: native?.repetitions ?? null,
      nativeCpuSeconds,
      nativeThroughputMBps: operation.perMegabyte && nativeRate ? nativeRate / 1e6 : null,
      jsSeconds,
      jsThroughputMBps: operation.perMegabyte && jsRate ? jsRate / 1e6 : null,
      jsNote: operation.jsNote ?? null,
      jsOverNative: jsSeconds && nativeSeconds ? jsSeconds / nativeSeconds : null,
      reference: referenceSeconds ? 'scipy' : null,
      referenceSeconds,
      referenceRepetitions: reference?.repetitions ?? null,
      oursMeasuredAs: jsSeconds !== null ? 'JS API' : 'native',
      oursOverReference: ours && referenceSeconds ? ours / referenceSeconds : null,
      versusReference: ours && referenceSeconds ? versus(ours, referenceSeconds) : null,
    };
  });
}

function buildAgreement(read) {
  const fits = [
    { fit: 'power, 5 points', native: 'BM_PowerFit/5', js: 'power5', reference: 'power5',
      names: ['a', 'c', 'd'] },
    { fit: 'power, 180 points', native: 'BM_PowerFit/180', js: 'power180',
      reference: 'power180', names: ['a', 'c', 'd'] },
    { fit: 'sBG, Fader–Hardie regular', native: 'BM_CountsFit/sbg_fader_hardie_13', js: 'sbg13',
      reference: 'sbg13', names: ['alpha', 'beta'] },
    { fit: 'BdW, Fader–Hardie regular', native: 'BM_CountsFit/bdw_fader_hardie_13', js: 'bdw13',
      reference: 'bdw13', names: ['alpha', 'beta', 'c'] },
    { fit: 'pooled sBG, weekly triangle', native: 'BM_CountsFit/sbg_pooled_weekly_triangle_52',
      js: 'sbgTriangle', reference: 'sbgTriangle', names: ['alpha', 'beta'] },
  ];
  return fits.flatMap((fit) => fit.names.map((name) => {
    const native = read.native(fit.native)?.counters[name] ?? null;
    const js = read.js(fit.js)?.parameters?.[name] ?? null;
    const scipy = read.reference(fit.reference)?.parameters[name] ?? null;
    const differences = [native, js].filter((value) => value !== null && scipy !== null)
      .map((value) => Math.abs(value - scipy));
    const difference = differences.length ? Math.max(...differences) : null;
    return {
      fit: fit.fit,
      parameter: name,
      native,
      js,
      scipy,
      largestDifference: difference,
      tolerance: AGREEMENT_TOLERANCE,
      agrees: difference === null ? null : difference <= AGREEMENT_TOLERANCE,
    };
  }));
}

/** A target's verdict: met or missed, and by how much, from a measured value and its limit. */
function verdict(measured, limit, format) {
  if (measured === null || measured === undefined) {
    return { met: null, byHowMuch: 'not measured (see failures)' };
  }
  const met = measured < limit;
  const over = measured / limit >= 2 ? `${ratio(measured / limit)} the limit`
    : `${share(measured / limit - 1)} over the limit`;
  const byHowMuch = met
    ? `met with ${format(limit - measured)} to spare (${share(measured / limit)} of the limit)`
    : `missed by ${format(measured - limit)} (${over})`;
  return { met, byHowMuch };
}

function profileShares(profile) {
  const get = (name) => profile?.categories[name]?.shareOfBusy ?? 0;
  return {
    wasm: get('WebAssembly (the core)'),
    glue: get('Embind glue (retention-core.mjs)'),
    gc: get('garbage collection'),
    native: get('browser native work (style, layout, paint, raster)'),
    page: get('the page\'s bundle (its modules and Chart.js)'),
  };
}

function powerFitTarget(read, points, limitSeconds) {
  const measured = read.jsSeconds(`power${points}`) ?? null;
  const fitAlone = read.native(`BM_PowerFit/${points}`)?.seconds;
  const fitModel = read.native(`BM_PowerFitModel/${points}`)?.seconds;
  const lifetime = read.native('BM_ExpectedLifetime/power_5_points');
  const why = [];
  if (fitAlone !== undefined && fitModel !== undefined) {
    why.push(`core.fit runs all of fit_model, not only the least-squares fit: natively the fit `
      + `alone (fit_power_curve) takes ${duration(fitAlone)}, all of fit_model `
      + `${duration(fitModel)}.`);
  }
  if (lifetime && fitModel && lifetime.seconds > 0.25 * fitModel) {
    const answer = lifetime.counters.lifetime_is_infinite ? 'infinite'
      : `${Number(lifetime.counters.lifetime).toPrecision(4)} periods`;
    why.push(`Most of that is the expected lifetime (${duration(lifetime.seconds)} on its own, `
      + `answer ${answer}): RetentionModel::expected_lifetime sums S(t) `
      + 'until a term falls below 1e-12 or a million periods have passed, and a power curve '
      + 'with a floor a > 0 never falls that low, so every fit sums a million terms to report '
      + '"infinite".');
  }
  const js = read.js(`power${points}`);
  const starts = js?.message?.match(/best of (\d+) starts/)?.[1];
  if (fitModel > limitSeconds) {
    why.push('Natively all of fit_model is already over the limit, before the boundary adds '
      + 'anything.');
  }
  if (fitAlone > limitSeconds / 2) {
    const part = fitAlone >= limitSeconds ? `${ratio(fitAlone / limitSeconds)} the limit`
      : `${share(fitAlone / limitSeconds)} of the limit`;
    why.push(`The least-squares fit alone takes ${part}: `
      + `${starts ? `${starts} local Levenberg–Marquardt fits, one per starting floor` : 'one '
        + 'Levenberg–Marquardt fit per starting floor'}, on Eigen's dynamic-size matrices.`);
  }
  if (js && fitModel) {
    const jsOverNative = js.ms / 1000 / fitModel;
    const shares = profileShares(read.profile('power5'));
    const profile = points === 5 && read.profile('power5')
      ? ` The page's profile of core.fit on 5 points puts ${share(shares.wasm)} of the time in `
        + 'WebAssembly (the same work as natively, run as wasm) and '
        + `${share(shares.glue)} in the glue: Embind reading the input, and wasm/fit_api.js `
        + 'building the result object from the one Float64Array and one string the binding '
        + 'hands over.'
      : '';
    why.push(jsOverNative < 1.5
      ? `The boundary costs little: JS API ÷ native = ${ratio(jsOverNative)}.${profile}`
      : `Through the JS API it takes ${ratio(jsOverNative)} the native time.${profile}`);
  }
  return {
    id: `powerFit${points}`,
    target: `power fit on ${points} points through the JS API under ${duration(limitSeconds)}`,
    measured: measured === null ? '—' : `${duration(measured)} (native fit_model `
      + `${duration(fitModel)}, fit alone ${duration(fitAlone)})`,
    measuredSeconds: measured,
    limitSeconds,
    ...verdict(measured, limitSeconds, duration),
    why: why.join(' '),
  };
}

function simulationTarget(read) {
  const limit = 1e-3;
  const measured = read.jsSeconds('simulate365') ?? null;
  const native = read.native('BM_SimulateGrowth/365')?.seconds;
  const withRows = read.jsSeconds('simulate365Rows');
  const why = ['Every cohort has the same size, so the engine returns the users of each age and '
    + 'their running total, 366 numbers each, instead of a 366 × 366 table: cohort k in period '
    + 'p has the users of age p − k, and a stacked band\'s top is a difference of running '
    + 'totals.'];
  if (native !== undefined) why.push(`Natively ${duration(native)}.`);
  if (withRows !== undefined) {
    why.push(`The JS API still offers the whole tables (\`cohorts\`, \`stacked\`), built in JS `
      + `the first time they are read: the call and reading every row take ${duration(withRows)}`
      + '; the page never reads them.');
  }
  return {
    id: 'simulate365',
    target: 'simulation of 365 periods under 1 ms (judged through the JS API)',
    measured: measured === null ? '—'
      : `${duration(measured)} through the JS API (native ${duration(native)})`,
    measuredSeconds: measured,
    limitSeconds: limit,
    ...verdict(measured, limit, duration),
    why: why.join(' '),
  };
}

function sliderTarget(read) {
  const limitMs = 16;
  const entry = read.slider(180);
  if (!entry) {
    return { id: 'slider180', target: 'slider to drawn charts under 16 ms for 180 periods',
      measured: '—', ...verdict(null, limitMs, milliseconds), why: '' };
  }
  const { timing, breakdown, profile } = entry;
  const shares = profileShares(profile);
  const why = `Per move (medians of ${entry.breakdownMoves} timed moves): core.simulate `
    + `${milliseconds(breakdown.simulateMs.median)}, Chart.js update without drawing `
    + `${milliseconds(breakdown.chartUpdateMs.median)}, Chart.js drawing `
    + `${milliseconds(breakdown.chartDrawMs.median)}, the page's own JS (points for the charts, `
    + `headline) ${milliseconds(breakdown.otherScriptMs.median)}, then style, layout and paint `
    + `${milliseconds(breakdown.styleLayoutPaintMs.median)}. The cohort chart has one `
    + `dataset (the total); its ${entry.cohortBands} cohort bands are painted pixel by pixel `
    + 'beneath it by www/js/cohort_bands.js, inside Chart.js drawing. The profile: the '
    + `browser's native work (canvas paths and raster, style, layout, paint) `
    + `${share(shares.native)}, the page's bundle (its modules and Chart.js) `
    + `${share(shares.page)}, garbage collection ${share(shares.gc)}, Embind glue `
    + `${share(shares.glue)}, WebAssembly `
    + `${share(shares.wasm)}. Chromium runs with --disable-gpu, so canvas drawing is software.`;
  const { drag } = entry;
  const dragged = drag ? `a real drag: input → frame painted `
    + `${milliseconds(drag.inputToPaintedMs.median)} median, `
    + `${milliseconds(drag.inputToPaintedMs.p95)} p95 (${drag.inputEvents} input events in `
    + `${drag.frames} frames); ` : '';
  const judged = drag ? drag.inputToPaintedMs.median : timing.workMs.median;
  const p95Note = drag && drag.inputToPaintedMs.p95 >= limitMs
    ? ` The p95 of the drag, ${milliseconds(drag.inputToPaintedMs.p95)}, is over the limit: `
      + 'about one move in twenty shows a frame later.' : '';
  return {
    id: 'slider180',
    target: 'slider to drawn charts under 16 ms for 180 periods (one frame)',
    measured: `${dragged}work per dispatched move ${milliseconds(timing.workMs.median)} median, `
      + `${milliseconds(timing.workMs.p95)} p95`,
    measuredMs: judged,
    limitMs,
    judgedOn: drag
      ? 'real drag: from each input event\'s timeStamp (when the browser took the pointer '
        + 'move) until the frame that rendered it is painted, which is what the person waits '
        + 'for. The dispatched moves measure the work inside the frame and break it down.'
      : 'work per move: from the start of the frame the view renders in until that frame is '
        + 'painted.',
    ...verdict(judged, limitMs, milliseconds),
    why: why + p95Note,
  };
}

function transferTarget(results) {
  const limit = 300000;
  const transfer = results.browser?.transfer;
  const measured = transfer?.gzipBytes ?? null;
  const largest = transfer?.files.slice(0, 3)
    .map((file) => `${file.path} ${kilobytes(file.gzipBytes)}`).join(', ');
  return {
    id: 'transfer',
    target: 'page transfer (HTML, JS, CSS, wasm, Chart.js), gzipped, under 300 KB',
    measured: measured === null ? '—'
      : `${kilobytes(measured)} gzipped (${kilobytes(transfer.bytes)} raw, `
        + `${transfer.files.length} files)`,
    measuredBytes: measured,
    limitBytes: limit,
    ...verdict(measured, limit, kilobytes),
    why: largest ? `Largest gzipped: ${largest}.` : '',
  };
}

/** The event-log figures the target, its reasons and the suggestions use. */
function eventLogFigures(results, read) {
  const eventLog = read.eventLog();
  if (!eventLog) return null;
  const ours = eventLog.ours.median;
  const bytes = eventLog.file.bytes;
  const native = read.cohorts('BM_IngestAndCohort/1000000');
  return {
    eventLog,
    oursMBps: ours.megabytesPerSecond,
    duckdbMBps: eventLog.duckdb.median.megabytesPerSecond,
    oursPerCpuSecond: bytes / 1e6 / ours.cpuSeconds,
    duckdbPerCpuSecond: bytes / 1e6 / eventLog.duckdb.median.cpuSeconds,
    // add() alone: the engine's own rate in the worker, without waiting for slices.
    addMBps: bytes / 1e6 / ours.addSeconds,
    waitingShare: ours.waitingForSlicesSeconds / ours.seconds,
    nativeMBps: native?.bytesPerSecond ? native.bytesPerSecond / 1e6 : null,
  };
}

function ingestionTarget(results, read) {
  const limit = 100;
  const figures = eventLogFigures(results, read);
  const target = 'event ingestion and cohorting at 100 MB/s or more, and faster than DuckDB';
  const rate = (value) => `${Number(value.toPrecision(3))} MB/s`;
  if (!figures) {
    const entry = read.cohorts('BM_IngestAndCohort/1000000');
    const nativeRate = entry?.bytesPerSecond ? entry.bytesPerSecond / 1e6 : null;
    return {
      id: 'ingestion',
      target,
      measured: nativeRate === null ? '—' : `${rate(nativeRate)} native (cohorts_bench)`,
      measuredMBps: null,
      limitMBps: limit,
      met: null,
      byHowMuch: 'not measured in Chromium (see failures)',
      why: 'The event-log benchmark in Chromium did not run, so neither the rate in the browser '
        + 'nor the comparison with DuckDB is known.',
    };
  }

  const { eventLog, oursMBps, duckdbMBps } = figures;
  const ours = eventLog.ours.median;
  const runs = eventLog.settings.runs;
  const rateMet = oursMBps >= limit;
  const fasterThanDuckdb = oursMBps > duckdbMBps;
  const byHowMuch = [
    rateMet ? `rate met at ${share(oursMBps / limit)} of 100 MB/s`
      : `rate missed by ${rate(limit - oursMBps)} (${share(oursMBps / limit)} of 100 MB/s)`,
    `${fasterThanDuckdb ? 'faster than DuckDB' : 'not faster than DuckDB'}: `
      + `${ratio(oursMBps / duckdbMBps)} its ${rate(duckdbMBps)}`,
  ].join('; ');

  const why = [];
  why.push(`Median of ${runs} run${runs === 1 ? '' : 's'} on a ${eventLogSize(eventLog)} log `
    + `in Chromium. Of the `
    + `${duration(ours.seconds)} from the first byte to the table, add() took `
    + `${duration(ours.addSeconds)} (the engine alone reads at ${rate(figures.addMBps)}), `
    + `waiting for the next ${mebibytes(eventLog.settings.chunkBytes)} slice `
    + `${duration(ours.waitingForSlicesSeconds)} (${share(figures.waitingShare)}), and finish() `
    + `(the cohorts, and the table as JS objects) ${duration(ours.finishSeconds)}.`);
  if (figures.nativeMBps) {
    why.push(`Natively the same core reads cohorts_bench's 50 MB log at `
      + `${rate(figures.nativeMBps)}; as WebAssembly in the worker add() runs at `
      + `${share(figures.addMBps / figures.nativeMBps)} of that.`);
    if (figures.addMBps < 0.8 * figures.nativeMBps) {
      why.push('Most of that gap is the user-id lookups: natively the reader prefetches the hash '
        + 'slots of the next 16 ids, but WebAssembly has no prefetch, so each lookup waits for '
        + 'its cache miss (see the suggestions).');
    }
  }
  const perCpu = (value) => `${Number(value.toPrecision(3))} MB`;
  why.push(`The browser's processes used ${duration(ours.cpuSeconds)} of CPU for it `
    + `(${perCpu(figures.oursPerCpuSecond)} per CPU second) and for DuckDB's run `
    + `${duration(eventLog.duckdb.median.cpuSeconds)} (${perCpu(figures.duckdbPerCpuSecond)}). `
    + `DuckDB-Wasm ran its single-threaded "${eventLog.duckdb.bundle}" build `
    + `(threads = ${eventLog.duckdb.threads}), as ours is single-threaded; its threaded "coi" `
    + 'build fails on this file (see the event-log section).');
  const load = results.loadAverage;
  const busiest = Math.max(...(load?.start ?? [0]).slice(0, 1), ...(load?.end ?? [0]).slice(0, 1));
  if (!rateMet && busiest > results.machine.logicalCpus) {
    why.push(`The machine was shared (load average up to ${busiest} on `
      + `${results.machine.logicalCpus} CPUs), which lowers every wall-clock rate.`);
  }
  if (!rateMet && figures.addMBps >= limit) {
    why.push(`The engine alone is over the rate; the slices are read on the worker's own thread, `
      + 'so reading the next one does not fully overlap add().');
  }
  return {
    id: 'ingestion',
    target,
    measured: `${rate(oursMBps)} in Chromium (Web Worker, ${eventLogSize(eventLog)} log, `
      + `median of ${runs}) against DuckDB-Wasm's ${rate(duckdbMBps)} on the same file: `
      + `${ratio(oursMBps / duckdbMBps)} DuckDB's rate`,
    measuredMBps: oursMBps,
    duckdbMBps,
    oursOverDuckdb: oursMBps / duckdbMBps,
    limitMBps: limit,
    met: rateMet && fasterThanDuckdb,
    byHowMuch,
    why: why.join(' '),
  };
}

function buildTargets(results, read) {
  return [
    powerFitTarget(read, 5, 50e-6),
    powerFitTarget(read, 180, 1e-3),
    simulationTarget(read),
    sliderTarget(read),
    transferTarget(results),
    ingestionTarget(results, read),
  ];
}

/** Suggestions for the core and the page, each stated only when the figures support it. */
function buildSuggestions(results, read) {
  const suggestions = [];
  const lifetimePower = read.native('BM_ExpectedLifetime/power_5_points')?.seconds;
  const lifetimeBdw = read.native('BM_ExpectedLifetime/bdw_fader_hardie_13')?.seconds;
  const fitModel5 = read.native('BM_PowerFitModel/5')?.seconds;
  const bdw = read.native('BM_CountsFit/bdw_fader_hardie_13')?.seconds;
  if (lifetimePower > 1e-3 || lifetimeBdw > 1e-3) {
    suggestions.push({
      area: 'core',
      text: 'Decide expected lifetimes analytically instead of summing up to a million terms. '
        + `Natively the expected lifetime alone takes ${duration(lifetimePower)} for the fitted `
        + `power curve (the whole fit_model: ${duration(fitModel5)}) and `
        + `${duration(lifetimeBdw)} for the fitted BdW (whole fit: ${duration(bdw)}). `
        + 'A power curve '
        + 'with a > 0 has an infinite lifetime; with a = 0 its terms fall like 1/(c t^d), so the '
        + 'sum is finite only for d > 1 and its tail after T is bounded by the integral '
        + 'T^(1-d) / (c (d - 1)). The BdW survival falls like t^(-c·alpha), so its sum is finite '
        + 'only for c·alpha > 1, with the same kind of tail bound. A PowerModel and a '
        + 'BetaDiscreteWeibullModel override of expected_lifetime would bring core.fit for the '
        + 'power curve close to the fit alone.',
    });
  }
  const powerFit5 = read.native('BM_PowerFit/5')?.seconds;
  if (powerFit5 > 25e-6) {
    suggestions.push({
      area: 'core',
      text: `fit_power_curve takes ${duration(powerFit5)} natively on 5 points, more than half `
        + 'of the 50 µs the JS API is allowed. It runs one Levenberg–Marquardt fit per starting '
        + 'floor on Eigen\'s dynamic-size matrices, which allocate a few temporaries per step '
        + '(malloc and free are about 7% of the wasm profile). Fixed-size Jacobians (3 or 4 '
        + 'columns) were tried: about 3 µs faster natively, no difference measurable in wasm, '
        + 'and 10 KB more to download; preallocating the solver\'s work space would be the next '
        + 'thing to try.',
    });
  }
  const power5Profile = read.profile('power5');
  if (power5Profile && profileShares(power5Profile).glue > 0.15) {
    suggestions.push({
      area: 'bindings',
      text: `${share(profileShares(power5Profile).glue)} of core.fit on 5 points is glue: `
        + 'Embind reading about ten input properties (each key a C string turned into a JS '
        + 'string again) and wasm/fit_api.js building the result from one Float64Array and one '
        + 'string. Keys made once (static const val) would cut the reading.',
    });
  }
  const simulate365 = read.profile('simulate365');
  if (simulate365 && read.jsSeconds('simulate365') > 1e-3) {
    suggestions.push({
      area: 'core and bindings',
      text: 'Let simulate cross the boundary as a few arrays, not one Float64Array per row: '
        + `at 365 periods \`cohorts\` and \`stacked\` are ${2 * 366} rows, each allocated and `
        + `copied by the glue on its own (${share(profileShares(simulate365).glue)} of the call). `
        + 'Return each matrix as one flat Float64Array (JS can hand out subarray() views per '
        + 'row for free), or only the users by age, O(periods): cohort k is that row shifted by '
        + 'k, and the band tops are running sums the page can take while it builds its points. '
        + 'Natively, one contiguous buffer (or the O(periods) form) also removes the page '
        + 'faults of allocating 2 × 366 rows per call '
        + `(${duration(read.native('BM_SimulateGrowth/365')?.seconds)} against `
        + `${duration(read.nativeKeepHeap('BM_SimulateGrowth/365')?.seconds)} with the heap kept).`,
    });
  }
  const parse = read.profile('parse1MB');
  const parseRow = results.rows.find((row) => row.id === 'parse');
  if (parse && parseRow?.jsOverNative > 1.5) {
    suggestions.push({
      area: 'bindings',
      text: `parseRetention is ${ratio(parseRow.jsOverNative)} slower through the JS API than `
        + `natively (${share(profileShares(parse).glue)} of it in the Embind glue, `
        + `${share(profileShares(parse).gc)} garbage collection). The numbers cross as one `
        + 'typed-array copy per column that Array.from turns into the number[] the d.ts '
        + 'promises; handing out the Float64Arrays themselves would save that second copy.',
    });
  }
  const triangle = read.native('BM_CountsFit/sbg_pooled_weekly_triangle_52')?.seconds;
  const triangleJs = read.jsSeconds('sbgTriangle');
  const triangleScipy = read.reference('sbgTriangle')?.seconds;
  const triangleOurs = triangleJs ?? triangle;
  if (triangleOurs && triangleScipy && triangleOurs > triangleScipy) {
    suggestions.push({
      area: 'core',
      text: `The pooled sBG fit of the triangle takes ${duration(triangleOurs)} `
        + `(${triangleJs ? 'JS API' : 'native'}) against scipy's ${duration(triangleScipy)}. `
        + 'The likelihood only needs, per pair of consecutive periods, the members lost and, per '
        + 'period, the survivors still active at the end: summed over the cohorts once per fit, '
        + `they make each evaluation O(periods) (52 here) instead of O(cells) `
        + `(${results.fixtures.triangleCells}). For whole periods the sBG needs no lgamma at `
        + 'all: S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1). An analytic gradient '
        + 'instead of central differences would cut the evaluations further.',
    });
  }
  const slider180 = read.slider(180);
  if (slider180 && (slider180.drag?.inputToPaintedMs ?? slider180.timing.workMs).median > 16) {
    const shares = profileShares(slider180.profile);
    suggestions.push({
      area: 'page',
      text: 'Update the three charts for less: each chart.update() re-resolves Chart.js '
        + 'options, scales and elements (the page\'s bundle, Chart.js with it, is '
        + `${share(shares.page)} of a move's profile) though only the data changed. Drawing `
        + 'the curve and the total as paths under a chart that updates only its scales, or '
        + 'skipping update() for the charts whose scales did not change, would cut that share.',
    });
    suggestions.push({
      area: 'page',
      text: 'Reuse the {x, y} point objects between moves instead of building new ones in '
        + 'pointsByPeriod for each chart on every move; update y in place. '
        + `Garbage collection is ${share(shares.gc)} of a move's profile.`,
    });
  }
  const load = results.browser?.load;
  if (load) {
    suggestions.push({
      area: 'page',
      text: `The first chart appears at ${milliseconds(load.median.firstChartMs)} (median of `
        + `${load.trials} cold loads); the wasm finishes downloading at `
        + `${milliseconds(load.median.wasmResponseEndMs)} and the document at `
        + `${milliseconds(load.median.domContentLoadedMs)}. Preload hints for the engine (<link `
        + 'rel="modulepreload"> for retention-core.mjs, rel="preload" as="fetch" for the wasm) '
        + 'were tried while issue 7 was closed: the wasm then arrived at 85 ms instead of 247 '
        + 'ms, but the first chart came no sooner (442 ms against 414, within the noise), so '
        + 'the time is in compiling the wasm and starting the views; they were left out. A '
        + 'profile of the load would say which.',
    });
  }
  const eventLog = eventLogFigures(results, read);
  if (eventLog && eventLog.nativeMBps && eventLog.addMBps < 0.8 * eventLog.nativeMBps) {
    suggestions.push({
      area: 'core (WebAssembly)',
      text: `In the worker add() reads the event log at ${Number(eventLog.addMBps.toPrecision(3))} `
        + `MB/s, natively the core does ${Number(eventLog.nativeMBps.toPrecision(3))} MB/s. `
        + 'WebAssembly has no prefetch instruction, so InternedStrings::prefetch '
        + '(__builtin_prefetch) compiles to nothing there and the 16 events EventLogBuilder holds '
        + 'back in queue_event buy nothing: every user lookup waits for its own cache miss in a '
        + 'table of 2^21 slots of 24 bytes (1M users). A V8 CPU profile of the stream on this log '
        + '(a build with --profiling-funcs, taken while this benchmark was written) put 50% of the '
        + 'time in InternedStrings::slot_of, against 6% in a native perf profile. Loading the 16 '
        + 'home slots back to back when the queue is full (a plain read of slots_[home].key, '
        + 'kept in a member so it is not dropped), then keeping the 16 events, lets the processor '
        + 'overlap the misses: in that experiment add() went from 120–135 to 180–190 MB/s in '
        + 'Node, and the whole read in Chromium from 90 to 134 MB/s, with the same table.',
    });
  }
  if (eventLog && eventLog.waitingShare > 0.05) {
    suggestions.push({
      area: 'page (worker)',
      text: `${share(eventLog.waitingShare)} of the read in the worker is spent waiting for the `
        + 'next slice although it was requested before add() started: a Blob slice\'s '
        + 'arrayBuffer() appears to be filled on the thread that asked for it, so it makes '
        + 'little progress while add() runs. Reading the slices on the page\'s thread and '
        + 'transferring each ArrayBuffer to the worker (two in flight) hid the reading in an '
        + 'experiment while this '
        + 'benchmark was written: 7.4–7.7 s instead of 8.0 s for the 1 GiB log with the change '
        + 'above; reading the file alone takes 2.5–2.7 s (about 400 MB/s).',
    });
  }
  const transfer = results.browser?.transfer;
  const wasm = transfer?.files.find((file) => file.path.endsWith('.wasm'));
  if (wasm) {
    const missed = transfer.gzipBytes >= 300000;
    suggestions.push({
      area: 'build',
      text: `The wasm is ${kilobytes(wasm.gzipBytes)} of the ${kilobytes(transfer.gzipBytes)} `
        + `gzipped${missed ? ', and the page is over its 300 KB' : ''}. `
        + 'Tried while issue 7 was closed, each in Node with the builds alternating: linking '
        + 'with -Oz instead of -O3 saved 7 KB and made core.simulate about twice as slow; '
        + '-Os on the bindings saves 7 KB with no call measurably slower (in place); -Os on the '
        + 'parsers of core/ saved 6 KB more but made parseRetention 50% slower; power_fit.cpp '
        + 'at -O2 saved 6 KB with the 5-point fit about 5% slower; fixed-size Eigen types in the '
        + 'power fit (3 and 4 columns) cost 10 KB for no speed measurable in wasm (taken out). '
        + 'Most of the code is the fits, which Binaryen inlines into fit_model at -O3.',
    });
  }
  return suggestions;
}

/** Everything results.md reports beyond the raw measurements. */
export function evaluate(results) {
  const read = readers(results);
  const rows = buildRows(results, read);
  const partial = { ...results, rows };
  return {
    rows,
    agreement: buildAgreement(read),
    targets: buildTargets(partial, read),
    suggestions: buildSuggestions(partial, read),
    referenceNotes: {
      power5UnboundedSeconds: read.reference('power5Unbounded')?.seconds ?? null,
      power180UnboundedSeconds: read.reference('power180Unbounded')?.seconds ?? null,
    },
  };
}
