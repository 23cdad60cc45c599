// The shape of fit()'s result as retention-core.d.ts documents it, key by key and in order:
// fit_api.js builds it in JS from the numbers and texts the bindings pack (issue 7).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { loadCore, readShared } from './load_module.mjs';

let core;
let regular;
before(async () => {
  core = await loadCore();
  regular = core.parseCounts(readShared('fader_hardie_2007.csv')).segments[0];
});

const curve = { periods: [0, 1, 2, 3, 4], retention: [1, 0.55, 0.4, 0.35, 0.3] };

// Every field after the parameters, in the order the bindings always gave them.
const commonKeys = ['byLikelihood', 'logLikelihood', 'aic', 'bic', 'rmse', 'rSquared',
  'observations', 'iterations', 'evaluations', 'expectedLifetime', 'forecast', 'retentionRates',
  'observed'];

const numberOrNull = (value) => value === null || Number.isFinite(value);

// The fields every fit has, typed as documented, for a forecast to `horizon`.
function assertFitTypes(fit, horizon, observedCount) {
  assert.equal(typeof fit.model, 'string');
  assert.equal(typeof fit.title, 'string');
  assert.ok(['converged', 'hitBound', 'iterationLimit', 'failed', 'undetermined']
    .includes(fit.status), fit.status);
  assert.equal(typeof fit.message, 'string');
  assert.ok(Array.isArray(fit.notes));
  for (const [name, value] of Object.entries(fit.parameters)) {
    assert.equal(fit[name], value, `${name} at the top level`);
    assert.equal(typeof value, 'number');
  }
  for (const value of Object.values(fit.standardErrors)) assert.ok(numberOrNull(value));
  assert.equal(typeof fit.byLikelihood, 'boolean');
  for (const key of ['logLikelihood', 'aic', 'bic', 'rmse', 'rSquared', 'expectedLifetime']) {
    assert.ok(numberOrNull(fit[key]), key);
  }
  for (const key of ['observations', 'iterations', 'evaluations']) {
    assert.ok(Number.isInteger(fit[key]), key);
  }
  assert.deepEqual(Object.keys(fit.forecast), ['periods', 'retention', 'lower', 'upper',
    'method']);
  for (const key of ['periods', 'retention', 'lower', 'upper']) {
    assert.ok(fit.forecast[key] instanceof Float64Array, key);
    assert.equal(fit.forecast[key].length, horizon + 1, key);
  }
  assert.equal(typeof fit.forecast.method, 'string');
  assert.ok(fit.retentionRates instanceof Float64Array);
  assert.equal(fit.retentionRates.length, horizon);
  assert.deepEqual(Object.keys(fit.observed), ['periods', 'retention', 'inFit', 'residuals']);
  for (const key of ['periods', 'retention', 'residuals']) {
    assert.ok(fit.observed[key] instanceof Float64Array, key);
    assert.equal(fit.observed[key].length, observedCount, key);
  }
  assert.ok(Array.isArray(fit.observed.inFit));
  assert.ok(fit.observed.inFit.every((used) => typeof used === 'boolean'));
}

describe('fit result shape', () => {
  test('the power curve has every documented field, in order', () => {
    const fit = core.fit(curve);
    assert.deepEqual(Object.keys(fit), ['model', 'title', 'status', 'message', 'notes', 'a', 'c',
      'd', 'b', 'parameters', 'standardErrors', 'form', ...commonKeys]);
    assertFitTypes(fit, 30, 5);
    assert.deepEqual(Object.keys(fit.parameters), ['a', 'c', 'd', 'b']);
    assert.deepEqual(Object.keys(fit.standardErrors), ['a', 'c', 'd']);
    assert.equal(fit.form, 'sameEvent');
    assert.equal(fit.byLikelihood, false);
    assert.equal(fit.logLikelihood, null);
    // A floor above 0 keeps the sum of retention growing without end.
    assert.equal(fit.expectedLifetime, null);
    assert.deepEqual(Array.from(fit.forecast.periods.slice(0, 3)), [0, 1, 2]);
    assert.deepEqual(fit.observed.inFit, [true, true, true, true, true]);
  });

  test('a parameter on a bound has a null standard error and a note saying why', () => {
    const fit = core.fit({ periods: [0, 1, 2, 3, 4, 5],
      retention: [1, 0.5, 0.25, 0.125, 0.0625, 0.03] });
    assert.equal(fit.status, 'hitBound');
    assert.equal(fit.standardErrors.a, null);
    assert.match(fit.uncertaintyNote, /a is at its lower bound 0/);
    assert.deepEqual(Object.keys(fit).slice(9, 13), ['parameters', 'standardErrors',
      'uncertaintyNote', 'form']);
  });

  test('the different-events form has b among its parameters and no derived one', () => {
    const fit = core.fit({ periods: [0, 1, 2, 3, 4, 6], retention: [0.8, 0.5, 0.4, 0.35, 0.3,
      0.28], form: 'differentEvents', horizon: 12 });
    assert.deepEqual(Object.keys(fit.parameters), ['a', 'b', 'c', 'd']);
    assert.equal(fit.form, 'differentEvents');
    assertFitTypes(fit, 12, 6);
  });

  test('sBG counts have a likelihood and no form', () => {
    const fit = core.fit({ model: 'sbg', periods: regular.periods, active: regular.active,
      cohortSize: regular.size, fitThrough: 7 });
    assert.deepEqual(Object.keys(fit), ['model', 'title', 'status', 'message', 'notes', 'alpha',
      'beta', 'parameters', 'standardErrors', ...commonKeys]);
    assertFitTypes(fit, 30, 13);
    assert.equal(fit.byLikelihood, true);
    assert.ok(Number.isFinite(fit.logLikelihood));
    assert.equal(fit.observed.inFit.filter((used) => used).length, 8);
  });

  test('cohorts whose counts rise carry their note', () => {
    const fit = core.fit({ cohorts: [{ active: [100, 50, 60, 40] }, { active: [200, 90, 95] }] });
    assert.equal(fit.notes.length, 1);
    assert.match(fit.notes[0], /rather than survivors/);
  });

  test('each row of a comparison is a fit followed by its backtest', () => {
    const result = core.fit({ model: 'compare', periods: regular.periods,
      active: regular.active, cohortSize: regular.size });
    assert.deepEqual(Object.keys(result), ['model', 'rows', 'recommended', 'reason',
      'backtestCutoff', 'bandLevel']);
    for (const row of result.rows) {
      assert.equal(row.error, undefined, row.model);
      assert.equal(Object.keys(row).at(-1), 'backtestMape');
      assertFitTypes(row, 30, 13);
    }
    // Each row's numbers are its own, not the last row's.
    assert.deepEqual(result.rows.map((row) => row.model), ['power', 'sbg', 'bdw',
      'exponential']);
    assert.notEqual(result.rows[0].forecast.retention[5], result.rows[1].forecast.retention[5]);
  });

  test('a fit keeps its numbers after the next fit', () => {
    const first = core.fit(curve);
    const kept = Array.from(first.forecast.retention);
    core.fit({ periods: [0, 1, 2, 3], retention: [1, 0.3, 0.2, 0.15], horizon: 90 });
    assert.deepEqual(Array.from(first.forecast.retention), kept);
  });

  test('bad input is an error object, not a throw', () => {
    assert.deepEqual(core.fit({ periods: [0, 1], retention: [1, 0.5] }), { error: {
      message: 'fitting 3 parameters needs points at 3 or more different periods after ' +
        'period 0 with a weight above 0; found 1; add rows for more periods, or choose a ' +
        'model with fewer parameters' } });
    assert.deepEqual(core.fit(null), { error: {
      message: 'fit takes an object {periods, retention}' } });
  });
});
