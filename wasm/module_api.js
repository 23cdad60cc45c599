// Appended to the module (--post-js): the few calls of the JS API whose last step is plain
// JavaScript.
// - simulate() derives the cohort table's rows from the users of each age, when first read.
// - The calls that take `timeZone` turn it into the table the core reads: the zone's UTC
//   offset and the instants it changes, over the years an event log can hold. The core has
//   no time-zone database (a wasm module has no /usr/share/zoneinfo), but the browser's and
//   Node's Intl know every IANA zone.
//
// Written in the JavaScript that Emscripten 3.1.6's optimizer parses: no `??`, no object
// spread, no catch without a binding.

// The rows of a simulation's cohort table, built on first read from the users of each age.
// Every cohort has the same size, so cohort k in period p has the users of age p - k, and
// cohorts 0..k together have the users of ages p - k..p: a difference of running totals.
function cohortRows(usersByAge) {
  const size = usersByAge.length;
  const rows = new Array(size);
  for (let k = 0; k < size; k += 1) {
    const row = new Float64Array(size);
    row.set(usersByAge.subarray(0, size - k), k);
    rows[k] = row;
  }
  return rows;
}

function stackedRows(activeUsers) {
  const size = activeUsers.length;
  const rows = new Array(size);
  for (let k = 0; k < size; k += 1) {
    const row = new Float64Array(size);
    for (let p = 0; p < size; p += 1) {
      row[p] = p <= k ? activeUsers[p] : activeUsers[p] - activeUsers[p - k - 1];
    }
    rows[k] = row;
  }
  return rows;
}

// A property computed the first time it is read, then kept.
function lazyProperty(object, name, compute) {
  let value = null;
  Object.defineProperty(object, name, {
    enumerable: true,
    get: () => {
      if (value === null) value = compute();
      return value;
    },
  });
}

Module['simulate'] = (input) => {
  const result = Module['simulateByAge'](input);
  if (result.error) return result;
  const simulation = {
    parameters: result.parameters,
    curve: result.curve,
    usersByAge: result.usersByAge,
    activeUsers: result.activeUsers,
  };
  lazyProperty(simulation, 'cohorts', () => cohortRows(result.usersByAge));
  lazyProperty(simulation, 'stacked', () => stackedRows(result.activeUsers));
  return simulation;
};

const zoneTableCache = new Map();

// Sampled weekly, then each change is found to the second by bisection. Zones that change
// twice within one week do not exist in the tz database over this span.
const zoneFirstYear = 1970;
const zoneLastYear = 2060;
const zoneSampleStep = 7 * 24 * 3600;

function zoneOffsetAt(formatter, seconds) {
  const fields = {};
  for (const part of formatter.formatToParts(new Date(seconds * 1000))) {
    fields[part.type] = part.value;
  }
  const wallClock = Date.UTC(Number(fields.year), Number(fields.month) - 1, Number(fields.day),
    Number(fields.hour) % 24, Number(fields.minute), Number(fields.second));
  return Math.round(wallClock / 1000 - seconds);
}

function zoneTable(timeZone) {
  if (zoneTableCache.has(timeZone)) return zoneTableCache.get(timeZone);
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const start = Date.UTC(zoneFirstYear, 0, 1) / 1000;
  const end = Date.UTC(zoneLastYear, 0, 1) / 1000;
  let offset = zoneOffsetAt(formatter, start);
  const table = [start, offset];
  for (let at = start + zoneSampleStep; at <= end; at += zoneSampleStep) {
    const next = zoneOffsetAt(formatter, at);
    if (next === offset) continue;
    let before = at - zoneSampleStep;
    let after = at;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (zoneOffsetAt(formatter, middle) === offset) before = middle; else after = middle;
    }
    table.push(after, next);
    offset = next;
  }
  zoneTableCache.set(timeZone, table);
  return table;
}

// The input with `zoneOffsets` filled in from `timeZone`, or a failure for an unknown zone.
function withZoneOffsets(input) {
  if (input === null || typeof input !== 'object' || input.timeZone === undefined ||
      input.zoneOffsets !== undefined) {
    return { input };
  }
  const timeZone = input.timeZone;
  if (typeof timeZone !== 'string' || timeZone === '' || timeZone.toUpperCase() === 'UTC') {
    return { input: Object.assign({}, input, { timeZone: undefined }) };
  }
  try {
    return { input: Object.assign({}, input, { zoneOffsets: zoneTable(timeZone) }) };
  } catch (unknownZone) {
    return {
      failure: { error: { message: `timeZone "${timeZone}" is not a time zone this browser ` +
        'knows; use an IANA name such as Europe/Berlin or America/New_York, or UTC' } },
    };
  }
}

Module['cohorts'] = (input) => {
  const converted = withZoneOffsets(input);
  return converted.failure || Module['cohortsFromOffsets'](converted.input);
};

Module['detectEventLog'] = (input) => {
  const converted = withZoneOffsets(input);
  return converted.failure || Module['detectEventLogFromOffsets'](converted.input);
};

// A stream over the core's CohortStreamFromOffsets; call delete() when done with it, as
// with every Embind object, to free its memory in the module.
Module['CohortStream'] = function CohortStream(input) {
  const converted = withZoneOffsets(input);
  const failure = converted.failure;
  if (failure) return { add: () => failure, finish: () => failure, delete: () => {} };
  return new Module['CohortStreamFromOffsets'](converted.input);
};
