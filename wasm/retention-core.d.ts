// Hand-written types of the JS API that wasm/bindings.cpp exposes.
// Names are camelCase on the JS side; every default lives in C++ and is exported by
// `defaults()`, so callers never repeat a number.
//
// No function throws for bad data: each returns either its result or `{ error }`.

/** Where a problem was found; rows and columns are 1-based, as a spreadsheet shows them. */
export interface CoreError {
  message: string;
  row?: number;
  column?: number;
}

export type Failure = { error: CoreError };

/**
 * "sameEvent" (default): b = 1 / (1 - a), so r(0) = 1.
 * "differentEvents": b is free, with r(0) = a + 1/b <= 1.
 */
export type CurveForm = 'sameEvent' | 'differentEvents';

export interface CurveParameters {
  a: number;
  /** Ignored in the same-event form, where it is derived from a. */
  b?: number;
  c: number;
  d: number;
  form?: CurveForm;
}

export interface SimulateInput extends CurveParameters {
  /** Users in each new cohort. */
  newUsers: number;
  /** Last period simulated; the timeline is periods 0..periods. */
  periods: number;
}

export interface SimulateResult {
  /** Parameters actually used (b filled in for the same-event form). */
  parameters: { a: number; b: number; c: number; d: number };
  /** r(t) for t = 0..periods. */
  curve: Float64Array;
  /** Active users in each period 0..periods (sum over cohorts, each rounded to people). */
  activeUsers: Float64Array;
  /** cohorts[k][p]: active users of the cohort started in period k, in period p (0 if p < k). */
  cohorts: Float64Array[];
}

export interface FitInput {
  periods: number[];
  /** Fractions in [0, 1]. */
  retention: number[];
  /** Optional non-negative weight per point, e.g. cohort size. */
  weights?: number[];
  form?: CurveForm;
  /** Last period of the returned forecast (default from `defaults().fit.horizon`). */
  horizon?: number;
}

export type FitStatus = 'converged' | 'hitBound' | 'iterationLimit' | 'failed';

export interface FitResult {
  a: number;
  b: number;
  c: number;
  d: number;
  form: CurveForm;
  rmse: number;
  rSquared: number;
  iterations: number;
  status: FitStatus;
  /** A sentence saying why the fit stopped, with its numbers. */
  message: string;
  /** The fitted curve at periods 0..max(horizon, last observed period). */
  forecast: { periods: Float64Array; retention: Float64Array };
}

export interface ParsedRetention {
  periods: number[];
  retention: number[];
  /** Present when the text had a weight column (`weight`, `cohort_size`, `users`). */
  weights?: number[];
  /** True when values were read as percentages. */
  percent: boolean;
  /** Sentences about how the text was read, e.g. the delimiter and percent detection. */
  notes: string[];
  /** 1-based source row of each point, for pointing at a cell. */
  rows: number[];
}

export interface Defaults {
  simulate: { a: number; c: number; d: number; newUsers: number; periods: number };
  fit: { horizon: number; form: CurveForm };
}

export interface RetentionCore {
  simulate(input: SimulateInput): SimulateResult | Failure;
  fit(input: FitInput): FitResult | Failure;
  parseRetention(text: string): ParsedRetention | Failure;
  defaults(): Defaults;
}

/** The module's default export: creates one instance of the engine. */
export default function createRetentionCore(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string) => string;
}): Promise<RetentionCore>;
