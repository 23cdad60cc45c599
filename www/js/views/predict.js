// "Predict retention": retention data from a file, a paste, the example or the table, fitted by
// the engine to r(t) = a + 1 / (b + c·t^d) and forecast over a chosen number of periods.
//
// The table is the single source of the data being fitted. Loaded text goes through the
// engine's parser into the table; every fit then writes the table back to text and parses it
// again, so a bad cell and a bad file are reported by the same parser with a row and column.
// A problem never clears what is on screen: the last good fit stays until a new one succeeds.

import { isFailure } from '../engine.js';
import { createFitChart } from '../charts.js';
import { createDataTable } from '../data_table.js';
import { attachDropZone, attachFileInput, attachPagePaste } from '../file_input.js';
import { formatCount, formatFixed, formatSignificant } from '../format.js';
import { selectValue } from '../select.js';

/** The example of the app this project grew from: shared/data/seed_example.tsv. */
const EXAMPLE_TEXT = 'period\tretention_fact\n0\t1\n1\t0.55\n2\t0.4\n3\t0.35\n4\t0.3\n';

const STATUS_LABELS = {
  converged: 'Converged',
  hitBound: 'Stopped at a bound',
  iterationLimit: 'Iteration limit reached',
  failed: 'Fit failed',
};

/**
 * The engine's message without the place it starts with ("row 3, column 2 (retention): "),
 * for the table, where the page names the cell itself: the engine counts rows of the text it
 * was given, whose header is row 1, while the table numbers its rows from 1.
 * @param {import('../../../wasm/retention-core').CoreError} error
 */
function withoutPlace(error) {
  return error.message.replace(/^row \d+(?:, column \d+)?(?: \([^)]*\))?: /, '');
}

/**
 * @param {HTMLElement} root The view's <section>.
 * @param {import('../../../wasm/retention-core').RetentionCore} core
 * @param {{ isActive: () => boolean }} options `isActive` says whether the view is on screen.
 */
export function createPredictView(root, core, { isActive }) {
  const find = (selector) => root.querySelector(selector);

  const horizonSelect = find('#predict-horizon');
  const loadError = find('#predict-load-error');
  const tableError = find('#predict-table-error');
  const sourceBox = find('#predict-source');
  const sourceName = find('#predict-source-name');
  const notesList = find('#predict-notes');
  const pasteBox = find('#predict-paste');
  const chartEmpty = find('#predict-chart-empty');
  const staleNote = find('#predict-stale');
  const statusBadge = find('#predict-status');
  const messageText = find('#predict-message');
  const parameterCells = {
    a: find('#predict-a'),
    b: find('#predict-b'),
    c: find('#predict-c'),
    d: find('#predict-d'),
    rmse: find('#predict-rmse'),
    rSquared: find('#predict-r-squared'),
    iterations: find('#predict-iterations'),
  };

  const chart = createFitChart(find('#predict-chart'));
  const table = createDataTable(find('#predict-table'), {
    onEdit: () => {
      // The table now differs from what was loaded, so a complaint about a load is outdated.
      showMessage(loadError, '');
      refit();
    },
    emptyNote: find('#predict-table-empty'),
  });
  let hasGoodFit = false;

  function showMessage(box, message) {
    box.textContent = message;
    box.hidden = message === '';
  }

  function showSource(name, parsed) {
    const points = parsed.periods.length;
    sourceName.textContent = `${name}: ${formatCount(points)} ${points === 1 ? 'point' : 'points'}`;
    notesList.replaceChildren(...parsed.notes.map((note) => {
      const item = document.createElement('li');
      item.textContent = note;
      return item;
    }));
    sourceBox.hidden = false;
  }

  /**
   * Reads text into the table. Text the parser rejects leaves the table as it was.
   * @returns {boolean} Whether the text was read.
   */
  function loadText(text, name) {
    const parsed = core.parseRetention(text);
    if (isFailure(parsed)) {
      // The engine's message already names the row and column of the file.
      showMessage(loadError, `Could not read ${name}: ${parsed.error.message}`);
      return false;
    }
    showMessage(loadError, '');
    table.setPoints(parsed);
    showSource(name, parsed);
    refit();
    return true;
  }

  function showProblemKeepingFit(box, message) {
    showMessage(box, message);
    staleNote.hidden = !hasGoodFit;
  }

  function refit() {
    const { text, tableRows } = table.toTabSeparated();
    if (tableRows.length === 0) {
      // Nothing typed yet (or every row removed): not an error, just nothing new to fit.
      table.clearError();
      showMessage(tableError, '');
      staleNote.hidden = !hasGoodFit;
      return;
    }

    const parsed = core.parseRetention(text);
    if (isFailure(parsed)) {
      const { row, column, message } = parsed.error;
      // The parser counts the header as row 1, so data line i is text row i + 2.
      const tableRow = row === undefined ? undefined : tableRows[row - 2];
      if (tableRow === undefined) {
        table.clearError();
        showProblemKeepingFit(tableError, message);
        return;
      }
      table.markError(tableRow, column);
      const cell = column === undefined ? '' : `, ${table.columnLabel(column)}`;
      const reason = withoutPlace(parsed.error);
      showProblemKeepingFit(tableError, `Row ${tableRow + 1}${cell}: ${reason}`);
      return;
    }
    table.clearError();

    const input = {
      periods: parsed.periods,
      retention: parsed.retention,
      horizon: Number(horizonSelect.value),
    };
    if (parsed.weights) input.weights = parsed.weights;
    const result = core.fit(input);
    if (isFailure(result)) {
      showProblemKeepingFit(tableError, result.error.message);
      return;
    }
    if (result.status === 'failed') {
      showProblemKeepingFit(tableError, result.message);
      return;
    }

    showMessage(tableError, '');
    showFit(result, parsed);
  }

  function showFit(result, observed) {
    hasGoodFit = true;
    staleNote.hidden = true;
    chartEmpty.hidden = true;
    chart.update(observed, result.forecast);

    parameterCells.a.textContent = formatFixed(result.a, 4);
    parameterCells.b.textContent = formatFixed(result.b, 4);
    parameterCells.c.textContent = formatFixed(result.c, 4);
    parameterCells.d.textContent = formatFixed(result.d, 4);
    parameterCells.rmse.textContent = formatSignificant(result.rmse);
    parameterCells.rSquared.textContent = formatFixed(result.rSquared, 4);
    parameterCells.iterations.textContent = String(result.iterations);
    statusBadge.dataset.status = result.status;
    statusBadge.textContent = STATUS_LABELS[result.status] ?? result.status;
    messageText.textContent = result.message;
  }

  const fitDefaults = core.defaults().fit;
  selectValue(horizonSelect, fitDefaults.horizon, formatCount);
  chart.setHorizon(fitDefaults.horizon);
  horizonSelect.addEventListener('change', () => {
    chart.setHorizon(Number(horizonSelect.value));
    refit();
  });

  const reportProblem = (message) => showMessage(loadError, message);
  attachFileInput(find('#predict-file'), loadText, reportProblem);
  attachDropZone(find('#predict-drop-zone'), loadText, reportProblem);
  attachPagePaste({ isActive, onText: loadText });

  find('#predict-example').addEventListener('click', () => loadText(EXAMPLE_TEXT, 'Example'));
  find('#predict-add-row').addEventListener('click', () => table.addRow());

  // Text pasted into the box is read at once; text typed there is read with the button.
  // If it cannot be read it stays in the box to be fixed.
  pasteBox.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.trim() === '') return;
    event.preventDefault();
    pasteBox.value = text;
    if (loadText(text, 'Pasted cells')) pasteBox.value = '';
  });
  find('#predict-paste-read').addEventListener('click', () => {
    if (pasteBox.value.trim() === '') return;
    if (loadText(pasteBox.value, 'Typed text')) pasteBox.value = '';
  });
}
