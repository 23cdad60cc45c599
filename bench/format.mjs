// How the benchmark results write numbers: durations in the unit that suits them with three
// significant digits, ratios as "12×", sizes in KB of 1,000 bytes.

/** 1.234e-5 → "12.3 µs". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const [scale, unit] = seconds < 1e-6 ? [1e9, 'ns']
    : seconds < 1e-3 ? [1e6, 'µs']
      : seconds < 1 ? [1e3, 'ms']
        : [1, 's'];
  return `${Number((seconds * scale).toPrecision(3))} ${unit}`;
}

/** A duration given in milliseconds, as the browser measures them. */
export function milliseconds(ms) {
  return ms === null || ms === undefined ? '—' : duration(ms / 1000);
}

/** 36.2 → "36×", 2.345 → "2.3×", 1.02 → "1.0×". */
export function ratio(value) {
  if (!Number.isFinite(value)) return '—';
  return `${value >= 10 ? value.toFixed(0) : value.toPrecision(2)}×`;
}

/** How our time compares with theirs: "4.2× faster", "22× slower" or "about the same". */
export function versus(ours, theirs) {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || ours <= 0 || theirs <= 0) return '—';
  if (ours / theirs > 0.9 && ours / theirs < 1.1) return 'about the same';
  return ours <= theirs ? `${ratio(theirs / ours)} faster` : `${ratio(ours / theirs)} slower`;
}

/** 0.4267 → "43%". */
export function share(value) {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : '—';
}

/** 242827 → "242.8 KB". */
export function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** Megabytes (10^6 bytes) per second. */
export function throughput(bytes, seconds) {
  return Number.isFinite(bytes / seconds) ? `${Number((bytes / 1e6 / seconds).toPrecision(3))} MB/s`
    : '—';
}

/** The rate of a time per million rows: 0.2 s → "5 M rows/s". */
export function rowRate(secondsPerMillion) {
  return Number.isFinite(1 / secondsPerMillion) && secondsPerMillion > 0
    ? `${Number((1 / secondsPerMillion).toPrecision(3))} M rows/s` : '—';
}

/** A parameter value with enough digits to compare at 1e-3. */
export function parameter(value) {
  return Number.isFinite(value) ? value.toFixed(6) : '—';
}

/** 4194304 → "4 MiB", 458031104 → "437 MiB": memory in units of 2^20 bytes. */
export function mebibytes(bytes) {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  return bytes >= 2 ** 30 ? `${Number((bytes / 2 ** 30).toPrecision(3))} GiB`
    : `${Number((bytes / 2 ** 20).toPrecision(3))} MiB`;
}
