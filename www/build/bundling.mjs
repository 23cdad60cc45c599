// What the widget bundle and the single offline file share: esbuild run the same way, and the
// two plugins that decide where the engine comes from and how a module worker starts.

import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * The module that puts the Chart.js the page uses on globalThis.Chart; a bundle of the page
 * imports it before the page's entry, whose modules read the global as they load.
 */
export const CHART_GLOBAL = join(dirname(fileURLToPath(import.meta.url)), 'chart_global.js');

/** Id of the inline <script> that holds the engine in the single file; workers copy its text. */
export const ENGINE_SCRIPT_ID = 'retention-core-script';

/** An import of the engine module, whatever folder it is written from. */
const ENGINE_MODULE = /(^|\/)retention-core\.mjs$/;

/**
 * Where `import('../retention-core.mjs')` leads in a bundle.
 * - 'beside-bundle': stays an import, of the module next to the bundle's own file, so the
 *   widget loads the engine relative to wherever retention-widget.js is served from.
 * - 'inline-global': the global createRetentionCore of the single file's inline engine; the
 *   single file can import nothing (file:// pages cannot load modules).
 * - 'as-written': stays the import the source writes, for a bundle that stands where its
 *   entry module stood.
 * @param {'beside-bundle' | 'inline-global' | 'as-written'} mode
 * @returns {esbuild.Plugin}
 */
export function engineModulePlugin(mode) {
  return {
    name: 'engine-module',
    setup(build) {
      build.onResolve({ filter: ENGINE_MODULE }, (args) => {
        if (mode === 'as-written') return { path: args.path, external: true };
        return mode === 'beside-bundle'
          ? { path: './retention-core.mjs', external: true }
          : { path: 'inline-engine', namespace: 'retention-lab' };
      });
      build.onLoad({ filter: /^inline-engine$/, namespace: 'retention-lab' }, () => ({
        contents: 'export default (options) => globalThis.createRetentionCore(options);',
        loader: 'js',
      }));
    },
  };
}

/**
 * `new Worker(new URL('./cohort_worker.js', import.meta.url), { type: 'module' })`, the one
 * form of starting a worker that the page's sources use, which the plugin below rewrites.
 */
const MODULE_WORKER = new RegExp(
  String.raw`new Worker\(\s*new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)`
    + String.raw`\s*(?:,\s*\{[^}]*\}\s*)?\)`,
  'g',
);

/** Starts a worker from its bundled code, behind the text of the inline engine. */
const BLOB_WORKER_RUNTIME = `
export function startBlobWorker(code) {
  const engine = document.getElementById(${JSON.stringify(ENGINE_SCRIPT_ID)}).textContent;
  const url = URL.createObjectURL(new Blob([engine, ';\\n', code], { type: 'text/javascript' }));
  const worker = new Worker(url);
  // The worker has read its script by the time it first speaks; the Blob can go then.
  worker.addEventListener('message', () => URL.revokeObjectURL(url), { once: true });
  return worker;
}
`;

/**
 * For the single file: a page opened from file:// cannot start a module worker from a file, so
 * every `new Worker(new URL(...), ...)` becomes a classic worker started from a Blob URL that
 * holds the inline engine (read from its <script>, not repeated) and the worker's own modules
 * bundled into one script. A `new Worker(` in any other form fails the build, so no worker is
 * ever left pointing at a file the single file does not have.
 * @param {(entry: string) => Promise<string>} bundleWorker Bundles a worker's entry module.
 * @param {Set<string>} startedWorkers Filled with the entry path of each worker found.
 * @returns {esbuild.Plugin}
 */
export function blobWorkerPlugin(bundleWorker, startedWorkers) {
  return {
    name: 'blob-worker',
    setup(build) {
      build.onLoad({ filter: /\.m?js$/, namespace: 'file' }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('new Worker(')) return undefined;

        const imports = [];
        const rewritten = source.replace(MODULE_WORKER, (_, quote, specifier) => {
          const name = `workerCode${imports.length}`;
          imports.push(`import ${name} from ${JSON.stringify(`blob-worker:${specifier}`)};`);
          return `startBlobWorker(${name})`;
        });
        if (rewritten.includes('new Worker(')) {
          return {
            errors: [{ text: 'a worker is started in a form the single file cannot bundle; '
              + "write new Worker(new URL('./file.js', import.meta.url), { type: 'module' })" }],
          };
        }
        const header = "import { startBlobWorker } from 'blob-worker-runtime';";
        return { contents: [header, ...imports, rewritten].join('\n'), loader: 'js' };
      });

      build.onResolve({ filter: /^blob-worker-runtime$/ }, () => (
        { path: 'runtime', namespace: 'blob-worker' }
      ));
      build.onLoad({ filter: /^runtime$/, namespace: 'blob-worker' }, () => (
        { contents: BLOB_WORKER_RUNTIME, loader: 'js' }
      ));

      build.onResolve({ filter: /^blob-worker:/ }, async (args) => {
        const specifier = args.path.slice('blob-worker:'.length);
        const resolved = await build.resolve(specifier, {
          kind: 'import-statement',
          resolveDir: args.resolveDir,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, namespace: 'blob-worker-code' };
      });
      build.onLoad({ filter: /.*/, namespace: 'blob-worker-code' }, async (args) => {
        startedWorkers.add(args.path);
        return {
          contents: `export default ${JSON.stringify(await bundleWorker(args.path))};`,
          loader: 'js',
          watchFiles: [args.path],
        };
      });
    },
  };
}

/**
 * Bundles one entry module into one script and returns its text. Warnings fail the build: the
 * ones esbuild gives here (an empty import.meta in a classic script, a missing export) would
 * each break the page at run time.
 * @param {esbuild.BuildOptions & { onInputs?: (paths: string[]) => void }} options
 *   `onInputs` is given the absolute path of every file the bundle holds.
 * @returns {Promise<string>}
 */
export async function bundleToText({ onInputs, ...options }) {
  const result = await esbuild.build({
    bundle: true,
    write: false,
    minify: true,
    legalComments: 'eof',
    logLevel: 'silent',
    metafile: Boolean(onInputs),
    ...options,
  });
  onInputs?.(Object.keys(result.metafile?.inputs ?? {}).map((input) => resolve(input)));
  if (result.warnings.length > 0) {
    const messages = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
    throw new Error(`esbuild warned while bundling ${options.entryPoints}:\n${messages.join('')}`);
  }
  return result.outputFiles[0].text;
}
