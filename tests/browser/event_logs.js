// Event logs the Cohorts tests read: small texts with known tables, and a large synthetic log
// written to a temporary file (setInputFiles takes a path for files over 50 MB).

import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The worked example of issue 4: three users start on 2024-01-01; one returns on day 1, one on
 * day 5, one never. A fourth user on day 6 makes the log reach day 6.
 */
export const WORKED_EXAMPLE = ['user,time', 'u1,2024-01-01', 'u2,2024-01-01T09:00:00Z',
  'u3,2024-01-01', 'u1,2024-01-02', 'u2,2024-01-06', 'u4,2024-01-07', ''].join('\n');

/** One user active at 04:30 UTC on two days: 23:30 the evening before in New York (EST). */
export const NEAR_MIDNIGHT = 'user,time\na,2024-03-10T04:30:00Z\na,2024-03-11T04:30:00Z\n';

/** Two good rows and one whose time is not a time. */
export const WITH_BAD_ROW = 'user,time\na,2024-01-01\nb,notadate\nc,2024-01-03\n';

/**
 * The synthetic log: blocks of USERS_PER_BLOCK users, each user id unique to its block. User j
 * of a block starts on 2024-01-01 + (j mod 3) days and, when j is even, comes back the next
 * day. So each of the three daily cohorts holds a third of the users, and half of those
 * return at interval 1.
 */
const USERS_PER_BLOCK = 600;
const LINE_BYTES = 35;
const BLOCK_DIGITS = 7;
const HEADER = 'user,time\n';

function blockTemplate() {
  const lines = [];
  for (let user = 0; user < USERS_PER_BLOCK; user += 1) {
    const id = `B${'0'.repeat(BLOCK_DIGITS)}-U${String(user).padStart(3, '0')}`;
    const start = 1 + (user % 3);
    lines.push(`${id},2024-01-0${start}T12:00:00Z\n`);
    if (user % 2 === 0) lines.push(`${id},2024-01-0${start + 1}T12:00:00Z\n`);
  }
  const text = lines.join('');
  if (text.length !== lines.length * LINE_BYTES) throw new Error('lines are not all 35 bytes');
  return { bytes: Buffer.from(text, 'latin1'), lines: lines.length };
}

/**
 * Writes a synthetic log of about `targetBytes` to a temporary file.
 * @returns {Promise<{ path: string, bytes: number, rows: number, users: number,
 *   remove: () => Promise<void> }>} `rows` counts data rows, the header not included.
 */
export async function writeSyntheticLog(targetBytes) {
  const template = blockTemplate();
  const blocks = Math.ceil((targetBytes - HEADER.length) / template.bytes.length);
  const path = join(tmpdir(), `retention-lab-synthetic-${process.pid}.csv`);
  const file = await open(path, 'w');
  try {
    await file.write(HEADER);
    // Written in batches of blocks, each block with its own number in every user id.
    const blocksPerBatch = 256;
    const batch = Buffer.alloc(blocksPerBatch * template.bytes.length);
    for (let first = 0; first < blocks; first += blocksPerBatch) {
      const count = Math.min(blocksPerBatch, blocks - first);
      for (let index = 0; index < count; index += 1) {
        const offset = index * template.bytes.length;
        template.bytes.copy(batch, offset);
        const digits = String(first + index).padStart(BLOCK_DIGITS, '0');
        for (let line = 0; line < template.lines; line += 1) {
          batch.write(digits, offset + line * LINE_BYTES + 1, 'latin1');
        }
      }
      await file.write(batch, 0, count * template.bytes.length);
    }
  } finally {
    await file.close();
  }
  return {
    path,
    bytes: HEADER.length + blocks * template.bytes.length,
    rows: blocks * template.lines,
    users: blocks * USERS_PER_BLOCK,
    remove: () => rm(path, { force: true }),
  };
}
