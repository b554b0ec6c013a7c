import type { ErrorBudget, Thresholds } from '../config/settings.js';

/**
 * `risk-increase`: the worst-query risk against a baseline (issue 7); its
 * breach compares a ratio with a factor, not a probability with a threshold.
 */
export type Metric = 'worst-query-risk' | 'aggregate-risk' | 'frequency' | 'risk-increase';
export type Level = 'warn' | 'fail';
/**
 * `errors`: more errored samples than the error budget allows
 * (docs/errors.md). It is not a verdict: it gives the verdict `fail` or
 * `warn`, as the behaviour's `on-error-budget` says.
 */
export type Status = 'pass' | 'warn' | 'fail' | 'insufficient' | 'errors';
export type Verdict = 'pass' | 'warn' | 'fail' | 'insufficient' | 'error';

export interface Breach {
  behavior: string;
  metric: Metric;
  level: Level;
  /**
   * The value compared: the forecast, or its upper end with `gate-on: upper`.
   * For `risk-increase`: the lower end of the current interval over the upper
   * end of the baseline's (basis `interval`), compared with the factor.
   */
  value: number;
  /** A probability; for `risk-increase`, the factor (e.g. 3). */
  threshold: number;
  basis: 'forecast' | 'upper' | 'interval';
}

export interface BehaviorGate {
  name: string;
  status: Status;
  /** Effective thresholds after inputs, policy defaults and the behaviour's own policy entry. */
  thresholds: Thresholds;
  /** τ used for this behaviour. */
  tau: number;
  breaches: Breach[];
  /** The error budget that applies (inputs, then the policy), and whether the behaviour is over it. */
  errorBudget: ErrorBudget & { over: boolean };
}

export interface GateResult {
  verdict: Verdict;
  behaviors: BehaviorGate[];
  breaches: Breach[];
}
