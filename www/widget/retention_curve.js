// <retention-curve>: one live chart of the engine's simulation, for embedding in other pages.
// build_site bundles this module, Chart.js (from its npm ES module build) and the page's
// shared chart style into dist/retention-widget.js; the engine stays a module of its own
// (retention-core.mjs and .wasm beside the bundle) that every widget on a page shares.
//
//   <script type="module" src="retention-widget.js"></script>
//   <retention-curve a="0.03" c="0.55" d="1.5" periods="30"></retention-curve>
//
// Attributes: a, c, d (the curve), b (gives the different-events form), periods, new-users,
// chart="retention" (default, r(t)) or "active" (active users by period). Missing ones take
// the engine's defaults; changing one redraws. The element fills its container's width with
// an aspect ratio of 2:1 unless the page gives it a height.

import {
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import {
  ACCENT,
  ACCENT_FILL,
  TEXT,
  periodAxis,
  pointsByPeriod,
  retentionAxis,
  usersAxis,
} from '../js/chart_style.js';
import { isFailure, loadEngine } from '../js/engine.js';
import { LOCALE, formatCount, formatPercent } from '../js/format.js';

// Only what a line chart with a filled area and tooltips draws, so the bundle carries no
// other chart types.
Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip);

/** Attributes holding numbers, and the engine's name for each. */
const NUMBER_ATTRIBUTES = {
  a: 'a',
  b: 'b',
  c: 'c',
  d: 'd',
  periods: 'periods',
  'new-users': 'newUsers',
};

const CHART_KINDS = ['retention', 'active'];

// Shadow styles go in through a constructed stylesheet: a <style> element would be an inline
// style, which the pages' Content-Security-Policy (style-src 'self') refuses.
const STYLES = `
  :host { display: block; position: relative; width: 100%; aspect-ratio: 2 / 1; }
  :host([hidden]) { display: none; }
  .frame { position: absolute; inset: 0; }
  .problem {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    margin: 0;
    padding: 8px 12px;
    overflow: auto;
    font-size: 13px;
    text-align: center;
    color: #b42318;
    background: #fdecea;
  }
  .frame[hidden], .problem[hidden] { display: none; }
`;

let sharedStyles = null;

function styles() {
  if (!sharedStyles) {
    sharedStyles = new CSSStyleSheet();
    sharedStyles.replaceSync(STYLES);
  }
  return sharedStyles;
}

/** The Chart.js configuration of one kind of chart, in the look of the app's charts. */
function chartConfig(kind, fontFamily) {
  const retention = kind === 'retention';
  return {
    type: 'line',
    data: {
      datasets: [{
        label: retention ? 'Retention' : 'Active users',
        data: [],
        borderColor: ACCENT,
        borderWidth: 2,
        pointRadius: 0,
        pointHoverRadius: 4,
        ...(retention ? {} : { backgroundColor: ACCENT_FILL, fill: 'origin' }),
      }],
    },
    options: {
      // A redraw follows every attribute change; animating each would lag behind them.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: LOCALE,
      color: TEXT,
      font: { family: fontFamily, size: 12 },
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => `Period ${items[0].parsed.x}`,
            label: (item) => (retention
              ? `Retention ${formatPercent(item.parsed.y, 1)}`
              : `${formatCount(item.parsed.y)} active users`),
          },
        },
      },
      scales: { x: periodAxis(), y: retention ? retentionAxis() : usersAxis() },
    },
  };
}

export class RetentionCurveElement extends HTMLElement {
  static observedAttributes = [...Object.keys(NUMBER_ATTRIBUTES), 'chart'];

  #frame;
  #canvas;
  #problem;
  /** @type {Chart | null} */
  #chart = null;
  #chartKind = '';
  #renderQueued = false;
  #result = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    this.#frame = document.createElement('div');
    this.#frame.className = 'frame';
    this.#canvas = document.createElement('canvas');
    this.#canvas.setAttribute('role', 'img');
    this.#frame.append(this.#canvas);
    this.#problem = document.createElement('p');
    this.#problem.className = 'problem';
    this.#problem.setAttribute('role', 'alert');
    this.#problem.hidden = true;
    root.append(this.#frame, this.#problem);
  }

  /**
   * The engine's simulation the chart shows (curve, activeUsers, parameters, ...), or null
   * before the first drawing and while an attribute is wrong.
   */
  get result() {
    return this.#result;
  }

  connectedCallback() {
    this.#scheduleRender();
  }

  disconnectedCallback() {
    // Chart.js keeps a resize observer and listeners until destroyed.
    this.#chart?.destroy();
    this.#chart = null;
    this.#chartKind = '';
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#scheduleRender();
  }

  // Attributes set one after another in the same task (a, then c, then d) draw once: the
  // engine's promise settles in a later microtask.
  #scheduleRender() {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    loadEngine().then(
      (core) => {
        this.#renderQueued = false;
        if (this.isConnected) this.#render(core);
      },
      (error) => {
        this.#renderQueued = false;
        this.#showProblem(`The engine could not be loaded: ${error.message}`);
      },
    );
  }

  #render(core) {
    const request = this.#readRequest(core.defaults().simulate);
    if (typeof request === 'string') {
      this.#showProblem(request);
      return;
    }
    const result = core.simulate(request.input);
    if (isFailure(result)) {
      this.#showProblem(result.error.message);
      return;
    }
    this.#problem.hidden = true;
    this.#frame.hidden = false;
    this.#result = result;
    this.#draw(request.kind, result);
  }

  /**
   * The simulation's input and the chart's kind from the attributes, or a sentence saying
   * which attribute is wrong.
   */
  #readRequest(defaults) {
    const input = {
      a: defaults.a,
      c: defaults.c,
      d: defaults.d,
      newUsers: defaults.newUsers,
      periods: defaults.periods,
    };
    for (const [attribute, name] of Object.entries(NUMBER_ATTRIBUTES)) {
      const text = this.getAttribute(attribute);
      if (text === null) continue;
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) {
        return `${attribute}="${text}" is not a number.`;
      }
      input[name] = value;
    }

    const kind = this.getAttribute('chart') ?? 'retention';
    if (!CHART_KINDS.includes(kind)) {
      return `chart="${kind}" is not a chart; use "retention" or "active".`;
    }
    return { input, kind };
  }

  #draw(kind, result) {
    if (this.#chartKind !== kind) {
      this.#chart?.destroy();
      const fontFamily = getComputedStyle(this).fontFamily;
      this.#chart = new Chart(this.#canvas, chartConfig(kind, fontFamily));
      this.#chartKind = kind;
    }
    const values = kind === 'retention' ? result.curve : result.activeUsers;
    const last = values.length - 1;
    this.#chart.options.scales.x.max = last;
    this.#chart.data.datasets[0].data = pointsByPeriod(values);
    this.#chart.update('none');

    const { a, c, d } = result.parameters;
    this.#canvas.setAttribute('aria-label', kind === 'retention'
      ? `Retention curve with a = ${a}, c = ${c}, d = ${d}: `
        + `${formatPercent(values[last], 1)} retained after ${last} periods`
      : `Active users with a = ${a}, c = ${c}, d = ${d}: `
        + `${formatCount(values[last])} in period ${last}`);
    // For a page that wants to follow the numbers shown; `result` holds them.
    this.dispatchEvent(new Event('render'));
  }

  // The widget stands in a document its author wrote: a curve left from other attributes would
  // read as the curve of these, so the message takes the chart's place until they are fixed.
  #showProblem(message) {
    this.#problem.textContent = message;
    this.#problem.hidden = false;
    this.#frame.hidden = true;
    this.#result = null;
  }
}

if (!customElements.get('retention-curve')) {
  customElements.define('retention-curve', RetentionCurveElement);
}
