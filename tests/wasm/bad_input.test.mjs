// Every case of the bad-input catalogue through the engine: the error names what and where,
// or the sensible reading is applied and stated. Bytes are decoded as the page decodes a
// file (UTF-8, bad bytes replaced), except that the page reads UTF-16 itself.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { badInputs } from '../fixtures/bad_input.mjs';
import { loadCore } from './load_module.mjs';

let core;
before(async () => {
  core = await loadCore();
});

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

for (const bad of badInputs) {
  test(`bad input: ${bad.name}`, () => {
    const result = core.parseRetention(decoder.decode(bad.bytes()));
    if (bad.error) {
      assert.ok(result.error, `expected an error, got ${JSON.stringify(result).slice(0, 200)}`);
      assert.match(result.error.message, bad.error);
      assert.equal(result.error.row, bad.row);
      assert.equal(result.error.column, bad.column);
      return;
    }
    assert.equal(result.error, undefined, result.error?.message);
    for (const note of bad.notes ?? []) {
      assert.ok(result.notes.some((text) => note.test(text)), `${note} in ${result.notes}`);
    }
    if (bad.retention) assert.deepEqual(result.retention, bad.retention);
  });
}
