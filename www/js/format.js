// Number formatting for display only; every number shown comes from the engine.
//
// The page is written in English, so numbers use one fixed locale rather than the browser's:
// a headline of "43,401" reads the same on every machine and in every test.

const LOCALE = 'en-US';

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** A count of people, e.g. 43401 → "43,401". */
export function formatCount(value) {
  return countFormat.format(value);
}

/** A parameter with a fixed number of decimals, e.g. (0.18961, 4) → "0.1896". */
export function formatFixed(value, decimals) {
  return Number.isFinite(value) ? value.toFixed(decimals) : String(value);
}

/** A small error measure with three significant digits, e.g. 0.005261 → "0.00526". */
export function formatSignificant(value, digits = 3) {
  return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : String(value);
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

export { LOCALE };
