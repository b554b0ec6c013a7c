/**
 * Thresholds → per-behaviour status and the overall verdict (DESIGN §3 "Verdict").
 *
 * Per behaviour and metric, the compared value is the forecast (or, with
 * `gate-on: upper`, the bootstrap interval's upper end, falling back to the
 * forecast when there is no interval). A breach is value > threshold:
 * a value exactly at the threshold passes. A metric that breaches its fail
 * threshold is not also listed at warn.
 *
 * With a baseline (issue 7), `fail-risk-increase` / `warn-risk-increase` add a
 * fourth check per behaviour: see baseline/compare.ts for the rule.
 */
import { increaseLevel, increaseRatio } from '../baseline/compare.js';
import type { Baseline, BaselineBehavior } from '../baseline/types.js';
import { effectiveFor, METRICS } from '../config/effective.js';
import { errorBudgetFor, overBudget } from '../config/error-budget.js';
import { riskIncreaseFor, type IncreaseSettings } from '../config/increase.js';
import type { Settings } from '../config/settings.js';
import type { BehaviorForecast } from '../forecast/types.js';
import type { BehaviorGate, Breach, GateResult, Metric, Status, Verdict } from './types.js';

export type GateSettings = Pick<
  Settings,
  'thresholds' | 'frequencyTau' | 'policy' | 'gateOn' | 'onInsufficientData' | 'riskIncrease' | 'errorBudget'
>;

/**
 * Gates every behaviour and combines them. Throws on an empty list (no
 * behaviour is not a pass: main.ts reports it as `error`) and on a forecast
 * that cannot be compared (a pipeline bug, never silently passed).
 */
export function gate(forecasts: readonly BehaviorForecast[], settings: GateSettings, baseline: Baseline | null = null): GateResult {
  if (forecasts.length === 0) throw new Error('internal: no behaviour to gate: the results held no usable observations.');
  const seen = new Set<string>();
  for (const f of forecasts) {
    if (seen.has(f.name)) throw new Error(`internal: behaviour "${f.name}" was forecast twice; each behaviour must be gated once.`);
    seen.add(f.name);
  }
  const bases = new Map(baseline?.behaviors.map((b) => [b.name, b]));
  const behaviors = forecasts.map((f) => gateBehavior(f, settings, bases.get(f.name)));
  const breaches = behaviors
    .flatMap((b) => b.breaches)
    // Stable sort: within one behaviour and level, breaches keep METRICS order. Names compare by code
    // unit (not localeCompare) so the order does not depend on the runner's locale.
    .sort((x, y) => levelRank(x.level) - levelRank(y.level) || (x.behavior < y.behavior ? -1 : x.behavior > y.behavior ? 1 : 0));
  return { verdict: verdictOf(behaviors, settings), behaviors, breaches };
}

function levelRank(level: Breach['level']): number {
  return level === 'fail' ? 0 : 1;
}

/**
 * One behaviour's status under its effective thresholds (inputs → policy
 * defaults → its policy entry), and against `base`, its baseline, when given.
 */
export function gateBehavior(f: BehaviorForecast, settings: GateSettings, base?: BaselineBehavior): BehaviorGate {
  const { thresholds, tau } = effectiveFor(settings, f.name);
  const breaches: Breach[] = [];
  if (f.outcome === 'forecast') {
    for (const m of METRICS) {
      if (thresholds[m.fail] === undefined && thresholds[m.warn] === undefined) continue;
      if (m.metric === 'frequency' && f.frequency.tau !== tau) {
        // The share was counted above another τ than the one this behaviour is gated at.
        throw new Error(`internal: behaviour "${f.name}": frequency was forecast at τ = ${f.frequency.tau} but is gated at τ = ${tau}.`);
      }
      const { value, basis } = compared(f, m.metric, settings.gateOn);
      const breach = breachOf(f.name, m.metric, thresholds[m.fail], thresholds[m.warn], value, basis);
      if (breach !== undefined) breaches.push(breach);
    }
  } else {
    // No tail fit, but an observed p̂ above a worst-query threshold is already a breach: the largest p among
    // n ≥ m deployment queries can only be at least the largest seen among the m evaluated ones.
    const observed = finite(f.name, 'worst-query-risk', f.worstQueryRisk.observedMax);
    const breach = breachOf(f.name, 'worst-query-risk', thresholds.failWorstQueryRisk, thresholds.warnWorstQueryRisk, observed, 'forecast');
    if (breach !== undefined) breaches.push(breach);
  }
  if (base !== undefined) {
    const increase = increaseBreach(f, base, settings);
    if (increase !== undefined) breaches.push(increase);
  }
  const budget = errorBudgetFor(settings, f.name);
  const over = overBudget(f.errors, budget);
  return { name: f.name, status: statusOf(f, breaches, over), thresholds, tau, breaches, errorBudget: { ...budget, over } };
}

/**
 * A fail breach stays `fail` whatever the errors. Over the error budget comes
 * next: the forecast rests on a share of the eval that did not run, so what it
 * says (a warn breach, a pass, too little data) is not the point to act on.
 */
function statusOf(f: BehaviorForecast, breaches: readonly Breach[], overErrorBudget: boolean): Status {
  if (breaches.some((b) => b.level === 'fail')) return 'fail';
  if (overErrorBudget) return 'errors';
  if (breaches.length > 0) return 'warn';
  return f.outcome === 'forecast' ? 'pass' : 'insufficient';
}

/** Fail level first; only when fail is not breached is warn looked at. Strict `>`: equal passes. */
function breachOf(
  behavior: string,
  metric: Metric,
  fail: number | undefined,
  warn: number | undefined,
  value: number,
  basis: Breach['basis'],
): Breach | undefined {
  if (fail !== undefined && value > fail) return { behavior, metric, level: 'fail', value, threshold: fail, basis };
  if (warn !== undefined && value > warn) return { behavior, metric, level: 'warn', value, threshold: warn, basis };
  return undefined;
}

/**
 * Risk increase over the baseline, outside the bootstrap noise: the current
 * interval's lower end above factor × the baseline interval's upper end. The
 * breach's value is that ratio and its threshold the factor. Without an
 * interval on either side there is no claim (the comparison row says why).
 */
export function increaseBreach(f: BehaviorForecast, base: BaselineBehavior, settings: IncreaseSettings): Breach | undefined {
  const current = f.worstQueryRisk;
  const fired = increaseLevel(current, base, riskIncreaseFor(settings, f.name));
  const ratio = increaseRatio(current, base);
  if (fired === null || ratio === null) return undefined;
  return {
    behavior: f.name,
    metric: 'risk-increase',
    level: fired.level,
    value: finite(f.name, 'risk-increase', ratio),
    threshold: fired.factor,
    basis: 'interval',
  };
}

/** The value a metric is gated on, and which one it is. */
function compared(f: BehaviorForecast, metric: Metric, gateOn: Settings['gateOn']): { value: number; basis: Breach['basis'] } {
  if (metric === 'risk-increase') throw new Error('internal: risk increase is gated against a baseline, not a threshold');
  const estimate = metric === 'worst-query-risk' ? f.worstQueryRisk : metric === 'aggregate-risk' ? f.aggregateRisk : f.frequency;
  // Without an interval (bootstrap off or failed for this behaviour) `upper` is null: gate on the forecast and say so in `basis`.
  if (gateOn === 'upper' && estimate.upper !== null) return { value: finite(f.name, metric, estimate.upper), basis: 'upper' };
  if (estimate.forecast === null) {
    throw new Error(`internal: behaviour "${f.name}": outcome is 'forecast' but ${metric} has no forecast to gate on.`);
  }
  return { value: finite(f.name, metric, estimate.forecast), basis: 'forecast' };
}

/** NaN > t is false, so a NaN would pass silently: refuse it instead. */
function finite(behavior: string, metric: Metric, value: number): number {
  if (!Number.isFinite(value)) throw new Error(`internal: behaviour "${behavior}": ${metric} is ${value}, which cannot be gated.`);
  return value;
}

/**
 * fail > warn > insufficient (unless `on-insufficient-data: pass`) > pass. A
 * behaviour over its error budget counts as `fail` or `warn`, as its
 * `on-error-budget` says, so it can never end in `pass` or `insufficient`.
 */
export function verdictOf(behaviors: readonly BehaviorGate[], settings: Pick<Settings, 'onInsufficientData'>): Verdict {
  if (behaviors.length === 0) throw new Error('internal: no behaviour to gate: an empty run is not a pass.');
  const has = (s: Status): boolean => behaviors.some((b) => b.status === s);
  const errorsAt = (level: 'warn' | 'fail'): boolean => behaviors.some((b) => b.status === 'errors' && b.errorBudget.onBudget === level);
  if (has('fail') || errorsAt('fail')) return 'fail';
  if (has('warn') || errorsAt('warn')) return 'warn';
  if (has('insufficient') && settings.onInsufficientData !== 'pass') return 'insufficient';
  return 'pass';
}
