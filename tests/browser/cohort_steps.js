// A step of the Cohorts view that the tests of issue 5 share: reading the CDNOW log from disk.

import { join } from 'node:path';
import { SHARED_DATA_DIR } from './browser_session.js';

/**
 * The first cohorts of cdnow_master.txt by month of first purchase, as the heat map shows
 * them: 1,157 of the 7,846 customers of January 1997 bought again in February (issue 4).
 */
export const CDNOW_BY_MONTH = [
  { label: '1997-01', size: '7,846', first: ['100%', '14.7%', '12.3%'] },
  { label: '1997-02', size: '8,476' },
  { label: '1997-03', size: '7,248' },
];

/** Reads cdnow_master.txt in the Cohorts view, by month, and returns the heat map's rows. */
export async function readCdnowByMonth(page) {
  await page.selectOption('#cohorts-period', 'month');
  await page.setInputFiles('#cohorts-file', join(SHARED_DATA_DIR, 'cdnow_master.txt'));
  await page.waitForFunction(() => document.getElementById('cohorts-caption').textContent
    .startsWith('cdnow_master.txt'), null, { timeout: 30000 });
  return page.$$eval('#cohorts-table tbody tr', (rows) => rows.map((row, index) => ({
    label: row.querySelector('.cohort-label').textContent,
    size: row.querySelector('.cohort-size').textContent,
    ...(index === 0
      ? { first: [...row.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent) }
      : {}),
  })));
}
