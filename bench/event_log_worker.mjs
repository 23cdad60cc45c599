// The engine's side of the event-log benchmark: a module Web Worker that reads a File in
// slices into core.CohortStream, as the page's www/js/cohort_worker.js does (the next slice
// is read while the engine works on the current one, and progress is posted per slice), and
// times where the time goes. event_log_bench.mjs serves it beside dist/retention-core.mjs.
//
// Messages out: { type: 'ready' } once the engine is loaded, then per job
//               { type: 'progress', bytes, rows, memoryBytes } per slice and
//               { type: 'done', table, timing, memory } or { type: 'failed', message }.
// Messages in:  { file: File, options: CohortOptions, chunkBytes: number }

import createRetentionCore from './retention-core.mjs';

const core = await createRetentionCore();
self.postMessage({ type: 'ready' });

self.addEventListener('message', ({ data }) => {
  try {
    readFile(data).then((message) => self.postMessage(message),
      (error) => self.postMessage({ type: 'failed', message: error.message }));
  } catch (error) {
    self.postMessage({ type: 'failed', message: error.message });
  }
});

async function readFile({ file, options, chunkBytes }) {
  const stream = core.CohortStream(options);
  const readSlice = (offset) => file.slice(offset, offset + chunkBytes).arrayBuffer();
  let waitingMs = 0;
  let addMs = 0;
  let chunks = 0;
  let peakMemoryBytes = 0;
  try {
    // From the request for the first byte to the table as a JS object.
    const started = performance.now();
    let pending = file.size > 0 ? readSlice(0) : null;
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const beforeWait = performance.now();
      const bytes = new Uint8Array(await pending);
      const beforeAdd = performance.now();
      waitingMs += beforeAdd - beforeWait;
      pending = offset + chunkBytes < file.size ? readSlice(offset + chunkBytes) : null;
      const progress = stream.add(bytes);
      addMs += performance.now() - beforeAdd;
      chunks += 1;
      if (progress.error) {
        pending?.catch(() => {});
        return { type: 'failed', message: progress.error.message };
      }
      peakMemoryBytes = Math.max(peakMemoryBytes, progress.memoryBytes);
      self.postMessage({ type: 'progress', ...progress });
    }
    const beforeFinish = performance.now();
    const table = stream.finish();
    const finished = performance.now();
    if (table.error) return { type: 'failed', message: table.error.message };
    return {
      type: 'done',
      table,
      timing: {
        seconds: (finished - started) / 1000,
        waitingForSlicesSeconds: waitingMs / 1000,
        addSeconds: addMs / 1000,
        finishSeconds: (finished - beforeFinish) / 1000,
        chunks,
      },
      memory: {
        // The largest memoryBytes add() reported, and the log's own peak.
        peakMemoryBytes,
        logPeakMemoryBytes: table.log.peakMemoryBytes,
        // The wasm heap only grows, so its size now is the most the stream needed.
        heapBytes: core.HEAPU8?.length ?? null,
      },
    };
  } finally {
    stream.delete();
  }
}
