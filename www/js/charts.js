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
import { cohortPalette, createBandPainter, stackTop } from './cohort_bands.js';
import { LOCALE, formatCount, formatPercent } from './format.js';

const Chart = globalThis.Chart;

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

/**
 * Interaction mode of the cohort chart: the band under the pointer at the nearest period. The
 * item is the total's point of that period, wrapped to carry the cohort (`element.cohort`).
 */
function cohortBandMode(chart, event) {
  const position = Chart.helpers.getRelativePosition(event, chart);
  const area = chart.chartArea;
  const inside = position.x >= area.left && position.x <= area.right
    && position.y >= area.top && position.y <= area.bottom;
  const { activeUsers } = chart.$cohortBands;
  if (!inside || activeUsers.length === 0) return [];

  const index = Math.round(chart.scales.x.getValueForPixel(position.x));
  const period = Math.min(Math.max(index, 0), activeUsers.length - 1);
  const users = chart.scales.y.getValueForPixel(position.y);
  if (users < 0 || users > activeUsers[period]) return [];

  // Bands stack upwards from the oldest cohort; the first whose top is at or above the
  // pointer contains it. Cohorts started after `period` have no users yet.
  let cohort = 0;
  while (cohort < period && stackTop(activeUsers, cohort, period) < users) cohort += 1;
  const element = Object.create(chart.getDatasetMeta(0).data[period]);
  element.cohort = cohort;
  return [{ element, datasetIndex: 0, index: period }];
}

/** Tooltip position: the pointed period, at the pointer's height, inside the band. */
function cohortBandPosition(items, eventPosition) {
  if (items.length === 0) return false;
  return { x: items[0].element.x, y: eventPosition.y };
}

/**
 * Active users stacked by cohort, oldest cohort at the bottom. There is no legend; colour says
 * the cohort's age and the tooltip names the band under the pointer with the engine's numbers.
 *
 * The one dataset is the total in each period, which sets the axis and carries the tooltip;
 * a plugin paints the bands beneath it from the engine's running totals (cohort_bands.js).
 */
export function createCohortChart(canvas) {
  Chart.Interaction.modes.cohortBand = cohortBandMode;
  Chart.Tooltip.positioners.cohortBand = cohortBandPosition;

  /** The engine's users of a cohort of each age. */
  let usersByAge = new Float64Array(0);

  const bands = { activeUsers: new Float64Array(0), colours: [] };
  const paintBands = createBandPainter();
  const options = simulationOptions(
    usersAxis(),
    {
      label: (item) => {
        const started = item.element.cohort;
        const period = item.dataIndex;
        const users = formatCount(usersByAge[period - started]);
        return `Cohort of period ${started} (age ${period - started}): ${users}`;
      },
      labelColor: (item) => {
        const colour = bands.colours[item.element.cohort].css;
        return { borderColor: colour, backgroundColor: colour };
      },
      footer: (items) => `All cohorts: ${formatCount(bands.activeUsers[items[0].dataIndex])}`,
    },
    { mode: 'cohortBand', intersect: false },
  );
  options.plugins.tooltip.position = 'cohortBand';

  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [{
        label: 'All cohorts',
        data: [],
        // The total as a line over the bands: it also smooths their stepped top edge.
        borderColor: ACCENT,
        borderWidth: 1.5,
        pointRadius: 0,
        pointHoverRadius: 0,
      }],
    },
    options,
    plugins: [{
      id: 'cohortBands',
      beforeDatasetsDraw: (target) => paintBands(target, bands.activeUsers, bands.colours),
    }],
  });
  // Where the interaction mode, which Chart.js calls with the chart alone, finds the bands.
  chart.$cohortBands = bands;

  return {
    chart,
    /**
     * @param {{ usersByAge: Float64Array, activeUsers: Float64Array }} simulation The
     *   engine's result: users of a cohort of each age, and the total in each period.
     */
    update(simulation) {
      usersByAge = simulation.usersByAge;
      const { activeUsers } = simulation;
      // A cohort's colour depends on how many there are.
      if (bands.colours.length !== activeUsers.length) {
        bands.colours = cohortPalette(activeUsers.length);
      }
      bands.activeUsers = activeUsers;
      chart.options.scales.x.max = activeUsers.length - 1;
      chart.data.datasets[0].data = pointsByPeriod(activeUsers);
      chart.update('none');
    },
  };
}
