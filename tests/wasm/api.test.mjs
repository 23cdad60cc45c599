// The JS API of the real module, loaded in Node: shapes, known answers and errors as values.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { loadCore, readShared } from './load_module.mjs';

let core;
before(async () => {
  core = await loadCore();
});

describe('defaults', () => {
  test('come from the core and match the documented starting curve', () => {
    assert.deepEqual(core.defaults(), {
      simulate: { a: 0.03, c: 0.55, d: 1.5, newUsers: 10000, periods: 30, maxPeriods: 3660 },
      fit: {
        horizon: 30, maxHorizon: 3660, form: 'sameEvent', model: 'power', bandLevel: 0.9,
        models: ['power', 'sbg', 'bdw', 'exponential'],
      },
      cohorts: { period: 'day', weekStart: 'monday', cohortBy: 'first', mode: 'on' },
    });
  });
});

describe('simulate', () => {
  test('reaches 43,401 active users in period 30 with the default curve', () => {
    const result = core.simulate({ a: 0.03, c: 0.55, d: 1.5, newUsers: 10000, periods: 30 });
    assert.equal(result.activeUsers.length, 31);
    assert.equal(result.activeUsers[30], 43401);
    assert.ok(result.curve instanceof Float64Array);
    assert.equal(result.curve[0], 1);
    assert.equal(result.cohorts.length, 31);
    assert.equal(result.cohorts[30][29], 0);
    assert.equal(result.cohorts[30][30], 10000);
    assert.equal(result.parameters.b, 1 / 0.97);
    assert.equal(result.stacked.length, 31);
    assert.deepEqual(result.stacked[30], result.activeUsers);
    assert.equal(result.stacked[1][5], result.cohorts[0][5] + result.cohorts[1][5]);
  });

  test('builds every cohort row and band top from the users of each age', () => {
    const result = core.simulate({ a: 0.1, c: 1.2, d: 0.8, newUsers: 1000, periods: 40 });
    assert.deepEqual(result.cohorts[0], result.usersByAge);
    for (let period = 0; period <= 40; period += 1) {
      let below = 0;
      for (let cohort = 0; cohort <= 40; cohort += 1) {
        const users = period < cohort ? 0 : result.usersByAge[period - cohort];
        assert.equal(result.cohorts[cohort][period], users);
        below += users;
        assert.equal(result.stacked[cohort][period], below, `cohort ${cohort}, period ${period}`);
      }
      assert.equal(result.activeUsers[period], below);
    }
    // Read twice, the table is the same object: it is built once.
    assert.equal(result.stacked, result.stacked);
  });

  test('fills in defaults from the core for missing fields', () => {
    assert.equal(core.simulate({}).activeUsers[30], 43401);
  });

  test('uses a given b in the different-events form', () => {
    const result = core.simulate({ a: 0.1, b: 2, c: 0.5, d: 1, newUsers: 100, periods: 3 });
    assert.equal(result.curve[0], 0.6);
    assert.equal(result.activeUsers[0], 60);
  });

  test('returns errors as values instead of throwing', () => {
    assert.deepEqual(core.simulate({ a: 1 }), {
      error: {
        message: 'parameter a = 1 is outside [0, 1): the floor of retention must be below 100%',
      },
    });
    assert.equal(core.simulate({ periods: 2.5 }).error.message,
      'periods must be a whole number, not 2.5');
    assert.equal(core.simulate({ c: '0.5' }).error.message, 'c must be a number, not string');
    assert.equal(core.simulate(undefined).error.message,
      'simulate takes an object {a, c, d, newUsers, periods}');
    assert.equal(core.simulate({ form: 'weekly' }).error.message,
      'form must be "sameEvent" or "differentEvents"');
  });
});

describe('parseRetention', () => {
  test('reads the shipped seed file', () => {
    const parsed = core.parseRetention(readShared('seed_retention.tsv'));
    assert.deepEqual(parsed.periods, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(parsed.retention[1], 0.5432);
    assert.deepEqual(parsed.rows, [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(parsed.percent, false);
    assert.deepEqual(parsed.notes, []);
    assert.equal(parsed.weights, undefined);
  });

  test('states that percentages were read as such', () => {
    const parsed = core.parseRetention('period,retention\n0,100%\n1,55%\n');
    assert.equal(parsed.percent, true);
    assert.deepEqual(parsed.retention, [1, 0.55]);
    assert.deepEqual(parsed.notes, ['retention is read as percentages because row 2 has a % sign']);
  });

  test('names the row and column of a bad cell', () => {
    assert.deepEqual(core.parseRetention('period\tretention\n0\t1\n1\tabc\n'), {
      error: {
        message: 'row 3, column 2 (retention): "abc" is not a number; write a fraction such as '
          + '0.55 or a percentage such as 55%',
        row: 3,
        column: 2,
        detail: '"abc" is not a number; write a fraction such as 0.55 or a percentage such as '
          + '55%',
      },
    });
  });

  test('refuses what is not text', () => {
    assert.equal(core.parseRetention(42).error.message, 'parseRetention takes text, not number');
  });
});

describe('fit', () => {
  test('reaches the known answer for seed_example.tsv', () => {
    const data = core.parseRetention(readShared('seed_example.tsv'));
    const result = core.fit({ periods: data.periods, retention: data.retention });
    assert.equal(result.status, 'converged');
    assert.ok(Math.abs(result.a - 0.1896) < 5e-5, `a = ${result.a}`);
    assert.ok(Math.abs(result.c - 1.5485) < 5e-5, `c = ${result.c}`);
    assert.ok(Math.abs(result.d - 1.1338) < 5e-5, `d = ${result.d}`);
    assert.ok(Math.abs(result.rmse - 0.00526) < 5e-6, `rmse = ${result.rmse}`);
    assert.equal(result.form, 'sameEvent');
    assert.match(result.message, /^converged after \d+ iterations/);
  });

  test('reaches the known answer for seed_retention.tsv', () => {
    const data = core.parseRetention(readShared('seed_retention.tsv'));
    const result = core.fit(data);
    assert.ok(Math.abs(result.a - 0.236) < 5e-4, `a = ${result.a}`);
    assert.ok(Math.abs(result.c - 1.985) < 5e-4, `c = ${result.c}`);
    assert.ok(Math.abs(result.d - 1.282) < 5e-4, `d = ${result.d}`);
    assert.ok(result.rSquared > 0.99);
  });

  test('forecasts to the horizon and past the last observed period', () => {
    const result = core.fit({ periods: [0, 1, 2, 3, 45], retention: [1, 0.55, 0.4, 0.35, 0.2],
      horizon: 10 });
    assert.equal(result.forecast.periods.length, 46);
    assert.equal(result.forecast.periods[45], 45);
    assert.equal(result.forecast.retention[0], 1);
    const short = core.fit({ periods: [0, 1, 2, 3], retention: [1, 0.55, 0.4, 0.35] });
    assert.equal(short.forecast.retention.length, 31);
  });

  test('accepts typed arrays and weights', () => {
    const result = core.fit({
      periods: new Float64Array([0, 1, 2, 3, 4]),
      retention: new Float64Array([1, 0.55, 0.4, 0.35, 0.3]),
      weights: [1, 1, 1, 1, 1],
    });
    assert.ok(Math.abs(result.a - 0.1896) < 5e-5);
  });

  test('fits the different-events form with a free b', () => {
    const periods = [0, 1, 2, 3, 5, 8, 13, 21];
    const retention = periods.map((t) => 0.1 + 1 / (2.5 + 0.7 * t ** 1.2));
    const result = core.fit({ periods, retention, form: 'differentEvents' });
    assert.equal(result.form, 'differentEvents');
    assert.ok(Math.abs(result.b - 2.5) < 1e-5, `b = ${result.b}`);
  });

  test('returns errors as values naming the problem', () => {
    assert.equal(core.fit({ periods: [0, 1], retention: [1, 0.5] }).error.message,
      'fitting 3 parameters needs points at 3 or more different periods after period 0 with '
      + 'a weight above 0; found 1; add rows for more periods, or choose a model with fewer '
      + 'parameters');
    assert.equal(core.fit({ periods: [0, 1, 2, 3], retention: [1, 'x', 0.4, 0.3] }).error.message,
      'retention[1] must be a number, not string');
    assert.equal(core.fit({ retention: [1] }).error.message,
      'periods must be an array of numbers, not undefined');
    assert.equal(core.fit({ periods: [0, 1, 2, 3], retention: [1, 0.5, 0.4, 0.3], horizon: -1 })
      .error.message, 'the forecast horizon must be between 0 and 3660 periods');
  });

  test('gives the same answer every time', () => {
    const input = { periods: [7, 0, 14, 1, 30], retention: [0.3, 1, 0.25, 0.6, 0.2] };
    const first = core.fit(input);
    const second = core.fit(input);
    assert.deepEqual([first.a, first.c, first.d], [second.a, second.c, second.d]);
  });
});
