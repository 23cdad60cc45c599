// The "retention" input mode: retention by period in an editable table.
//
// The table is the single source of the data being fitted. Loaded text goes through the
// engine's parser into the table; every fit then writes the table back to text and parses it
// again, so a bad cell and a bad file are reported by the same parser with a row and column.

import { isFailure } from './engine.js';
import { createDataTable } from './data_table.js';
import { showMessage } from './data_input.js';
import { formatCount } from './format.js';

/** The example of the app this project grew from: shared/data/seed_example.tsv. */
const EXAMPLE_TEXT = 'period\tretention_fact\n0\t1\n1\t0.55\n2\t0.4\n3\t0.35\n4\t0.3\n';

/**
 * @typedef {import('./data_input.js').DataInput} DataInput
 * @typedef {import('../../wasm/retention-core').RetentionCore} RetentionCore
 */

/**
 * @param {RetentionCore} core
 * @param {{ table: HTMLTableElement, emptyNote: HTMLElement, errorBox: HTMLElement,
 *   addRowButton: HTMLButtonElement, onEdit: () => void }} parts `onEdit` runs after the
 *   person changes the table.
 * @returns {DataInput}
 */
export function createRetentionInput(core, { table, emptyNote, errorBox, addRowButton, onEdit }) {
  const dataTable = createDataTable(table, { onEdit, emptyNote });
  addRowButton.addEventListener('click', () => dataTable.addRow());

  /** @type {DataInput['source']} */
  let source = null;

  return {
    mode: 'retention',
    // The person can fix a cell here, so a file that cannot be fitted is still taken in.
    editable: true,
    exampleText: EXAMPLE_TEXT,
    exampleName: 'Example',

    parse: (text) => core.parseRetention(text),

    accept(parsed, name) {
      dataTable.setPoints(parsed);
      const points = parsed.periods.length;
      source = {
        summary: `${name}: ${formatCount(points)} ${points === 1 ? 'point' : 'points'}`,
        notes: parsed.notes,
      };
    },

    get source() {
      return source;
    },

    dataToFit() {
      const { text, tableRows } = dataTable.toTabSeparated();
      if (tableRows.length === 0) {
        // Nothing typed yet (or every row removed): not an error, just nothing new to fit.
        dataTable.clearError();
        return { empty: true };
      }

      const parsed = core.parseRetention(text);
      if (isFailure(parsed)) {
        const { row, column, message, detail } = parsed.error;
        // The parser counts the header as row 1, so data line i is text row i + 2.
        const tableRow = row === undefined ? undefined : tableRows[row - 2];
        if (tableRow === undefined) {
          dataTable.clearError();
          return { problem: message };
        }
        // The table names the cell itself: its rows are numbered from 1 without a header.
        dataTable.markError(tableRow, column);
        const cell = column === undefined ? '' : `, ${dataTable.columnLabel(column)}`;
        return { problem: `Row ${tableRow + 1}${cell}: ${detail ?? message}` };
      }
      dataTable.clearError();

      const data = { periods: parsed.periods, retention: parsed.retention };
      if (parsed.weights) data.weights = parsed.weights;
      return { data };
    },

    showProblem: (message) => showMessage(errorBox, message),
  };
}
