// Times one update of the "Simulate growth" view while a slider is dragged at 90 periods
// (91 cohorts, the heaviest setting): the engine's simulation plus redrawing the three charts.
//
//   ./dev build && node tests/browser/simulate_timing.mjs
//
// The view redraws once per animation frame. A frame callback registered before the slider
// moves runs just before the view's own, and one registered after runs just after it, so the
// time between the two is the view's update alone, without the wait for the next frame.

import { openApp, startSession } from './browser_session.js';

const STEPS = 60;

async function main() {
  const session = await startSession();
  try {
    const app = await openApp(session, '#simulate');
    const { page } = app;
    await page.click('.more-options summary');
    await page.selectOption('#sim-periods', '90');
    await page.waitForFunction(
      () => document.getElementById('sim-last-period').textContent === '90',
    );

    const durations = await page.evaluate(async (steps) => {
      const slider = document.getElementById('sim-c-range');
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const measured = [];
      for (let step = 0; step < steps; step += 1) {
        await nextFrame();
        let started = 0;
        const before = new Promise((resolve) => requestAnimationFrame(() => {
          started = performance.now();
          resolve();
        }));
        slider.value = String(0.3 + (step % 40) * 0.05);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        const after = new Promise((resolve) => requestAnimationFrame(() => {
          resolve(performance.now() - started);
        }));
        await before;
        measured.push(await after);
      }
      return measured;
    }, STEPS);

    await app.close();
    if (app.problems.length > 0) {
      process.exitCode = 1;
      process.stderr.write(`${app.problems.join('\n')}\n`);
    }

    durations.sort((left, right) => left - right);
    const median = durations[Math.floor(durations.length / 2)];
    const slowest = durations.at(-1);
    process.stdout.write(
      `simulate update at 90 periods over ${STEPS} slider steps: `
        + `median ${median.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms\n`,
    );
  } finally {
    await session.close();
  }
}

await main();
