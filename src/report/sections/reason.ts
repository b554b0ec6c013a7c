/**
 * Why a behaviour stands where it does, in plain words and with the number
 * that put it there: the value the gate compared, its interval, and the
 * threshold. The headline lists one such line per deciding behaviour, and
 * the status cell of the table repeats the compared number, so a reviewer
 * never sees a status without the number behind it (docs/pr-comment.md).
 */
import type { Breach, Decision, Metric } from '../../domain/gate.js';
import { formatCount, formatInterval, formatLevel, formatPercent, formatProbability, formatRatio, formatVolume } from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import { METRIC_LABEL, ownBreaches } from './rank.js';

/** The forecast and interval of one metric, as the report holds them. */
function estimate(
  b: ReportBehavior,
  metric: Exclude<Metric, 'risk-increase'>,
): { forecast: number | null; lower: number | null; upper: number | null } {
  if (metric === 'worst-query-risk') return b.worstQueryRisk;
  return metric === 'aggregate-risk' ? b.aggregateRisk : b.frequency;
}

/** `0.77 (90%: 0.31 – 0.88)`, or the forecast alone without an interval. */
function withInterval(report: Report, e: { forecast: number | null; lower: number | null; upper: number | null }): string {
  const value = e.forecast === null ? '—' : formatProbability(e.forecast);
  const interval = formatInterval(e.lower, e.upper);
  return interval === '—' ? value : `${value} (${formatLevel(report.settings.confidence)}: ${interval})`;
}

function metricName(metric: Metric): string {
  return metric === 'frequency' ? 'share of queries above τ' : METRIC_LABEL[metric];
}

/** The breach in words: what was compared, its value, the threshold. */
export function breachReason(report: Report, b: ReportBehavior, breach: Breach): string {
  const volume = formatVolume(report.deploymentVolume);
  const level = formatLevel(report.settings.confidence);
  if (breach.metric === 'creep') {
    return `creep at ${volume}: the lower end of its ${level} interval is ${formatRatio(breach.value)} the lowest forecast of the recent history, above the ${breach.level} factor ${formatRatio(breach.threshold)}`;
  }
  if (breach.metric === 'risk-increase' && breach.basis === 'paired') {
    return `risk increase over the baseline at ${volume}: on the queries both runs share, its tail moved up beyond the noise and its forecast is ${formatRatio(breach.value)} the baseline's, above the ${breach.level} factor ${formatRatio(breach.threshold)}`;
  }
  if (breach.metric === 'risk-increase') {
    return `risk increase over the baseline at ${volume}: the lower end of its ${level} interval is ${formatRatio(breach.value)} the baseline's upper end, above the ${breach.level} factor ${formatRatio(breach.threshold)}`;
  }
  const e = estimate(b, breach.metric);
  const threshold = `the ${breach.level} threshold ${formatProbability(breach.threshold)}`;
  if (e.forecast === null) {
    // No forecast: the gate compared the largest p̂ seen, a lower end of the worst query.
    return `no forecast, but the largest observed p̂ is ${formatProbability(breach.value)}, above ${threshold}`;
  }
  const head = `${metricName(breach.metric)} at ${volume} is ${withInterval(report, e)}`;
  if (breach.basis === 'upper') return `${head}: its upper end ${formatProbability(breach.value)} is above ${threshold}`;
  if (breach.basis === 'lower') return `${head}: even its lower end ${formatProbability(breach.value)} is above ${threshold}`;
  return `${head}, above ${threshold}`;
}

/** An interval that straddles its threshold, in words. */
export function inconclusiveReason(report: Report, b: ReportBehavior, d: Decision): string {
  const e = estimate(b, d.metric);
  return `${metricName(d.metric)} at ${formatVolume(report.deploymentVolume)} is ${withInterval(report, e)}, straddling the ${d.level} threshold ${formatProbability(d.threshold)}`;
}

/**
 * The reason for a behaviour's status, or null for pass and not-gated. Shared
 * by the headline, the status cells and the terminal.
 */
export function statusReason(report: Report, b: ReportBehavior): string | null {
  switch (b.status) {
    case 'pass':
    case 'not-gated':
      return null;
    case 'errors':
      return `${formatPercent(b.errors.share)} of its samples errored, over the error budget of ${formatPercent(b.errors.maxShare)} (on-error-budget: ${b.errors.onBudget}), so its forecast rests on part of the eval; ${b.errors.nextStep ?? 're-run the errored samples'}`;
    case 'fail':
    case 'warn': {
      const breach = ownBreaches(b)[0];
      if (breach !== undefined) return breachReason(report, b, breach);
      // A status without a breach comes from the insufficient-data policy, not from a threshold.
      return `${noForecastReason(b)} (on-insufficient-data: ${report.settings.onInsufficientData})`;
    }
    case 'inconclusive': {
      const d = b.decisions.find((x) => x.outcome === 'inconclusive');
      return d === undefined ? 'an interval straddles a threshold' : inconclusiveReason(report, b, d);
    }
    case 'insufficient':
      return noForecastReason(b);
  }
}

/** Why there is no forecast, with what was seen (the largest p̂). */
function noForecastReason(b: ReportBehavior): string {
  const why = b.outcome === 'degenerate' ? 'the tail fit is degenerate' : 'too few queries with hits for the tail fit';
  return `no forecast (${why}: ${formatCount(b.nonzero)} of ${formatCount(b.queries)} queries have p̂ > 0); the largest observed p̂ is ${formatProbability(b.worstQueryRisk.observedMax)}`;
}

/**
 * The short form for a status cell: the compared number against its
 * threshold (`upper end 0.21 above 0.10`), or null when the headline's words are needed.
 */
export function statusNumbers(b: ReportBehavior): string | null {
  if (b.status === 'errors') return `${formatPercent(b.errors.share)} errored, above ${formatPercent(b.errors.maxShare)}`;
  const breach = ownBreaches(b)[0];
  if (breach !== undefined) {
    if (breach.metric === 'risk-increase' || breach.metric === 'creep')
      return `${METRIC_LABEL[breach.metric]} ${formatRatio(breach.value)} above ${formatRatio(breach.threshold)}`;
    const what =
      b.worstQueryRisk.forecast === null
        ? 'max p̂ '
        : breach.basis === 'upper'
          ? 'upper end '
          : breach.basis === 'lower'
            ? 'lower end '
            : '';
    return `${METRIC_LABEL[breach.metric]} ${what}${formatProbability(breach.value)} above ${formatProbability(breach.threshold)}`;
  }
  const open = b.status === 'inconclusive' ? b.decisions.find((x) => x.outcome === 'inconclusive') : undefined;
  if (open !== undefined) return `${METRIC_LABEL[open.metric]} straddles ${open.level} ${formatProbability(open.threshold)}`;
  return null;
}
