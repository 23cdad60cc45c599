// Entry point: shows the view named by the URL hash (#simulate, #predict, #cohorts) and starts
// the views once the engine has loaded. The hash is the only URL state, so a link opens a view
// and the browser's back button moves between views. The Cohorts view hands its tables to the
// two others through the functions they return.

import { loadEngine } from './engine.js';
import { configureChartDefaults } from './charts.js';
import { createSimulateView } from './views/simulate.js';
import { createPredictView } from './views/predict.js';
import { createCohortsView } from './views/cohorts.js';
import { keepOfflineCopy } from './offline.js';

const DEFAULT_VIEW = 'simulate';

const sections = [...document.querySelectorAll('section.view')];
const tabs = [...document.querySelectorAll('a.view-tab')];
const engineStatus = document.getElementById('engine-status');

function viewFromHash() {
  const name = window.location.hash.slice(1);
  return sections.some((section) => section.dataset.view === name) ? name : DEFAULT_VIEW;
}

function showView(name) {
  for (const section of sections) section.hidden = section.dataset.view !== name;
  for (const tab of tabs) {
    if (tab.dataset.view === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  const tab = tabs.find((candidate) => candidate.dataset.view === name);
  document.title = `${tab.textContent} · Retention Lab`;
}

function sectionOf(name) {
  return sections.find((section) => section.dataset.view === name);
}

async function start() {
  showView(viewFromHash());
  window.addEventListener('hashchange', () => showView(viewFromHash()));

  let core;
  try {
    core = await loadEngine();
  } catch (error) {
    engineStatus.dataset.state = 'error';
    engineStatus.textContent = `The engine could not be loaded: ${error.message}`;
    return;
  }

  configureChartDefaults();
  const simulate = createSimulateView(sectionOf('simulate'), core);
  const predictSection = sectionOf('predict');
  const predict = createPredictView(predictSection, core, {
    isActive: () => !predictSection.hidden,
  });
  const cohortsSection = sectionOf('cohorts');
  const cohorts = createCohortsView(cohortsSection, core, {
    isActive: () => !cohortsSection.hidden,
    sendToPredict: (parsed, name) => {
      const outcome = predict.receiveCohorts(parsed, name);
      if (!outcome.problem) window.location.hash = '#predict';
      return outcome;
    },
    sendToSimulate: (newUsers, note) => {
      simulate.setNewUsers(newUsers, note);
      window.location.hash = '#simulate';
    },
  });

  engineStatus.textContent = '';
  document.documentElement.dataset.ready = 'true';
  // Only now: a new version may take over once this page has loaded every file it uses, the
  // files of the Cohorts view's worker included.
  await cohorts.ready;
  keepOfflineCopy(engineStatus);
}

start();
