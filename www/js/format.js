// Number formatting for display only; every number shown comes from the engine.
//
// The page is written in English, so numbers use one fixed locale rather than the browser's:
// a headline of "43,401" reads the same on every machine and in every test.
//
// Every formatter shows UNKNOWN for a value the engine reports as unknown (null) and for
// anything that is not a finite number, so the screen never says NaN, Infinity or null.

export const LOCALE = 'en-US';

/** Shown in place of a number that is unknown or does not exist. */
export const UNKNOWN = '—';

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

function formatFinite(value, format) {
  return typeof value === 'number' && Number.isFinite(value) ? format(value) : UNKNOWN;
}

/** A count of people, e.g. 43401 → "43,401". */
export function formatCount(value) {
  return formatFinite(value, (number) => countFormat.format(number));
}

/** A parameter with a fixed number of decimals, e.g. (0.18961, 4) → "0.1896". */
export function formatFixed(value, decimals) {
  return formatFinite(value, (number) => number.toFixed(decimals));
}

/**
 * A fitted parameter or its standard error: four decimals, or three significant digits where
 * four decimals would show a value on a tiny lower bound (1e-8) as zero or spell out a huge
 * one (an error of 19304945984.9741 on a parameter the data cannot pin down).
 */
export function formatParameter(value) {
  return formatFinite(value, (number) => {
    const size = Math.abs(number);
    if (size >= 1e6) return number.toExponential(2);
    if (size !== 0 && size < 1e-4) return String(Number(number.toPrecision(3)));
    return number.toFixed(4);
  });
}

/** A small error measure with three significant digits, e.g. 0.005261 → "0.00526". */
export function formatSignificant(value, digits = 3) {
  return formatFinite(value, (number) => String(Number(number.toPrecision(digits))));
}

/** A large score with grouping and fixed decimals, e.g. (-1680.265, 2) → "-1,680.27". */
export function formatScore(value, decimals = 1) {
  return formatFinite(value, (number) => number.toLocaleString(LOCALE, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }));
}

/** A fraction as a percentage for axes and tooltips, e.g. (0.5432, 1) → "54.3%". */
export function formatPercent(fraction, decimals = 0) {
  return formatFinite(fraction, (number) => `${(number * 100).toFixed(decimals)}%`);
}

/** A difference of two fractions in percentage points, e.g. 0.0043 → "+0.43 pp". */
export function formatPointDifference(difference, decimals = 2) {
  return formatFinite(difference, (number) => {
    const text = (number * 100).toFixed(decimals);
    // A difference that rounds to zero is shown without a sign ("-0.00" reads as a mistake).
    if (Number(text) === 0) return `${(0).toFixed(decimals)} pp`;
    return number > 0 ? `+${text} pp` : `${text} pp`;
  });
}

/**
 * A number as a table cell shows it: short, without binary noise such as 0.5432000000000001,
 * which a percentage divided by 100 would otherwise show. Empty for no number.
 */
export function formatCell(value) {
  return typeof value === 'number' && Number.isFinite(value)
    ? String(Number(value.toPrecision(12)))
    : '';
}

/**
 * A size in bytes with decimal units, as file managers show it, e.g. 1950500 → "1.95 MB".
 */
export function formatBytes(bytes) {
  return formatFinite(bytes, (number) => {
    if (number < 1000) return `${countFormat.format(number)} B`;
    if (number < 1e6) return `${countFormat.format(number / 1e3)} KB`;
    if (number < 1e9) return `${String(Number((number / 1e6).toPrecision(3)))} MB`;
    return `${(number / 1e9).toFixed(2)} GB`;
  });
}

/** A duration in seconds, e.g. 0.314 → "0.31 s", 74 → "1 min 14 s". */
export function formatDuration(seconds) {
  return formatFinite(seconds, (number) => {
    if (number < 10) return `${number.toFixed(2)} s`;
    if (number < 120) return `${Math.round(number)} s`;
    const whole = Math.round(number);
    return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  });
}

/** Megabytes (10^6 bytes) per second, e.g. 104.2 → "104 MB/s", 6.26 → "6.3 MB/s". */
export function formatRate(megabytesPerSecond) {
  return formatFinite(megabytesPerSecond, (number) => (
    number < 10 ? `${number.toFixed(1)} MB/s` : `${countFormat.format(number)} MB/s`
  ));
}
