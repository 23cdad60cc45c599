// The event-log path of the JS API (issue 4) on the real module: cohorts(), CohortStream and
// detectEventLog(), with time zones turned into offset tables through Intl.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { loadCore, readShared } from './load_module.mjs';

let core;
before(async () => {
  core = await loadCore();
});

// Three users start on 2024-01-01; one returns on day 1, one on day 5, one never. A fourth
// user on day 6 makes the log reach day 6.
const workedExample = ['user,time', 'u1,2024-01-01', 'u2,2024-01-01T09:00:00Z', 'u3,2024-01-01',
  'u1,2024-01-02', 'u2,2024-01-06', 'u4,2024-01-07'].join('\n');

describe('cohorts', () => {
  test('reads cdnow_master.txt as it is: three monthly cohorts of first purchase', () => {
    const table = core.cohorts({ data: readShared('cdnow_master.txt'), period: 'month',
      cohortBy: 'first', mode: 'on' });
    assert.deepEqual(table.cohorts.map((cohort) => [cohort.start, cohort.size]),
      [['1997-01', 7846], ['1997-02', 8476], ['1997-03', 7248]]);
    assert.equal(table.users, 23570);
    assert.equal(table.log.rows, 69659);
    assert.equal(table.skippedRows, 0);
    assert.equal(table.lastPeriodLabel, '1998-06');
    assert.equal(table.layout.columnNames[0], 'customer_id');
    assert.equal(table.cohorts[0].counts[0], 7846);
  });

  test('the worked example by day, on and on or after', () => {
    const on = core.cohorts({ data: workedExample, period: 'day', mode: 'on' });
    assert.deepEqual(on.cohorts[0].counts, [3, 1, 0, 0, 0, 1, 0]);
    const after = core.cohorts({ data: workedExample, period: 'day', mode: 'onOrAfter' });
    assert.deepEqual(after.cohorts[0].counts, [3, 2, 1, 1, 1, 1, 0]);
    assert.deepEqual(on.cohorts[1].counts, [1, null, null, null, null, null, null],
      'a cell the log has not reached is null, not 0');
  });

  test('the worked example by week puts every return into week 0', () => {
    const weekly = core.cohorts({ data: workedExample, period: 'week', mode: 'on' });
    assert.equal(weekly.cohorts[0].start, '2024-01-01');
    assert.deepEqual(weekly.cohorts[0].counts, [4]);
  });

  test('takes columns by name or index and bytes as well as text', () => {
    const bytes = new TextEncoder().encode(workedExample);
    const table = core.cohorts({ data: bytes, userColumn: 'user', timeColumn: 1, period: 'day' });
    assert.deepEqual(table.cohorts[0].counts, [3, 1, 0, 0, 0, 1, 0]);
  });

  test('an instant at UTC midnight falls on the previous day in New York', () => {
    const text = 'user,time\na,2024-03-10T04:30:00Z\na,2024-03-11T04:30:00Z\n';
    const utc = core.cohorts({ data: text, period: 'day' });
    const newYork = core.cohorts({ data: text, period: 'day', timeZone: 'America/New_York' });
    assert.equal(utc.cohorts[0].start, '2024-03-10');
    // 04:30 UTC is 23:30 EST on 9 March; after the change to EDT it is 00:30 on 11 March.
    assert.equal(newYork.cohorts[0].start, '2024-03-09');
    assert.deepEqual(newYork.cohorts[0].counts, [1, 0, 1]);
  });

  test('says when the time column holds no plausible times', () => {
    const table = core.cohorts({ data: readShared('cdnow_master.txt'), timeColumn: 2,
      period: 'month' });
    assert.equal(table.notes[0], 'the time column (number_of_cds) holds times outside the years '
      + '1990 to 2099; check that it is the right column');
  });

  test('the on-mode table fits in Predict as users active in each period', () => {
    const table = core.cohorts({ data: readShared('cdnow_master.txt'), period: 'month' });
    const fit = core.fit({ cohorts: table.cohorts.map((cohort) => ({ active: cohort.counts })) });
    assert.equal(fit.error, undefined, fit.error?.message);
    assert.match(fit.notes[0], /^the counts rise in places/);
    assert.equal(fit.byLikelihood, false);
  });

  test('errors are values with a message', () => {
    assert.match(core.cohorts({ data: 'a,b\n1,2', timeZone: 'Mars/Base' }).error.message,
      /timeZone "Mars\/Base" is not a time zone/);
    assert.equal(core.cohorts({ data: workedExample, period: 'year' }).error.message,
      'period must be "day", "week" or "month"');
    assert.equal(core.cohorts({ data: 42 }).error.message,
      'data must be text or a Uint8Array of bytes, not number');
    assert.equal(core.cohorts(null).error.message, 'cohorts takes an object {data, period, ...}');
  });
});

describe('CohortStream', () => {
  test('gives the same table from chunks as from the whole text', () => {
    const whole = core.cohorts({ data: readShared('cdnow_master.txt'), period: 'month' });
    const bytes = new TextEncoder().encode(readShared('cdnow_master.txt'));
    const stream = core.CohortStream({ period: 'month' });
    let progress;
    for (let offset = 0; offset < bytes.length; offset += 65537) {
      progress = stream.add(bytes.subarray(offset, offset + 65537));
      assert.equal(progress.error, undefined);
    }
    const table = stream.finish();
    stream.delete();
    assert.equal(progress.bytes, bytes.length);
    assert.ok(progress.memoryBytes > 0);
    assert.deepEqual(table.cohorts, whole.cohorts);
    assert.deepEqual(table.meanRetention, whole.meanRetention);
  });

  test('reports a bad option from every call instead of throwing', () => {
    const stream = core.CohortStream({ period: 'fortnight' });
    assert.equal(stream.add('x').error.message, 'period must be "day", "week" or "month"');
    assert.equal(stream.finish().error.message, 'period must be "day", "week" or "month"');
    stream.delete();
  });
});

describe('detectEventLog', () => {
  test('guesses the columns and the time format of the cdnow file', () => {
    const layout = core.detectEventLog({ data: readShared('cdnow_master.txt').slice(0, 4096) });
    assert.equal(layout.delimiter, ' ');
    assert.equal(layout.userColumn, 0);
    assert.equal(layout.timeColumn, 1);
    assert.equal(layout.timeFormat.name, 'YYYYMMDD');
    assert.match(layout.timeFormat.description, /19970101/);
  });
});
