// "Cohorts": an event log (user, time, maybe an event name) turned into a cohort table by the
// engine, shown as a heat map and as curves, and handed on to the other views.
//
// The engine guesses the columns from the first 64 KB of the file, here on the page; the person
// can change the guess. The whole file is then read in a Web Worker (cohort_reader.js), so a
// log of any size leaves the page responsive and can be cancelled. Any change of column or
// option reads the file again. A problem, or a cancelled read, never clears the screen: the
// last table stays, and a note says it is the last one that was read.

import { createCohortCurveChart } from '../cohort_chart.js';
import { EXAMPLE_NAME, exampleEventLog } from '../cohort_example.js';
import { createCohortHeatmap, rampGradient } from '../cohort_heatmap.js';
import { cohortsFromTable } from '../cohort_input.js';
import { createCohortReader } from '../cohort_reader.js';
import { showMessage, tableCell } from '../data_input.js';
import { isFailure } from '../engine.js';
import { createEventLogOptions } from '../event_log_options.js';
import { attachFileChooser, attachFileDrop, attachPagePaste } from '../file_input.js';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
} from '../format.js';

/** How much of a file the engine sees to guess its layout. */
const HEAD_BYTES = 64 * 1024;

/** A time-left estimate is shown once reading has run this long; earlier it jumps about. */
const ESTIMATE_AFTER_SECONDS = 0.5;

const PERIOD_ADJECTIVES = { day: 'daily', week: 'weekly', month: 'monthly' };

/**
 * @typedef {import('../../../wasm/retention-core').RetentionCore} RetentionCore
 * @typedef {import('../../../wasm/retention-core').CohortTable} CohortTable
 * @typedef {import('../../../wasm/retention-core').ParsedCohorts} ParsedCohorts
 * @typedef {import('../cohort_reader.js').ReadProgress} ReadProgress
 */

/**
 * @param {HTMLElement} root The view's <section>.
 * @param {RetentionCore} core
 * @param {{
 *   isActive: () => boolean,
 *   sendToPredict: (parsed: ParsedCohorts, name: string) => { problem?: string },
 *   sendToSimulate: (newUsers: number, note: string) => void,
 * }} options `isActive` says whether the view is on screen; the two others hand the table on.
 * @returns {{ ready: Promise<void> }} `ready` settles once the view's worker has fetched all
 *   it needs.
 */
export function createCohortsView(root, core, { isActive, sendToPredict, sendToSimulate }) {
  const find = (selector) => root.querySelector(selector);

  const errorBox = find('#cohorts-error');
  const sourceBox = find('#cohorts-source');
  const sourceName = find('#cohorts-source-name');
  const progressBox = find('#cohorts-progress');
  const progressLabel = find('#cohorts-progress-label');
  const progressBar = find('#cohorts-progress-bar');
  const progressDetail = find('#cohorts-progress-detail');
  const cancelButton = find('#cohorts-cancel');
  const emptyPanel = find('#cohorts-empty');
  const summary = find('#cohorts-summary');
  const caption = find('#cohorts-caption');
  const message = find('#cohorts-message');
  const notesList = find('#cohorts-notes');
  const staleNote = find('#cohorts-stale');
  const sentNote = find('#cohorts-sent');
  const sendError = find('#cohorts-send-error');
  const heatmapCard = find('#cohorts-heatmap-card');
  const intervalTitle = find('#cohorts-interval-title');
  const incompleteKey = find('#cohorts-incomplete-key');
  const chartCard = find('#cohorts-chart-card');
  const meanNote = find('#cohorts-mean-note');
  const chartEmpty = find('#cohorts-chart-empty');
  const intervalZero = find('#cohorts-chart-zero');
  /** Whether the table on show has interval 0 alone, so the chart has nothing after it. */
  let onlyIntervalZero = false;
  const skippedCard = find('#cohorts-skipped');
  const skippedSummary = find('#cohorts-skipped-summary');
  const skippedRows = find('#cohorts-skipped-table tbody');

  const logOptions = createEventLogOptions(root, {
    onColumnsChange: columnsChanged,
    onOptionsChange: () => readSource(),
  });
  const heatmap = createCohortHeatmap({
    table: find('#cohorts-table'),
    limitNote: find('#cohorts-table-limit'),
  });
  const curveChart = createCohortCurveChart(find('#cohorts-chart'));
  const reader = createCohortReader({ onProgress: showProgress });
  find('#cohorts-ramp').style.backgroundImage = rampGradient();

  /** The log chosen: the file, its name, and the start the engine read its layout from. */
  let source = null;
  /** The table on screen, the name of its log, the options it was made with, and the log. */
  let shown = null;

  /**
   * Takes a file (or pasted text as a Blob) as the log, if the engine can make out its layout;
   * otherwise says why and keeps the log and table there were.
   * @param {Blob} file
   * @param {string} name
   */
  async function chooseLog(file, name) {
    let head;
    try {
      head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    } catch {
      showMessage(errorBox, `${name} could not be read; the browser refused access to it.`);
      return;
    }
    const layout = core.detectEventLog({ data: head });
    if (isFailure(layout)) {
      showMessage(errorBox, `Could not read ${name}: ${layout.error.message}`);
      return;
    }
    source = { file, name, head };
    sourceName.textContent = `${name} · ${formatBytes(file.size)}`;
    sourceBox.hidden = false;
    logOptions.showLayout(layout);
    readSource();
  }

  /** Asks the engine again about the columns chosen, then reads the log with them. */
  function columnsChanged() {
    if (!source) return;
    const layout = core.detectEventLog({ data: source.head, ...logOptions.columns() });
    if (isFailure(layout)) {
      showMessage(errorBox, layout.error.message);
      return;
    }
    logOptions.showLayout(layout);
    readSource();
  }

  /** Reads the whole log in the worker with the options shown, and shows its table. */
  async function readSource() {
    if (!source) return;
    const read = source;
    const { file, name } = read;
    const options = { ...logOptions.columns(), ...logOptions.cohortOptions() };
    showMessage(errorBox, '');
    startProgress(name, file.size);

    const outcome = await reader.read(file, options);
    if (outcome.superseded) return;
    cancelButton.hidden = true;
    if (outcome.cancelled) return;
    if (outcome.problem) {
      progressBox.hidden = true;
      showMessage(errorBox, `Could not make cohorts of ${name}: ${outcome.problem}`);
      markStale('Showing the last table that could be made; the message on the left says why '
        + 'the new one could not.');
      return;
    }
    finishProgress(name, outcome);
    shown = { table: outcome.table, name, options, source: read };
    showTable();
  }

  function startProgress(name, total) {
    progressBox.hidden = false;
    cancelButton.hidden = false;
    progressLabel.textContent = `Reading ${name}…`;
    progressBar.max = Math.max(total, 1);
    progressBar.value = 0;
    progressDetail.textContent = `0 of ${formatBytes(total)}`;
  }

  /** @param {ReadProgress} progress */
  function showProgress({ bytes, total, rows, memoryBytes, seconds }) {
    progressBar.value = bytes;
    const parts = [
      `${formatBytes(bytes)} of ${formatBytes(total)} (${percentOf(bytes, total)})`,
      `${formatCount(rows)} rows`,
      `${formatBytes(memoryBytes)} held`,
    ];
    if (bytes >= total) {
      parts.push('making the cohort table…');
    } else if (seconds >= ESTIMATE_AFTER_SECONDS && bytes > 0) {
      parts.push(timeLeft(((total - bytes) * seconds) / bytes));
    }
    progressDetail.textContent = parts.join(' · ');
  }

  function finishProgress(name, { table, bytes, seconds }) {
    progressLabel.textContent = `Read ${name}`;
    progressBar.value = progressBar.max;
    progressDetail.textContent = [
      `${formatBytes(bytes)} (100%) in ${formatDuration(seconds)}, `
        + `${formatRate(bytes / 1e6 / seconds)}`,
      `${formatCount(table.log.rows)} rows`,
      `at most ${formatBytes(table.log.peakMemoryBytes)} held`,
    ].join(' · ');
  }

  function cancel() {
    if (!reader.cancel()) return;
    cancelButton.hidden = true;
    progressLabel.textContent = `Cancelled reading ${source.name}`;
    const stoppedAt = `Stopped at ${percentOf(progressBar.value, progressBar.max)}`;
    if (!shown) {
      progressDetail.textContent = `${stoppedAt}.`;
      return;
    }
    progressDetail.textContent = `${stoppedAt}; the table shown is still the one of `
      + `${shown.name}.`;
    markStale(`Reading was cancelled; this is still the table of ${shown.name}.`);
    if (shown.source !== source) returnToShownLog();
  }

  /**
   * Makes the log of the table on screen the chosen one again, with its columns, so that a
   * cancelled log is not read again by the next change of an option.
   */
  function returnToShownLog() {
    source = shown.source;
    sourceName.textContent = `${source.name} · ${formatBytes(source.file.size)}`;
    const { userColumn, timeColumn, eventColumn } = shown.options;
    const layout = core.detectEventLog({ data: source.head, userColumn, timeColumn, eventColumn });
    if (!isFailure(layout)) logOptions.showLayout(layout);
  }

    /** Keeps the table on screen and says it is not the one the controls now describe. */
  function markStale(note) {
    if (shown) showMessage(staleNote, note);
  }

  function showTable() {
    const { table, name, options } = shown;
    emptyPanel.hidden = true;
    summary.hidden = false;
    heatmapCard.hidden = false;
    chartCard.hidden = false;
    showMessage(staleNote, '');
    showMessage(sentNote, '');
    showMessage(sendError, '');

    caption.textContent = `${name} · ${logOptions.describe(options)}`;
    message.textContent = table.message;
    message.dataset.status = table.status;
    notesList.replaceChildren(...[table.log.message, ...table.notes].map((note) => {
      const item = document.createElement('li');
      item.textContent = note;
      return item;
    }));

    const lastInterval = table.meanRetention.length - 1;
    intervalTitle.textContent = `Columns: intervals 0 to ${lastInterval}, ${table.period}s since `
      + "the cohort's start; interval 0 is the cohort itself.";
    incompleteKey.textContent = `in ${table.lastPeriodLabel}, the log's last ${table.period}, `
      + 'which it may cover only in part';
    heatmap.show(table);
    curveChart.update(table);
    onlyIntervalZero = lastInterval === 0;
    chartEmpty.textContent = `No cohort has an interval after 0 yet: the log ends in the `
      + `${table.period} its first cohort began. Retention shows once it reaches into the next.`;
    showChartEmpty();
    showMeanNote(table);
    showSkipped(table);
  }

  // With interval 0 alone every curve is one point at 100%, drawn only when asked for.
  function showChartEmpty() {
    chartEmpty.hidden = !onlyIntervalZero || intervalZero.checked;
  }

  function showMeanNote({ meanCohorts }) {
    const last = meanCohorts.length - 1;
    const cohorts = (count) => `${formatCount(count)} ${count === 1 ? 'cohort' : 'cohorts'}`;
    const every = meanCohorts[0] === 1 ? 'the one cohort' : `all ${cohorts(meanCohorts[0])}`;
    const reach = meanCohorts[0] === meanCohorts[last]
      ? `${every} at every interval`
      : `${cohorts(meanCohorts[0])} at interval 0, ${cohorts(meanCohorts[last])} at `
        + `interval ${last}`;
    meanNote.textContent = 'Bold: the mean at each interval, weighted by cohort size, over the '
      + `cohorts that have reached it (${reach}). Thin: each cohort, its users over its size.`;
  }

  function showSkipped(table) {
    skippedCard.hidden = table.skippedRows === 0;
    if (table.skippedRows === 0) {
      skippedRows.replaceChildren();
      return;
    }
    const examples = table.skippedExamples;
    const rows = `${formatCount(table.skippedRows)} of ${formatCount(table.log.rows)} `
      + `${table.log.rows === 1 ? 'row' : 'rows'}`;
    skippedSummary.textContent = `${rows} could not be read and are not in the table. `
      + (examples.length < table.skippedRows
        ? `The first ${formatCount(examples.length)} are listed here.`
        : 'Each is listed here.');
    skippedRows.replaceChildren(...examples.map((skipped) => {
      const row = document.createElement('tr');
      row.append(
        tableCell('td', formatCount(skipped.row), 'number'),
        tableCell('td', formatCount(skipped.column), 'number'),
        tableCell('td', skipped.value, 'skipped-value'),
        tableCell('td', skipped.why),
      );
      return row;
    }));
  }

  function fitInPredict() {
    const { table, name, options } = shown;
    const { problem } = sendToPredict(cohortsFromTable(table),
      `${name} · ${logOptions.describe(options)}`);
    showMessage(sentNote, '');
    if (!problem) {
      showMessage(sendError, '');
      return;
    }
    const hint = options.mode === 'on'
      ? ' Counts "on" can rise when users come back; counts "on or after" never rise and can be '
        + 'fitted as cohorts.'
      : '';
    showMessage(sendError, `Predict retention could not fit this table: ${problem}.${hint}`);
  }

  function simulateWithSizes() {
    const { newUsers, note } = newUsersFrom(shown);
    showMessage(sendError, '');
    showMessage(sentNote, `Sent to Simulate growth: ${note}.`);
    sendToSimulate(newUsers, `From Cohorts: ${note}.`);
  }

  cancelButton.addEventListener('click', cancel);
  intervalZero.addEventListener('change', () => {
    curveChart.showIntervalZero(intervalZero.checked);
    showChartEmpty();
  });
  find('#cohorts-to-predict').addEventListener('click', fitInPredict);
  find('#cohorts-to-simulate').addEventListener('click', simulateWithSizes);
  for (const radio of root.querySelectorAll('input[name="cohorts-unit"]')) {
    radio.addEventListener('change', () => {
      if (radio.checked) heatmap.setUnit(radio.value);
    });
  }

  const pastedLog = (text) => new Blob([text], { type: 'text/plain' });
  attachFileChooser(find('#cohorts-file'), (file) => chooseLog(file, file.name));
  attachFileDrop(find('#cohorts-drop-zone'), (file) => chooseLog(file, file.name),
    (text) => chooseLog(pastedLog(text), 'Dropped text'));
  attachPagePaste({ isActive, onText: (text, name) => chooseLog(pastedLog(text), name) });
  find('#cohorts-example').addEventListener('click', () => {
    chooseLog(pastedLog(exampleEventLog()), EXAMPLE_NAME);
  });

  return { ready: reader.ready };
}

/** An estimate of the time left in whole seconds; it is rough, so no decimals. */
function timeLeft(seconds) {
  if (seconds < 1) return 'less than a second left';
  return `about ${seconds < 120 ? `${Math.round(seconds)} s` : formatDuration(seconds)} left`;
}

/** "35%" of a part of a whole, for a progress line. */
function percentOf(part, whole) {
  return whole > 0 ? `${Math.floor((part / whole) * 100)}%` : '0%';
}

/**
 * New users per period for Simulate growth: the mean size of the cohorts, leaving out one that
 * started in the log's last period, which the log may cover only in part, when there are
 * others. With a sentence saying so.
 */
function newUsersFrom({ table, name }) {
  const whole = table.cohorts.filter((cohort) => cohort.period !== table.lastPeriod);
  const used = whole.length > 0 ? whole : table.cohorts;
  // TODO(#4): the engine gives no mean cohort size, so this mean of the engine's sizes is the
  // one statistic the page works out itself.
  const newUsers = Math.round(used.reduce((sum, cohort) => sum + cohort.size, 0) / used.length);
  const count = used.length;
  let note = `${formatCount(newUsers)} new users per period, the mean size of `
    + `${count === 1 ? 'the' : `the ${formatCount(count)}`} ${PERIOD_ADJECTIVES[table.period]} `
    + `${count === 1 ? 'cohort' : 'cohorts'} of ${name}`;
  if (used.length < table.cohorts.length) {
    note += ` (without ${table.lastPeriodLabel}, which the log may cover only in part)`;
  }
  return { newUsers, note };
}
