// Loads the WebAssembly engine once and shares it between the views.
//
// The import is dynamic so that a missing or broken module becomes a rejected promise the page
// can show to the person, instead of an import error that stops every module from running.
// The single offline file defines the engine as a global instead (retention-core.inline.js,
// wasm inside), because a page opened from file:// can neither import modules nor fetch a .wasm.
//
// Served over http, the page compiles the wasm itself and keeps the compiled module, so that
// the Cohorts view's worker is handed it (a WebAssembly.Module crosses postMessage) instead of
// fetching and compiling the 460 KB file a second time.

/** @typedef {import('../../wasm/retention-core').RetentionCore} RetentionCore */

/** @type {Promise<RetentionCore> | null} */
let enginePromise = null;

/** @type {Promise<WebAssembly.Module | null>} */
let compiledPromise = Promise.resolve(null);

/**
 * The engine, created on first call; later calls return the same promise.
 * @param {WebAssembly.Module | null} [compiled] The engine's wasm already compiled by another
 *   page or worker (see compiledEngine); it is fetched and compiled here when absent.
 * @returns {Promise<RetentionCore>}
 */
export function loadEngine(compiled = null) {
  enginePromise ??= typeof globalThis.createRetentionCore === 'function'
    ? globalThis.createRetentionCore()
    : import('../retention-core.mjs').then((module) => createFromModule(module.default, compiled));
  return enginePromise;
}

/**
 * The compiled wasm of the engine loadEngine created here, for a worker to reuse; null in the
 * single offline file, whose workers hold the engine themselves, or when loading failed.
 * @returns {Promise<WebAssembly.Module | null>}
 */
export function compiledEngine() {
  return compiledPromise;
}

/**
 * Creates the engine with its wasm compiled from `compiled` or from the file the module would
 * fetch. Emscripten calls instantiateWasm and waits for receiveInstance without a way to say
 * that it failed, so a failure rejects the promise returned here directly.
 */
function createFromModule(createRetentionCore, compiled) {
  let wasmUrl = null;
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  const created = createRetentionCore({
    // Called once, before instantiateWasm, with the folder the module was loaded from.
    locateFile: (path, folder) => {
      wasmUrl = folder + path;
      return wasmUrl;
    },
    instantiateWasm: (imports, receiveInstance) => {
      const module = compiled ? Promise.resolve(compiled) : compileFrom(wasmUrl);
      compiledPromise = module.catch(() => null);
      module
        .then((wasmModule) => WebAssembly.instantiate(wasmModule, imports))
        .then((instance) => receiveInstance(instance))
        .catch(fail);
      return {};
    },
  });
  return Promise.race([created, failed]);
}

/** Compiles while the file downloads; hosts that serve .wasm without its type get a slower path. */
async function compileFrom(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  if (response.headers.get('Content-Type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * True when an engine call returned `{ error }` instead of its result.
 * @param {object} result
 * @returns {result is import('../../wasm/retention-core').Failure}
 */
export function isFailure(result) {
  return result !== null && typeof result === 'object' && 'error' in result;
}
