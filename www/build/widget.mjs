// Writes dist/retention-widget.js: the <retention-curve> element (www/widget/) with Chart.js
// from its npm ES module build, as one ES module. The engine is not inside it: the bundle
// imports ./retention-core.mjs, which resolves beside wherever the bundle is served from, so
// the widget works under any sub-path and shares one engine with the rest of the page.
//
//   node www/build/widget.mjs DIST_DIR

import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleToText, engineModulePlugin } from './bundling.mjs';

const OUTPUT_NAME = 'retention-widget.js';
const WWW_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(WWW_DIR, 'widget', 'retention_curve.js');

async function main() {
  const [distArgument] = process.argv.slice(2);
  if (!distArgument) throw new Error('usage: node www/build/widget.mjs DIST_DIR');
  const code = await bundleToText({
    entryPoints: [ENTRY],
    format: 'esm',
    plugins: [engineModulePlugin('beside-bundle')],
  });
  await writeFile(join(resolve(distArgument), OUTPUT_NAME), code);
  console.log(`wrote ${OUTPUT_NAME} (${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB)`);
}

await main();
