import type { ErrorBudget, Thresholds } from './rules.js';

/**
 * `risk-increase`: the worst-query risk against a baseline (docs/recipes/baseline.md);
 * `creep`: its lower end against the lowest forecast of the recent history
 * (docs/history.md). Both breaches compare a ratio with a factor, not a
 * probability with a threshold.
 */
export type Metric = 'worst-query-risk' | 'aggregate-risk' | 'frequency' | 'risk-increase' | 'creep';
export type Level = 'warn' | 'fail';
/**
 * Per behaviour: `pass` (every threshold cleared), `warn`/`fail` (a threshold
 * breached), `inconclusive` (an interval straddles a threshold, with
 * `gate-on: interval`), `insufficient` (no forecast, and the bounds do not
 * clear every threshold), `not-gated` (forecast, but no threshold applies:
 * never shown as a pass), `errors` (more errored samples than the error
 * budget allows, docs/errors.md: not a verdict of its own, it gives `fail` or
 * `warn` as the behaviour's `on-error-budget` says).
 */
export type Status = 'pass' | 'warn' | 'fail' | 'inconclusive' | 'insufficient' | 'not-gated' | 'errors';
export type Verdict = 'pass' | 'warn' | 'fail' | 'inconclusive' | 'insufficient' | 'error';

/** A threshold against an interval: wholly below it, wholly above it, or straddling it. */
export type Outcome = 'clear' | 'breach' | 'inconclusive';

/**
 * One threshold of one metric, compared with what is known of that metric
 * (docs/method.md, "Decisions"). `lower`/`upper` are the ends compared:
 * - `interval`: the metric's interval;
 * - `forecast`: no interval (bootstrap off for aggregate risk or frequency): both ends are the forecast;
 * - `observed`: no forecast; the largest p̂ seen is a lower end for the worst query, with no upper end;
 * - `bound`: no forecast; an exact upper bound from the per-sample rate (aggregate risk, frequency).
 */
export interface Decision {
  metric: Exclude<Metric, 'risk-increase' | 'creep'>;
  level: Level;
  threshold: number;
  outcome: Outcome;
  basis: 'interval' | 'forecast' | 'observed' | 'bound';
  lower: number | null;
  upper: number | null;
}

export interface Breach {
  behavior: string;
  metric: Metric;
  level: Level;
  /**
   * The value compared: the forecast, its upper end with `gate-on: upper`, or
   * its lower end with `gate-on: interval` (the interval lies above the threshold).
   * For `risk-increase`: the lower end of the current interval over the upper
   * end of the baseline's (basis `interval`), or with the paired rule the
   * ratio of the point forecasts once the paired shift says the tail moved
   * up (basis `paired`), compared with the factor. For `creep`: the lower
   * end of the current interval over the lowest forecast of the last K
   * history records (basis `lower`).
   */
  value: number;
  /** A probability; for `risk-increase`, the factor (e.g. 3). */
  threshold: number;
  basis: 'forecast' | 'upper' | 'lower' | 'interval' | 'paired';
}

export interface BehaviorGate {
  name: string;
  status: Status;
  /** Effective thresholds after inputs, policy defaults and the behaviour's own policy entry. */
  thresholds: Thresholds;
  /** τ used for this behaviour. */
  tau: number;
  breaches: Breach[];
  /** Every threshold of the behaviour against its interval, fail level first (informative under any `gate-on`). */
  decisions: Decision[];
  /** The error budget that applies (inputs, then the policy), and whether the behaviour is over it. */
  errorBudget: ErrorBudget & { over: boolean };
}

export interface GateResult {
  verdict: Verdict;
  behaviors: BehaviorGate[];
  breaches: Breach[];
}
