// Runs a Google Benchmark binary with JSON output and returns, for each benchmark, the median
// of its repetitions and its counters.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SECONDS_PER_UNIT = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 };

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * @param {string} binary Path of the benchmark executable.
 * @param {{ repetitions: number, minTime: number, warmup: number, filter?: string,
 *   env?: Record<string, string>, shownAs?: string }} settings minTime and warmup in seconds,
 *   per repetition; shownAs names the binary in the command reported (default: its path).
 * @returns {{ context: object, command: string, benchmarks: Record<string, object> }} For each
 *   benchmark the medians over repetitions of the wall-clock and CPU seconds per iteration and,
 *   where it counts bytes, of the bytes per wall-clock second; the counters of its first
 *   repetition (fitted parameters and sizes, the same in every repetition).
 */
export function runGoogleBenchmark(binary, settings) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing; run ./dev build first`);
  const args = [
    '--benchmark_format=json',
    `--benchmark_repetitions=${settings.repetitions}`,
    `--benchmark_min_time=${settings.minTime}`,
    `--benchmark_min_warmup_time=${settings.warmup}`,
    ...(settings.filter ? [`--benchmark_filter=${settings.filter}`] : []),
  ];
  const run = spawnSync(binary, args, {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, ...settings.env },
  });
  if (run.status !== 0) {
    throw new Error(`${binary} exited with ${run.status ?? run.signal}: ${run.stderr.trim()}`);
  }
  // A counter that is infinite or NaN comes out as a bare Infinity or NaN, which JSON lacks.
  const report = JSON.parse(run.stdout.replace(/:\s*(-?Infinity|NaN)\b/g, ': "$1"'));

  // Google Benchmark's own rates divide by CPU time; the medians here are taken per
  // repetition from wall-clock time, like every other figure of the run.
  const repetitions = new Map();
  for (const entry of report.benchmarks) {
    if (entry.error_occurred) throw new Error(`${entry.run_name}: ${entry.error_message}`);
    if (entry.run_type !== 'iteration') continue;
    const unit = SECONDS_PER_UNIT[entry.time_unit];
    const list = repetitions.get(entry.run_name) ?? [];
    list.push({
      seconds: entry.real_time * unit,
      cpuSeconds: entry.cpu_time * unit,
      bytes: entry.bytes_per_second ? entry.bytes_per_second * entry.cpu_time * unit : null,
      counters: countersOf(entry),
    });
    repetitions.set(entry.run_name, list);
  }

  const benchmarks = {};
  for (const [name, list] of repetitions) {
    const seconds = list.map((repetition) => repetition.seconds);
    benchmarks[name] = {
      name,
      seconds: median(seconds),
      cpuSeconds: median(list.map((repetition) => repetition.cpuSeconds)),
      minSeconds: Math.min(...seconds),
      maxSeconds: Math.max(...seconds),
      repetitions: list.length,
      bytesPerIteration: list[0].bytes === null ? null : median(list.map((r) => r.bytes)),
      bytesPerSecond: list[0].bytes === null ? null
        : median(list.map((repetition) => repetition.bytes / repetition.seconds)),
      bytesPerCpuSecond: list[0].bytes === null ? null
        : median(list.map((repetition) => repetition.bytes / repetition.cpuSeconds)),
      counters: list[0].counters,
    };
  }
  const environment = Object.entries(settings.env ?? {}).map(([key, value]) => `${key}=${value} `);
  return {
    context: report.context,
    command: `${environment.join('')}${settings.shownAs ?? binary} ${args.join(' ')}`,
    benchmarks,
  };
}

// Fields of a Google Benchmark entry that are not user counters.
const STANDARD_FIELDS = new Set([
  'name', 'family_index', 'per_family_instance_index', 'run_name', 'run_type', 'repetitions',
  'threads', 'aggregate_name', 'aggregate_unit', 'iterations', 'real_time', 'cpu_time',
  'time_unit', 'repetition_index', 'error_occurred', 'error_message', 'label',
]);

function countersOf(entry) {
  return Object.fromEntries(Object.entries(entry).filter(([key]) => !STANDARD_FIELDS.has(key)));
}
