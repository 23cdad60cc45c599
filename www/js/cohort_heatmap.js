// The cohort table as a heat map: one row per cohort (its start and size), one column per
// interval 0..n, each cell coloured by the share of the cohort counted there. A cell the log
// has not reached is empty and hatched, never 0; a cell in the log's last period, which the
// log may cover only in part, is marked.
//
// The share shown is the engine's count divided by the engine's cohort size, cell by cell, for
// display only: it is the same number the count says, written as a percentage. Every count,
// size and label comes from the engine as it is.

import { tableCell } from './data_input.js';
import { formatCount, formatPercent } from './format.js';

/**
 * More cells than this make the table slow to build and to scroll; beyond it the first cohorts
 * are shown and a note says so. The chart and the data sent on hold every cohort.
 */
const MAX_CELLS = 60000;

/** Ends of the colour ramp, from no one retained to everyone; style.css draws the key. */
const RAMP_LIGHT = { hue: 210, saturation: 70, lightness: 97 };
const RAMP_DARK = { hue: 224, saturation: 64, lightness: 30 };
/** Below this lightness a cell's text is white. */
const DARK_CELL_LIGHTNESS = 55;

/**
 * @typedef {import('../../wasm/retention-core').CohortTable} CohortTable
 */

/**
 * Position of a share on the colour ramp. The square root spreads the small shares that most
 * cells of a retention table hold (5-30%) over more of the ramp than a straight line would.
 */
function rampPosition(share) {
  return Math.sqrt(Math.min(Math.max(share, 0), 1));
}

/** The colour of a cell at ramp position `position` (0..1), as HSL parts. */
function rampColour(position) {
  const mix = (key) => RAMP_LIGHT[key] + (RAMP_DARK[key] - RAMP_LIGHT[key]) * position;
  return { hue: mix('hue'), saturation: mix('saturation'), lightness: mix('lightness') };
}

function cssColour({ hue, saturation, lightness }) {
  return `hsl(${hue.toFixed(1)} ${saturation.toFixed(1)}% ${lightness.toFixed(1)}%)`;
}

/** A share as a short percentage: "100%", "33.3%", "0%". */
function formatShare(share) {
  return formatPercent(share, 1).replace('.0%', '%');
}

/** The key's gradient: the ramp drawn at evenly spaced shares' positions. */
export function rampGradient() {
  const stops = [];
  for (let step = 0; step <= 10; step += 1) {
    const position = step / 10;
    stops.push(`${cssColour(rampColour(position))} ${(position * 100).toFixed(0)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

function span(text, className) {
  const element = document.createElement('span');
  element.textContent = text;
  element.className = className;
  return element;
}

/**
 * @param {{ table: HTMLTableElement, limitNote: HTMLElement }} parts
 */
export function createCohortHeatmap({ table, limitNote }) {
  /** @type {CohortTable | null} */
  let shown = null;
  let unit = 'percent';
  /** Every filled cell with its two texts, so switching units rewrites text only. */
  let filledCells = [];

  function headRow(intervals) {
    const row = document.createElement('tr');
    const corner = tableCell('th', '', 'cohort-head');
    corner.append(span('Cohort', 'cohort-label'), span('users', 'cohort-size'));
    row.append(corner);
    for (let interval = 0; interval < intervals; interval += 1) {
      row.append(tableCell('th', String(interval), 'number'));
    }
    for (const cell of row.children) cell.scope = 'col';
    return row;
  }

  function bodyRow(cohort, lastPeriod, lastPeriodLabel) {
    const row = document.createElement('tr');
    const head = tableCell('th', '', 'cohort-head');
    head.scope = 'row';
    head.append(span(cohort.start, 'cohort-label'), span(formatCount(cohort.size), 'cohort-size'));
    row.append(head);

    cohort.counts.forEach((count, interval) => {
      if (count === null) {
        const missing = tableCell('td', '', 'missing');
        missing.title = `${cohort.start}, interval ${interval}: not reached yet`;
        row.append(missing);
        return;
      }
      const share = count / cohort.size;
      const colour = rampColour(rampPosition(share));
      const texts = { percent: formatShare(share), count: formatCount(count) };
      const cell = tableCell('td', texts[unit], 'number heat');
      filledCells.push({ cell, texts });
      cell.style.backgroundColor = cssColour(colour);
      if (colour.lightness < DARK_CELL_LIGHTNESS) cell.classList.add('heat-dark');
      let title = `${cohort.start}, interval ${interval}: ${formatCount(count)} of `
        + `${formatCount(cohort.size)} users (${formatShare(share)})`;
      // Interval k of a cohort lies in period start + k, counted as the engine counts periods.
      if (cohort.period + interval === lastPeriod) {
        cell.classList.add('incomplete');
        title += `; in ${lastPeriodLabel}, which the log may cover only in part`;
      }
      cell.title = title;
      row.append(cell);
    });
    return row;
  }

  function render() {
    if (!shown) {
      table.tHead.replaceChildren();
      table.tBodies[0].replaceChildren();
      limitNote.hidden = true;
      return;
    }
    const { cohorts, lastPeriod, lastPeriodLabel } = shown;
    filledCells = [];
    const intervals = cohorts[0]?.counts.length ?? 0;
    const rowsShown = Math.min(cohorts.length, Math.max(1, Math.floor(MAX_CELLS / intervals)));

    table.tHead.replaceChildren(headRow(intervals));
    const body = document.createDocumentFragment();
    for (const cohort of cohorts.slice(0, rowsShown)) {
      body.append(bodyRow(cohort, lastPeriod, lastPeriodLabel));
    }
    table.tBodies[0].replaceChildren(body);

    limitNote.hidden = rowsShown === cohorts.length;
    limitNote.textContent = `The table shows the first ${formatCount(rowsShown)} of `
      + `${formatCount(cohorts.length)} cohorts, to stay quick; the chart and the data sent `
      + 'to the other views hold all of them.';
  }

  return {
    /** @param {CohortTable} cohortTable */
    show(cohortTable) {
      shown = cohortTable;
      render();
    },
    /** @param {'percent' | 'count'} next */
    setUnit(next) {
      unit = next;
      for (const { cell, texts } of filledCells) cell.textContent = texts[unit];
    },
  };
}
