// Writes docs/screenshots/simulate.png and docs/screenshots/predict.png from the built site,
// the predict view showing a fit of shared/data/seed_retention.tsv.
//
//   ./dev build && node tests/browser/screenshots.mjs

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DATA_DIR, openApp, startSession } from './browser_session.js';

const OUTPUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

async function main() {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const session = await startSession();
  try {
    const simulate = await openApp(session, '#simulate');
    await simulate.page.screenshot({ path: join(OUTPUT_DIR, 'simulate.png'), fullPage: true });
    await simulate.close();
    report('simulate.png', simulate.problems);

    const predict = await openApp(session, '#predict');
    await predict.page.setInputFiles('#predict-file', join(SHARED_DATA_DIR, 'seed_retention.tsv'));
    await predict.page.waitForFunction(
      () => document.getElementById('predict-a').textContent !== '–',
    );
    await predict.page.screenshot({ path: join(OUTPUT_DIR, 'predict.png'), fullPage: true });
    await predict.close();
    report('predict.png', predict.problems);
  } finally {
    await session.close();
  }
}

function report(name, problems) {
  process.stdout.write(`wrote ${join(OUTPUT_DIR, name)}\n`);
  if (problems.length > 0) {
    process.exitCode = 1;
    process.stderr.write(`${problems.join('\n')}\n`);
  }
}

await main();
