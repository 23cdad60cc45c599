// Appended to the module (--post-js): fit() builds the documented fit object (see
// retention-core.d.ts) from what fitPacked hands over, its numbers in one Float64Array and
// its texts in one string. Setting each property from C++ took a crossing of the boundary
// per property and per array, a third of a small fit's time. fit_bindings.cpp describes the
// layout read here. A single fit's numbers are a view of the module's memory, valid only
// until the next call into it, so everything is read or copied here at once.
//
// Written in the JavaScript that Emscripten 3.1.6's optimizer parses: no `??`, no object
// spread, no catch without a binding.

// Where the fixed numbers sit at the start of a packed fit.
const packedParameterCount = 0;
const packedDerivedCount = 1;
const packedNoteCount = 2;
const packedByLikelihood = 3;
const packedLogLikelihood = 4;
const packedAic = 5;
const packedBic = 6;
const packedRmse = 7;
const packedRSquared = 8;
const packedObservations = 9;
const packedIterations = 10;
const packedEvaluations = 11;
const packedExpectedLifetime = 12;
const packedFirstParameter = 13;
// The fixed texts before the names: model, title, status, message, form, uncertaintyNote and
// the band's method.
const packedFixedTexts = 7;

// A number, or null where it is NaN or infinite, as the API promises for these fields.
function finiteOrNull(value) {
  return Number.isFinite(value) ? value : null;
}

// Reads the series of a packed fit one after the other, each its length and then its values:
// numbers as views of one copy of them all, flags as booleans. One copy, not one per series:
// V8 keeps an array of more than 64 bytes outside its heap, and allocating one took longer
// than all the rest of this file's work for a fit of 5 points.
function seriesReader(numbers, start) {
  const copy = new Float64Array(numbers.length - start);
  copy.set(numbers.subarray(start));
  let at = 0;
  const take = () => {
    const length = copy[at];
    at += 1 + length;
    return copy.subarray(at - length, at);
  };
  return {
    numbers: take,
    flags: () => {
      const values = take();
      const flags = new Array(values.length);
      for (let i = 0; i < values.length; i += 1) flags[i] = values[i] === 1;
      return flags;
    },
  };
}

function fitFromPacked(packed) {
  const numbers = packed.numbers;
  const texts = packed.text.split('\x1f');
  const parameterCount = numbers[packedParameterCount];
  const derivedCount = numbers[packedDerivedCount];
  const noteCount = numbers[packedNoteCount];
  const namesAt = packedFixedTexts;
  const derivedNamesAt = namesAt + parameterCount;
  const notesAt = derivedNamesAt + derivedCount;
  const errorsAt = packedFirstParameter + parameterCount;
  const derivedAt = errorsAt + parameterCount;

  // The key order is the one the bindings have always produced.
  const result = {
    model: texts[0],
    title: texts[1],
    status: texts[2],
    message: texts[3],
    notes: texts.slice(notesAt, notesAt + noteCount),
  };
  const parameters = {};
  const standardErrors = {};
  for (let i = 0; i < parameterCount; i += 1) {
    const name = texts[namesAt + i];
    const value = numbers[packedFirstParameter + i];
    result[name] = value;
    parameters[name] = value;
    standardErrors[name] = finiteOrNull(numbers[errorsAt + i]);
  }
  for (let i = 0; i < derivedCount; i += 1) {
    const name = texts[derivedNamesAt + i];
    result[name] = numbers[derivedAt + i];
    parameters[name] = numbers[derivedAt + i];
  }
  result.parameters = parameters;
  result.standardErrors = standardErrors;
  if (texts[5] !== '') result.uncertaintyNote = texts[5];
  if (texts[4] !== '') result.form = texts[4];

  result.byLikelihood = numbers[packedByLikelihood] === 1;
  result.logLikelihood = finiteOrNull(numbers[packedLogLikelihood]);
  result.aic = finiteOrNull(numbers[packedAic]);
  result.bic = finiteOrNull(numbers[packedBic]);
  result.rmse = finiteOrNull(numbers[packedRmse]);
  result.rSquared = finiteOrNull(numbers[packedRSquared]);
  result.observations = numbers[packedObservations];
  result.iterations = numbers[packedIterations];
  result.evaluations = numbers[packedEvaluations];
  result.expectedLifetime = finiteOrNull(numbers[packedExpectedLifetime]);

  const series = seriesReader(numbers, derivedAt + derivedCount);
  result.forecast = {
    periods: series.numbers(),
    retention: series.numbers(),
    lower: series.numbers(),
    upper: series.numbers(),
    method: texts[6],
  };
  result.retentionRates = series.numbers();
  result.observed = {
    periods: series.numbers(),
    retention: series.numbers(),
    inFit: series.flags(),
    residuals: series.numbers(),
  };
  return result;
}

// A comparison row: its fit's fields first, then the row's own, in the bindings' old order.
function comparisonRowFromPacked(row) {
  const entry = row.fit ? fitFromPacked(row.fit) : {};
  entry.model = row.model;
  entry.title = row.title;
  if (row.error !== undefined) entry.error = row.error;
  entry.backtestMape = row.backtestMape;
  return entry;
}

Module['fit'] = (input) => {
  const packed = Module['fitPacked'](input);
  if (packed.error) return packed;
  if (packed.rows) {
    packed.rows = packed.rows.map(comparisonRowFromPacked);
    return packed;
  }
  return fitFromPacked(packed);
};
