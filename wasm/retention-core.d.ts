// Hand-written types of the JS API that wasm/bindings.cpp exposes.
// Names are camelCase on the JS side; every default lives in C++ and is exported by
// `defaults()`, so callers never repeat a number.
//
// No function throws for bad data: each returns either its result or `{ error }`.

/** Where a problem was found; rows and columns are 1-based, as a spreadsheet shows them. */
export interface CoreError {
  /** The whole sentence, place included: 'row 3, column 2 (retention): "abc" is not ...'. */
  message: string;
  row?: number;
  column?: number;
  /** The message without its place, for a view that marks the cell itself. */
  detail?: string;
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
  /** usersByAge[t]: active users of a cohort of age t, round(r(t) * newUsers). Every cohort
   * has the same size, so this and activeUsers describe every cohort in every period. */
  usersByAge: Float64Array;
  /** Active users in each period 0..periods (sum over cohorts, each rounded to people):
   * activeUsers[p] is usersByAge summed over ages 0..p. */
  activeUsers: Float64Array;
  /** cohorts[k][p]: active users of the cohort started in period k, in period p (0 if p < k).
   * Built from usersByAge the first time it is read: (periods + 1)² numbers. */
  readonly cohorts: Float64Array[];
  /** stacked[k][p]: users of cohorts 0..k in period p, the top of cohort k's band in a
   * stacked chart; the last row equals activeUsers. Built on first read, like cohorts. */
  readonly stacked: Float64Array[];
}

export type ModelName = 'power' | 'sbg' | 'bdw' | 'exponential';

/** Options every fit takes, whatever its data. */
export interface FitOptions {
  /** Default "power". "compare" fits every model and returns a ModelComparison. */
  model?: ModelName | 'compare';
  /** Power curve only; counts and cohorts take the same-event form only (they start from
   * the whole cohort, r(0) = 1). */
  form?: CurveForm;
  /** Last period of the returned forecast (default from `defaults().fit.horizon`). */
  horizon?: number;
  /** Two-sided coverage of the forecast band, default 0.9. */
  bandLevel?: number;
  /** Fit periods up to this one only; later observations are returned as held out. */
  fitThrough?: number;
}

/** One curve, fitted by weighted least squares (or, with cohortSize, as counts). */
export interface CurveData {
  periods: ArrayLike<number>;
  /** Fractions in [0, 1]. */
  retention: ArrayLike<number>;
  /** Optional non-negative weight per point, e.g. cohort size. */
  weights?: ArrayLike<number>;
  /** Turns the curve into counts (retention x size), fitted by maximum likelihood. */
  cohortSize?: number;
}

/** Survivor counts of one cohort, fitted by maximum likelihood. */
export interface CountData {
  periods: ArrayLike<number>;
  /** Members still active at each period; entries at period 0 are ignored. */
  active: ArrayLike<number>;
  cohortSize: number;
}

/** Several cohorts, pooled in one likelihood. */
export interface CohortData {
  cohorts: Array<{
    /** Defaults to active[0]. */
    size?: number;
    /** Users at each period: active[k] at period k, or at periods[k] when given; null for a
     * period not reached yet (missing, not zero). */
    active: Array<number | null>;
    periods?: number[];
  }>;
}

export type FitInput = FitOptions & (CurveData | CountData | CohortData);

/** undetermined: every observed value is the same, so the data cannot pick a curve. */
export type FitStatus = 'converged' | 'hitBound' | 'iterationLimit' | 'failed' | 'undetermined';

export interface FitResult {
  model: ModelName;
  /** Name for people: "shifted-beta-geometric". */
  title: string;
  status: FitStatus;
  /** A sentence saying why the fit stopped, with its numbers. */
  message: string;
  /** How the data were taken where that was a choice: cohorts whose counts rise are users
   * active in each period, not survivors, and are fitted as their pooled curve by least
   * squares weighted by users. */
  notes: string[];
  /** Every parameter also appears at the top level under its formula name: a, b, c, d for
   * the power curve (b derived from a in the same-event form), alpha, beta (sbg), alpha,
   * beta, c (bdw), a, lambda (exponential). */
  [parameter: string]: unknown;
  parameters: Record<string, number>;
  /** null where unknown (a parameter on a bound, a flat objective, no more points that move
   * the curve than free parameters); see uncertaintyNote. */
  standardErrors: Record<string, number | null>;
  uncertaintyNote?: string;
  /** Power curve only. */
  form?: CurveForm;
  /** True for count data (maximum likelihood). */
  byLikelihood: boolean;
  /** null for least-squares fits. */
  logLikelihood: number | null;
  /** null when the curve passes through every fitted point (a note says so): the sum of
   * squares is then zero by construction and would rank the fit above any other. */
  aic: number | null;
  bic: number | null;
  /** Weighted, against the observed (or, for counts, pooled) curve. */
  rmse: number | null;
  rSquared: number | null;
  /** Points (least squares) or cohort members (likelihood) behind the BIC. */
  observations: number;
  iterations: number;
  evaluations: number;
  /** Expected periods a new member stays, sum of S(t) over t >= 0; null where infinite. */
  expectedLifetime: number | null;
  /** The fitted curve at periods 0..max(horizon, last observed period), with its band. */
  forecast: {
    periods: Float64Array;
    retention: Float64Array;
    lower: Float64Array;
    upper: Float64Array;
    /** How the band was made, to state on screen. */
    method: string;
  };
  /** r_t = S(t) / S(t-1) for forecast periods 1, 2, ... */
  retentionRates: Float64Array;
  /** Observed points (pooled for counts), whether each was fitted, and observed - fitted. */
  observed: {
    periods: Float64Array;
    retention: Float64Array;
    inFit: boolean[];
    residuals: Float64Array;
  };
}

export interface ModelComparison {
  model: 'compare';
  /** One row per model; a row with `error` could not be fitted. */
  rows: Array<(FitResult | { model: ModelName; title: string; error: string }) & {
    /** Mean absolute percentage error of the backtest; null when impossible. */
    backtestMape: number | null;
  }>;
  recommended: ModelName | null;
  /** Why that model is recommended, with the numbers, and what to weigh against it: a
   * parameter its data hardly determine, another model the AIC prefers. */
  reason: string;
  /** The backtest fits periods up to this one and scores the later ones; 0 if none. */
  backtestCutoff: number;
  bandLevel: number;
}

export interface CountSegment {
  name: string;
  size: number;
  periods: number[];
  active: number[];
}

export interface ParsedCohorts {
  cohorts: Array<{ label: string; size: number; periods: number[]; active: number[] }>;
  notes: string[];
}

export interface ParsedRetention {
  periods: number[];
  retention: number[];
  /** Present when the text had a weight column (`weight`, `cohort_size`, `users`). */
  weights?: number[];
  /** True when values were read as percentages. */
  percent: boolean;
  /** Sentences about how the text was read when it was not plain: percentages, decimal
   * commas, a missing header, repeated periods. */
  notes: string[];
  /** 1-based source row of each point, for pointing at a cell. */
  rows: number[];
}

/** A column by header name or 0-based index; absent means "guess". */
export type ColumnRef = string | number;

export interface EventLogOptions {
  userColumn?: ColumnRef;
  timeColumn?: ColumnRef;
  /** Guessed only from names such as event or action when absent; null for none. */
  eventColumn?: ColumnRef | null;
  /** Default "day". */
  period?: 'day' | 'week' | 'month';
  /** Default "monday"; used for weeks. */
  weekStart?: 'monday' | 'sunday';
  /** Any IANA zone ("Europe/Berlin"); default UTC. Events take their period in this zone;
   * dates and times without an offset are read as wall-clock time in it. */
  timeZone?: string;
}

export interface CohortOptions extends EventLogOptions {
  /** "first" (default): each user in the cohort of their first start event, searched over the
   * whole log. "recurring": in the cohort of every period with a start event. */
  cohortBy?: 'first' | 'recurring';
  /** "on" (default): counted at interval k if active in exactly period k. "onOrAfter": if
   * active in period k or any later one. */
  mode?: 'on' | 'onOrAfter';
  /** Event names, as written in the event column; absent means any event. */
  startEvent?: string;
  returnEvent?: string;
  /** ISO dates in the chosen zone limiting which cohorts are reported. */
  from?: string;
  to?: string;
}

export interface SkippedRow { row: number; column: number; value: string; why: string }

export interface EventLogLayout {
  /** "," "\t" ";" or " " for columns aligned with spaces. */
  delimiter: string;
  hasHeader: boolean;
  columnNames: string[];
  userColumn: number;
  timeColumn: number;
  eventColumn: number | null;
  timeFormat: { name: string; description: string; values: number; parsed: number };
  /** One sentence per decision, to show beside the mapping controls. */
  notes: string[];
}

export interface CohortTable {
  /** counts[k]: users counted at interval k (counts[0] is the size); null where the log has
   * not reached the cell yet. Every cohort has the same number of cells. */
  cohorts: Array<{ start: string; period: number; size: number; counts: Array<number | null> }>;
  period: 'day' | 'week' | 'month';
  users: number;
  /** The last period in the log, which it may cover only in part. */
  lastPeriod: number;
  lastPeriodLabel: string;
  /** Mean retention per interval weighted by cohort size over the cohorts that reach it;
   * meanCohorts[k] says how many that is. */
  meanRetention: number[];
  meanCohorts: number[];
  skippedRows: number;
  skippedExamples: SkippedRow[];
  status: 'complete' | 'rowsSkipped';
  message: string;
  notes: string[];
  layout: EventLogLayout;
  log: { rows: number; events: number; users: number; repeatedEvents: number;
    peakMemoryBytes: number; message: string };
}

/** The streaming form of cohorts(), for a Web Worker reading a big file in chunks. */
export interface CohortStream {
  /** Reads the next chunk (it may end anywhere, even inside a quoted field). */
  add(chunk: Uint8Array | string): { bytes: number; rows: number; memoryBytes: number } | Failure;
  finish(): CohortTable | Failure;
  /** Frees the stream's memory in the module; call it when done, as with any Embind object. */
  delete(): void;
}

export interface Defaults {
  simulate: {
    a: number; c: number; d: number; newUsers: number; periods: number; maxPeriods: number;
  };
  fit: {
    horizon: number; maxHorizon: number; form: CurveForm; model: ModelName; bandLevel: number;
    models: ModelName[];
  };
  cohorts: {
    period: 'day' | 'week' | 'month'; weekStart: 'monday' | 'sunday';
    cohortBy: 'first' | 'recurring'; mode: 'on' | 'onOrAfter';
  };
}

export interface RetentionCore {
  simulate(input: SimulateInput): SimulateResult | Failure;
  fit(input: FitInput): FitResult | ModelComparison | Failure;
  parseRetention(text: string): ParsedRetention | Failure;
  /** Survivor counts: a period column (period, year, month, week, day) and one column of
   * counts per segment, the period-0 row holding each cohort size. */
  parseCounts(text: string): { segments: CountSegment[]; notes: string[] } | Failure;
  /** A wide triangle (cohort label, then users at periods 0, 1, ...; empty = not reached) or
   * long form (columns cohort, period, users). */
  parseCohorts(text: string): ParsedCohorts | Failure;
  defaults(): Defaults;
  /** Cohort table of an event log given whole, as text or UTF-8 bytes. */
  cohorts(input: CohortOptions & { data: string | Uint8Array }): CohortTable | Failure;
  CohortStream(options: CohortOptions): CohortStream;
  /** The layout guessed from the start of a log, for the column-mapping step. */
  detectEventLog(input: EventLogOptions & { data: string | Uint8Array }):
    EventLogLayout | Failure;
}

/** The module's default export: creates one instance of the engine. */
export default function createRetentionCore(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string) => string;
}): Promise<RetentionCore>;
