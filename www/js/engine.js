// Loads the WebAssembly engine once and shares it between the views.
//
// The import is dynamic so that a missing or broken module becomes a rejected promise the page
// can show to the person, instead of an import error that stops every module from running.

/** @typedef {import('../../wasm/retention-core').RetentionCore} RetentionCore */

/** @type {Promise<RetentionCore> | null} */
let enginePromise = null;

/**
 * The engine, created on first call; later calls return the same promise.
 * @returns {Promise<RetentionCore>}
 */
export function loadEngine() {
  enginePromise ??= import('../retention-core.mjs').then((module) => module.default());
  return enginePromise;
}

/**
 * True when an engine call returned `{ error }` instead of its result.
 * @param {object} result
 * @returns {result is import('../../wasm/retention-core').Failure}
 */
export function isFailure(result) {
  return result !== null && typeof result === 'object' && 'error' in result;
}
