/**
 * Current forecasts against a baseline, per behaviour: both forecasts, their
 * ratio, whether the intervals overlap, and the increase beyond the noise
 * (current lower end ÷ baseline upper end) that the risk-increase gate
 * (gate/risk-increase.ts) compares with its factors. Both intervals must
 * exist; without them nothing is claimed (the row says why).
 */
import type { RiskIncrease } from '../../domain/rules.js';
import type { BehaviorForecast } from '../../domain/forecast.js';
import type { BaselineRow, ComparedForecast, PairedComparison, ReportBaseline } from '../../domain/report.js';
import type { Baseline } from '../../domain/baseline.js';

export interface IntervalLike {
  forecast: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Denominator used when the baseline's upper end is exactly 0 (a forecast
 * that underflowed double precision, p < 1e-308): the ratio then reads as
 * "more than 1e299×" instead of ∞, which JSON cannot hold. The gate's own
 * decision multiplies instead of dividing and does not depend on it.
 */
export const RATIO_FLOOR = 1e-300;

/** current.lower ÷ baseline.upper, or null when either interval is missing. */
export function increaseRatio(current: IntervalLike, baseline: IntervalLike): number | null {
  if (current.lower === null || baseline.upper === null) return null;
  return current.lower / Math.max(baseline.upper, RATIO_FLOOR);
}

/** Closed intervals [lower, upper] overlap unless one ends below the other's start; null without both. */
export function intervalsOverlap(a: IntervalLike, b: IntervalLike): boolean | null {
  if (a.lower === null || a.upper === null || b.lower === null || b.upper === null) return null;
  return a.lower <= b.upper && b.lower <= a.upper;
}

/** current ÷ baseline point forecasts; null without both, or when the baseline's is 0 (no finite ratio). */
export function forecastRatio(current: IntervalLike, baseline: IntervalLike): number | null {
  if (current.forecast === null || baseline.forecast === null || baseline.forecast === 0) return null;
  return current.forecast / baseline.forecast;
}

/** One side of a comparison: the worst-query risk of a forecast, null where there is no fit. */
export function worstQuerySide(f: BehaviorForecast): ComparedForecast {
  if (f.outcome !== 'forecast') {
    return { outcome: f.outcome, queries: f.queries, forecast: null, lower: null, upper: null, observedMax: f.observedMax };
  }
  const w = f.worstQueryRisk;
  return { outcome: f.outcome, queries: f.queries, forecast: w.forecast, lower: w.lower, upper: w.upper, observedMax: f.observedMax };
}

/** A comparison side with the behaviour it belongs to (a current forecast, or a behaviour of the baseline). */
export type NamedSide = ComparedForecast & { name: string };

/** The comparison fields of a named side. */
function comparedSide(b: NamedSide): ComparedForecast {
  return { outcome: b.outcome, queries: b.queries, forecast: b.forecast, lower: b.lower, upper: b.upper, observedMax: b.observedMax };
}

/** The risk-increase factors of a behaviour, from its rules. */
export type FactorsFor = (behavior: string) => RiskIncrease;

/** The paired comparison of a behaviour present on both sides, when there is one (decisions/baseline/paired.ts). */
export type PairedFor = (behavior: string) => PairedComparison | undefined;

/** Why a behaviour with a forecast on both sides has no paired comparison. */
function unpairedBecause(baseline: Baseline): PairedComparison {
  const reason =
    baseline.kind === 'report'
      ? 'the baseline is a report, which keeps no per-query results to pair'
      : 'no per-query results of both sides to pair';
  return { paired: false, sharedQueries: null, reason, ratio: null, shift: null };
}

/** The report's comparison section: every behaviour of either side, current ones first. */
export function compareWithBaseline(
  current: readonly NamedSide[],
  baseline: Baseline,
  factorsFor: FactorsFor,
  pairedFor: PairedFor = () => undefined,
): ReportBaseline {
  const byName = new Map(baseline.behaviors.map((b) => [b.name, b]));
  const rows: BaselineRow[] = current.map((c) => {
    const base = byName.get(c.name);
    byName.delete(c.name);
    const r = row(c.name, comparedSide(c), base === undefined ? null : comparedSide(base), factorsFor(c.name));
    if (r.current?.forecast != null && r.baseline?.forecast != null) r.comparison = pairedFor(c.name) ?? unpairedBecause(baseline);
    return r;
  });
  for (const b of byName.values()) rows.push(row(b.name, null, comparedSide(b), factorsFor(b.name)));
  return {
    status: 'compared',
    source: baseline.origin.description,
    kind: baseline.kind,
    runId: baseline.origin.runId,
    runUrl: baseline.origin.runUrl,
    sha: baseline.origin.sha,
    generatedAt: baseline.generatedAt,
    ageDays: null,
    deploymentVolume: baseline.deploymentVolume,
    confidence: baseline.confidence,
    reason: null,
    behaviors: rows,
  };
}

function row(name: string, current: ComparedForecast | null, baseline: ComparedForecast | null, riskIncrease: RiskIncrease): BaselineRow {
  const presence = current === null ? 'baseline-only' : baseline === null ? 'current-only' : 'both';
  if (current === null || baseline === null) {
    const note = current === null ? "only in the baseline: not in this run's results" : 'new: not in the baseline';
    return {
      name,
      presence,
      baseline,
      current,
      ratio: null,
      overlap: null,
      increase: null,
      riskIncrease,
      comparison: null,
      mismatch: [],
      note,
    };
  }
  return {
    name,
    presence,
    baseline,
    current,
    ratio: forecastRatio(current, baseline),
    overlap: intervalsOverlap(current, baseline),
    increase: increaseRatio(current, baseline),
    riskIncrease,
    comparison: null,
    mismatch: [],
    note: missingNote(current, baseline),
  };
}

/** Why the comparison of two present sides lacks a number. */
function missingNote(current: ComparedForecast, baseline: ComparedForecast): string | null {
  if (current.forecast === null && baseline.forecast === null) return 'no forecast on either side';
  if (current.forecast === null) return `no current forecast (${current.outcome})`;
  if (baseline.forecast === null) return `no baseline forecast (${baseline.outcome})`;
  if (baseline.lower === null || baseline.upper === null)
    return 'the baseline has no interval at this volume, so the risk-increase gate cannot judge it';
  if (current.lower === null || current.upper === null) return 'no current interval, so the risk-increase gate cannot judge it';
  if (baseline.forecast === 0) return 'the baseline forecast is 0, so there is no finite ratio';
  return null;
}
