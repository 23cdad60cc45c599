// An editable table of retention points. It holds the text of each cell as typed and never
// reads numbers itself: it turns its rows into tab-separated text for the engine's parser, so
// a bad cell is reported by the same parser, with the same messages, as a bad file.

import { formatCell } from './format.js';

/** Columns in the order they are written to text; the header names are what the parser reads. */
const COLUMNS = [
  { key: 'period', header: 'period', label: 'Period' },
  { key: 'retention', header: 'retention', label: 'Retention' },
  { key: 'weight', header: 'weight', label: 'Weight' },
];

/**
 * @typedef {{ period: string, retention: string, weight: string }} TableRow
 * @typedef {{ periods: number[], retention: number[], weights?: number[] }} Points
 */

/**
 * @param {HTMLTableElement} table A table with an empty <thead> and <tbody>.
 * @param {{ onEdit: () => void, emptyNote?: HTMLElement }} options `onEdit` runs after any
 *   change the person makes: a cell edit, an added row or a removed row.
 */
export function createDataTable(table, { onEdit, emptyNote }) {
  /** @type {TableRow[]} */
  let rows = [];
  let hasWeights = false;
  const head = table.tHead;
  const body = table.tBodies[0];

  function visibleColumns() {
    return hasWeights ? COLUMNS : COLUMNS.slice(0, 2);
  }

  function renderHead() {
    const headRow = document.createElement('tr');
    const numberCell = document.createElement('th');
    numberCell.scope = 'col';
    numberCell.textContent = '#';
    headRow.append(numberCell);
    for (const column of visibleColumns()) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = column.label;
      headRow.append(cell);
    }
    const actionCell = document.createElement('th');
    actionCell.scope = 'col';
    const actionLabel = document.createElement('span');
    actionLabel.className = 'visually-hidden';
    actionLabel.textContent = 'Remove';
    actionCell.append(actionLabel);
    headRow.append(actionCell);
    head.replaceChildren(headRow);
  }

  function renderRow(row, index) {
    const tableRow = document.createElement('tr');
    const numberCell = document.createElement('td');
    numberCell.className = 'row-number';
    numberCell.textContent = String(index + 1);
    tableRow.append(numberCell);

    for (const column of visibleColumns()) {
      const cell = document.createElement('td');
      const input = document.createElement('input');
      input.type = 'text';
      // Text rather than number inputs: a number input hides what was typed when it is not a
      // number, and the parser must see it to point at the cell.
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.value = row[column.key];
      input.dataset.row = String(index);
      input.dataset.column = column.key;
      input.setAttribute('aria-label', `Row ${index + 1}, ${column.label.toLowerCase()}`);
      cell.append(input);
      tableRow.append(cell);
    }

    const removeCell = document.createElement('td');
    removeCell.className = 'row-remove';
    const removeButton = document.createElement('button');
    removeButton.type = 'button';
    removeButton.className = 'remove-button';
    removeButton.dataset.remove = String(index);
    removeButton.setAttribute('aria-label', `Remove row ${index + 1}`);
    removeButton.title = `Remove row ${index + 1}`;
    removeButton.textContent = '×';
    removeCell.append(removeButton);
    tableRow.append(removeCell);
    return tableRow;
  }

  function render() {
    renderHead();
    body.replaceChildren(...rows.map(renderRow));
    if (emptyNote) emptyNote.hidden = rows.length > 0;
  }

  function cellInput(rowIndex, columnKey) {
    return body.querySelector(`input[data-row="${rowIndex}"][data-column="${columnKey}"]`);
  }

  body.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    rows[Number(input.dataset.row)][input.dataset.column] = input.value;
    onEdit();
  });

  body.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-remove]');
    if (!button) return;
    const index = Number(button.dataset.remove);
    rows.splice(index, 1);
    render();

    // Keep keyboard focus in the table: on the row that took this one's place, or the last.
    const next = body.querySelector(`button[data-remove="${Math.min(index, rows.length - 1)}"]`);
    if (next) next.focus();
    onEdit();
  });

  function clearError() {
    for (const input of body.querySelectorAll('input[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
    }
  }

  render();

  return {
    /** Replaces every row with numbers the engine parsed. */
    setPoints(/** @type {Points} */ points) {
      hasWeights = Array.isArray(points.weights);
      rows = points.periods.map((period, index) => ({
        period: formatCell(period),
        retention: formatCell(points.retention[index]),
        weight: hasWeights ? formatCell(points.weights[index]) : '',
      }));
      render();
    },

    /** Appends an empty row and puts the cursor in its first cell. */
    addRow() {
      rows.push({ period: '', retention: '', weight: '' });
      render();
      cellInput(rows.length - 1, 'period').focus();
      onEdit();
    },

    get rowCount() {
      return rows.length;
    },

    /**
     * The table as tab-separated text with a header line, skipping rows with every cell
     * empty (a row just added is not an error yet). `tableRows[i]` is the table row that
     * became data line i, to map a parser's row number back to a cell.
     */
    toTabSeparated() {
      const columns = visibleColumns();
      const lines = [columns.map((column) => column.header).join('\t')];
      const tableRows = [];
      rows.forEach((row, index) => {
        const cells = columns.map((column) => row[column.key].trim());
        if (cells.every((cell) => cell === '')) return;
        // A tab typed into a cell would split it in two; as a space the parser reports it.
        lines.push(cells.map((cell) => cell.replaceAll('\t', ' ')).join('\t'));
        tableRows.push(index);
      });
      return { text: `${lines.join('\n')}\n`, tableRows };
    },

    /**
     * Marks one cell as the cause of an error.
     * @param {number} rowIndex 0-based table row.
     * @param {number | undefined} columnNumber 1-based column of the text, as the parser counts.
     */
    markError(rowIndex, columnNumber) {
      clearError();
      const column = visibleColumns()[(columnNumber ?? 1) - 1] ?? visibleColumns()[0];
      const input = cellInput(rowIndex, column.key);
      if (input) input.setAttribute('aria-invalid', 'true');
    },

    clearError,

    /** The label a person sees for a column of the text, e.g. 2 → "retention". */
    columnLabel(columnNumber) {
      const column = visibleColumns()[columnNumber - 1];
      return column ? column.label.toLowerCase() : `column ${columnNumber}`;
    },
  };
}
