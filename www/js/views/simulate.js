// "Simulate growth": a retention curve set by sliders, and the active users it implies when a
// new cohort arrives every period. The engine simulates; this view only reads the controls
// and hands the results to the charts.

import { showMessage } from '../data_input.js';
import { isFailure } from '../engine.js';
import {
  createActiveUsersChart,
  createCohortChart,
  createRetentionCurveChart,
} from '../charts.js';
import { formatCount, formatFixed, formatPercent } from '../format.js';
import { selectValue } from '../select.js';

const CURVE_PARAMETERS = ['a', 'c', 'd'];

/**
 * @param {HTMLElement} root The view's <section>.
 * @param {import('../../../wasm/retention-core').RetentionCore} core
 * @returns {{ setNewUsers: (newUsers: number, note: string) => void }} `setNewUsers` takes new
 *   users per period from another view, with a sentence saying where the number came from.
 */
export function createSimulateView(root, core) {
  const defaults = core.defaults().simulate;
  const find = (selector) => root.querySelector(selector);

  const periodsSelect = find('#sim-periods');
  const newUsersSelect = find('#sim-new-users');
  const newUsersNote = find('#sim-new-users-note');
  const moreOptions = find('#sim-more-options');
  const errorBox = find('#sim-error');
  const headline = find('#sim-headline');
  const lastPeriod = find('#sim-last-period');
  const derivedB = find('#sim-b');
  const lastRetention = find('#sim-last-retention');
  const lastAge = find('#sim-last-age');

  const curveChart = createRetentionCurveChart(find('#sim-curve-chart'));
  const activeChart = createActiveUsersChart(find('#sim-active-chart'));
  const cohortChart = createCohortChart(find('#sim-cohort-chart'));

  /** The curve parameters last taken from the controls. */
  const curve = { a: defaults.a, c: defaults.c, d: defaults.d };

  // Many input events can arrive between two frames while a slider is dragged; simulating
  // once per frame keeps the page responsive and still draws every frame the person sees.
  let pendingFrame = 0;
  function scheduleRender() {
    if (pendingFrame) return;
    pendingFrame = requestAnimationFrame(() => {
      pendingFrame = 0;
      render();
    });
  }

  function render() {
    const result = core.simulate({
      ...curve,
      newUsers: Number(newUsersSelect.value),
      periods: Number(periodsSelect.value),
    });
    if (isFailure(result)) {
      // The charts keep the last simulation that worked; the message says why this one did not.
      errorBox.textContent = result.error.message;
      errorBox.hidden = false;
      return;
    }
    errorBox.hidden = true;

    const last = result.activeUsers.length - 1;
    lastPeriod.textContent = String(last);
    headline.textContent = formatCount(result.activeUsers[last]);
    lastRetention.textContent = formatPercent(result.curve[last], 1);
    lastAge.textContent = String(last);
    derivedB.textContent = formatFixed(result.parameters.b, 4);

    curveChart.update(result.curve);
    activeChart.update(result.activeUsers);
    cohortChart.update(result);
  }

  for (const name of CURVE_PARAMETERS) {
    bindSlider(find(`#sim-${name}-range`), find(`#sim-${name}-number`), curve[name], (value) => {
      curve[name] = value;
      scheduleRender();
    });
  }

  selectValue(periodsSelect, defaults.periods, formatCount);
  selectValue(newUsersSelect, defaults.newUsers, formatCount);
  periodsSelect.addEventListener('change', scheduleRender);
  newUsersSelect.addEventListener('change', () => {
    showMessage(newUsersNote, '');
    scheduleRender();
  });

  /** The option a hand-over added to the list, replaced by the next one. */
  let handedOverOption = null;

  render();

  return {
    setNewUsers(newUsers, note) {
      handedOverOption?.remove();
      const value = String(newUsers);
      const listed = [...newUsersSelect.options].some((option) => option.value === value);
      selectValue(newUsersSelect, newUsers, formatCount);
      handedOverOption = listed ? null : newUsersSelect.selectedOptions[0];
      showMessage(newUsersNote, note);
      // The value in use is shown where it can be changed.
      moreOptions.open = true;
      render();
    },
  };
}

/**
 * Keeps a range input and a number input showing one value. The number input accepts values
 * finer than the slider's step within its own min and max (max itself excluded when it has
 * `data-exclusive-max`, as a < 1), and applies each usable value as it is typed. While what is
 * typed is unusable, the charts show the value from before the edit and a note says why.
 */
function bindSlider(range, number, initial, onValue) {
  range.value = String(initial);
  number.value = String(initial);
  let applied = initial;
  /** The value in use when the person started typing, kept if what they type is unusable. */
  let beforeEdit = initial;

  const min = Number(number.min);
  const max = Number(number.max);
  const exclusiveMax = number.hasAttribute('data-exclusive-max');
  const usable = (value) => Number.isFinite(value) && value >= min
    && (exclusiveMax ? value < max : value <= max);

  // Says why a typed value was not kept; placed under the slider, gone with the next value.
  const note = document.createElement('p');
  note.className = 'field-note';
  note.setAttribute('role', 'status');
  note.hidden = true;
  range.after(note);

  const apply = (value) => {
    applied = value;
    note.hidden = true;
    onValue(value);
  };

  const refuse = (typed) => {
    const bound = `${min} to ${max}${exclusiveMax ? ` (${max} itself excluded)` : ''}`;
    note.textContent = `${typed} is outside ${bound}; ${range.dataset.param} stays ${beforeEdit}.`;
    note.hidden = false;
  };

  range.addEventListener('input', () => {
    number.value = range.value;
    number.removeAttribute('aria-invalid');
    apply(range.valueAsNumber);
  });

  number.addEventListener('focus', () => { beforeEdit = applied; });

  number.addEventListener('input', () => {
    const value = number.valueAsNumber;
    if (usable(value)) {
      number.removeAttribute('aria-invalid');
      range.value = number.value;
      apply(value);
      return;
    }

    // Typing 50 passes through 5: the charts go back to the value from before the edit, so
    // they never show a number the field will not keep.
    number.setAttribute('aria-invalid', 'true');
    if (applied !== beforeEdit) {
      range.value = String(beforeEdit);
      apply(beforeEdit);
    }
    if (number.value !== '') refuse(number.value);
  });

  // On leaving the field, an unusable entry goes back to the value in use before the edit, so
  // the number shown is always the one the charts were drawn with.
  number.addEventListener('change', () => {
    if (number.getAttribute('aria-invalid') !== 'true') {
      beforeEdit = applied;
      return;
    }
    refuse(number.value === '' ? 'An empty field' : number.value);
    number.value = String(beforeEdit);
    range.value = number.value;
    number.removeAttribute('aria-invalid');
  });
}
