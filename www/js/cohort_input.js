// The "cohorts" input mode: several cohorts, read by the engine's `parseCohorts` from a wide
// triangle or long form, shown read-only as a triangle in which a period a cohort has not
// reached yet is an empty cell, never a zero.

import { showMessage, tableCell } from './data_input.js';
import { formatCount } from './format.js';

/** The example: six monthly cohorts, each observed up to the current month. */
const EXAMPLE_TEXT = [
  'cohort,0,1,2,3,4,5',
  '2025-01,1200,744,571,478,415,371',
  '2025-02,1350,824,634,532,462,',
  '2025-03,1100,693,528,440,,',
  '2025-04,1500,915,705,,,',
  '2025-05,1280,794,,,,',
  '2025-06,1420,,,,,',
].join('\n');

/**
 * @typedef {import('./data_input.js').DataInput} DataInput
 * @typedef {import('../../wasm/retention-core').RetentionCore} RetentionCore
 * @typedef {import('../../wasm/retention-core').ParsedCohorts} ParsedCohorts
 */

/**
 * A cohort table of the engine's `cohorts()` in the shape `parseCohorts` gives, so the Cohorts
 * view can hand its table to this mode: each cohort's size, and its users at every interval
 * after 0 that the log has reached (a null count is a cell not reached, so it is left out).
 * @param {import('../../wasm/retention-core').CohortTable} table
 * @returns {ParsedCohorts}
 */
export function cohortsFromTable(table) {
  const cohorts = table.cohorts.map((cohort) => {
    const periods = [];
    const active = [];
    cohort.counts.forEach((count, interval) => {
      if (interval > 0 && count !== null) {
        periods.push(interval);
        active.push(count);
      }
    });
    return { label: cohort.start, size: cohort.size, periods, active };
  });
  return { cohorts, notes: [table.message, ...table.notes] };
}

/**
 * @param {RetentionCore} core
 * @param {{ table: HTMLTableElement, emptyNote: HTMLElement, errorBox: HTMLElement }} parts
 * @returns {DataInput}
 */
export function createCohortInput(core, { table, emptyNote, errorBox }) {
  /** @type {ParsedCohorts['cohorts']} */
  let cohorts = [];
  /** @type {DataInput['source']} */
  let source = null;

  function renderTable() {
    // One column per period any cohort was observed at; period 0 holds each cohort's size.
    const periods = [...new Set([0, ...cohorts.flatMap((cohort) => cohort.periods)])]
      .sort((left, right) => left - right);

    const headRow = document.createElement('tr');
    headRow.append(tableCell('th', 'Cohort'));
    for (const period of periods) headRow.append(tableCell('th', String(period), 'number'));
    for (const cell of headRow.children) cell.scope = 'col';
    table.tHead.replaceChildren(...(cohorts.length > 0 ? [headRow] : []));

    const rows = cohorts.map((cohort) => {
      const row = document.createElement('tr');
      const label = tableCell('th', cohort.label);
      label.scope = 'row';
      row.append(label);
      const users = new Map(cohort.periods.map((period, index) => [period, cohort.active[index]]));
      users.set(0, cohort.size);
      for (const period of periods) {
        if (users.has(period)) {
          row.append(tableCell('td', formatCount(users.get(period)), 'number'));
        } else {
          const missing = tableCell('td', '', 'missing');
          missing.title = 'Not reached yet';
          row.append(missing);
        }
      }
      return row;
    });
    table.tBodies[0].replaceChildren(...rows);
    emptyNote.hidden = rows.length > 0;
  }

  renderTable();

  return {
    mode: 'cohorts',
    // Read-only here, so a file that cannot be fitted is refused rather than shown.
    editable: false,
    exampleText: EXAMPLE_TEXT,
    exampleName: 'Example',

    parse: (text) => core.parseCohorts(text),

    dataOf: (parsed) => ({ cohorts: parsed.cohorts }),

    accept(parsed, name) {
      cohorts = parsed.cohorts;
      renderTable();
      const count = cohorts.length;
      source = {
        summary: `${name}: ${formatCount(count)} ${count === 1 ? 'cohort' : 'cohorts'}`,
        notes: parsed.notes,
      };
    },

    get source() {
      return source;
    },

    dataToFit: () => (cohorts.length > 0 ? { data: { cohorts } } : { empty: true }),

    showProblem: (message) => showMessage(errorBox, message),
  };
}
