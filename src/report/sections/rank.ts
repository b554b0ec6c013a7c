/**
 * Ordering and labels shared by every renderer, so the comment, the summary
 * and the terminal table agree on which behaviour comes first.
 */
import type { Breach, Metric, Status, Verdict } from '../../domain/gate.js';
import type { ReportBehavior } from '../../domain/report.js';

/**
 * Longest behaviour name a table cell shows (then `…`): a 120-character name
 * would push every number column off screen. The full name stays in the fit
 * diagnostics and the JSON report.
 */
export const NAME_IN_TABLE = 40;

/** Worst first: a reviewer reads the table top-down. Over the error budget comes right after fail. */
const SEVERITY: Record<Status, number> = { fail: 0, errors: 1, warn: 2, inconclusive: 3, insufficient: 4, pass: 5, 'not-gated': 6 };

export const VERDICT_SYMBOL: Record<Verdict, string> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  inconclusive: '⚖️',
  insufficient: '❓',
  error: '💥',
};

/**
 * A behaviour's status in a table cell: the verdict symbols, one of its own for
 * over the error budget, and a neutral one for not-gated: nothing was checked,
 * so nothing passed.
 */
export const STATUS_SYMBOL: Record<Status, string> = {
  pass: VERDICT_SYMBOL.pass,
  warn: VERDICT_SYMBOL.warn,
  fail: VERDICT_SYMBOL.fail,
  inconclusive: VERDICT_SYMBOL.inconclusive,
  insufficient: VERDICT_SYMBOL.insufficient,
  'not-gated': '➖',
  errors: '⛔',
};

export const METRIC_LABEL: Record<Metric, string> = {
  'worst-query-risk': 'worst-query risk',
  'aggregate-risk': 'aggregate risk',
  frequency: 'frequency',
  'risk-increase': 'risk increase vs baseline',
  creep: 'creep over the history',
};

/**
 * The value a behaviour is ranked by within its status: the worst-query
 * forecast; without one, the largest observed p̂ (what insufficient rows show).
 */
export function riskKey(b: ReportBehavior): number {
  return b.worstQueryRisk.forecast ?? b.worstQueryRisk.observedMax;
}

/** Status severity, then risk (descending), then name, so equal reports render identically. */
function compareBehaviors(x: ReportBehavior, y: ReportBehavior): number {
  return (
    SEVERITY[x.status] - SEVERITY[y.status] ||
    // Forecasts before behaviours without one, within a status.
    Number(x.worstQueryRisk.forecast === null) - Number(y.worstQueryRisk.forecast === null) ||
    riskKey(y) - riskKey(x) ||
    (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
  );
}

export function sortBehaviors(behaviors: readonly ReportBehavior[]): ReportBehavior[] {
  return [...behaviors].sort(compareBehaviors);
}

/** How far a breach goes past its threshold; the headline names the largest. */
function breachRatio(b: Breach): number {
  return b.value / b.threshold;
}

/** Whether the behaviour stands at `level` in the verdict: its status, or over the error budget with that `on-error-budget`. */
export function atLevel(b: ReportBehavior, level: 'fail' | 'warn'): boolean {
  return b.status === level || (b.status === 'errors' && b.errors.onBudget === level);
}

/** The behaviour's breaches at its own status level, largest ratio first. */
export function ownBreaches(b: ReportBehavior): Breach[] {
  if (b.status !== 'fail' && b.status !== 'warn') return [];
  return b.breaches.filter((x) => x.level === b.status).sort((p, q) => breachRatio(q) - breachRatio(p));
}
