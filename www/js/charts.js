// The chart defaults every chart shares, and the charts of "Simulate growth" (fit_charts.js
// holds those of "Predict retention"). Each is created once; views hand it new engine results
// and it redraws with `update('none')`, so dragging a slider reuses one Chart object instead of
// rebuilding it.
//
// Chart.js is loaded by a classic <script> (its UMD build) and read from the global object.

import {
  ACCENT,
  ACCENT_FILL,
  TEXT,
  periodAxis,
  pointsByPeriod,
  retentionAxis,
  usersAxis,
} from './chart_style.js';
import { LOCALE, formatCount, formatPercent } from './format.js';

const Chart = globalThis.Chart;

/** Stops of the cohort ramp, oldest cohort first; style.css draws the same ramp as a key. */
const COHORT_RAMP = [
  { hue: 224, saturation: 64, lightness: 24 },
  { hue: 200, saturation: 70, lightness: 48 },
  { hue: 176, saturation: 60, lightness: 78 },
];

let defaultsConfigured = false;

/** Sets what every chart shares; call before creating the first chart. */
export function configureChartDefaults() {
  if (defaultsConfigured) return;
  defaultsConfigured = true;

  // Animations would replay on every slider step and make dragging lag behind the pointer.
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.locale = LOCALE;
  Chart.defaults.color = TEXT;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.plugins.tooltip.backgroundColor = 'rgba(31, 41, 51, 0.92)';
  Chart.defaults.plugins.tooltip.padding = 8;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.plugins.legend.labels.boxHeight = 12;

  Chart.Interaction.modes.cohortBand = cohortBandMode;
}

/**
 * Interaction mode for stacked bands: the band under the pointer at the nearest period.
 * Chart.js's own modes either list every dataset (unreadable with 91 cohorts) or pick the
 * nearest band edge, which is often the band above or below the one being pointed at.
 */
function cohortBandMode(chart, event) {
  const position = Chart.helpers.getRelativePosition(event, chart);
  const area = chart.chartArea;
  if (position.x < area.left || position.x > area.right) return [];
  if (position.y < area.top || position.y > area.bottom) return [];

  // Point i of every band is period i.
  const index = Math.round(chart.scales.x.getValueForPixel(position.x));

  // Bands stack upwards from dataset 0 and each point marks the top of its band, so the first
  // band whose top lies above the pointer (a smaller pixel y) is the one that contains it.
  for (let datasetIndex = 0; datasetIndex < chart.data.datasets.length; datasetIndex += 1) {
    const meta = chart.getDatasetMeta(datasetIndex);
    const element = meta.data[index];
    if (!meta.hidden && element && position.y >= element.y) {
      return [{ element, datasetIndex, index }];
    }
  }
  return [];
}

/** Colour of cohort `index` out of `count`, on a ramp from dark (oldest) to light (newest). */
function cohortColour(index, count) {
  const position = count > 1 ? index / (count - 1) : 0;
  const segment = Math.min(Math.floor(position * 2), 1);
  const local = position * 2 - segment;
  const from = COHORT_RAMP[segment];
  const to = COHORT_RAMP[segment + 1];
  const mix = (key) => from[key] + (to[key] - from[key]) * local;
  return `hsl(${mix('hue')} ${mix('saturation')}% ${mix('lightness')}%)`;
}

/** Options shared by the charts of a simulation, whose points come from pointsByPeriod. */
function simulationOptions(yAxis, tooltipCallbacks, interaction) {
  return {
    parsing: false,
    // Periods are sorted and unique, which lets Chart.js skip sorting and gap checks.
    normalized: true,
    spanGaps: true,
    interaction,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: { title: (items) => `Period ${items[0].parsed.x}`, ...tooltipCallbacks },
      },
    },
    scales: { x: periodAxis(), y: yAxis },
  };
}

/** Retention r(t) by period, as a line. */
export function createRetentionCurveChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [{
        label: 'Retention',
        data: [],
        borderColor: ACCENT,
        borderWidth: 2,
        pointRadius: 0,
        pointHoverRadius: 4,
      }],
    },
    options: simulationOptions(
      retentionAxis(),
      { label: (item) => `Retention ${formatPercent(item.parsed.y, 1)}` },
      { mode: 'index', intersect: false },
    ),
  });

  return {
    chart,
    /** @param {Float64Array} curve r(t) for t = 0..periods. */
    update(curve) {
      chart.options.scales.x.max = curve.length - 1;
      chart.data.datasets[0].data = pointsByPeriod(curve);
      chart.update('none');
    },
  };
}

/** Active users by period, as a filled area. */
export function createActiveUsersChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [{
        label: 'Active users',
        data: [],
        borderColor: ACCENT,
        backgroundColor: ACCENT_FILL,
        borderWidth: 2,
        fill: 'origin',
        pointRadius: 0,
        pointHoverRadius: 4,
      }],
    },
    options: simulationOptions(
      usersAxis(),
      { label: (item) => `${formatCount(item.parsed.y)} active users` },
      { mode: 'index', intersect: false },
    ),
  });

  return {
    chart,
    /** @param {Float64Array} activeUsers Active users in each period 0..periods. */
    update(activeUsers) {
      chart.options.scales.x.max = activeUsers.length - 1;
      chart.data.datasets[0].data = pointsByPeriod(activeUsers);
      chart.update('none');
    },
  };
}

function cohortDataset(cohortIndex, cohortCount) {
  const colour = cohortColour(cohortIndex, cohortCount);
  return {
    label: `Cohort of period ${cohortIndex}`,
    data: [],
    backgroundColor: colour,
    borderColor: colour,
    borderWidth: 1,
    // Each band is filled down to the axis and drawn over the bands above it (a higher
    // `order` is drawn first), so the opaque areas show as stacked bands without seams.
    // Filling down to the band below instead clips every area against its neighbour, which
    // took 12 ms of each redraw at 91 cohorts against 4.5 ms this way.
    fill: 'origin',
    order: cohortIndex,
    pointRadius: 0,
    pointHoverRadius: 0,
  };
}

/**
 * Active users stacked by cohort, oldest cohort at the bottom. With up to 91 cohorts there is
 * no legend; colour says the cohort's age and the tooltip names the band under the pointer.
 *
 * The chart is not a Chart.js stacked chart: for every stacked point Chart.js 4.6 sorts all
 * datasets again (updateStacks → getLastIndexInStack), which took 85 ms per update with 91
 * cohorts and made dragging a slider stutter. Each dataset holds instead the upper edge of its
 * band, the engine's running total of the cohorts up to it (`stacked`); the tooltip shows the
 * engine's own numbers for the cohort and the total.
 */
export function createCohortChart(canvas) {
  /** The engine's users of each cohort in each period, and its total in each period. */
  let cohortUsers = [];
  let totals = new Float64Array(0);

  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: simulationOptions(
      usersAxis(),
      {
        label: (item) => {
          const started = item.datasetIndex;
          const period = item.dataIndex;
          const users = formatCount(cohortUsers[started][period]);
          return `Cohort of period ${started} (age ${period - started}): ${users}`;
        },
        footer: (items) => `All cohorts: ${formatCount(totals[items[0].dataIndex])}`,
      },
      { mode: 'cohortBand', intersect: false },
    ),
  });

  return {
    chart,
    /**
     * @param {{ cohorts: Float64Array[], stacked: Float64Array[], activeUsers: Float64Array }}
     *   simulation The engine's result: users of cohort k in period p (`cohorts[k][p]`), the
     *   users of cohorts 0..k (`stacked[k][p]`) and the total in each period.
     */
    update({ cohorts, stacked, activeUsers }) {
      cohortUsers = cohorts;
      totals = activeUsers;

      // The colour of a cohort depends on how many there are, so a new period count restyles
      // every band; otherwise only the data changes.
      if (chart.data.datasets.length !== stacked.length) {
        chart.data.datasets = stacked.map((_, index) => cohortDataset(index, stacked.length));
      }
      chart.options.scales.x.max = activeUsers.length - 1;
      stacked.forEach((bandTop, index) => {
        chart.data.datasets[index].data = pointsByPeriod(bandTop);
      });
      chart.update('none');
    },
  };
}
