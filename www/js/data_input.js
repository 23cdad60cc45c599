// What the input modes of "Predict retention" (retention, counts, cohorts) have in common:
// the shape the view talks to, and how they show a message.

/**
 * @typedef {import('../../wasm/retention-core').FitInput} FitInput
 *
 * @typedef {object} DataInput One input mode of the view.
 * @property {'retention' | 'counts' | 'cohorts'} mode
 * @property {boolean} editable Whether the person can fix the data on the page; a mode that
 *   cannot be edited refuses a file that cannot be fitted and keeps its last good data.
 * @property {string} exampleText What "Show example" loads.
 * @property {string} exampleName
 * @property {(text: string) => object} parse The engine's parser for this mode: its result or
 *   `{ error }`.
 * @property {(parsed: object, name: string) => void} accept Takes parsed text as the mode's
 *   data, from the source called `name`.
 * @property {(parsed: object) => Partial<FitInput>} [dataOf] The data `dataToFit()` would
 *   give once `parsed` is accepted; modes that refuse unfittable files have it.
 * @property {{ summary: string, notes: string[] } | null} source Where the data came from.
 * @property {() => { data?: Partial<FitInput>, problem?: string, empty?: true }} dataToFit
 *   The data to fit; or a problem, already marked on the data; or nothing to fit yet.
 * @property {(message: string) => void} showProblem Shows a message next to the data; an
 *   empty message hides it.
 */

/**
 * Shows `message` in `box`, or hides the box for an empty message. Text only: messages quote
 * file contents, which must never be read as HTML.
 * @param {HTMLElement} box
 * @param {string} message
 */
export function showMessage(box, message) {
  box.textContent = message;
  box.hidden = message === '';
}

/**
 * A table cell holding `text`.
 * @param {'td' | 'th'} tag
 * @param {string} text
 * @param {string} [className]
 */
export function tableCell(tag, text, className) {
  const cell = document.createElement(tag);
  cell.textContent = text;
  if (className) cell.className = className;
  return cell;
}
