// The "counts" input mode: survivors of one cohort by period, read by the engine's
// `parseCounts` from a table with one column per segment, of which the person picks one.
// The data are shown read-only; a file is replaced by loading another.

import { showMessage, tableCell } from './data_input.js';
import { formatCount } from './format.js';

/**
 * The example: customers still active out of 1,000 in each year, for two segments, from
 * P. S. Fader and B. G. S. Hardie, "How to Project Customer Retention", Journal of
 * Interactive Marketing 21(1), 2007 (shared/data/fader_hardie_2007.csv).
 */
const EXAMPLE_TEXT = [
  'year,regular,high_end',
  '0,1000,1000', '1,631,869', '2,468,743', '3,382,653', '4,326,593', '5,289,551',
  '6,262,517', '7,241,491', '8,223,468', '9,207,445', '10,194,427', '11,183,409', '12,173,394',
].join('\n');

const EXAMPLE_NOTE = 'Fader and Hardie fit years 0–7 and hold out 8–12 to test the forecast: '
  + 'set "Fit periods up to" to 7 to do the same.';

/**
 * @typedef {import('./data_input.js').DataInput} DataInput
 * @typedef {import('../../wasm/retention-core').RetentionCore} RetentionCore
 * @typedef {import('../../wasm/retention-core').CountSegment} CountSegment
 */

/**
 * @param {RetentionCore} core
 * @param {{ segmentSelect: HTMLSelectElement, segmentField: HTMLElement,
 *   table: HTMLTableElement, emptyNote: HTMLElement, errorBox: HTMLElement,
 *   onSegmentChange: () => void }} parts
 * @returns {DataInput}
 */
export function createCountInput(core, parts) {
  const { segmentSelect, segmentField, table, emptyNote, errorBox, onSegmentChange } = parts;

  /** @type {CountSegment[]} */
  let segments = [];
  /** @type {DataInput['source']} */
  let source = null;

  /** The segment a new file starts on: the one of the same name, else its first. */
  function startingSegment(candidates) {
    const current = segments[segmentSelect.selectedIndex]?.name;
    return Math.max(0, candidates.findIndex((segment) => segment.name === current));
  }

  function segmentData(segment) {
    return { periods: segment.periods, active: segment.active, cohortSize: segment.size };
  }

  function renderSegments(selectedIndex) {
    // Segment names come from the file: set as option text, never as markup.
    segmentSelect.replaceChildren(...segments.map((segment, index) => new Option(
      segment.name,
      String(index),
    )));
    segmentSelect.selectedIndex = selectedIndex;
    segmentSelect.disabled = segments.length < 2;
    segmentField.hidden = segments.length === 0;
  }

  function renderTable() {
    const segment = segments[segmentSelect.selectedIndex];
    const headRow = document.createElement('tr');
    headRow.append(tableCell('th', 'Period'), tableCell('th', 'Active users'));
    for (const cell of headRow.children) cell.scope = 'col';
    table.tHead.replaceChildren(headRow);

    const rows = [];
    if (segment) {
      // Period 0 holds the cohort size, as in the file.
      const periods = [0, ...segment.periods];
      const active = [segment.size, ...segment.active];
      periods.forEach((period, index) => {
        const row = document.createElement('tr');
        row.append(tableCell('td', String(period)), tableCell('td', formatCount(active[index])));
        rows.push(row);
      });
    }
    table.tBodies[0].replaceChildren(...rows);
    emptyNote.hidden = rows.length > 0;
  }

  segmentSelect.addEventListener('change', () => {
    renderTable();
    onSegmentChange();
  });
  renderSegments(0);
  renderTable();

  return {
    mode: 'counts',
    // Read-only here, so a file that cannot be fitted is refused rather than shown.
    editable: false,
    exampleText: EXAMPLE_TEXT,
    exampleName: 'Example (Fader and Hardie 2007)',

    parse: (text) => core.parseCounts(text),

    dataOf(parsed) {
      return segmentData(parsed.segments[startingSegment(parsed.segments)]);
    },

    accept(parsed, name) {
      const selected = startingSegment(parsed.segments);
      segments = parsed.segments;
      renderSegments(selected);
      renderTable();
      const count = segments.length;
      const notes = name === this.exampleName ? [...parsed.notes, EXAMPLE_NOTE] : parsed.notes;
      source = {
        summary: `${name}: ${formatCount(count)} ${count === 1 ? 'segment' : 'segments'}`,
        notes,
      };
    },

    get source() {
      return source;
    },

    dataToFit() {
      const segment = segments[segmentSelect.selectedIndex];
      return segment ? { data: segmentData(segment) } : { empty: true };
    },

    showProblem: (message) => showMessage(errorBox, message),
  };
}
