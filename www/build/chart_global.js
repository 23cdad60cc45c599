// Chart.js for the page's bundles (page.mjs and single_file.mjs): only the chart types, scales
// and plugins the page draws with, published as globalThis.Chart, where the page's modules and
// the tests read it (the full UMD build, about 70 KB gzipped, used to put it there).

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Interaction,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';

// Every dataset of the page sets its own colours, so the Colors plugin (3 KB gzipped) is left
// out.
Chart.register(
  LineController,
  ScatterController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  LinearScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip,
);

// What charts.js reads from the UMD build's global besides the class: a custom interaction
// mode is added to Chart.Interaction.modes and finds the pointer with
// Chart.helpers.getRelativePosition, and a tooltip position to Chart.Tooltip.positioners.
Chart.Interaction = Interaction;
Chart.Tooltip = Tooltip;
Chart.helpers = { getRelativePosition };

globalThis.Chart = Chart;
