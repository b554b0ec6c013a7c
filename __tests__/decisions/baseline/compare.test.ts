/**
 * The comparison with a baseline and the risk-increase gate. The
 * numbers are hand-chosen intervals; expected values are worked out in the
 * comments from the rule "fire when current lower > factor × baseline upper".
 */
import { describe, expect, it } from '@jest/globals';
import {
  compareWithBaseline,
  forecastRatio,
  increaseRatio,
  intervalsOverlap,
  RATIO_FLOOR,
  worstQuerySide,
} from '../../../src/decisions/baseline/rows.js';
import type { Baseline, BaselineBehavior } from '../../../src/domain/baseline.js';
import type { BehaviorForecast } from '../../../src/domain/forecast.js';
import type { RuleSettings } from '../../../src/config/rules.js';
import type { GateResult } from '../../../src/domain/gate.js';
import { gate } from '../../../src/gate/gate.js';
import { increaseLevel } from '../../../src/gate/risk-increase.js';
import { rules } from '../../helpers/rules.js';

const interval = (forecast: number | null, lower: number | null, upper: number | null) => ({ forecast, lower, upper });

describe('increase rule', () => {
  it('fires fail above factor × baseline upper, else warn, strictly', () => {
    const base = interval(0.01, 0.005, 0.02);
    const factors = { fail: 3, warn: 2 };
    // 3 × 0.02 = 0.06; 2 × 0.02 = 0.04.
    expect(increaseLevel(interval(0.2, 0.0600001, 0.3), base, factors)).toEqual({ level: 'fail', factor: 3 });
    expect(increaseLevel(interval(0.2, 0.06, 0.3), base, factors)).toEqual({ level: 'warn', factor: 2 });
    expect(increaseLevel(interval(0.2, 0.04, 0.3), base, factors)).toBeNull();
    // A forecast far above the baseline whose interval is wide enough to reach down into the noise does not fire.
    expect(increaseLevel(interval(0.5, 0.03, 0.9), base, factors)).toBeNull();
    expect(increaseLevel(interval(0.5, null, null), base, factors)).toBeNull();
    expect(increaseLevel(interval(0.5, 0.3, 0.6), interval(0.01, null, null), factors)).toBeNull();
    expect(increaseLevel(interval(0.5, 0.3, 0.6), base, {})).toBeNull();
  });

  it('ratio, lower-over-upper and overlap', () => {
    expect(forecastRatio(interval(0.03, 0.01, 0.05), interval(0.01, 0.005, 0.02))).toBeCloseTo(3, 12);
    expect(increaseRatio(interval(0.03, 0.01, 0.05), interval(0.01, 0.005, 0.02))).toBeCloseTo(0.5, 12);
    expect(intervalsOverlap(interval(0.03, 0.01, 0.05), interval(0.01, 0.005, 0.02))).toBe(true);
    // Touching ends count as overlapping (closed intervals).
    expect(intervalsOverlap(interval(0.03, 0.02, 0.05), interval(0.01, 0.005, 0.02))).toBe(true);
    expect(intervalsOverlap(interval(0.03, 0.021, 0.05), interval(0.01, 0.005, 0.02))).toBe(false);
    expect(intervalsOverlap(interval(0.03, null, null), interval(0.01, 0.005, 0.02))).toBeNull();
    expect(forecastRatio(interval(0.03, null, null), interval(0, 0, 0))).toBeNull();
  });

  it('a baseline upper end of 0 (underflow) gives a finite ratio and still fires', () => {
    expect(increaseRatio(interval(0.1, 0.05, 0.2), interval(0, 0, 0))).toBe(0.05 / RATIO_FLOOR);
    expect(Number.isFinite(0.05 / RATIO_FLOOR)).toBe(true);
    expect(increaseLevel(interval(0.1, 0.05, 0.2), interval(0, 0, 0), { fail: 1e6 })).toEqual({ level: 'fail', factor: 1e6 });
  });
});

/** Only the fields the comparison and the gate read matter. */
function forecast(name: string, worst: { forecast: number; lower: number; upper: number } | null): BehaviorForecast {
  const counts = {
    name,
    queries: 1000,
    samples: 1000,
    nonzero: 50,
    capped: 0,
    duplicates: 0,
    excluded: 0,
    exclusions: {},
    observedMax: 0.01,
    unseenModeBound: null,
    topQueries: [],
    warnings: [],
    errors: { samples: 0, queries: 0, judged: 0, share: 0, byReason: {}, worstCase: null },
  };
  if (worst === null) {
    const bound = { largestP: 0.01, hits: 1, totalSamples: 1000, rateUpperBound: 0.005, confidence: 0.95 };
    return {
      ...counts,
      outcome: 'insufficient',
      reason: 'too few hits',
      bound: { ...bound, expectedHitsAtN: null, aggregateRiskUpper: null, frequencyUpper: null },
    };
  }
  return {
    ...counts,
    outcome: 'forecast',
    fit: { slope: -1, intercept: 0, r2: 1, tailSize: 10, queries: 1000, distinctPsi: 10, points: [] },
    worstQueryRisk: { ...worst, medianMax: worst.forecast, intervalMethod: 'pivot', lognormal: worst.forecast },
    aggregateRisk: { forecast: 0.1, interval: null },
    frequency: { tau: 0.5, forecast: 0, interval: null, expectedCount: 0 },
    backtest: null,
    selfCheck: null,
    curve: [],
  };
}

const side = (name: string, f: number | null, lo: number | null, up: number | null): BaselineBehavior => ({
  name,
  fingerprint: null,
  outcome: f === null ? 'insufficient' : 'forecast',
  queries: 900,
  forecast: f,
  lower: lo,
  upper: up,
  observedMax: 0.004,
});

const baseline: Baseline = {
  kind: 'report',
  origin: { description: 'base/report.json', runId: null, runUrl: null, sha: 'abc1234' },
  generatedAt: '2026-11-19T10:00:00.000Z',
  deploymentVolume: 1e6,
  confidence: 0.9,
  samples: [],
  behaviors: [
    side('harm', 0.01, 0.005, 0.02),
    side('leak', 0.05, 0.02, 0.1),
    side('removed', 0.2, 0.1, 0.3),
    side('thin', null, null, null),
  ],
  warnings: [],
};

const ends = (forecast: number, lower: number, upper: number) => ({ forecast, lower, upper });
const current = [
  // harm: lower 0.08 > 3 × 0.02 = 0.06 → fail.
  forecast('harm', ends(0.15, 0.08, 0.3)),
  // leak: lower 0.25 > 2 × 0.1 = 0.2 but not > 3 × 0.1 → warn.
  forecast('leak', ends(0.4, 0.25, 0.6)),
  forecast('new', ends(0.001, 0.0005, 0.002)),
  forecast('thin', ends(0.02, 0.01, 0.04)),
];

const settings: Partial<RuleSettings> = { riskIncrease: { fail: 3, warn: 2 } };

/** The pipeline's order: compare with the baseline (when there is one) under the rules, then gate on that comparison. */
function judge(forecasts: BehaviorForecast[], over: Partial<RuleSettings>, base?: Baseline): GateResult {
  const book = rules(over);
  const comparison =
    base === undefined
      ? null
      : compareWithBaseline(
          forecasts.map((f) => ({ name: f.name, ...worstQuerySide(f) })),
          base,
          (behavior) => book.rulesFor(behavior).riskIncrease,
        );
  return gate(forecasts, book, comparison);
}

describe('gate with a baseline', () => {
  const result = judge(current, settings, baseline);

  it('adds risk-increase breaches: value = lower ÷ baseline upper, threshold = factor, basis interval', () => {
    expect(result.breaches).toEqual([
      { behavior: 'harm', metric: 'risk-increase', level: 'fail', value: expect.closeTo(4, 12), threshold: 3, basis: 'interval' },
      { behavior: 'leak', metric: 'risk-increase', level: 'warn', value: expect.closeTo(2.5, 12), threshold: 2, basis: 'interval' },
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.behaviors.map((b) => [b.name, b.status])).toEqual([
      ['harm', 'fail'],
      ['leak', 'warn'],
      // No threshold and no baseline to rise over: nothing is asked of it.
      ['new', 'not-gated'],
      ['thin', 'pass'],
    ]);
  });

  it('without a baseline, or without factors, nothing changes', () => {
    expect(judge(current, settings).verdict).toBe('pass');
    expect(judge(current, { ...settings, riskIncrease: {} }, baseline).verdict).toBe('pass');
  });

  it('an insufficient current behaviour has no interval and is not judged on increase', () => {
    const r = judge([forecast('harm', null)], settings, baseline);
    expect(r.breaches).toEqual([]);
    expect(r.verdict).toBe('insufficient');
  });

  it('policy factors per behaviour override the inputs', () => {
    const policy = { defaults: {}, behaviors: { harm: {} }, riskIncrease: { defaults: {}, behaviors: { harm: { fail: 5 } } } };
    // harm: 0.08 ≤ 5 × 0.02 = 0.1 → no fail; 0.08 > 2 × 0.02 → warn from the inputs.
    const r = judge(current, { ...settings, policy }, baseline);
    expect(r.breaches.find((b) => b.behavior === 'harm')).toMatchObject({ level: 'warn', threshold: 2 });
  });
});

describe('compareWithBaseline', () => {
  const section = compareWithBaseline(
    current.map((f) => ({ name: f.name, ...worstQuerySide(f) })),
    baseline,
    () => ({ fail: 3, warn: 2 }),
  );

  it('lists every behaviour of either side: current ones in order, then those only in the baseline', () => {
    expect(section.behaviors.map((r) => [r.name, r.presence])).toEqual([
      ['harm', 'both'],
      ['leak', 'both'],
      ['new', 'current-only'],
      ['thin', 'both'],
      ['removed', 'baseline-only'],
    ]);
  });

  it('gives ratio, overlap and the increase beyond noise', () => {
    const harm = section.behaviors[0];
    // 0.15 / 0.01 = 15; intervals [0.08, 0.3] and [0.005, 0.02] do not overlap; 0.08 / 0.02 = 4.
    expect(harm).toMatchObject({
      ratio: expect.closeTo(15, 12),
      overlap: false,
      increase: expect.closeTo(4, 12),
      riskIncrease: { fail: 3, warn: 2 },
      note: null,
    });
    expect(harm.baseline).toEqual({ outcome: 'forecast', queries: 900, forecast: 0.01, lower: 0.005, upper: 0.02, observedMax: 0.004 });
  });

  it('says why numbers are missing', () => {
    const byName = new Map(section.behaviors.map((r) => [r.name, r]));
    expect(byName.get('new')).toMatchObject({
      baseline: null,
      ratio: null,
      overlap: null,
      increase: null,
      note: 'new: not in the baseline',
    });
    expect(byName.get('removed')).toMatchObject({ current: null, note: "only in the baseline: not in this run's results" });
    expect(byName.get('thin')).toMatchObject({ ratio: null, increase: null, note: 'no baseline forecast (insufficient)' });
  });

  it('copies where the baseline came from', () => {
    expect(section).toMatchObject({
      status: 'compared',
      source: 'base/report.json',
      kind: 'report',
      sha: 'abc1234',
      deploymentVolume: 1e6,
      confidence: 0.9,
      reason: null,
    });
  });
});
