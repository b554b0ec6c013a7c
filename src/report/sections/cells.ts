/**
 * The text of each behaviour-table cell, before any medium-specific markup or
 * escaping. The Markdown and terminal tables both build on it, so they never
 * disagree on a number.
 */
import type { Thresholds } from '../../domain/rules.js';
import { formatCount, formatInterval, formatLevel, formatOptionalProbability, formatProbability } from '../numbers.js';
import type { ReportBehavior } from '../../domain/report.js';

export interface BehaviorCells {
  /** m, with the queries that had any hit when the data are hits of k samples (given probabilities have no hits to count). */
  queries: string;
  /** Worst-query risk forecast at n, or `—`. */
  risk: string;
  /** Bootstrap interval; for a behaviour without a forecast, what can still be said (largest p̂, rate bound). */
  interval: string;
  threshold: string;
}

export function behaviorCells(b: ReportBehavior): BehaviorCells {
  const forecast = b.worstQueryRisk.forecast;
  return {
    queries: givenProbabilities(b) ? formatCount(b.queries) : `${formatCount(b.queries)} (${formatCount(b.nonzero)} with hits)`,
    risk: formatOptionalProbability(forecast),
    interval: forecast === null ? boundText(b) : formatInterval(b.worstQueryRisk.lower, b.worstQueryRisk.upper),
    threshold: pairText(b.thresholds.failWorstQueryRisk, b.thresholds.warnWorstQueryRisk),
  };
}

/** Whether the eval gave probabilities rather than hits of k samples: its top queries carry no hit counts. */
export function givenProbabilities(b: ReportBehavior): boolean {
  return b.topQueries.length > 0 && b.topQueries.every((q) => q.hits === null);
}

/** Without a forecast: the largest p̂ seen and, with sampled queries, the exact binomial upper bound on the per-sample rate. */
export function boundText(b: ReportBehavior): string {
  const rate = rateBoundText(b);
  return rate === null ? maxText(b) : `${maxText(b)} · ${rate}`;
}

export function maxText(b: ReportBehavior): string {
  return `max p̂ ${formatProbability(b.worstQueryRisk.observedMax)}`;
}

/** The one-sided exact (Clopper–Pearson) bound from the forecast step, or null without sampled queries. */
export function rateBoundText(b: ReportBehavior): string | null {
  const bound = b.bound;
  if (bound === null || bound.rateUpperBound === null) return null;
  return `per-sample rate ≤ ${formatProbability(bound.rateUpperBound)} (${formatLevel(bound.confidence)}, ${formatCount(bound.hits)} hits in ${formatCount(bound.totalSamples)} samples)`;
}

/** `fail X · warn Y`, either part omitted when unset, `—` when neither is set. */
export function pairText(fail: number | undefined, warn: number | undefined): string {
  const parts: string[] = [];
  if (fail !== undefined) parts.push(`fail ${formatProbability(fail)}`);
  if (warn !== undefined) parts.push(`warn ${formatProbability(warn)}`);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

/** Whether the behaviour is gated on aggregate risk or frequency (the second table then opens by default). */
export function gatesBeyondWorstQuery(t: Thresholds): boolean {
  return [t.failAggregateRisk, t.warnAggregateRisk, t.failFrequency, t.warnFrequency].some((x) => x !== undefined);
}
