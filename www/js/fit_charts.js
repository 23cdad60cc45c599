// The charts of "Predict retention": a fit with its forecast band, its residuals, and the
// retention rate it implies for each period. Each is created once and redrawn with the
// engine's results; none of them computes anything from the numbers it is given.

import {
  ACCENT,
  FIT_BAND_FILL,
  FIT_COLOUR,
  GRID,
  SURFACE,
  ZERO_LINE,
  periodAxis,
  pointsAt,
  retentionAxis,
} from './chart_style.js';
import { formatPercent, formatPointDifference } from './format.js';

const Chart = globalThis.Chart;

/** Dataset indices of the fit chart; the first two are the foundation's and keep their place. */
const FITTED_POINTS = 0;
const CURVE = 1;
const HELD_OUT_POINTS = 2;
const BAND_LOWER = 3;
const BAND_UPPER = 4;

const HELD_OUT_FILL = SURFACE;

/**
 * @typedef {import('../../wasm/retention-core').FitResult} FitResult
 */

/** The band's name in the legend and tooltips, e.g. 0.9 → "90% band". */
function bandName(level) {
  return `${formatPercent(level)} band`;
}

function fitChartDatasets() {
  const observed = {
    data: [],
    // Retention is 1 at period 0, on the corner of the plot; unclipped, the point shows whole
    // instead of a quarter of it.
    clip: false,
    borderWidth: 1.5,
    pointRadius: 5,
    pointHoverRadius: 7,
  };
  const bandEdge = {
    data: [],
    showLine: true,
    borderWidth: 0,
    pointRadius: 0,
    pointHoverRadius: 0,
    backgroundColor: FIT_BAND_FILL,
  };
  return [
    {
      ...observed,
      label: 'Observed',
      order: 0,
      backgroundColor: ACCENT,
      borderColor: SURFACE,
    },
    {
      label: 'Fitted curve',
      data: [],
      order: 1,
      showLine: true,
      pointStyle: 'line',
      borderColor: FIT_COLOUR,
      borderWidth: 2,
      borderDash: [2, 4],
      borderCapStyle: 'round',
      pointRadius: 0,
      pointHoverRadius: 4,
      pointHoverBackgroundColor: FIT_COLOUR,
    },
    {
      // Observations after `fitThrough`: hollow, so they read as a test of the forecast.
      ...observed,
      label: 'Held out',
      order: 0,
      backgroundColor: HELD_OUT_FILL,
      borderColor: ACCENT,
      borderWidth: 2,
      pointRadius: 4.5,
    },
    { ...bandEdge, label: 'Band lower edge', order: 3, fill: false },
    // Filled down to the lower edge, the dataset before it.
    { ...bandEdge, label: 'Band', order: 2, fill: '-1' },
  ];
}

/**
 * Observed retention as points (hollow where held out of the fit), the fitted curve as a
 * dotted line over the horizon, and the forecast band as a translucent area around it.
 */
export function createFitChart(canvas) {
  /** The band shown, for the tooltip of the fitted curve. */
  let band = { lower: new Float64Array(0), upper: new Float64Array(0) };

  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets: fitChartDatasets() },
    options: {
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: {
          position: 'top',
          align: 'end',
          labels: {
            usePointStyle: true,
            boxHeight: 7,
            // The band is one entry, and "Held out" only appears when some points are.
            filter: (item, data) => item.datasetIndex !== BAND_LOWER
              && data.datasets[item.datasetIndex].data.length > 0,
          },
        },
        tooltip: {
          // The band's edges are told in the fitted curve's line rather than on their own.
          filter: (item) => item.datasetIndex !== BAND_LOWER && item.datasetIndex !== BAND_UPPER,
          callbacks: {
            title: (items) => `Period ${items[0].parsed.x}`,
            label: (item) => {
              const value = `${item.dataset.label}: ${formatPercent(item.parsed.y, 2)}`;
              if (item.datasetIndex !== CURVE) return value;
              const lower = formatPercent(band.lower[item.dataIndex], 1);
              const upper = formatPercent(band.upper[item.dataIndex], 1);
              return `${value} (${chart.data.datasets[BAND_UPPER].label} ${lower}–${upper})`;
            },
          },
        },
      },
      scales: {
        x: periodAxis(),
        y: retentionAxis(),
      },
    },
  });
  const datasets = chart.data.datasets;

  return {
    chart,
    /** Makes the period axis reach at least `horizon`, so an empty chart already shows it. */
    setHorizon(horizon) {
      chart.options.scales.x.suggestedMax = horizon;
      chart.update('none');
    },
    /**
     * @param {FitResult} fit
     * @param {number} bandLevel Coverage of the band, e.g. 0.9.
     */
    update(fit, bandLevel) {
      const { observed, forecast } = fit;
      const fitted = { periods: [], retention: [] };
      const heldOut = { periods: [], retention: [] };
      observed.inFit.forEach((inFit, index) => {
        const target = inFit ? fitted : heldOut;
        target.periods.push(observed.periods[index]);
        target.retention.push(observed.retention[index]);
      });
      band = { lower: forecast.lower, upper: forecast.upper };

      datasets[FITTED_POINTS].data = pointsAt(fitted.periods, fitted.retention);
      datasets[HELD_OUT_POINTS].data = pointsAt(heldOut.periods, heldOut.retention);
      datasets[CURVE].data = pointsAt(forecast.periods, forecast.retention);
      datasets[BAND_LOWER].data = pointsAt(forecast.periods, forecast.lower);
      datasets[BAND_UPPER].data = pointsAt(forecast.periods, forecast.upper);
      datasets[BAND_UPPER].label = bandName(bandLevel);
      chart.update('none');
    },
    /** Removes every point, for a view with no data to fit. */
    clear() {
      for (const dataset of datasets) dataset.data = [];
      chart.update('none');
    },
  };
}

/** Options of the two small charts under the fit. */
function smallChartOptions(xAxis, yAxis, label) {
  return {
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => `Period ${items[0].label ?? items[0].parsed.x}`,
          label: (item) => label(item.parsed.y),
        },
      },
    },
    scales: {
      x: xAxis,
      y: { grid: { color: GRID }, ...yAxis },
    },
  };
}

/**
 * Observed minus fitted at each observed period, in percentage points: solid bars for points
 * that were fitted, hollow ones for held-out points. Periods are categories, so observations
 * at periods 0, 7, 14, 28 stand side by side.
 */
export function createResidualChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: [],
      datasets: [{ label: 'Observed − fitted', data: [], borderWidth: 1.5, maxBarThickness: 28 }],
    },
    options: smallChartOptions(
      {
        title: { display: true, text: 'Period' },
        grid: { display: false },
        ticks: { maxRotation: 0, autoSkipPadding: 8 },
      },
      {
        title: { display: true, text: 'Observed − fitted' },
        grid: {
          color: (context) => (context.tick?.value === 0 ? ZERO_LINE : GRID),
        },
        ticks: { callback: (value) => formatPointDifference(value, 1), maxTicksLimit: 6 },
      },
      (value) => formatPointDifference(value),
    ),
  });
  const [dataset] = chart.data.datasets;

  return {
    chart,
    /** @param {FitResult['observed']} observed */
    update(observed) {
      chart.data.labels = Array.from(observed.periods, String);
      dataset.data = Array.from(observed.residuals);
      dataset.backgroundColor = observed.inFit.map((inFit) => (inFit ? ACCENT : HELD_OUT_FILL));
      dataset.borderColor = ACCENT;
      chart.update('none');
    },
    clear() {
      chart.data.labels = [];
      dataset.data = [];
      chart.update('none');
    },
  };
}

/** The retention rate r(t) = S(t) / S(t − 1) the fit implies for each period t ≥ 1. */
export function createRetentionRateChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [{
        label: 'Retention rate',
        data: [],
        showLine: true,
        borderColor: FIT_COLOUR,
        borderWidth: 2,
        pointRadius: 0,
        pointHoverRadius: 4,
        pointHoverBackgroundColor: FIT_COLOUR,
      }],
    },
    options: smallChartOptions(
      { ...periodAxis(), min: 1 },
      {
        title: { display: true, text: 'r(t)' },
        ticks: { callback: (value) => formatPercent(value), maxTicksLimit: 6 },
      },
      (value) => `r(t) ${formatPercent(value, 1)}`,
    ),
  });
  const [dataset] = chart.data.datasets;

  return {
    chart,
    /**
     * @param {FitResult['forecast']['periods']} periods The forecast's periods 0, 1, ...
     * @param {FitResult['retentionRates']} rates r(t) for periods 1, 2, ...
     */
    update(periods, rates) {
      dataset.data = pointsAt(periods.subarray(1), rates);
      chart.update('none');
    },
    clear() {
      dataset.data = [];
      chart.update('none');
    },
  };
}
