// Writes the screenshots in docs/screenshots from the built site:
// - simulate.png: "Simulate growth" with the engine's defaults;
// - predict.png: "Predict retention" fitting shared/data/seed_retention.tsv;
// - predict-counts.png: the Fader–Hardie counts (shared/data/fader_hardie_2007.csv), segment
//   regular, fitted by sBG on years 0–7 with years 8–12 held out;
// - compare.png: the same counts with every model compared;
// - cohorts.png: "Cohorts" reading shared/data/cdnow_master.txt by month of first purchase.
//
//   ./dev build && node tests/browser/screenshots.mjs

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DATA_DIR, openApp, startSession } from './browser_session.js';

const OUTPUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');
const FADER_HARDIE = join(SHARED_DATA_DIR, 'fader_hardie_2007.csv');

/** Waits until the model panel shows a status other than `previous`'s text. */
function statusChangedFrom(page, previous) {
  return page.waitForFunction(
    (text) => document.getElementById('predict-message').textContent !== text,
    previous,
  );
}

async function loadFaderHardie(page, model) {
  await page.check('#predict-mode-counts');
  await page.selectOption('#predict-model', model);
  await page.fill('#predict-fit-through', '7');
  const before = await page.textContent('#predict-message');
  await page.setInputFiles('#predict-file', FADER_HARDIE);
  await statusChangedFrom(page, before);
}

async function capture(session, name, hash, prepare) {
  const app = await openApp(session, hash);
  await prepare(app.page);
  // A focused field would be drawn with its focus ring.
  await app.page.evaluate(() => document.activeElement?.blur());
  await app.page.screenshot({ path: join(OUTPUT_DIR, name), fullPage: true });
  await app.close();
  process.stdout.write(`wrote ${join(OUTPUT_DIR, name)}\n`);
  if (app.problems.length > 0) {
    process.exitCode = 1;
    process.stderr.write(`${app.problems.join('\n')}\n`);
  }
}

async function main() {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const session = await startSession();
  try {
    await capture(session, 'simulate.png', '#simulate', async () => {});
    await capture(session, 'predict.png', '#predict', async (page) => {
      await page.setInputFiles('#predict-file', join(SHARED_DATA_DIR, 'seed_retention.tsv'));
      await page.waitForFunction(
        () => document.getElementById('predict-a').textContent !== '—',
      );
    });
    await capture(session, 'predict-counts.png', '#predict', (page) => (
      loadFaderHardie(page, 'sbg')
    ));
    await capture(session, 'compare.png', '#predict', (page) => loadFaderHardie(page, 'compare'));
    await capture(session, 'cohorts.png', '#cohorts', async (page) => {
      await page.selectOption('#cohorts-period', 'month');
      await page.setInputFiles('#cohorts-file', join(SHARED_DATA_DIR, 'cdnow_master.txt'));
      await page.waitForFunction(
        () => document.getElementById('cohorts-caption').textContent.startsWith('cdnow_master'),
      );
    });
  } finally {
    await session.close();
  }
}

await main();
