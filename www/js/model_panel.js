// The summary beside the fit chart: status, every parameter by its formula name with its
// standard error, the measures of fit, the expected lifetime and the engine's own sentence on
// why the fit stopped. It shows the engine's numbers and computes none.

import {
  UNKNOWN,
  formatCount,
  formatFixed,
  formatParameter,
  formatScore,
  formatSignificant,
} from './format.js';

/** @typedef {import('../../wasm/retention-core').FitResult} FitResult */

/** How the formulas write the parameters whose names are spelled out in the API. */
const SYMBOLS = { alpha: 'α', beta: 'β', lambda: 'λ' };

const STATUS_LABELS = {
  converged: 'Converged',
  hitBound: 'Stopped at a bound',
  iterationLimit: 'Iteration limit reached',
  failed: 'Fit failed',
  undetermined: 'Data cannot decide',
};

const FORMS = { sameEvent: 'same-event form', differentEvents: 'different-events form' };

const NO_FINITE_LIFETIME = 'No finite mean: a share of each cohort stays for good, or the '
  + 'tail is too heavy for an average to exist.';

/** The status as the badge says it; a fit that did not converge is marked as a warning. */
export function statusLabel(status) {
  if (status === 'none') return 'No fit yet';
  const label = STATUS_LABELS[status] ?? status;
  return status === 'converged' ? label : `⚠ ${label}`;
}

/** A parameter's name as its formula writes it, e.g. "alpha" → "α". */
export function parameterSymbol(name) {
  return SYMBOLS[name] ?? name;
}

/**
 * @param {HTMLElement} root The summary's container, holding the elements named below.
 */
export function createModelPanel(root) {
  const find = (selector) => root.querySelector(selector);
  const statusBadge = find('#predict-status');
  const modelTitle = find('#predict-model-title');
  const parameterList = find('#predict-params');
  const uncertaintyNote = find('#predict-uncertainty-note');
  const logLikelihoodRow = find('#predict-log-likelihood-row');
  const lifetime = find('#predict-lifetime');
  const message = find('#predict-message');
  const quality = {
    logLikelihood: find('#predict-log-likelihood'),
    aic: find('#predict-aic'),
    bic: find('#predict-bic'),
    rmse: find('#predict-rmse'),
    rSquared: find('#predict-r-squared'),
    observations: find('#predict-observations'),
    iterations: find('#predict-iterations'),
  };

  /** One <dt>/<dd> pair: the value in an element of its own, so it reads as a number. */
  function parameterRow(name, value, standardError, note) {
    const term = document.createElement('dt');
    term.textContent = parameterSymbol(name);
    const definition = document.createElement('dd');
    const valueText = document.createElement('span');
    valueText.className = 'param-value';
    valueText.id = `predict-${name}`;
    valueText.textContent = formatParameter(value);
    const errorText = document.createElement('span');
    errorText.className = 'param-se';
    if (standardError === undefined) {
      // Not a free parameter (b of the same-event form follows from a), so it has no error.
      errorText.textContent = 'derived';
      errorText.title = 'Follows from the other parameters; not fitted on its own.';
      errorText.dataset.kind = 'derived';
    } else {
      errorText.textContent = `± ${formatParameter(standardError)}`;
      if (standardError === null) errorText.title = note;
    }
    definition.append(valueText, errorText);
    return [term, definition];
  }

  /** The status of the fit on show, for the badge to return to when it is current again. */
  let shownStatus = 'none';

  return {
    /** @param {FitResult} fit */
    show(fit) {
      shownStatus = fit.status;
      statusBadge.dataset.status = fit.status;
      statusBadge.textContent = statusLabel(fit.status);
      modelTitle.textContent = fit.form
        ? `${fit.title}, ${FORMS[fit.form] ?? fit.form}`
        : fit.title;

      // The engine explains unknown errors in `uncertaintyNote`; where it gives none (a
      // parameter on a bound), the fit's own message says which bound was hit.
      const note = fit.uncertaintyNote ?? `See the fit's message: ${fit.message}`;
      parameterList.replaceChildren(...Object.entries(fit.parameters).flatMap(
        ([name, value]) => parameterRow(name, value, fit.standardErrors[name], note),
      ));
      const unknownError = Object.values(fit.standardErrors).some((error) => error === null);
      uncertaintyNote.textContent = unknownError && fit.uncertaintyNote
        ? `Standard errors shown as ${UNKNOWN} are unknown: ${fit.uncertaintyNote}.`
        : '';
      uncertaintyNote.hidden = uncertaintyNote.textContent === '';

      logLikelihoodRow.hidden = !fit.byLikelihood;
      quality.logLikelihood.textContent = formatScore(fit.logLikelihood, 2);
      quality.aic.textContent = formatScore(fit.aic);
      quality.bic.textContent = formatScore(fit.bic);
      quality.rmse.textContent = formatSignificant(fit.rmse);
      quality.rSquared.textContent = formatFixed(fit.rSquared, 4);
      quality.observations.textContent = formatCount(fit.observations);
      quality.observations.title = fit.byLikelihood
        ? 'Cohort members behind the likelihood'
        : 'Points fitted by least squares';
      quality.iterations.textContent = formatCount(fit.iterations);

      const finite = fit.expectedLifetime !== null;
      lifetime.dataset.finite = String(finite);
      lifetime.textContent = finite
        ? `${formatFixed(fit.expectedLifetime, 2)} periods`
        : NO_FINITE_LIFETIME;
      // The engine's notes say how the data were taken, e.g. active users, not survivors.
      message.textContent = [fit.message, ...(fit.notes ?? [])].join('; ');
    },

    /**
     * Says on the badge whether the fit on show still belongs to what is on screen: a green
     * "Converged" beside data that could not be fitted would read as their fit.
     */
    markStale(stale) {
      statusBadge.dataset.status = stale ? 'stale' : shownStatus;
      statusBadge.textContent = stale ? '⚠ Out of date' : statusLabel(shownStatus);
    },

    /** Back to "no fit yet", keeping the parameter names last shown. */
    clear() {
      shownStatus = 'none';
      statusBadge.dataset.status = 'none';
      statusBadge.textContent = statusLabel('none');
      modelTitle.textContent = '';
      for (const value of parameterList.querySelectorAll('.param-value')) {
        value.textContent = UNKNOWN;
      }
      for (const error of parameterList.querySelectorAll('.param-se')) error.textContent = '';
      uncertaintyNote.hidden = true;
      for (const cell of Object.values(quality)) cell.textContent = UNKNOWN;
      lifetime.dataset.finite = 'false';
      lifetime.textContent = UNKNOWN;
      message.textContent = '';
    },
  };
}
