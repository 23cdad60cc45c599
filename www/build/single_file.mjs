// Writes dist/retention-lab.html: the page of dist/index.html as one file that works opened
// from disk with the network off. Its stylesheets become <style> elements, its icon a data:
// URL, the engine (wasm inside, base64) an inline classic script, and its ES modules with the
// Chart.js they use one script bundled by esbuild. Its Content-Security-Policy lists the hash
// of each of them.
//
//   node www/build/single_file.mjs DIST_DIR ENGINE_SCRIPT
//
// ENGINE_SCRIPT is build/wasm/wasm/retention-core.inline.js, the classic-script build of the
// engine that defines a global createRetentionCore (pages on file:// cannot import modules).

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  CHART_GLOBAL,
  ENGINE_SCRIPT_ID,
  blobWorkerPlugin,
  bundleToText,
  engineModulePlugin,
} from './bundling.mjs';

const OUTPUT_NAME = 'retention-lab.html';

const IMAGE_TYPES = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** The value of `name` in a start tag, or null. */
function attribute(tag, name) {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return match ? (match[2] ?? match[3] ?? match[4]) : null;
}

function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Text that ends the element it is pasted into would cut the page short; none of our inputs
 * has any, and this keeps it that way.
 */
function assertInlineSafe(text, element, what) {
  if (new RegExp(`</${element}`, 'i').test(text) || text.includes('<!--')) {
    throw new Error(`${what} contains "</${element}" or "<!--" and cannot be inlined`);
  }
}

/**
 * A module entry of the page bundled into one classic script for an inline <script>, after the
 * Chart.js the page uses (chart_global.js), as in the site's own bundle (page.mjs).
 */
async function bundleModuleEntry(entryPath) {
  const startedWorkers = new Set();
  const bundleWorker = (workerEntry) => bundleToText({
    entryPoints: [workerEntry],
    format: 'iife',
    plugins: [engineModulePlugin('inline-global')],
  });
  const code = await bundleToText({
    stdin: {
      contents: [CHART_GLOBAL, entryPath].map((path) => `import ${JSON.stringify(path)};`)
        .join('\n'),
      resolveDir: dirname(entryPath),
      // Not the entry's own name: esbuild would take the entry for this text and leave it out.
      sourcefile: `single-file-${basename(entryPath)}`,
    },
    format: 'iife',
    plugins: [engineModulePlugin('inline-global'), blobWorkerPlugin(bundleWorker, startedWorkers)],
  });
  return { code, startsWorkers: startedWorkers.size > 0 };
}

/**
 * The policy of the single file. A file:// page has no origin of its own to allow ('self'
 * means nothing there), so everything it runs or applies is allowed by hash alone.
 */
function singleFilePolicy({ scriptHashes, styleHashes, startsWorkers }) {
  return [
    "default-src 'none'",
    // The inline scripts by hash; wasm compilation of the inline engine.
    `script-src ${scriptHashes.join(' ')} 'wasm-unsafe-eval'`,
    `style-src ${styleHashes.join(' ')}`,
    // The icon, a data: URL.
    'img-src data:',
    // Emscripten 3.1.6's single-file loader fetch()es its own inlined data: URL for the wasm;
    // a data: URL is decoded in the page and never reaches a network.
    'connect-src data:',
    // A worker of the page starts from a Blob URL made in the page (see bundling.mjs).
    ...(startsWorkers ? ['worker-src blob:'] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

async function main() {
  const [distArgument, engineArgument] = process.argv.slice(2);
  if (!distArgument || !engineArgument) {
    throw new Error('usage: node www/build/single_file.mjs DIST_DIR ENGINE_SCRIPT');
  }
  const distDir = resolve(distArgument);
  let html = await readFile(join(distDir, 'index.html'), 'utf8');
  const engine = await readFile(resolve(engineArgument), 'utf8');
  assertInlineSafe(engine, 'script', 'the inline engine');

  const classicScripts = [];
  const moduleEntries = [];

  // Stylesheets in place, so the cascade keeps its order; the icon as a data: URL.
  html = await replaceAsync(html, /<link\b[^>]*>/gi, async (tag) => {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
    const href = attribute(tag, 'href');
    if (rel === 'stylesheet') {
      const css = await readFile(join(distDir, href), 'utf8');
      assertInlineSafe(css, 'style', href);
      return `<style>${css}</style>`;
    }
    if (rel === 'icon') {
      if (href.startsWith('data:')) return tag;
      const type = IMAGE_TYPES[extname(href)];
      const bytes = await readFile(join(distDir, href));
      const url = `data:${type};base64,${bytes.toString('base64')}`;
      return `<link rel="icon" type="${type}" href="${url}">`;
    }
    // Preload hints name files that are bundled here.
    if (rel === 'modulepreload' || rel === 'preload') return '';
    throw new Error(`index.html has a <link rel="${rel}"> the single file does not handle`);
  });

  // Before any script is pasted in: hashes in the order the styles stand, which the policy
  // does not need but a reader does.
  const styleHashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)]
    .map(([, css]) => sha256Source(css));

  // Scripts by file come out of the head; they run at the end of the body instead.
  html = html.replace(/[ \t]*<script\b[^>]*\bsrc=[^>]*>\s*<\/script>\n?/gi, (tag) => {
    const source = join(distDir, attribute(tag, 'src'));
    if ((attribute(tag, 'type') ?? '').toLowerCase() === 'module') moduleEntries.push(source);
    else classicScripts.push(source);
    return '';
  });

  const inlineScripts = [];
  for (const path of classicScripts) {
    const code = await readFile(path, 'utf8');
    assertInlineSafe(code, 'script', path);
    inlineScripts.push({ code });
  }
  inlineScripts.push({ id: ENGINE_SCRIPT_ID, code: engine });
  let startsWorkers = false;
  for (const entry of moduleEntries) {
    const bundle = await bundleModuleEntry(entry);
    assertInlineSafe(bundle.code, 'script', entry);
    inlineScripts.push({ code: bundle.code });
    startsWorkers ||= bundle.startsWorkers;
  }

  // Classic inline scripts run where they stand, so they go after the markup the page's
  // modules expect to find already parsed.
  const scriptTags = inlineScripts.map(({ id, code }) => (
    id ? `<script id="${id}">${code}</script>` : `<script>${code}</script>`
  ));
  html = html.replace(/<\/body>/i, () => `${scriptTags.join('\n')}\n</body>`);

  const policy = singleFilePolicy({
    scriptHashes: inlineScripts.map(({ code }) => sha256Source(code)),
    styleHashes,
    startsWorkers,
  });
  const cspMeta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;
  if (!cspMeta.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag');
  html = html.replace(cspMeta, (_, start, end) => `${start}${policy}${end}`);

  // Tells app.js that this page is the single file, which has no service worker to register.
  html = html.replace(/<html\b/i, '<html data-build="single-file"');

  const leftover = html.match(/\s(?:src|href)="(?!#|data:)[^"]*"/i);
  if (leftover) throw new Error(`the single file still refers to a file:${leftover[0]}`);

  await writeFile(join(distDir, OUTPUT_NAME), html);
  const kilobytes = (Buffer.byteLength(html) / 1024).toFixed(0);
  console.log(`wrote ${OUTPUT_NAME} (${kilobytes} KiB)`);
}

/** String.replace with an async replacer, applied in order. */
async function replaceAsync(text, pattern, replacer) {
  const replacements = [];
  text.replace(pattern, (match) => {
    replacements.push(replacer(match));
    return match;
  });
  const values = await Promise.all(replacements);
  let index = 0;
  return text.replace(pattern, () => values[index++]);
}

await main();
