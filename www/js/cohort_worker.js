// A module Web Worker that turns an event log into a cohort table off the page's thread. The
// file is read in slices and fed to the engine's CohortStream, so a file of any size needs
// only the memory the engine keeps (interned ids and events), never the whole text.
//
// Messages in:  { type: 'engine', compiled: WebAssembly.Module | null } first, once
//               { id, file: Blob, options: CohortOptions, chunkBytes? }
// Messages out: { type: 'ready' } once, when the engine has loaded (or failed to)
//               { id, type: 'progress', bytes, total, rows, memoryBytes }
//               { id, type: 'done', table, bytes, seconds }
//               { id, type: 'failed', message, engineStopped? }
// One job runs at a time; the page stops a job by terminating the worker.
//
// The engine loads as soon as the worker starts, not at the first job: the page starts the
// worker while it loads, so every file the worker needs is fetched before the page counts as
// loaded (the offline copy may only switch versions after that; see offline.js). The page
// hands over its compiled wasm, so the worker fetches only its scripts.

import { isFailure, loadEngine } from './engine.js';

/** Slice read per step: large enough that each message is worth posting. */
const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

let engineGiven;
const engine = new Promise((resolve) => { engineGiven = resolve; });
engine.then(() => self.postMessage({ type: 'ready' }), () => self.postMessage({ type: 'ready' }));

self.addEventListener('message', (event) => {
  if (event.data.type === 'engine') engineGiven(loadEngine(event.data.compiled));
  else readEventLog(event.data);
});

async function readEventLog({ id, file, options, chunkBytes = DEFAULT_CHUNK_BYTES }) {
  const post = (message) => self.postMessage({ id, ...message });

  let core;
  try {
    core = await engine;
  } catch (error) {
    post({ type: 'failed', message: `the engine could not be loaded: ${error.message}` });
    return;
  }

  const started = performance.now();
  const stream = core.CohortStream(options);
  let table;
  try {
    table = await streamFile(file, chunkBytes, stream, (progress) => {
      post({ type: 'progress', total: file.size, ...progress });
    });
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // The engine aborted (out of memory, most likely) and cannot be called again, not even
      // to free the stream; the page replaces this worker.
      const message = `the engine stopped: ${error.message}`;
      post({ type: 'failed', engineStopped: true, message });
      return;
    }
    stream.delete();
    // Reading fails when the file changed or was removed after it was chosen.
    post({ type: 'failed', message: `the file could not be read (${error.message})` });
    return;
  }
  stream.delete();

  if (isFailure(table)) {
    post({ type: 'failed', message: table.error.message });
    return;
  }
  post({ type: 'done', table, bytes: file.size, seconds: (performance.now() - started) / 1000 });
}

/**
 * Feeds `file` to `stream` slice by slice and returns its table or failure. The next slice is
 * read while the engine works on the current one.
 */
async function streamFile(file, chunkBytes, stream, onProgress) {
  const readSlice = (offset) => file.slice(offset, offset + chunkBytes).arrayBuffer();
  let pending = file.size > 0 ? readSlice(0) : null;
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await pending);
    pending = offset + chunkBytes < file.size ? readSlice(offset + chunkBytes) : null;
    const progress = stream.add(bytes);
    if (isFailure(progress)) {
      // The slice being read ahead is no longer wanted; its failure would go unheard.
      pending?.catch(() => {});
      return progress;
    }
    onProgress(progress);
  }
  return stream.finish();
}
