// The ways text reaches the page: a chosen file, a dropped file, or cells pasted from a
// spreadsheet. Each hands over plain text and a name for it, or, for event logs of any size,
// the file itself; nothing here reads the content.

/**
 * Files larger than this are refused before reading: retention by period is a few rows, and
 * reading a large file by mistake (an event log, a video) would freeze the page.
 */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * @callback TextHandler
 * @param {string} text
 * @param {string} sourceName What to call the text when telling the person about it.
 */

/**
 * @callback ProblemHandler
 * @param {string} message Why no text could be read.
 */

async function readFile(file, onText, onProblem) {
  if (file.size > MAX_FILE_BYTES) {
    // Rounded up, so a file just over the limit never reads as "10.0 MB".
    const megabytes = (Math.ceil(file.size / (1024 * 1024 / 10)) / 10).toFixed(1);
    onProblem(`${file.name} is ${megabytes} MB; files up to 10 MB can be read here. For an `
      + 'event log, use the Cohorts view, which reads files of any size.');
    return;
  }
  try {
    onText(await file.text(), file.name);
  } catch {
    onProblem(`${file.name} could not be read; the browser refused access to it.`);
  }
}

/**
 * Reads the file chosen in a file input.
 * @param {HTMLInputElement} input
 * @param {TextHandler} onText
 * @param {ProblemHandler} onProblem
 */
export function attachFileInput(input, onText, onProblem) {
  attachFileChooser(input, (file) => readFile(file, onText, onProblem));
}

/**
 * Hands the file chosen in a file input to `onFile` unread, whatever its size.
 * @param {HTMLInputElement} input
 * @param {(file: File) => unknown} onFile May return a promise; the input is cleared after it.
 */
export function attachFileChooser(input, onFile) {
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    await onFile(file);
    // Cleared so that choosing the same file again, after fixing it, is a change.
    input.value = '';
  });
}

/**
 * Reads a file (or text) dropped on `zone`, and shows that a drop is possible while dragging.
 * @param {HTMLElement} zone
 * @param {TextHandler} onText
 * @param {ProblemHandler} onProblem
 */
export function attachDropZone(zone, onText, onProblem) {
  attachFileDrop(
    zone,
    (file) => readFile(file, onText, onProblem),
    (text) => onText(text, 'Dropped text'),
  );
}

/**
 * Hands a file dropped on `zone` to `onFile` unread, or dropped text to `onText`, and shows
 * that a drop is possible while dragging.
 * @param {HTMLElement} zone
 * @param {(file: File) => unknown} onFile
 * @param {(text: string) => unknown} onText
 */
export function attachFileDrop(zone, onFile, onText) {
  // A file dropped outside the zone would otherwise make the browser open it in place of the
  // page, and the person would lose their table. Dragged text keeps its usual meaning, so it
  // can still be dropped into a cell or the text box.
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
  }

  zone.addEventListener('dragenter', (event) => {
    event.preventDefault();
    zone.dataset.dragging = 'true';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', (event) => {
    if (!zone.contains(event.relatedTarget)) delete zone.dataset.dragging;
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    delete zone.dataset.dragging;
    const file = event.dataTransfer.files[0];
    if (file) {
      onFile(file);
      return;
    }
    // Cells dragged out of another window arrive as text, not as a file.
    const text = event.dataTransfer.getData('text/plain');
    if (text) onText(text);
  });
}

/**
 * Reads cells pasted anywhere on the page while `isActive()` holds, except into a field the
 * person is editing, where a paste keeps its usual meaning.
 * @param {{ isActive: () => boolean, onText: TextHandler }} options
 */
export function attachPagePaste({ isActive, onText }) {
  document.addEventListener('paste', (event) => {
    if (!isActive()) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.trim() === '') return;
    event.preventDefault();
    onText(text, 'Pasted cells');
  });
}
