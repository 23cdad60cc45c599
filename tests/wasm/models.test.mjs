// The model fits of the JS API (issue 3) on the real module: counts, cohorts, comparison.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { loadCore, readShared } from './load_module.mjs';

let core;
let regular;
before(async () => {
  core = await loadCore();
  regular = core.parseCounts(readShared('fader_hardie_2007.csv')).segments[0];
});

const near = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

describe('parseCounts', () => {
  test('reads both segments of the Fader-Hardie table', () => {
    const parsed = core.parseCounts(readShared('fader_hardie_2007.csv'));
    assert.deepEqual(parsed.segments.map((segment) => segment.name), ['regular', 'high_end']);
    assert.equal(regular.size, 1000);
    assert.deepEqual(regular.periods, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.equal(regular.active[0], 631);
  });

  test('names the cell of a bad count', () => {
    assert.deepEqual(core.parseCounts('year,regular\n0,1000\n1,lots\n').error, {
      message: 'row 3, column 2 (regular): "lots" is not a number; write the number of users, '
        + 'such as 1200',
      row: 3,
      column: 2,
      detail: '"lots" is not a number; write the number of users, such as 1200',
    });
  });
});

describe('fit with counts', () => {
  test('sBG on years 0-7 reaches the Fader-Hardie estimates and projections', () => {
    const result = core.fit({ model: 'sbg', periods: regular.periods, active: regular.active,
      cohortSize: regular.size, fitThrough: 7, horizon: 12 });
    assert.equal(result.status, 'converged', result.message);
    near(result.alpha, 0.704, 5e-4, 'alpha');
    near(result.beta, 1.182, 5e-4, 'beta');
    assert.equal(result.parameters.alpha, result.alpha);
    assert.ok(result.standardErrors.alpha > 0);
    assert.equal(result.byLikelihood, true);
    assert.ok(result.logLikelihood < 0);
    [220.1, 204.4, 191.2, 179.9, 170.0].forEach((survivors, k) => {
      near(1000 * result.forecast.retention[8 + k], survivors, 0.5, `year ${8 + k}`);
      assert.ok(result.forecast.lower[8 + k] < result.forecast.retention[8 + k]);
      assert.ok(result.forecast.upper[8 + k] > result.forecast.retention[8 + k]);
    });
    assert.deepEqual(result.observed.inFit.slice(6, 9), [true, true, false]);
    assert.equal(result.observed.periods.length, 13);
    assert.equal(result.retentionRates.length, 12);
    assert.equal(result.expectedLifetime, null, 'alpha < 1 has no finite mean lifetime');
  });

  test('turns retention with a cohort size into counts', () => {
    const periods = [0, 1, 2, 3, 4, 5, 6, 7];
    const retention = [1, 0.631, 0.468, 0.382, 0.326, 0.289, 0.262, 0.241];
    const result = core.fit({ model: 'sbg', periods, retention, cohortSize: 1000 });
    near(result.alpha, 0.704, 5e-4, 'alpha');
  });

  test('pools several cohorts given as a triangle', () => {
    const parsed = core.parseCohorts('cohort,0,1,2,3\nJan,1000,631,468,382\nFeb,2000,1262,936,\n'
      + 'Mar,500,316,,\n');
    assert.deepEqual(parsed.cohorts.map((cohort) => cohort.label), ['Jan', 'Feb', 'Mar']);
    const result = core.fit({ model: 'sbg', cohorts: parsed.cohorts });
    assert.equal(result.status, 'converged', result.message);
    assert.equal(result.observations, 3500);
    const indexed = core.fit({ model: 'sbg',
      cohorts: [{ active: [1000, 631, 468, 382] }, { active: [2000, 1262, 936, null] },
        { size: 500, active: [500, 316] }] });
    near(indexed.alpha, result.alpha, 1e-9, 'same data, other shape');
  });

  test('refuses rising counts and empty cohorts with a message', () => {
    assert.match(core.fit({ model: 'sbg', periods: [1, 2], active: [600, 700], cohortSize: 1000 })
      .error.message, /survivor counts cannot rise/);
    assert.equal(core.fit({ model: 'sbg', cohorts: [{ size: 0, active: [0, 0] }] })
      .error.message, 'the cohort has size 0; a cohort needs at least one member at period 0');
    assert.equal(core.fit({ model: 'gompertz', periods: [1, 2, 3], retention: [0.5, 0.4, 0.3] })
      .error.message, 'unknown model "gompertz"; choose power, sbg, bdw, exponential or compare');
  });
});

describe('fit with every model', () => {
  test('names parameters as the formulas do and gives finite numbers or null', () => {
    const data = core.parseRetention(readShared('seed_retention.tsv'));
    const names = { power: ['a', 'c', 'd'], sbg: ['alpha', 'beta'],
      bdw: ['alpha', 'beta', 'c'], exponential: ['a', 'lambda'] };
    for (const [model, expected] of Object.entries(names)) {
      const result = core.fit({ ...data, model });
      assert.deepEqual(Object.keys(result.standardErrors), expected, model);
      for (const value of [result.aic, result.bic, result.rmse, ...result.forecast.lower]) {
        assert.ok(value === null || Number.isFinite(value), `${model}: ${value}`);
      }
      assert.equal(result.logLikelihood, null, `${model}: least squares has no likelihood`);
    }
  });

  test('the power model through the new API keeps the foundation answer', () => {
    const data = core.parseRetention(readShared('seed_example.tsv'));
    const result = core.fit({ ...data, model: 'power' });
    near(result.a, 0.1896, 5e-5, 'a');
    near(result.b, 1 / (1 - result.a), 1e-12, 'b');
    assert.ok(result.standardErrors.a > 0);
  });

  test('a curve through every fitted point has no standard errors, AIC or band', () => {
    const data = core.parseRetention(readShared('seed_example.tsv'));
    const result = core.fit({ ...data, fitThrough: 3 });
    assert.deepEqual(result.standardErrors, { a: null, c: null, d: null });
    assert.equal(result.aic, null);
    assert.equal(result.bic, null);
    assert.match(result.notes[0], /passes through them: no AIC, BIC or standard errors/);
    assert.deepEqual(result.forecast.upper, result.forecast.retention);
  });
});

describe('compare', () => {
  test('fits every model, backtests and recommends one with a reason', () => {
    const result = core.fit({ model: 'compare', periods: regular.periods,
      active: regular.active, cohortSize: 1000, fitThrough: 7 });
    assert.deepEqual(result.rows.map((row) => row.model), ['power', 'sbg', 'bdw',
      'exponential']);
    assert.equal(result.backtestCutoff, 5);
    for (const row of result.rows) {
      assert.ok(Number.isFinite(row.aic), row.model);
      assert.ok(Number.isFinite(row.backtestMape), row.model);
    }
    assert.ok(result.rows.some((row) => row.model === result.recommended));
    assert.match(result.reason, /forecasts best: fitted on periods up to 5/);
  });

  test('says when the recommended model has a parameter the data hardly determine', () => {
    const data = core.parseRetention(readShared('seed_retention.tsv'));
    const result = core.fit({ ...data, model: 'compare' });
    assert.equal(result.recommended, 'bdw');
    const bdw = result.rows.find((row) => row.model === 'bdw');
    assert.ok(bdw.standardErrors.alpha > bdw.alpha, 'alpha is hardly determined');
    assert.match(result.reason, /; its alpha \(0\.0961 ± 1\.32\) is hardly determined by these /);
    assert.match(result.reason, /; by AIC, the power curve fits the observed periods best/);
  });
});
