// Replaces the page's ES modules in dist/js/ with two minified bundles: js/app.js, the page's
// entry with the Chart.js it uses (chart_global.js), and js/cohort_worker.js, the Cohorts
// view's worker. One request and one gzip stream each instead of about 25 files; the engine
// (retention-core.mjs) stays a file of its own beside them, shared by the page and the worker.
// Every module bundled is removed from dist/js/; the embed pages' scripts, which import
// nothing, stay as they are. The engine's glue is minified in place, as Emscripten 3.1.6 leaves
// its names long without the Closure Compiler, which Debian does not ship (57 KB to 31 KB);
// so is the stylesheet.
//
//   node www/build/page.mjs DIST_DIR
//
// Runs after single_file.mjs, which bundles the same modules its own way from dist/js/.

import { readFile, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleToText, CHART_GLOBAL, engineModulePlugin } from './bundling.mjs';

const WWW_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const [distArgument] = process.argv.slice(2);
  if (!distArgument) throw new Error('usage: node www/build/page.mjs DIST_DIR');
  const jsDir = join(resolve(distArgument), 'js');

  // From www/, not from the copies in dist/js/, which are about to be replaced.
  const bundled = new Set();
  const bundles = {
    'app.js': `import ${JSON.stringify(CHART_GLOBAL)};\n`
      + `import ${JSON.stringify(join(WWW_DIR, 'js', 'app.js'))};`,
    'cohort_worker.js': `import ${JSON.stringify(join(WWW_DIR, 'js', 'cohort_worker.js'))};`,
  };
  const written = {};
  for (const [name, contents] of Object.entries(bundles)) {
    written[name] = await bundleToText({
      // Not named like the entry: esbuild would take the entry for this text.
      stdin: { contents, resolveDir: WWW_DIR, sourcefile: `bundle-${name}` },
      format: 'esm',
      // The bundles stand where app.js and cohort_worker.js stood, so the engine's path from
      // them is the one the sources write.
      plugins: [engineModulePlugin('as-written')],
      onInputs: (inputs) => inputs.forEach((input) => bundled.add(input)),
    });
  }

  for (const source of bundled) {
    const path = relative(join(WWW_DIR, 'js'), source);
    if (!path.startsWith('..')) await rm(join(jsDir, path), { force: true });
  }
  await removeEmptyFolders(jsDir);
  for (const [name, code] of Object.entries(written)) await writeFile(join(jsDir, name), code);

  // Safe to rename: built with -sDYNAMIC_EXECUTION=0, the glue evaluates no code from strings,
  // and its exports are read by quoted name.
  const enginePath = join(resolve(distArgument), 'retention-core.mjs');
  const glue = await esbuild.transform(await readFile(enginePath, 'utf8'), {
    format: 'esm',
    minify: true,
  });
  await writeFile(enginePath, glue.code);

  // The stylesheet too: 4.97 KB to 4.30 KB gzipped.
  const stylePath = join(resolve(distArgument), 'style.css');
  const style = await esbuild.transform(await readFile(stylePath, 'utf8'), {
    loader: 'css',
    minify: true,
  });
  await writeFile(stylePath, style.code);
  const sizes = Object.entries(written)
    .map(([name, code]) => `${name} ${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB`);
  console.log(`wrote js/ bundles: ${sizes.join(', ')} (from ${bundled.size} modules)`);
}

async function removeEmptyFolders(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort((x, y) => y.length - x.length);
  for (const folder of folders) {
    if ((await readdir(folder)).length === 0) await rmdir(folder);
  }
}

await main();
