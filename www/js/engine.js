// Loads the WebAssembly engine once and shares it between the views.
//
// The import is dynamic so that a missing or broken module becomes a rejected promise the page
// can show to the person, instead of an import error that stops every module from running.
// The single offline file defines the engine as a global instead (retention-core.inline.js,
// wasm inside), because a page opened from file:// can neither import modules nor fetch a .wasm.

/** @typedef {import('../../wasm/retention-core').RetentionCore} RetentionCore */

/** @type {Promise<RetentionCore> | null} */
let enginePromise = null;

/**
 * The engine, created on first call; later calls return the same promise.
 * @returns {Promise<RetentionCore>}
 */
export function loadEngine() {
  enginePromise ??= typeof globalThis.createRetentionCore === 'function'
    ? globalThis.createRetentionCore()
    : import('../retention-core.mjs').then((module) => module.default());
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
