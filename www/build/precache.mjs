// Writes the build's version into dist/sw.js: the files the service worker keeps for offline
// use, each with its SHA-256, and a version that is a hash of that list. Runs last in
// build_site, after every file it lists has been written.
//
//   node www/build/precache.mjs DIST_DIR

import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/**
 * Files of dist/ the app never loads: the service worker itself (the browser checks it for
 * changes on its own), the Space's README, and the single offline file, a download that is
 * already offline and would make every visitor cache the whole app a second time.
 */
const NOT_CACHED = new Set(['sw.js', 'README.md', 'retention-lab.html']);

/** The line of www/sw.js that this script replaces. */
const PLACEHOLDER = "const BUILD = { version: 'unbuilt', files: [] };";

async function listFiles(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .map((path) => path.split(sep).join('/'))
    .sort();
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

async function main() {
  const [distArgument] = process.argv.slice(2);
  if (!distArgument) throw new Error('usage: node www/build/precache.mjs DIST_DIR');
  const distDir = resolve(distArgument);

  const files = [];
  for (const path of await listFiles(distDir)) {
    if (NOT_CACHED.has(path)) continue;
    files.push({ path, sha256: sha256(await readFile(join(distDir, path))) });
  }
  // 16 hex digits (64 bits) tell builds apart; the full hashes check each file.
  const version = sha256(JSON.stringify(files)).slice(0, 16);

  const workerPath = join(distDir, 'sw.js');
  const worker = await readFile(workerPath, 'utf8');
  if (!worker.includes(PLACEHOLDER)) throw new Error(`${workerPath} has no line ${PLACEHOLDER}`);
  const build = `const BUILD = ${JSON.stringify({ version, files }, null, 2)};`;
  await writeFile(workerPath, worker.replace(PLACEHOLDER, () => build));
  console.log(`service worker version ${version}: ${files.length} files`);
}

await main();
