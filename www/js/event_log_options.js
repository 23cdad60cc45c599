// The controls of the Cohorts view that say how to read an event log and how to group it: the
// user, time and event columns (filled from the engine's guess, which the person can change),
// then period, week start, time zone, cohort by, mode, start and return events and a range
// of cohort dates. Everything they hold is passed to the engine as it is; the engine checks it
// and names what is wrong.

/**
 * @typedef {import('../../wasm/retention-core').EventLogLayout} EventLogLayout
 * @typedef {import('../../wasm/retention-core').CohortOptions} CohortOptions
 */

const UTC = 'UTC';

/** How the caption over the results names each choice. */
const COHORT_BY_NAMES = { first: 'first event', recurring: 'every active period' };
const MODE_NAMES = { on: 'on', onOrAfter: 'on or after' };

/**
 * @param {HTMLElement} root The element holding the controls named below.
 * @param {{ onColumnsChange: () => void, onOptionsChange: () => void }} callbacks Called when
 *   the person changes a column, or any other option.
 */
export function createEventLogOptions(root, { onColumnsChange, onOptionsChange }) {
  const find = (selector) => root.querySelector(selector);
  const mapping = find('#cohorts-mapping');
  const userSelect = find('#cohorts-user-column');
  const timeSelect = find('#cohorts-time-column');
  const eventSelect = find('#cohorts-event-column');
  const timeFormat = find('#cohorts-time-format');
  const layoutNotes = find('#cohorts-layout-notes');
  const periodSelect = find('#cohorts-period');
  const weekStartField = find('#cohorts-week-start-field');
  const weekStartSelect = find('#cohorts-week-start');
  const zoneSelect = find('#cohorts-time-zone');
  const cohortBySelect = find('#cohorts-cohort-by');
  const modeSelect = find('#cohorts-mode');
  const startEventInput = find('#cohorts-start-event');
  const returnEventInput = find('#cohorts-return-event');
  const fromInput = find('#cohorts-from');
  const toInput = find('#cohorts-to');

  fillTimeZones(zoneSelect);

  function showWeekStart() {
    weekStartField.hidden = periodSelect.value !== 'week';
  }

  function enableEventNames() {
    const hasEvents = eventSelect.value !== '';
    startEventInput.disabled = !hasEvents;
    returnEventInput.disabled = !hasEvents;
  }

  for (const select of [userSelect, timeSelect, eventSelect]) {
    select.addEventListener('change', () => {
      enableEventNames();
      onColumnsChange();
    });
  }
  periodSelect.addEventListener('change', showWeekStart);
  const optionControls = [periodSelect, weekStartSelect, zoneSelect, cohortBySelect, modeSelect,
    startEventInput, returnEventInput, fromInput, toInput];
  for (const control of optionControls) control.addEventListener('change', onOptionsChange);

  showWeekStart();
  enableEventNames();

  return {
    /**
     * Shows the engine's reading of a log: its columns in the selects, with its guess (or the
     * person's choice, given back by the engine) selected, its time format and its notes.
     * @param {EventLogLayout} layout
     */
    showLayout(layout) {
      const columns = layout.columnNames.map((name, index) => ({ name, index }));
      fillColumns(userSelect, columns, layout.userColumn);
      fillColumns(timeSelect, columns, layout.timeColumn);
      fillColumns(eventSelect, columns, layout.eventColumn, 'None');
      mapping.disabled = false;
      enableEventNames();

      const { description, values, parsed } = layout.timeFormat;
      timeFormat.textContent = parsed < values
        ? `${description}; ${parsed} of the first ${values} values read as such`
        : description;
      layoutNotes.replaceChildren(...layout.notes.map((note) => {
        const item = document.createElement('li');
        item.textContent = note;
        return item;
      }));
    },

    /** The columns chosen, as 0-based indices; eventColumn null for none. */
    columns() {
      return {
        userColumn: Number(userSelect.value),
        timeColumn: Number(timeSelect.value),
        eventColumn: eventSelect.value === '' ? null : Number(eventSelect.value),
      };
    },

    /**
     * Every option but the columns. Empty text fields are left out, so the engine uses any
     * event and every cohort.
     * @returns {CohortOptions}
     */
    cohortOptions() {
      const options = {
        period: periodSelect.value,
        timeZone: zoneSelect.value,
        cohortBy: cohortBySelect.value,
        mode: modeSelect.value,
      };
      if (options.period === 'week') options.weekStart = weekStartSelect.value;
      const optional = { startEvent: startEventInput, returnEvent: returnEventInput,
        from: fromInput, to: toInput };
      for (const [name, input] of Object.entries(optional)) {
        const value = input.value.trim();
        if (value !== '' && !input.disabled) options[name] = value;
      }
      return options;
    },

    /**
     * The options as the caption over a table says them, e.g. "by month · first event · on ·
     * UTC".
     * @param {CohortOptions} options
     */
    describe(options) {
      const parts = [`by ${options.period}`];
      if (options.weekStart) parts[0] += ` from ${capitalise(options.weekStart)}`;
      parts.push(COHORT_BY_NAMES[options.cohortBy], MODE_NAMES[options.mode], options.timeZone);
      if (options.startEvent) parts.push(`start "${options.startEvent}"`);
      if (options.returnEvent) parts.push(`return "${options.returnEvent}"`);
      if (options.from || options.to) {
        parts.push(`cohorts ${options.from ?? 'from the start'} to ${options.to ?? 'the end'}`);
      }
      return parts.join(' · ');
    },
  };
}

/**
 * Fills a column select with the log's column names, numbered as a spreadsheet numbers them,
 * and selects `chosen`. The names come from the file, so they are set as text.
 */
function fillColumns(select, columns, chosen, noneLabel) {
  const options = columns.map(({ name, index }) => new Option(`${index + 1} · ${name}`,
    String(index)));
  if (noneLabel) options.unshift(new Option(noneLabel, ''));
  select.replaceChildren(...options);
  select.value = chosen === null || chosen === undefined ? '' : String(chosen);
}

/**
 * UTC first, then the browser's own zone, then every IANA zone the browser knows. Browsers
 * without `Intl.supportedValuesOf` (Chromium before 99) offer the first two.
 */
function fillTimeZones(select) {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const suggested = document.createElement('optgroup');
  suggested.label = 'Suggested';
  suggested.append(new Option('UTC', UTC));
  if (own && own !== UTC) suggested.append(new Option(`${own} (this computer)`, own));
  select.append(suggested);

  const zones = typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone').filter((zone) => zone !== UTC)
    : [];
  if (zones.length > 0) {
    const all = document.createElement('optgroup');
    all.label = 'All time zones';
    all.append(...zones.map((zone) => new Option(zone.replaceAll('_', ' '), zone)));
    select.append(all);
  }
  select.value = UTC;
}

function capitalise(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
