/**
 * The rules a behaviour is judged by: thresholds, risk-increase factors, the
 * error budget and the run-wide choices of what a threshold is compared with.
 * config/ resolves them from the inputs and the policy (docs/design.md,
 * "config/"); the gate, the report and the forecast read them.
 */

/** Gate thresholds; every field optional (unset = not gated). Values are probabilities/shares in (0, 1]. */
export interface Thresholds {
  failWorstQueryRisk?: number;
  warnWorstQueryRisk?: number;
  failAggregateRisk?: number;
  warnAggregateRisk?: number;
  failFrequency?: number;
  warnFrequency?: number;
}

/**
 * The error budget (docs/errors.md): the largest share of errored samples a
 * behaviour may have before its status is `errors`, and the verdict that
 * status gives.
 */
export interface ErrorBudget {
  /** Largest allowed errored / (errored + judged) samples, in [0, 1]. */
  maxShare: number;
  /** Verdict of a behaviour over budget: `fail` (as a fail threshold) or `warn`. */
  onBudget: OnErrorBudget;
}

/**
 * Risk-increase gate against a baseline. A level fires when the lower end of
 * the current worst-query interval exceeds `factor` × the upper end of the
 * baseline's interval: an increase outside the bootstrap noise. Factors ≥ 1;
 * unset = not gated.
 */
export interface RiskIncrease {
  fail?: number;
  warn?: number;
}

/**
 * What a threshold is compared with: the `forecast`, the `upper` end of its
 * interval, or the whole `interval` (clear, breach or inconclusive; see
 * docs/method.md, "Decisions").
 */
export type GateOn = 'forecast' | 'upper' | 'interval';
export type Mode = 'enforce' | 'advisory';
export type OnInsufficient = 'pass' | 'warn' | 'fail';
export type OnErrorBudget = 'warn' | 'fail';
