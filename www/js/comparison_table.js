// The table of "Compare all": one row per model with its parameters, fit, information
// criteria and backtest error; the engine's recommended model is marked and its reason shown.
// Choosing a row shows that model on the chart.

import { showMessage, tableCell } from './data_input.js';
import {
  formatFixed,
  formatScore,
  formatSignificant,
} from './format.js';
import { parameterSymbol, statusLabel } from './model_panel.js';

/**
 * @typedef {import('../../wasm/retention-core').ModelComparison} ModelComparison
 * @typedef {import('../../wasm/retention-core').ModelName} ModelName
 */

/** The fitted parameters in one line, e.g. "α 0.704 · β 1.18". */
function parameterSummary(parameters) {
  return Object.entries(parameters)
    .map(([name, value]) => `${parameterSymbol(name)} ${formatSignificant(value)}`)
    .join(' · ');
}

/**
 * @param {HTMLElement} card The comparison's panel, holding the elements named below.
 * @param {{ onSelect: (model: ModelName) => void, modelName: (model: ModelName) => string }}
 *   options `onSelect` runs when the person chooses a row; `modelName` names a model whose
 *   row has no fit (and so no title of its own).
 */
export function createComparisonTable(card, { onSelect, modelName }) {
  const table = card.querySelector('#predict-compare-table');
  const reason = card.querySelector('#predict-compare-reason');
  const backtestNote = card.querySelector('#predict-compare-backtest');

  function headRow(byLikelihood) {
    const row = document.createElement('tr');
    const headers = [
      'Model', 'Parameters', byLikelihood ? 'Log-likelihood' : 'RMSE', 'AIC', 'BIC',
      'Backtest MAPE',
    ];
    headers.forEach((header, index) => {
      const cell = tableCell('th', header, index >= 2 ? 'number' : undefined);
      cell.scope = 'col';
      row.append(cell);
    });
    return row;
  }

  /** The first cell: a button naming the model, with its badges. */
  function modelCell(row, recommended) {
    const cell = document.createElement('th');
    cell.scope = 'row';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'compare-choice';
    button.dataset.model = row.model;
    button.textContent = row.error === undefined ? row.title : modelName(row.model);
    button.setAttribute('aria-pressed', 'false');
    button.disabled = row.error !== undefined;
    cell.append(button);
    if (row.model === recommended) {
      cell.append(tableCell('span', 'Recommended', 'badge badge-recommended'));
    }
    if (row.error === undefined && row.status !== 'converged') {
      const flag = tableCell('span', statusLabel(row.status), 'badge badge-warning');
      flag.title = row.message;
      cell.append(flag);
    }
    return cell;
  }

  function bodyRow(row, recommended) {
    const tableRow = document.createElement('tr');
    tableRow.dataset.model = row.model;
    if (row.model === recommended) tableRow.dataset.recommended = 'true';
    tableRow.append(modelCell(row, recommended));

    if (row.error !== undefined) {
      // A model that could not be fitted says why across the remaining columns.
      const why = tableCell('td', row.error, 'compare-error');
      why.colSpan = 5;
      tableRow.append(why);
      return tableRow;
    }
    const fit = row.byLikelihood ? formatScore(row.logLikelihood, 2) : formatSignificant(row.rmse);
    const mape = row.backtestMape === null
      ? formatFixed(null)
      : `${formatFixed(row.backtestMape, 2)}%`;
    tableRow.append(
      tableCell('td', parameterSummary(row.parameters), 'compare-parameters'),
      tableCell('td', fit, 'number'),
      tableCell('td', formatScore(row.aic), 'number'),
      tableCell('td', formatScore(row.bic), 'number'),
      tableCell('td', mape, 'number'),
    );
    return tableRow;
  }

  table.tBodies[0].addEventListener('click', (event) => {
    const tableRow = event.target.closest('tr[data-model]');
    const button = tableRow?.querySelector('button.compare-choice');
    if (button && !button.disabled) onSelect(tableRow.dataset.model);
  });

  return {
    /**
     * @param {ModelComparison} comparison
     * @param {ModelName} shown The model whose curve the chart shows.
     */
    show(comparison, shown) {
      const fitted = comparison.rows.find((row) => row.error === undefined);
      table.tHead.replaceChildren(headRow(fitted?.byLikelihood ?? false));
      table.tBodies[0].replaceChildren(
        ...comparison.rows.map((row) => bodyRow(row, comparison.recommended)),
      );
      this.select(shown);
      showMessage(reason, comparison.reason);
      showMessage(backtestNote, comparison.backtestCutoff > 0
        ? `Backtest: each model fitted on periods up to ${comparison.backtestCutoff} `
          + 'and scored on the later ones by mean absolute percentage error.'
        : 'Backtest: too few periods to hold some out.');
      card.hidden = false;
    },

    /** Marks the row whose model the chart shows. */
    select(model) {
      for (const tableRow of table.tBodies[0].rows) {
        const isShown = tableRow.dataset.model === model;
        tableRow.dataset.shown = String(isShown);
        const button = tableRow.querySelector('button.compare-choice');
        button.setAttribute('aria-pressed', String(isShown));
      }
    },

    hide() {
      card.hidden = true;
    },
  };
}
