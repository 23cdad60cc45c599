// The data every benchmark fits, written once to bench/fixtures.json so that the C++
// benchmarks, the module in the browser and the Python reference all fit the same numbers,
// bit for bit. `node bench/fixtures.mjs` rewrites the file; bench/run.mjs does it on each run
// (the output is deterministic, so the file only changes when this generator does).
//
// The parsing benchmark's text is not stored: C++ (core_bench.cpp, retention_text) and JS
// (retentionText below) build it by the same integer rule, and run.mjs checks the sizes agree.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const FIXTURES_PATH = join(BENCH_DIR, 'fixtures.json');
export const SHARED_DATA_DIR = resolve(BENCH_DIR, '..', '..', 'shared', 'data');

/** The power curve the least-squares benchmarks fit: r(t) = a + 1 / (b + c t^d), b = 1/(1-a). */
const POWER_TRUTH = { a: 0.2, c: 1.5, d: 1.1 };

/** The sBG the pooled triangle is drawn from: Fader and Hardie's "regular" segment. */
const TRIANGLE_TRUTH = { alpha: 0.704, beta: 1.182 };
const TRIANGLE_COHORTS = 52;

/** Size of the text the parsing benchmark reads, at least. */
export const PARSE_TEXT_BYTES = 1 << 20;

/** Points t = 0..count-1 of the power curve, with a fixed ±1% ripple standing in for noise. */
function powerPoints(count) {
  const { a, c, d } = POWER_TRUTH;
  const periods = [];
  const retention = [];
  for (let t = 0; t < count; t += 1) {
    const curve = t === 0 ? 1 : a + (1 - a) / (1 + (1 - a) * c * t ** d);
    periods.push(t);
    retention.push(curve * (1 + 0.01 * ((t % 3) - 1)));
  }
  return { periods, retention };
}

/** The `regular` column of fader_hardie_2007.csv: survivors of 1,000 customers, years 0-12. */
function faderHardieRegular() {
  const file = join(SHARED_DATA_DIR, 'fader_hardie_2007.csv');
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const column = header.split(',').indexOf('regular');
  const values = rows.map((row) => Number(row.split(',')[column]));
  return {
    source: '../shared/data/fader_hardie_2007.csv, column regular (Fader and Hardie 2007)',
    cohortSize: values[0],
    periods: values.slice(1).map((_, index) => index + 1),
    active: values.slice(1),
  };
}

/**
 * A weekly triangle: cohort k (0..51) starts in week k with 800-1,200 members and is observed
 * for 52 - k periods after its start; its survivors are round(size * S(t)) of the sBG above,
 * with S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1), Fader and Hardie's eq. (5).
 */
function sbgTriangle() {
  const { alpha, beta } = TRIANGLE_TRUTH;
  const cohorts = [];
  for (let k = 0; k < TRIANGLE_COHORTS; k += 1) {
    const size = 1000 + 10 * (((k * 37) % 41) - 20);
    const active = [size];
    let survival = 1;
    for (let t = 1; t <= TRIANGLE_COHORTS - k; t += 1) {
      survival *= (beta + t - 1) / (alpha + beta + t - 1);
      active.push(Math.round(size * survival));
    }
    cohorts.push({ size, active });
  }
  return { truth: TRIANGLE_TRUTH, cohorts };
}

/**
 * The parsing benchmark's text: a header, then rows "period<TAB>0.dddddd" with period
 * 0, 1, 2, ... and the six digits (period * 7919) mod 1,000,000, until at least `minBytes`.
 * core_bench.cpp builds the same text.
 */
export function retentionText(minBytes = PARSE_TEXT_BYTES) {
  const rows = ['period\tretention\n'];
  let bytes = rows[0].length;
  for (let period = 0; bytes < minBytes; period += 1) {
    const digits = String((period * 7919) % 1000000).padStart(6, '0');
    const row = `${period}\t0.${digits}\n`;
    rows.push(row);
    bytes += row.length;
  }
  return rows.join('');
}

export function makeFixtures() {
  return {
    about: 'Written by bench/fixtures.mjs; read by core_bench.cpp, run.mjs and reference_fits.py.',
    power: {
      truth: POWER_TRUTH,
      points5: powerPoints(5),
      points180: powerPoints(180),
    },
    faderHardie: faderHardieRegular(),
    triangle: sbgTriangle(),
    parseTextBytes: PARSE_TEXT_BYTES,
  };
}

/** JSON with objects indented and each array of numbers on one line. */
function formatJson(value, indent = '') {
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) {
    return JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => `${inner}${formatJson(item, inner)}`)
    : Object.entries(value).map(([key, item]) => `${inner}"${key}": ${formatJson(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** Writes fixtures.json and returns what it wrote. */
export function writeFixtures() {
  const fixtures = makeFixtures();
  writeFileSync(FIXTURES_PATH, `${formatJson(fixtures)}\n`);
  return fixtures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFixtures();
}
