// "Predict retention": data in one of three forms (retention by period, survivor counts, or
// several cohorts), fitted by the engine with the chosen model (or every model, compared) and
// forecast with a band over a chosen number of periods.
//
// Each input mode keeps its own data, source and last good fit, so switching modes loses
// nothing. A problem never clears what is on screen: the last good fit stays, marked as such,
// until a new one succeeds, and the message appears next to what caused it.

import { isFailure } from '../engine.js';
import { createFitChart, createResidualChart, createRetentionRateChart } from '../fit_charts.js';
import { createCohortInput } from '../cohort_input.js';
import { createComparisonTable } from '../comparison_table.js';
import { createCountInput } from '../count_input.js';
import { showMessage } from '../data_input.js';
import { attachDropZone, attachFileInput, attachPagePaste } from '../file_input.js';
import { formatCount, formatPercent } from '../format.js';
import { createModelPanel } from '../model_panel.js';
import { createRetentionInput } from '../retention_input.js';
import { selectValue } from '../select.js';

/** What the paste box suggests typing in each mode. */
const PASTE_PLACEHOLDERS = {
  retention: 'period\tretention\n0\t1\n1\t0.55',
  counts: 'year\tregular\n0\t1000\n1\t631',
  cohorts: 'cohort\t0\t1\t2\n2025-01\t1200\t744\t571\n2025-02\t1350\t824',
};

/** A whole number of periods, as "Fit periods up to" accepts it. */
const WHOLE_PERIOD = /^\d+$/;

/**
 * @typedef {import('../../../wasm/retention-core').RetentionCore} RetentionCore
 * @typedef {import('../../../wasm/retention-core').FitResult} FitResult
 * @typedef {import('../../../wasm/retention-core').ModelComparison} ModelComparison
 * @typedef {import('../../../wasm/retention-core').ParsedCohorts} ParsedCohorts
 * @typedef {import('../data_input.js').DataInput} DataInput
 */

/**
 * @param {HTMLElement} root The view's <section>.
 * @param {RetentionCore} core
 * @param {{ isActive: () => boolean }} options `isActive` says whether the view is on screen.
 * @returns {{ receiveCohorts: (parsed: ParsedCohorts, name: string) => { problem?: string } }}
 *   `receiveCohorts` takes cohorts from another view, as `parseCohorts` would give them.
 */
export function createPredictView(root, core, { isActive }) {
  const find = (selector) => root.querySelector(selector);
  const fitDefaults = core.defaults().fit;

  let mode = 'retention';
  /** The last result each mode showed without a problem: a fit or a comparison. */
  const lastGood = { retention: null, counts: null, cohorts: null };
  /** The last complaint about loaded text, per mode. */
  const loadErrors = { retention: '', counts: '', cohorts: '' };
  /** In a comparison, the model whose curve is shown; null for the recommended one. */
  let shownModel = null;
  /** Whether the chart shows a fit (possibly an outdated one). */
  let showingFit = false;

  const modeRadios = [...root.querySelectorAll('input[name="predict-mode"]')];
  const modeParts = [...root.querySelectorAll('[data-mode]')];
  const modelSelect = find('#predict-model');
  const formField = find('#predict-form-field');
  const formSelect = find('#predict-form');
  const fitThroughInput = find('#predict-fit-through');
  const horizonSelect = find('#predict-horizon');
  const optionsError = find('#predict-options-error');
  const loadError = find('#predict-load-error');
  const sourceBox = find('#predict-source');
  const sourceName = find('#predict-source-name');
  const notesList = find('#predict-notes');
  const pasteBox = find('#predict-paste');
  const chartEmpty = find('#predict-chart-empty');
  const bandNote = find('#predict-band-note');
  const staleNote = find('#predict-stale');
  const fitLayout = find('.fit-layout');
  const lowerCharts = find('#predict-lower-charts');

  const fitChart = createFitChart(find('#predict-chart'));
  const residualChart = createResidualChart(find('#predict-residual-chart'));
  const rateChart = createRetentionRateChart(find('#predict-rate-chart'));
  const panel = createModelPanel(find('#predict-summary'));
  const comparisonTable = createComparisonTable(find('#predict-compare'), {
    onSelect: (model) => {
      const comparison = lastGood[mode];
      if (!comparison || comparison.model !== 'compare') return;
      shownModel = model;
      comparisonTable.select(model);
      // Another row of an outdated comparison is just as outdated.
      const stale = !staleNote.hidden;
      showFit(comparison.rows.find((row) => row.model === model), comparison.bandLevel);
      if (stale) markStale();
    },
    modelName: (model) => modelSelect.querySelector(`option[value="${model}"]`)?.text ?? model,
  });

  /** @type {Record<string, DataInput>} */
  const inputs = {
    retention: createRetentionInput(core, {
      table: find('#predict-table'),
      emptyNote: find('#predict-table-empty'),
      errorBox: find('#predict-table-error'),
      addRowButton: find('#predict-add-row'),
      onEdit: () => {
        // The table now differs from what was loaded, so a complaint about a load is outdated.
        setLoadError('');
        refit();
      },
    }),
    counts: createCountInput(core, {
      segmentSelect: find('#predict-segment'),
      segmentField: find('#predict-segment-field'),
      table: find('#predict-count-table'),
      emptyNote: find('#predict-count-empty'),
      errorBox: find('#predict-count-error'),
      onSegmentChange: () => refit(),
    }),
    cohorts: createCohortInput(core, {
      table: find('#predict-cohort-table'),
      emptyNote: find('#predict-cohort-empty'),
      errorBox: find('#predict-cohort-error'),
    }),
  };

  function setLoadError(message) {
    loadErrors[mode] = message;
    showMessage(loadError, message);
  }

  function showSource() {
    const { source } = inputs[mode];
    sourceBox.hidden = source === null;
    if (source === null) return;
    sourceName.textContent = source.summary;
    notesList.replaceChildren(...source.notes.map((note) => {
      const item = document.createElement('li');
      item.textContent = note;
      return item;
    }));
  }

  /**
   * The fit options from the controls for data of `dataMode`, or a problem with one of them.
   * @returns {{ options?: object, problem?: string }}
   */
  function readOptions(dataMode = mode) {
    const options = { model: modelSelect.value, horizon: Number(horizonSelect.value) };
    // Counts and cohorts are counted from each cohort's own start, so only a single retention
    // curve can take the different-events form.
    if (options.model === 'power' && dataMode === 'retention') options.form = formSelect.value;

    const fitThrough = fitThroughInput.value.trim();
    if (fitThrough !== '') {
      if (!WHOLE_PERIOD.test(fitThrough)) {
        return { problem: `"${fitThrough}" is not a period; write a whole number such as 7, `
          + 'or leave it empty to fit every period' };
      }
      options.fitThrough = Number(fitThrough);
    }
    return { options };
  }

  function showOptionsProblem(message) {
    showMessage(optionsError, message);
    if (message === '') fitThroughInput.removeAttribute('aria-invalid');
    else fitThroughInput.setAttribute('aria-invalid', 'true');
  }

  /**
   * Fits `data` with the options of the controls.
   * @returns {{ result?: FitResult | ModelComparison, problem?: string }}
   */
  function fitWithOptions(data, options) {
    const result = core.fit({ ...data, ...options });
    if (isFailure(result)) return { problem: result.error.message };
    if (result.model === 'compare') {
      if (!result.rows.some((row) => row.error === undefined)) {
        // Every model often fails for the same reason (too few periods): said once.
        const reasons = new Set(result.rows.map((row) => row.error));
        return {
          problem: reasons.size === 1 ? [...reasons][0]
            : result.rows.map((row) => `${row.title}: ${row.error}`).join(' · '),
        };
      }
    } else if (result.status === 'failed') {
      return { problem: result.message };
    }
    return { result };
  }

  /** Keeps what is on screen and says it is out of date. */
  function markStale() {
    setStale(showingFit);
  }

  function setStale(stale) {
    staleNote.hidden = !stale;
    fitLayout.toggleAttribute('data-stale', stale);
    panel.markStale(stale);
  }

  function refit() {
    const input = inputs[mode];
    const { options, problem: optionsProblem } = readOptions();
    showOptionsProblem(optionsProblem ?? '');

    // A problem of the data is shown whatever the options; one the last fit found goes, since
    // it came from options that have changed.
    const request = input.dataToFit();
    input.showProblem(request.problem ?? '');
    if (optionsProblem || request.empty || request.problem) {
      markStale();
      return;
    }
    const { result, problem } = fitWithOptions(request.data, options);
    if (problem) {
      // A problem that goes away when every period is fitted is the option's, shown by it.
      const { fitThrough, ...everyPeriod } = options;
      const optionsCause = fitThrough !== undefined
        && !fitWithOptions(request.data, everyPeriod).problem;
      if (optionsCause) showOptionsProblem(problem);
      else input.showProblem(problem);
      markStale();
      return;
    }
    input.showProblem('');
    showResult(result);
  }

  /** @param {FitResult | ModelComparison} result */
  function showResult(result) {
    lastGood[mode] = result;
    if (result.model !== 'compare') {
      comparisonTable.hide();
      showFit(result, fitDefaults.bandLevel);
      return;
    }
    const fitted = result.rows.filter((row) => row.error === undefined);
    const shown = fitted.find((row) => row.model === shownModel)
      ?? fitted.find((row) => row.model === result.recommended)
      ?? fitted[0];
    comparisonTable.show(result, shown.model);
    showFit(shown, result.bandLevel);
  }

  /** @param {FitResult} fit */
  function showFit(fit, bandLevel) {
    showingFit = true;
    chartEmpty.hidden = true;
    lowerCharts.hidden = false;
    fitChart.update(fit, bandLevel);
    residualChart.update(fit.observed);
    rateChart.update(fit.forecast.periods, fit.retentionRates);
    panel.show(fit);
    setStale(false);
    // Without standard errors the engine makes no band, and its note says why.
    showMessage(bandNote, fit.uncertaintyNote
      ? `No forecast band: ${fit.uncertaintyNote}.`
      : `Shaded: the forecast's ${formatPercent(bandLevel)} band (${fit.forecast.method}).`);
  }

  function showNoFit() {
    showingFit = false;
    setStale(false);
    chartEmpty.hidden = false;
    lowerCharts.hidden = true;
    fitChart.clear();
    residualChart.clear();
    rateChart.clear();
    panel.clear();
    comparisonTable.hide();
    showMessage(bandNote, '');
  }

  /**
   * Reads text into the current mode. Text the parser rejects leaves the mode's data as it was.
   * @returns {boolean} Whether the text was taken in.
   */
  function loadText(text, name) {
    const input = inputs[mode];
    const parsed = input.parse(text);
    if (isFailure(parsed)) {
      // The engine's message already names the row and column of the file.
      setLoadError(`Could not read ${name}: ${parsed.error.message}`);
      return false;
    }

    if (input.editable) {
      input.accept(parsed, name);
      setLoadError('');
      showSource();
      refit();
      return true;
    }

    // Data that cannot be edited here and cannot be fitted would only replace good data with
    // a message, so such a file is refused and the last good data and fit stay. With a bad
    // option nothing can be fitted yet, so the file is taken in and the option marked.
    const { options, problem: optionsProblem } = readOptions();
    if (!optionsProblem) {
      const { result, problem } = fitWithOptions(input.dataOf(parsed), options);
      if (problem) {
        setLoadError(`Could not use ${name}: ${problem}`);
        return false;
      }
      acceptFitted(parsed, name, result);
      return true;
    }
    input.accept(parsed, name);
    setLoadError('');
    showSource();
    refit();
    return true;
  }

  /** Takes parsed data the current mode has already fitted as `result`. */
  function acceptFitted(parsed, name, result) {
    const input = inputs[mode];
    input.accept(parsed, name);
    setLoadError('');
    input.showProblem('');
    showSource();
    showResult(result);
  }

  /**
   * Takes cohorts from another view as the cohorts mode's data and switches to that mode, or
   * leaves everything as it was and returns why they cannot be fitted.
   * @param {ParsedCohorts} parsed
   * @param {string} name
   */
  function receiveCohorts(parsed, name) {
    const { options, problem: optionsProblem } = readOptions('cohorts');
    let result = null;
    if (!optionsProblem) {
      const fitted = fitWithOptions(inputs.cohorts.dataOf(parsed), options);
      if (fitted.problem) return { problem: fitted.problem };
      result = fitted.result;
    }
    const modeRadio = modeRadios.find((radio) => radio.value === 'cohorts');
    modeRadio.checked = true;
    if (result) {
      // Fitted once above; switching shows that fit instead of fitting the old data again.
      shownModel = null;
      showMode('cohorts', { fit: false });
      acceptFitted(parsed, name, result);
    } else {
      showMode('cohorts', { fit: false });
      inputs.cohorts.accept(parsed, name);
      setLoadError('');
      showSource();
      refit();
    }
    return {};
  }

  function showMode(next, { fit = true } = {}) {
    mode = next;
    for (const part of modeParts) part.hidden = part.dataset.mode !== mode;
    formField.hidden = !(modelSelect.value === 'power' && mode === 'retention');
    pasteBox.placeholder = PASTE_PLACEHOLDERS[mode];
    showMessage(loadError, loadErrors[mode]);
    showSource();
    const previous = lastGood[mode];
    if (previous) showResult(previous);
    else showNoFit();
    if (fit) refit();
  }

  for (const radio of modeRadios) {
    radio.addEventListener('change', () => {
      if (radio.checked) showMode(radio.value);
    });
  }

  selectValue(horizonSelect, fitDefaults.horizon, formatCount);
  modelSelect.value = fitDefaults.model;
  formSelect.value = fitDefaults.form;
  fitChart.setHorizon(fitDefaults.horizon);
  horizonSelect.addEventListener('change', () => {
    fitChart.setHorizon(Number(horizonSelect.value));
    refit();
  });
  modelSelect.addEventListener('change', () => {
    shownModel = null;
    formField.hidden = !(modelSelect.value === 'power' && mode === 'retention');
    refit();
  });
  formSelect.addEventListener('change', refit);
  fitThroughInput.addEventListener('input', refit);

  const reportProblem = (message) => setLoadError(message);
  attachFileInput(find('#predict-file'), loadText, reportProblem);
  attachDropZone(find('#predict-drop-zone'), loadText, reportProblem);
  attachPagePaste({ isActive, onText: loadText });

  find('#predict-example').addEventListener('click', () => {
    const input = inputs[mode];
    loadText(input.exampleText, input.exampleName);
  });

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
    if (pasteBox.value.trim() === '') {
      setLoadError('The box is empty: paste or type the data into it first, one row a line, '
        + 'as its grey example shows.');
      pasteBox.focus();
      return;
    }
    if (loadText(pasteBox.value, 'Typed text')) pasteBox.value = '';
  });

  const checked = modeRadios.find((radio) => radio.checked);
  showMode(checked ? checked.value : mode);

  return { receiveCohorts };
}
