// The curves of a cohort table: each cohort's retention as a thin, light line and the engine's
// mean retention (weighted by cohort size over the cohorts that reach each interval) as a bold
// one. A cohort's point is its count over its size, the share the heat map shows; the mean is
// the engine's own `meanRetention`.
//
// Interval 0 is the whole cohort, 100% by definition; drawn, it squeezes every later interval
// into the bottom of the chart, so by default the chart starts at interval 1 and its axis fits
// the later values.

import { periodAxis, pointsByPeriod, retentionAxis } from './chart_style.js';
import { formatCount, formatPercent } from './format.js';

const Chart = globalThis.Chart;

/** The lines' colours; style.css draws the chart's key with the same. */
const COHORT_LINE = 'rgba(29, 78, 216, 0.28)';
const MEAN_LINE = '#172554';

/** What an interval is in each period unit, for the axis title. */
const INTERVAL_TITLES = {
  day: 'Days since the cohort started',
  week: 'Weeks since the cohort started',
  month: 'Months since the cohort started',
};

/**
 * @typedef {import('../../wasm/retention-core').CohortTable} CohortTable
 */

function cohortDataset(cohort, firstInterval) {
  const points = [];
  cohort.counts.forEach((count, interval) => {
    if (count !== null && interval >= firstInterval) {
      points.push({ x: interval, y: count / cohort.size });
    }
  });
  return {
    label: cohort.start,
    data: points,
    borderColor: COHORT_LINE,
    borderWidth: 1,
    pointRadius: 0,
    pointHoverRadius: 3,
    pointHoverBackgroundColor: COHORT_LINE,
    order: 1,
  };
}

function meanDataset(meanRetention, firstInterval) {
  return {
    label: 'Mean',
    data: pointsByPeriod(meanRetention).slice(firstInterval),
    borderColor: MEAN_LINE,
    borderWidth: 3,
    pointRadius: 0,
    pointHoverRadius: 4,
    pointHoverBackgroundColor: MEAN_LINE,
    // Drawn last, over the cohorts' lines.
    order: 0,
  };
}

/** @param {HTMLCanvasElement} canvas */
export function createCohortCurveChart(canvas) {
  /** @type {CohortTable | null} */
  let shown = null;
  let firstInterval = 1;

  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => `Interval ${items[0].parsed.x}`,
            label: (item) => tooltipLabel(shown, item),
          },
        },
      },
      scales: { x: periodAxis(), y: retentionAxis() },
    },
  });

  function draw() {
    const { scales } = chart.options;
    const lastInterval = shown.meanRetention.length - 1;
    // A table with interval 0 only still gets an axis from 0 to 1.
    const first = Math.min(firstInterval, Math.max(lastInterval - 1, 0));
    scales.x.min = first;
    scales.x.max = Math.max(lastInterval, first + 1);
    scales.x.title.text = INTERVAL_TITLES[shown.period];
    scales.y.suggestedMax = first === 0 ? 1 : undefined;
    chart.data.datasets = [
      meanDataset(shown.meanRetention, first),
      ...shown.cohorts.map((cohort) => cohortDataset(cohort, first)),
    ];
    chart.update('none');
  }

  return {
    chart,
    /** @param {CohortTable} table */
    update(table) {
      shown = table;
      draw();
    },
    /** Starts the chart at interval 0 (the whole cohort) or at interval 1. */
    showIntervalZero(show) {
      firstInterval = show ? 0 : 1;
      if (shown) draw();
    },
  };
}

function tooltipLabel(table, item) {
  const interval = item.parsed.x;
  if (item.datasetIndex === 0) {
    const cohorts = table.meanCohorts[interval];
    return `Mean ${formatPercent(item.parsed.y, 1)} over ${formatCount(cohorts)} `
      + `${cohorts === 1 ? 'cohort' : 'cohorts'}`;
  }
  const cohort = table.cohorts[item.datasetIndex - 1];
  return `${cohort.start}: ${formatPercent(item.parsed.y, 1)} (${formatCount(
    cohort.counts[interval])} of ${formatCount(cohort.size)})`;
}
