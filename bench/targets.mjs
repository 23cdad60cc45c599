// Turns the raw measurements into what results.md reports: one row per operation (native,
// JS API, reference, ratios), the agreement of our fits with scipy's, each target of issue 7
// met or missed with by how much and why, and suggestions backed by the figures.

import { duration, kilobytes, milliseconds, ratio, share, versus } from './format.mjs';

const AGREEMENT_TOLERANCE = 1e-3;
const FRAME_MS = 1000 / 60;

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
  };
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
      jsNote: 'no JS API yet (issue 4 bindings)' },
    { id: 'ingestAndCohort100k', what: 'event ingestion and cohorting, per MB (100k users)',
      cohorts: 'BM_IngestAndCohort/100000', perMegabyte: true,
      jsNote: 'no JS API yet (issue 4 bindings)' },
    { id: 'ingest', what: 'event ingestion alone, per MB (1M users)', cohorts: 'BM_Ingest',
      perMegabyte: true, jsNote: 'no JS API yet (issue 4 bindings)' },
  ];
}

function buildRows(results, read) {
  return operations(results).map((operation) => {
    const native = operation.cohorts ? read.cohorts(operation.cohorts)
      : read.native(operation.native);
    const js = operation.js ? read.js(operation.js) : undefined;
    const reference = operation.reference ? read.reference(operation.reference) : undefined;
    // Per-MB rows report the time per 10^6 bytes: natively from the bytes each iteration
    // reads, in the page from the size of the parsed text.
    const nativeRate = native?.bytesPerSecond ?? null;
    const jsRate = js ? results.fixtures.parseTextBytes / (js.ms / 1000) : null;
    const nativeSeconds = !native ? null
      : operation.perMegabyte ? 1e6 / nativeRate : native.seconds;
    const nativeCpuSeconds = !native ? null
      : operation.perMegabyte ? 1e6 / native.bytesPerCpuSecond : native.cpuSeconds;
    const jsSeconds = !js ? null : operation.perMegabyte ? 1e6 / jsRate : js.ms / 1000;
    const referenceSeconds = reference ? reference.seconds : null;
    const ours = jsSeconds ?? nativeSeconds;
    return {
      id: operation.id,
      what: operation.what,
      perMegabyte: Boolean(operation.perMegabyte),
      nativeBenchmark: operation.cohorts ?? operation.native,
      nativeSeconds,
      nativeRepetitions: native?.repetitions ?? null,
      nativeCpuSeconds,
      nativeThroughputMBps: operation.perMegabyte && nativeRate ? nativeRate / 1e6 : null,
      jsSeconds,
      jsThroughputMBps: operation.perMegabyte && jsRate ? jsRate / 1e6 : null,
      jsNote: operation.jsNote ?? null,
      jsOverNative: jsSeconds && nativeSeconds ? jsSeconds / nativeSeconds : null,
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
    chartJs: get('Chart.js'),
    native: get('browser native work (style, layout, paint, raster)'),
    page: get('page modules (www/js)'),
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
        + `${share(shares.glue)} in the Embind glue, which reads the input arrays and builds the `
        + 'result object one property and one Float64Array at a time.'
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
  const keptHeap = read.nativeKeepHeap('BM_SimulateGrowth/365')?.seconds;
  const shares = profileShares(read.profile('simulate365'));
  const rows = 2 * 366;
  const why = [];
  if (native !== undefined) {
    const nativeMet = verdict(native, limit, duration).met;
    const heap = keptHeap === undefined ? ''
      : `${duration(keptHeap)} when glibc keeps freed memory instead of giving it back to the `
        + 'kernel: the result is 2 × 366 rows of 366 doubles (cohorts and stacked), allocated '
        + 'row by row, freed, and faulted in again on the next call';
    why.push(nativeMet
      ? `Natively ${duration(native)}, under the limit${heap ? ` (${heap})` : ''}.`
      : `Natively ${duration(native)}, over the limit too${heap ? `, but ${heap}` : ''}.`);
  }
  if (read.profile('simulate365')) {
    why.push(`Through the JS API the profile puts ${share(shares.glue)} of the call in the `
      + `Embind glue and only ${share(shares.wasm)} in WebAssembly (${share(shares.gc)} garbage `
      + `collection): each of the ${rows} rows crosses as its own Float64Array, allocated and `
      + 'copied one at a time.');
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
    + `${milliseconds(breakdown.styleLayoutPaintMs.median)}. The cohort chart has `
    + `${entry.cohortBands} datasets, one filled line per cohort. The profile: Chart.js `
    + `${share(shares.chartJs)}, the browser's native work (canvas paths and raster, style, `
    + `layout, paint) ${share(shares.native)}, garbage collection ${share(shares.gc)}, the `
    + `page's modules ${share(shares.page)}, Embind glue ${share(shares.glue)}, WebAssembly `
    + `${share(shares.wasm)}. Chromium runs with --disable-gpu, so canvas drawing is software.`;
  return {
    id: 'slider180',
    target: 'slider to drawn charts under 16 ms for 180 periods (one frame)',
    measured: `work per move ${milliseconds(timing.workMs.median)} median, `
      + `${milliseconds(timing.workMs.p95)} p95; input → second animation frame `
      + `${milliseconds(timing.drawnMs.median)} median, ${milliseconds(timing.drawnMs.p95)} p95`,
    measuredMs: timing.workMs.median,
    limitMs,
    judgedOn: 'work per move: from the start of the frame the view renders in until that '
      + 'frame is painted. Input → second animation frame is shown too, but it includes the '
      + 'wait for the render frame and a whole frame interval after it, so it cannot fall '
      + `below ${milliseconds(FRAME_MS)} however little the work is.`,
    ...verdict(timing.workMs.median, limitMs, milliseconds),
    why,
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

function ingestionTarget(read) {
  const entry = read.cohorts('BM_IngestAndCohort/1000000');
  const megabytesPerSecond = entry?.bytesPerSecond ? entry.bytesPerSecond / 1e6 : null;
  const perCpuSecond = entry?.bytesPerCpuSecond ? entry.bytesPerCpuSecond / 1e6 : null;
  const limit = 100;
  const met = megabytesPerSecond === null ? null : megabytesPerSecond >= limit;
  return {
    id: 'ingestion',
    target: 'event ingestion and cohorting at 100 MB/s or more, and faster than DuckDB',
    measured: megabytesPerSecond === null ? '—'
      : `${Number(megabytesPerSecond.toPrecision(3))} MB/s native, wall-clock `
        + `(${Number(perCpuSecond.toPrecision(3))} MB per CPU second; 50 MB log, 1M users, `
        + 'weekly cohorts; cohorts_bench)',
    measuredMBps: megabytesPerSecond,
    limitMBps: limit,
    met,
    byHowMuch: met === null ? 'not measured (see failures)'
      : `${met ? 'met' : 'missed'} natively at ${share(megabytesPerSecond / limit)} of the `
        + 'required rate; through the JS API and against DuckDB: pending issue 4 bindings',
    why: 'Only the native rate is measured so far; the comparison with DuckDB is the pending row '
      + 'of the table.',
  };
}

function buildTargets(results, read) {
  return [
    powerFitTarget(read, 5, 50e-6),
    powerFitTarget(read, 180, 1e-3),
    simulationTarget(read),
    sliderTarget(read),
    transferTarget(results),
    ingestionTarget(read),
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
        + 'floor on Eigen\'s dynamic-size matrices; a native perf profile of BM_PowerFit/5, '
        + 'taken while this benchmark was written, had Eigen\'s QR and LM step at the top and '
        + 'about 13% in malloc and free. With 3 (or 4) parameters, fixed-size Eigen types '
        + '(Matrix<double, Dynamic, 3>, Matrix3d) avoid the allocations and let the QR unroll.',
    });
  }
  const power5Profile = read.profile('power5');
  if (power5Profile && profileShares(power5Profile).glue > 0.15) {
    suggestions.push({
      area: 'bindings',
      text: `${share(profileShares(power5Profile).glue)} of core.fit on 5 points is Embind glue: `
        + 'fit_object builds the result with one val::set per property (about 40, each turning '
        + 'its C-string key into a JS string again) and one Float64Array per series. '
        + 'Keys made once (static const val), or the series handed over as one Float64Array '
        + 'that JS slices, would cut that share.',
    });
  }
  const simulate365 = read.profile('simulate365');
  if (simulate365 && profileShares(simulate365).glue > 0.3) {
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
        + `${share(profileShares(parse).gc)} garbage collection): to_array pushes every number `
        + 'through Embind, three times per row. Returning periods, retention and rows as '
        + 'Float64Array copies (one typed_memory_view each) would make it three copies; the '
        + 'd.ts would then say Float64Array instead of number[].',
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
  if (slider180 && slider180.timing.workMs.median > 16) {
    const shares = profileShares(slider180.profile);
    const slider30 = read.slider(30);
    suggestions.push({
      area: 'page',
      text: 'Draw the cohort chart without one Chart.js dataset per cohort '
        + `(${slider180.cohortBands} at 180 periods; Chart.js is ${share(shares.chartJs)} of a `
        + "move's profile, much of it resolving options per dataset and element, and the "
        + 'canvas work grows with the '
        + 'bands). A small Chart.js plugin, or a plain canvas under the chart\'s axes, that fills '
        + 'each band as one path from the Float64Arrays needs no per-point objects; or group '
        + 'cohorts into at most ~30 bands (by start period) beyond 30 periods, where the work is '
        + `${milliseconds(slider30?.timing.workMs.median)} per move.`,
    });
    suggestions.push({
      area: 'page',
      text: 'Reuse the {x, y} point objects between moves instead of building (periods + 1)² '
        + 'new ones in pointsByPeriod on every move (32,761 at 180 periods); update y in place. '
        + `Garbage collection is ${share(shares.gc)} of a move's profile.`,
    });
  }
  const load = results.browser?.load;
  if (load) {
    suggestions.push({
      area: 'page',
      text: `Start the engine earlier: the first chart appears at `
        + `${milliseconds(load.median.firstChartMs)} (median of ${load.trials} cold loads), the `
        + `wasm finishes downloading at ${milliseconds(load.median.wasmResponseEndMs)}, and the `
        + `document at ${milliseconds(load.median.domContentLoadedMs)}, because chart.umd.js is a `
        + 'blocking script in <head> and the wasm is requested only after app.js → engine.js → '
        + 'retention-core.mjs have loaded one after the other. `defer` on chart.umd.js, '
        + '<link rel="modulepreload" href="retention-core.mjs"> and <link rel="preload" '
        + 'href="retention-core.wasm" as="fetch" type="application/wasm" crossorigin> would let '
        + 'the download and compilation of the wasm overlap the rest.',
    });
  }
  const transfer = results.browser?.transfer;
  const wasm = transfer?.files.find((file) => file.path.endsWith('.wasm'));
  const chartJs = transfer?.files.find((file) => file.path.includes('chart.umd'));
  if (wasm) {
    const missed = transfer.gzipBytes >= 300000;
    suggestions.push({
      area: 'build',
      text: `The wasm is ${kilobytes(wasm.gzipBytes)} of the ${kilobytes(transfer.gzipBytes)} `
        + `gzipped${missed ? ', and the page is over its 300 KB' : ''}. Ways to shrink it, each to `
        + 'be checked with this benchmark because size flags can cost speed: compile and link the '
        + 'module with -O2 or -Os instead of Release\'s -O3, and minify the glue with '
        + '--closure 1.'
        + (chartJs ? ` Chart.js is ${kilobytes(chartJs.gzipBytes)} gzipped as the full UMD `
          + 'bundle; a build with only the line chart, the linear scale, the filler and the '
          + 'tooltip is smaller, but needs a bundling step the site does not have yet.' : ''),
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
