/**
 * The rules a behaviour is judged by: thresholds, risk-increase factors, the
 * error budget and the run-wide choices of what a threshold is compared with.
 * config/ resolves them from the inputs and the policy (docs/design.md,
 * "config/"); the gate, the report and the forecast read them.
 */

import type { ForecastOptions } from './forecast.js';
import type { Metric } from './gate.js';

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
/** `adjust`: how the risk-increase gate accounts for many behaviours judged at once (docs/method.md, "Many behaviours at once"). */
export type Adjust = 'none' | 'holm';
/** `baseline-mismatch`: what a baseline that measured something else does (docs/recipes/baseline.md). */
export type OnMismatch = 'warn' | 'fail' | 'ignore';
export type Mode = 'enforce' | 'advisory';
export type OnInsufficient = 'pass' | 'warn' | 'fail';
export type OnErrorBudget = 'warn' | 'fail';

/** Each gated probability metric with its fail/warn threshold fields. */
export const METRICS: ReadonlyArray<{
  metric: Exclude<Metric, 'risk-increase' | 'creep'>;
  fail: keyof Thresholds;
  warn: keyof Thresholds;
}> = [
  { metric: 'worst-query-risk', fail: 'failWorstQueryRisk', warn: 'warnWorstQueryRisk' },
  { metric: 'aggregate-risk', fail: 'failAggregateRisk', warn: 'warnAggregateRisk' },
  { metric: 'frequency', fail: 'failFrequency', warn: 'warnFrequency' },
];

/**
 * Everything one behaviour is forecast and judged by, resolved once from the
 * inputs, the policy's `defaults` and the behaviour's own policy entry
 * (config/rules.ts; docs/policy.md says which entry applies).
 */
export interface BehaviorRules {
  /** The thresholds that apply; a field left unset is not gated. */
  thresholds: Thresholds;
  /** The risk-increase factors against a baseline; unset: not gated. */
  riskIncrease: RiskIncrease;
  /** The creep factors over the lowest forecast of the recent history (docs/history.md); unset: not gated. */
  creep: RiskIncrease;
  errorBudget: ErrorBudget;
  /** How the behaviour is forecast; `forecast.tau` is the τ its frequency is counted and gated at. */
  forecast: ForecastOptions;
}

/** The run-wide choices of the gate: what a threshold is compared with, and what undecided behaviours do to the verdict. */
export interface GateChoices {
  gateOn: GateOn;
  onInsufficientData: OnInsufficient;
  onInconclusive: OnInsufficient;
}

/** The rules of one run: the gate's choices, and each behaviour's rules by name. */
export interface RuleBook extends GateChoices {
  /** The rules of `behavior`; resolved the first time it is asked for, then kept. */
  rulesFor(behavior: string): BehaviorRules;
}
