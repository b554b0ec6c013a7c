/**
 * Thresholds → per-behaviour status and the overall verdict (docs/method.md,
 * "Decisions"; the verdicts and exit codes are in the README, "Verdicts and exit codes").
 *
 * Per behaviour and metric, the compared value is the forecast, the upper end
 * of its interval (`gate-on: upper`) or its lower end (`gate-on: interval`,
 * where a straddling interval makes the behaviour inconclusive). A breach is
 * value > threshold: a value exactly at the threshold passes. A metric that
 * breaches its fail threshold is not also listed at warn.
 *
 * With a baseline, `fail-risk-increase` / `warn-risk-increase` add a fourth
 * check per behaviour: see risk-increase.ts for the rule. With a history,
 * the creep that decisions/history/ found fired is a breach of metric `creep`.
 */
import type { BehaviorForecast } from '../domain/forecast.js';
import type { BehaviorGate, Breach, Decision, GateResult, Metric, Status, Verdict } from '../domain/gate.js';
import type { BaselineRow, ReportBaseline } from '../domain/report.js';
import type { BehaviorRules, GateChoices, GateOn, RuleBook } from '../domain/rules.js';
import { decide, pointForecast } from './decide.js';
import { overBudget } from './error-budget.js';
import { finite } from './finite.js';
import { increaseBreach } from './risk-increase.js';
import type { Creep } from '../domain/history.js';

/** The creep rule's breach: the ratio over the history's reference against the factor (decisions/history/ decides it fired). */
function creepBreach(behavior: string, creep: Creep): Breach {
  return {
    behavior,
    metric: 'creep',
    level: creep.level,
    value: finite(behavior, 'creep', creep.ratio),
    threshold: creep.factor,
    basis: 'lower',
  };
}

/**
 * Gates every behaviour by its rules and combines them. `comparison` is the
 * baseline comparison (decisions/), whose rows the risk-increase rule reads.
 * Throws on an empty list (no behaviour is not a pass: main.ts reports it as
 * `error`), on a behaviour given twice and on a number that is not finite.
 */
export function gate(
  forecasts: readonly BehaviorForecast[],
  rules: RuleBook,
  comparison: ReportBaseline | null = null,
  creep: ReadonlyMap<string, Creep> | null = null,
): GateResult {
  if (forecasts.length === 0) throw new Error('internal: no behaviour to gate: the results held no usable observations.');
  const seen = new Set<string>();
  for (const f of forecasts) {
    if (seen.has(f.name)) throw new Error(`internal: behaviour "${f.name}" was forecast twice; each behaviour must be gated once.`);
    seen.add(f.name);
  }
  const rows = new Map(comparison?.behaviors.map((r) => [r.name, r]));
  const behaviors = forecasts.map((f) => gateBehavior(f, rules.rulesFor(f.name), rules, rows.get(f.name), creep));
  const breaches = behaviors
    .flatMap((b) => b.breaches)
    // Stable sort: within one behaviour and level, breaches keep METRICS order. Names compare by code
    // unit (not localeCompare) so the order does not depend on the runner's locale.
    .sort((x, y) => levelRank(x.level) - levelRank(y.level) || (x.behavior < y.behavior ? -1 : x.behavior > y.behavior ? 1 : 0));
  return { verdict: verdictOf(behaviors, rules), behaviors, breaches };
}

function levelRank(level: Breach['level']): number {
  return level === 'fail' ? 0 : 1;
}

/**
 * One behaviour's status under its rules, and against its row of the
 * baseline comparison, when there is one. Every threshold is decided against
 * the interval (decide.ts); `gate-on` says which outcome makes a breach.
 */
/** `creep`: what fired, by behaviour; null without a history, when the creep factors gate nothing. */
function gateBehavior(
  f: BehaviorForecast,
  rules: BehaviorRules,
  choices: GateChoices,
  row: BaselineRow | undefined,
  creep: ReadonlyMap<string, Creep> | null,
): BehaviorGate {
  const { thresholds, riskIncrease, errorBudget } = rules;
  const decisions = decide(f, thresholds);
  const breaches: Breach[] = [];
  const breachedMetrics = new Set<Metric>();
  // Fail level first: a metric that breaches its fail threshold is not also listed at warn.
  for (const d of decisions) {
    if (breachedMetrics.has(d.metric)) continue;
    const compared = comparedValue(f, d, choices.gateOn);
    if (compared !== null && compared.value > d.threshold) {
      breaches.push({
        behavior: f.name,
        metric: d.metric,
        level: d.level,
        value: compared.value,
        threshold: d.threshold,
        basis: compared.basis,
      });
      breachedMetrics.add(d.metric);
    }
  }
  const compared = row?.presence === 'both';
  const increaseGated = compared && (riskIncrease.fail !== undefined || riskIncrease.warn !== undefined);
  const increase = compared ? increaseBreach(row, riskIncrease) : undefined;
  if (increase !== undefined) breaches.push(increase);
  const crept = creep?.get(f.name);
  if (crept !== undefined) breaches.push(creepBreach(f.name, crept));
  const creepGated = creep !== null && (rules.creep.fail !== undefined || rules.creep.warn !== undefined);
  const over = overBudget(f.errors, errorBudget);
  const status = statusOf(f, {
    decisions,
    breaches,
    gateOn: choices.gateOn,
    increaseGated: increaseGated || creepGated,
    overErrorBudget: over,
  });
  return { name: f.name, status, thresholds, tau: rules.forecast.tau, breaches, decisions, errorBudget: { ...errorBudget, over } };
}

/**
 * A fail breach stays `fail` whatever the errors. Over the error budget comes
 * next: the forecast rests on a share of the eval that did not run, so what it
 * says (a warn breach, a pass, too little data) is not the point to act on.
 */
function statusOf(
  f: BehaviorForecast,
  g: { decisions: readonly Decision[]; breaches: readonly Breach[]; gateOn: GateOn; increaseGated: boolean; overErrorBudget: boolean },
): Status {
  const { decisions, breaches, gateOn, increaseGated, overErrorBudget } = g;
  if (breaches.some((b) => b.level === 'fail')) return 'fail';
  if (overErrorBudget) return 'errors';
  if (breaches.length > 0) return 'warn';
  if (f.outcome !== 'forecast') {
    // Without a forecast only bounds can clear a threshold; anything they leave open stays insufficient.
    return decisions.length > 0 && decisions.every((d) => d.outcome === 'clear') ? 'pass' : 'insufficient';
  }
  if (gateOn === 'interval' && decisions.some((d) => d.outcome === 'inconclusive')) return 'inconclusive';
  return decisions.length > 0 || increaseGated ? 'pass' : 'not-gated';
}

/**
 * The value a decision's threshold is compared with under `gate-on`, or null
 * when nothing is known that could exceed it (no forecast and no lower end).
 * - `forecast`: the forecast (without one, the largest p̂ seen, for the worst query);
 * - `upper`: the interval's upper end, or the forecast without an interval;
 * - `interval`: the lower end: the whole interval is above the threshold.
 * Without a forecast the observed p̂ is a lower end under every `gate-on`: the
 * largest p among n ≥ m deployment queries is at least the largest seen.
 */
function comparedValue(f: BehaviorForecast, d: Decision, gateOn: GateOn): { value: number; basis: Breach['basis'] } | null {
  if (f.outcome !== 'forecast') return d.lower === null ? null : { value: finite(f.name, d.metric, d.lower), basis: 'forecast' };
  if (gateOn === 'upper' && d.basis === 'interval' && d.upper !== null) return { value: finite(f.name, d.metric, d.upper), basis: 'upper' };
  if (gateOn === 'interval' && d.basis === 'interval' && d.lower !== null)
    return { value: finite(f.name, d.metric, d.lower), basis: 'lower' };
  return { value: finite(f.name, d.metric, pointForecast(f, d.metric)), basis: 'forecast' };
}

/**
 * fail > warn > inconclusive (unless `on-inconclusive: pass`) > insufficient
 * (unless `on-insufficient-data: pass`) > pass. `not-gated` behaviours leave
 * the verdict alone: nothing was asked of them. A behaviour over its error
 * budget counts as `fail` or `warn`, as its `on-error-budget` says, so it can
 * never end in `pass`, `inconclusive` or `insufficient`.
 */
function verdictOf(behaviors: readonly BehaviorGate[], settings: Pick<GateChoices, 'onInsufficientData' | 'onInconclusive'>): Verdict {
  if (behaviors.length === 0) throw new Error('internal: no behaviour to gate: an empty run is not a pass.');
  const has = (s: Status): boolean => behaviors.some((b) => b.status === s);
  const errorsAt = (level: 'warn' | 'fail'): boolean => behaviors.some((b) => b.status === 'errors' && b.errorBudget.onBudget === level);
  if (has('fail') || errorsAt('fail')) return 'fail';
  if (has('warn') || errorsAt('warn')) return 'warn';
  if (has('inconclusive') && settings.onInconclusive !== 'pass') return 'inconclusive';
  if (has('insufficient') && settings.onInsufficientData !== 'pass') return 'insufficient';
  return 'pass';
}
