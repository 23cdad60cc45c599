// The event log behind "Show example" in the Cohorts view: 60 made-up users of an app over
// eight weeks, a few hundred events with an event column (signup, open, purchase), so start
// and return events can be tried. It is made by a fixed recipe with a seeded generator, so
// every visit, and every test, sees the same log.

/** First day of the log; every time is written in UTC, as ISO 8601 with a `Z`. */
const FIRST_DAY = Date.UTC(2024, 0, 1);
const USERS = 60;
/** Days the log covers, and the first days over which users sign up. */
const LOG_DAYS = 56;
const SIGNUP_DAYS = 35;
/** A share of users come back on any day with the same chance; the others fade away. */
const LOYAL_SHARE = 0.3;
const LOYAL_DAILY_CHANCE = 0.3;
/** Chance that a fading user comes back on day `age` after signing up: FADING_CHANCE / age. */
const FADING_CHANCE = 0.5;
const PURCHASE_SHARE = 0.25;
const SEED = 2;

const MILLISECONDS_PER_HOUR = 3600 * 1000;

/** Uniform numbers in [0, 1) from a linear congruential generator (Numerical Recipes). */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The example as CSV text: columns time, user and event, one event per row, by time. */
export function exampleEventLog() {
  const random = seededRandom(SEED);
  // A time on `day` between `fromHour` and `fromHour + hours`, to the second.
  const timeOn = (day, fromHour, hours) => {
    const hour = fromHour + Math.floor(random() * hours);
    const milliseconds = (day * 24 + hour) * MILLISECONDS_PER_HOUR
      + Math.floor(random() * 3600) * 1000;
    return new Date(FIRST_DAY + milliseconds).toISOString().replace('.000Z', 'Z');
  };

  const rows = [];
  for (let user = 0; user < USERS; user += 1) {
    const id = `user-${String(user + 1).padStart(3, '0')}`;
    const signupDay = Math.floor((user * SIGNUP_DAYS) / USERS);
    const loyal = random() < LOYAL_SHARE;
    rows.push([timeOn(signupDay, 8, 10), id, 'signup']);
    for (let day = signupDay + 1; day < LOG_DAYS; day += 1) {
      const chance = loyal ? LOYAL_DAILY_CHANCE : FADING_CHANCE / (day - signupDay);
      if (random() < chance) {
        const event = random() < PURCHASE_SHARE ? 'purchase' : 'open';
        rows.push([timeOn(day, 7, 14), id, event]);
      }
    }
  }
  // ISO 8601 times in UTC sort as text.
  rows.sort((left, right) => (left[0] < right[0] ? -1 : 1));
  return `time,user,event\n${rows.map((row) => row.join(',')).join('\n')}\n`;
}

export const EXAMPLE_NAME = 'Example app events';
