// A synthetic event log for the cohort benchmark: CSV `user_id,timestamp,event` with ISO 8601
// UTC timestamps, in time order as exports are, over 52 weeks starting Monday 2024-01-01.
// About 1M users at 1 GiB; the number of users scales with the size asked for, so a smaller
// log has the same shape.
//
// Deterministic: the same size gives the same bytes, from a seeded generator. The log is
// written week by week through a fixed buffer, so memory stays at one week's events (a few
// tens of MB) whatever the size. Beside the CSV goes a JSON file with the weekly cohort table
// the generator knows it wrote ("first" cohorts, "on" retention), the answer both the engine
// and DuckDB must give.
//
// The files go to a folder under the system's temp folder and are reused while this file and
// the size are unchanged; a new version replaces the old ones there.
//
//   node bench/event_log_fixture.mjs [MEGABYTES]   writes (or finds) the log, prints its path

import { createHash } from 'node:crypto';
import {
  closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync,
  statSync, writeFileSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** MiB of log the benchmark reads unless BENCH_EVENT_LOG_MB says otherwise. */
export const DEFAULT_MEGABYTES = 1024;

const WEEKS = 52;
const SECONDS_PER_WEEK = 7 * 86400;
/** 2024-01-01T00:00:00Z, a Monday, so each generated week is one calendar week. */
const START_SECONDS = Date.UTC(2024, 0, 1) / 1000;
/** New users per week grow linearly from 1 to this many times the first week's. */
const GROWTH = 2;
/**
 * Share of a cohort active k weeks after it started: the power curve of the README,
 * r(k) = a + 1 / (b + c k^d) with b = 1 / (1 - a) so r(0) = 1; r(1) = 0.57, r(51) = 0.14.
 */
const CURVE = { a: 0.1, c: 1, d: 0.8 };
/** An active week holds 1 + a geometric number of further events: 1 / (1 - 0.78) = 4.5. */
const MORE_EVENTS = 0.78;
/** A user's first event is "signup"; every other event is one of these. */
const EVENT_NAMES = ['open', 'view', 'click', 'purchase'];
const EVENT_WEIGHTS = [0.35, 0.4, 0.2, 0.05];
const SIGNUP = EVENT_NAMES.length;
/** User ids are "u" and 7 digits: a bijection of the user number, so ids do not follow cohorts. */
const ID_DIGITS = 7;
const ID_MULTIPLIER = 7919;
const ID_OFFSET = 1234567;
const ID_MODULUS = 10 ** ID_DIGITS;
const HEADER = 'user_id,timestamp,event\n';
const BUFFER_BYTES = 8 << 20;

const FOLDER = join(tmpdir(), 'retention-bench-event-logs');
const SOURCE_PATH = fileURLToPath(import.meta.url);

/** Retention of the generated cohorts k weeks after they start. */
function retention(k) {
  const { a, c, d } = CURVE;
  return a + 1 / (1 / (1 - a) + c * k ** d);
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function uniformGenerator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** New users in each week: growing linearly, rounded so that they add up to `users`. */
function newUsersPerWeek(users) {
  const weights = Array.from({ length: WEEKS }, (_, week) => 1 + (GROWTH - 1) * week / (WEEKS - 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let placed = 0;
  let cumulative = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = Math.round(users * cumulative / total);
    const count = upTo - placed;
    placed = upTo;
    return count;
  });
}

const ENCODER = new TextEncoder();
const NAME_BYTES = [...EVENT_NAMES, 'signup'].map((name) => ENCODER.encode(name));

/** Expected bytes the log holds per user, to choose the number of users for a size. */
function expectedBytesPerUser() {
  const perWeek = newUsersPerWeek(1e9).map((count) => count / 1e9);
  let activeWeeks = 0;
  perWeek.forEach((share, week) => {
    for (let k = 0; week + k < WEEKS; k += 1) activeWeeks += share * retention(k);
  });
  const eventsPerActiveWeek = 1 / (1 - MORE_EVENTS);
  const meanNameBytes = EVENT_NAMES.reduce(
    (sum, name, index) => sum + EVENT_WEIGHTS[index] * name.length, 0);
  // id, comma, "YYYY-MM-DDTHH:MM:SSZ", comma, name, newline.
  const fixedBytes = 1 + ID_DIGITS + 1 + 20 + 1 + 1;
  return activeWeeks * eventsPerActiveWeek * (fixedBytes + meanNameBytes)
    + ('signup'.length - meanNameBytes);
}

/** Users for a log of about `megabytes` MiB. */
export function usersForSize(megabytes) {
  return Math.max(WEEKS, Math.round(megabytes * 2 ** 20 / expectedBytesPerUser()));
}

/** Bytes of "YYYY-MM-DDT" for each day of the 52 weeks. */
function dayPrefixes() {
  return Array.from({ length: WEEKS * 7 }, (_, day) => ENCODER.encode(
    new Date((START_SECONDS + day * 86400) * 1000).toISOString().slice(0, 11)));
}

/** Fills a growable column of numbers; `array()` returns the filled part. */
function column(Type, capacity) {
  let values = new Type(capacity);
  let length = 0;
  return {
    push(value) {
      if (length === values.length) {
        const grown = new Type(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[length] = value;
      length += 1;
    },
    get length() { return length; },
    array: () => values.subarray(0, length),
    clear() { length = 0; },
  };
}

/**
 * Writes the log to `path` and returns what it holds with the cohort table it was built
 * from. `onWeek(week, bytes)` is told of each week written.
 */
export function writeEventLog(path, megabytes, onWeek = () => {}) {
  const users = usersForSize(megabytes);
  const newUsers = newUsersPerWeek(users);
  const firstUser = [];
  newUsers.reduce((first, count) => { firstUser.push(first); return first + count; }, 0);
  const random = uniformGenerator(20240101);
  const curve = Array.from({ length: WEEKS }, (_, k) => retention(k));
  const cumulativeWeights = EVENT_WEIGHTS.map((_, index) => EVENT_WEIGHTS.slice(0, index + 1)
    .reduce((sum, weight) => sum + weight, 0));
  const counts = newUsers.map((_, cohort) => new Array(WEEKS - cohort).fill(0));
  const prefixes = dayPrefixes();
  const twoDigits = Array.from({ length: 60 }, (_, value) => ENCODER.encode(
    String(value).padStart(2, '0')));

  // Each user's id as "uDDDDDDD", 8 bytes at user * 8.
  const idBytes = new Uint8Array(users * (ID_DIGITS + 1));
  for (let user = 0; user < users; user += 1) {
    let id = (user * ID_MULTIPLIER + ID_OFFSET) % ID_MODULUS;
    const at = user * (ID_DIGITS + 1);
    idBytes[at] = 0x75; // "u"
    for (let digit = ID_DIGITS; digit >= 1; digit -= 1) {
      idBytes[at + digit] = 0x30 + (id % 10);
      id = Math.floor(id / 10);
    }
  }

  const buffer = new Uint8Array(BUFFER_BYTES);
  let used = 0;
  let bytes = 0;
  let rows = 0;
  const file = openSync(path, 'w');
  const flush = () => {
    writeSync(file, buffer, 0, used);
    bytes += used;
    used = 0;
  };
  const put = (source) => {
    buffer.set(source, used);
    used += source.length;
  };

  const seconds = column(Int32Array, 1 << 20);
  const userOf = column(Int32Array, 1 << 20);
  const nameOf = column(Uint8Array, 1 << 20);
  const bySecond = new Int32Array(SECONDS_PER_WEEK + 1);
  try {
    put(ENCODER.encode(HEADER));
    for (let week = 0; week < WEEKS; week += 1) {
      seconds.clear();
      userOf.clear();
      nameOf.clear();

      // This week's events: every user of an earlier or this week's cohort who is active now.
      for (let cohort = 0; cohort <= week; cohort += 1) {
        const k = week - cohort;
        for (let user = firstUser[cohort]; user < firstUser[cohort] + newUsers[cohort]; user += 1) {
          if (k > 0 && random() >= curve[k]) continue;
          counts[cohort][k] += 1;
          // A new user signs up first; their other events that week follow the signup.
          let from = 0;
          if (k === 0) {
            from = Math.floor(random() * SECONDS_PER_WEEK);
            seconds.push(from);
            userOf.push(user);
            nameOf.push(SIGNUP);
          } else {
            seconds.push(Math.floor(random() * SECONDS_PER_WEEK));
            userOf.push(user);
            nameOf.push(pickName(random(), cumulativeWeights));
          }
          while (random() < MORE_EVENTS) {
            seconds.push(from + Math.floor(random() * (SECONDS_PER_WEEK - from)));
            userOf.push(user);
            nameOf.push(pickName(random(), cumulativeWeights));
          }
        }
      }

      // Into time order: a counting sort by second of the week keeps ties in the order made.
      const eventSeconds = seconds.array();
      bySecond.fill(0);
      for (const second of eventSeconds) bySecond[second + 1] += 1;
      for (let second = 1; second <= SECONDS_PER_WEEK; second += 1) {
        bySecond[second] += bySecond[second - 1];
      }
      const order = new Int32Array(eventSeconds.length);
      eventSeconds.forEach((second, index) => {
        order[bySecond[second]] = index;
        bySecond[second] += 1;
      });

      // The rows, "uDDDDDDD,YYYY-MM-DDTHH:MM:SSZ,name".
      const eventUsers = userOf.array();
      const eventNames = nameOf.array();
      for (const index of order) {
        if (used + 64 > BUFFER_BYTES) flush();
        const second = eventSeconds[index];
        const secondOfDay = second % 86400;
        const idAt = eventUsers[index] * (ID_DIGITS + 1);
        buffer.set(idBytes.subarray(idAt, idAt + ID_DIGITS + 1), used);
        used += ID_DIGITS + 1;
        buffer[used++] = 0x2c;
        put(prefixes[week * 7 + Math.floor(second / 86400)]);
        put(twoDigits[Math.floor(secondOfDay / 3600)]);
        buffer[used++] = 0x3a;
        put(twoDigits[Math.floor(secondOfDay / 60) % 60]);
        buffer[used++] = 0x3a;
        put(twoDigits[secondOfDay % 60]);
        buffer[used++] = 0x5a; // "Z"
        buffer[used++] = 0x2c;
        put(NAME_BYTES[eventNames[index]]);
        buffer[used++] = 0x0a;
      }
      rows += order.length;
      onWeek(week, bytes + used);
    }
    flush();
  } finally {
    closeSync(file);
  }

  const weekLabel = (week) => new Date((START_SECONDS + week * SECONDS_PER_WEEK) * 1000)
    .toISOString().slice(0, 10);
  return {
    megabytes,
    bytes,
    rows,
    users,
    weeks: WEEKS,
    firstWeek: weekLabel(0),
    lastWeek: weekLabel(WEEKS - 1),
    // counts[k]: users of the cohort active in exactly week cohort + k; counts[0] its size.
    cohorts: counts.map((cohortCounts, week) => ({
      start: weekLabel(week), size: cohortCounts[0], counts: cohortCounts,
    })),
  };
}

function pickName(uniform, cumulativeWeights) {
  for (let index = 0; index < cumulativeWeights.length - 1; index += 1) {
    if (uniform < cumulativeWeights[index]) return index;
  }
  return cumulativeWeights.length - 1;
}

/** The version of the generator: a hash of this file, so any change makes a new log. */
function generatorVersion() {
  return createHash('sha256').update(readFileSync(SOURCE_PATH)).digest('hex').slice(0, 12);
}

/**
 * The log of `megabytes` MiB, written if it is not in the temp folder yet: its path, what it
 * holds (see writeEventLog), and how long writing it took (null when it was already there).
 */
export function ensureEventLog(megabytes = DEFAULT_MEGABYTES, log = () => {}) {
  const name = `events-${megabytes}MiB-${generatorVersion()}`;
  const path = join(FOLDER, `${name}.csv`);
  const tablePath = join(FOLDER, `${name}.json`);
  if (existsSync(path) && existsSync(tablePath)) {
    const contents = JSON.parse(readFileSync(tablePath, 'utf8'));
    if (statSync(path).size === contents.bytes) return { path, contents, writeSeconds: null };
  }

  // Logs of another size or version are left from earlier runs; a log of 1 GiB is worth
  // keeping only while it can be reused.
  mkdirSync(FOLDER, { recursive: true });
  for (const entry of readdirSync(FOLDER)) {
    if (entry.startsWith('events-') && !entry.includes(`-${generatorVersion()}.`)) {
      rmSync(join(FOLDER, entry), { force: true });
    }
  }
  const started = Date.now();
  const partial = `${path}.${process.pid}.partial`;
  log(`writing a ${megabytes} MiB event log to ${path}`);
  const contents = writeEventLog(partial, megabytes, (week, bytes) => {
    if (week % 13 === 12) {
      log(`  week ${week + 1} of ${WEEKS}: ${(bytes / 2 ** 20).toFixed(0)} MiB`);
    }
  });
  // Renamed once complete, so a run stopped halfway never leaves a log that looks whole.
  renameSync(partial, path);
  writeFileSync(tablePath, `${JSON.stringify(contents)}\n`);
  return { path, contents, writeSeconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] && resolve(process.argv[1]) === SOURCE_PATH) {
  const megabytes = Number(process.argv[2] ?? process.env.BENCH_EVENT_LOG_MB ?? DEFAULT_MEGABYTES);
  const { path, contents, writeSeconds } = ensureEventLog(megabytes,
    (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(`${contents.bytes} bytes, ${contents.rows} rows, ${contents.users} users`
    + `${writeSeconds === null ? ' (already written)' : ` in ${writeSeconds.toFixed(1)} s`}\n`);
  process.stdout.write(`${path}\n`);
}
