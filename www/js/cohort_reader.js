// The page's side of cohort_worker.js: starts a job, passes its progress on, and cancels it.
// Cancelling terminates the worker, which stops the engine mid-chunk and frees its memory; a
// fresh worker is started at once for the next job.
//
// The first worker starts with the reader, while the page loads, so that the worker's files
// are fetched with the page's (see cohort_worker.js); `ready` says when it has its engine.
// Each worker is handed the page's compiled wasm, so the engine is downloaded once.

import { compiledEngine } from './engine.js';

/**
 * @typedef {import('../../wasm/retention-core').CohortOptions} CohortOptions
 * @typedef {import('../../wasm/retention-core').CohortTable} CohortTable
 *
 * @typedef {object} ReadProgress
 * @property {number} bytes Bytes the engine has read.
 * @property {number} total Size of the file.
 * @property {number} rows Rows read so far.
 * @property {number} memoryBytes Memory the engine holds for the log.
 * @property {number} seconds Time since the job started.
 *
 * @typedef {{ table: CohortTable, bytes: number, seconds: number }
 *   | { problem: string } | { cancelled: true } | { superseded: true }} ReadOutcome
 *   `seconds` is measured in the worker, from the first slice read to the table.
 */

/**
 * @param {{ onProgress: (progress: ReadProgress) => void }} callbacks
 */
export function createCohortReader({ onProgress }) {
  /** @type {Worker | null} */
  let worker = null;
  /** Settles when the first worker has loaded the engine, or could not. */
  let firstWorkerReady;
  const ready = new Promise((resolve) => { firstWorkerReady = resolve; });
  /** The job running: its id, the function that settles its promise, and its start time. */
  let job = null;
  let nextId = 1;

  function settle(outcome) {
    const { resolve } = job;
    job = null;
    resolve(outcome);
  }

  function stopWorker() {
    worker?.terminate();
    worker = null;
  }

  function onMessage({ data: message }) {
    if (message.type === 'ready') firstWorkerReady();
    if (!job || message.id !== job.id) return;
    if (message.type === 'progress') {
      const { bytes, total, rows, memoryBytes } = message;
      onProgress({ bytes, total, rows, memoryBytes, seconds: secondsSince(job.started) });
    } else if (message.type === 'done') {
      settle({ table: message.table, bytes: message.bytes, seconds: message.seconds });
    } else {
      if (message.engineStopped) {
        stopWorker();
        startWorker();
      }
      settle({ problem: message.message });
    }
  }

  function onWorkerError(event) {
    // Handled here, so the browser does not also report it in the console.
    event.preventDefault();
    firstWorkerReady();
    stopWorker();
    if (job) settle({ problem: `the background reader stopped: ${event.message || 'no reason'}` });
  }

  function startWorker() {
    worker = new Worker(new URL('./cohort_worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onWorkerError);
    worker.addEventListener('messageerror', onWorkerError);
    // A job posted before this arrives first; the worker holds it until its engine loads.
    const started = worker;
    compiledEngine().then((compiled) => started.postMessage({ type: 'engine', compiled }));
  }

  startWorker();

  return {
    ready,

    /**
     * Reads `file` into a cohort table. A job still running is stopped first and settles as
     * superseded.
     * @param {Blob} file
     * @param {CohortOptions} options
     * @param {{ chunkBytes?: number }} [tuning] Slice size; the worker's default when absent.
     * @returns {Promise<ReadOutcome>}
     */
    read(file, options, tuning = {}) {
      if (job) {
        stopWorker();
        settle({ superseded: true });
      }
      if (!worker) startWorker();
      const id = nextId;
      nextId += 1;
      return new Promise((resolve) => {
        job = { id, resolve, started: performance.now() };
        worker.postMessage({ id, file, options, ...tuning });
      });
    },

    /** Stops the job running, if any; its promise settles as cancelled. */
    cancel() {
      if (!job) return false;
      stopWorker();
      startWorker();
      settle({ cancelled: true });
      return true;
    },

    get busy() {
      return job !== null;
    },
  };
}

function secondsSince(start) {
  return (performance.now() - start) / 1000;
}
