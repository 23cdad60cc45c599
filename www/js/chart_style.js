// What the page's charts share: colours, axes, and series in the shape Chart.js draws fastest.

import { formatCount, formatPercent } from './format.js';

export const ACCENT = '#1d4ed8';
export const ACCENT_FILL = 'rgba(29, 78, 216, 0.14)';
export const FIT_COLOUR = '#d9480f';
export const FIT_BAND_FILL = 'rgba(217, 72, 15, 0.18)';
export const SURFACE = '#ffffff';
export const GRID = '#e9edf1';
export const ZERO_LINE = '#9aa5b1';
export const TEXT = '#5b6876';

/**
 * A series indexed by period as the points Chart.js draws without parsing. A category axis
 * would look each label up again for every point of every dataset, which is quadratic in the
 * number of periods and too slow for 91 cohorts while a slider moves.
 */
export function pointsByPeriod(values) {
  return Array.from(values, (value, period) => ({ x: period, y: value }));
}

/** Points at the given periods, e.g. observations at periods 0, 7, 14. */
export function pointsAt(periods, values) {
  return Array.from(periods, (period, index) => ({ x: period, y: values[index] }));
}

export function periodAxis() {
  return {
    type: 'linear',
    min: 0,
    title: { display: true, text: 'Period' },
    grid: { color: GRID },
    ticks: { maxRotation: 0, autoSkipPadding: 12, precision: 0 },
  };
}

export function retentionAxis() {
  return {
    min: 0,
    suggestedMax: 1,
    title: { display: true, text: 'Retention' },
    grid: { color: GRID },
    ticks: { callback: (value) => formatPercent(value) },
  };
}

export function usersAxis() {
  return {
    beginAtZero: true,
    title: { display: true, text: 'Active users' },
    grid: { color: GRID },
    ticks: { callback: (value) => formatCount(value) },
  };
}
