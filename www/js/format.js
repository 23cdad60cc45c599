// Number formatting for display only; every number shown comes from the engine.
//
// The page is written in English, so numbers use one fixed locale rather than the browser's:
// a headline of "43,401" reads the same on every machine and in every test.

export const LOCALE = 'en-US';

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** A count of people, e.g. 43401 → "43,401". */
export function formatCount(value) {
  return countFormat.format(value);
}

/** Shown for a number the engine reports as unknown (null). */
const UNKNOWN = '–';

function formatMaybe(value, format) {
  if (value === null || value === undefined) return UNKNOWN;
  return Number.isFinite(value) ? format(value) : String(value);
}

/** A parameter with a fixed number of decimals, e.g. (0.18961, 4) → "0.1896". */
export function formatFixed(value, decimals) {
  return formatMaybe(value, (number) => number.toFixed(decimals));
}

/** A small error measure with three significant digits, e.g. 0.005261 → "0.00526". */
export function formatSignificant(value, digits = 3) {
  return formatMaybe(value, (number) => String(Number(number.toPrecision(digits))));
}

/** A fraction as a percentage for axes and tooltips, e.g. (0.5432, 1) → "54.3%". */
export function formatPercent(fraction, decimals = 0) {
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/**
 * A number as a table cell shows it: short, without binary noise such as 0.5432000000000001,
 * which a percentage divided by 100 would otherwise show.
 */
export function formatCell(value) {
  return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : '';
}
