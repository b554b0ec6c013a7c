import { describe, expect, it } from '@jest/globals';
import { planForDecision, planForFit } from '../src/decisions/sampling-plan.js';
import { sortedEstimates } from '../src/forecast/elicitation.js';
import type { BehaviorForecast, TailFit } from '../src/forecast/types.js';
import type { Decision } from '../src/gate/types.js';

const n = 90_000;
const opts = { tailSize: 10, deploymentVolume: n, confidence: 0.9, bootstrap: 0, seed: 1 };
/** p at ψ: exp(−exp(−ψ)). */
const pAt = (psi: number): number => Math.exp(-Math.exp(-psi));

/** A fit on m = 900 with β̂ = 1 and Q̂ = 0 at n: a = −1, b = −log n. */
function fitted(): BehaviorForecast {
  const fit: TailFit = { slope: -1, intercept: -Math.log(n), r2: 0.95, tailSize: 10, queries: 900, distinctPsi: 10, points: [] };
  return {
    name: 'x',
    queries: 900,
    samples: 900,
    nonzero: 900,
    capped: 0,
    duplicates: 0,
    excluded: 0,
    exclusions: {},
    outcome: 'forecast',
    reason: null,
    fit,
    worstQueryRisk: {
      forecast: pAt(0),
      lower: null,
      upper: null,
      medianMax: null,
      intervalMethod: 'pivot',
      lognormal: null,
      observedMax: 0.5,
    },
    aggregateRisk: { forecast: 0.5, lower: 0.2, upper: 0.8, intervalMethod: 'bootstrap' },
    frequency: { tau: 0.5, forecast: 1e-3, lower: 1e-4, upper: 1e-2, intervalMethod: 'bootstrap', expectedCount: 90 },
    backtest: null,
    bound: null,
    topQueries: [],
    curve: [],
    warnings: [],
    errors: { samples: 0, queries: 0, judged: 900, share: 0, byReason: {}, worstCase: null },
  };
}

function decision(metric: Decision['metric'], threshold: number, ends: [number, number]): Decision {
  return { metric, level: 'fail', threshold, outcome: 'inconclusive', basis: 'interval', lower: ends[0], upper: ends[1] };
}

const noSamples = sortedEstimates([0.5], [0]);

describe('planForDecision: worst-query risk, sized with the pivot at (t, m′, n)', () => {
  // Independent reference (numpy, 60,000 replicates of full Gumbel samples, top 10 by partition, OLS):
  // the 5% and 95% quantiles of T at t = 10, n = 90,000 are
  //   m′ =   900: (−3.76, 5.92);  1,800: (−3.38, 5.43);  3,600: (−3.02, 5.08);  7,200: (−2.64, 4.69).
  // With Q̂ = 0 and β̂ = 1 a threshold at ψ = 5.08 is cleared from m′ ≈ 3,600 on, and one at ψ = −3.02 is breached
  // from about the same m′. The 95% constant moves 0.37 per doubling of m′ and ours carries ±0.1 (R = 20,000), so m′
  // is checked to within a factor 1.5.
  it('finds the eval size at which the expected interval clears a threshold above the forecast', () => {
    const plan = planForDecision(fitted(), decision('worst-query-risk', pAt(5.08), [pAt(-3.76), pAt(5.92)]), noSamples, opts);
    expect(plan.kind).toBe('decision');
    expect(plan.settlesAs).toBe('clear');
    expect(plan.queries).toBeGreaterThan(3_600 / 1.5);
    expect(plan.queries).toBeLessThan(3_600 * 1.5);
    expect(plan.samplesPerTopQuery).toBeNull();
  });

  it('and the size at which it breaches one below', () => {
    const plan = planForDecision(fitted(), decision('worst-query-risk', pAt(-3.02), [pAt(-3.76), pAt(5.92)]), noSamples, opts);
    expect(plan.settlesAs).toBe('breach');
    expect(plan.queries).toBeGreaterThan(3_600 / 1.5);
    expect(plan.queries).toBeLessThan(3_600 * 1.5);
  });

  it('says no eval settles a threshold inside the maximum’s own noise (the Gumbel quantiles −1.10 and 2.97)', () => {
    // However large the eval, the worst of n queries still varies like a standard Gumbel around Q̂: ψ = 2.5 stays inside.
    const plan = planForDecision(fitted(), decision('worst-query-risk', pAt(2.5), [pAt(-3.76), pAt(5.92)]), noSamples, opts);
    expect(plan.queries).toBeNull();
    expect(plan.settlesAs).toBeNull();
  });
});

describe('planForDecision: aggregate risk and frequency, the bootstrap interval narrowing as 1/√m′', () => {
  it('frequency: m′ = m·(half-width ÷ room)² on the log scale', () => {
    // Forecast 1e-3, upper end 1e-2: half-width log 10 above; threshold 3e-3: room log 3. m′ = 900·(log 10/log 3)² = 3,954 (rounded up).
    const plan = planForDecision(fitted(), decision('frequency', 3e-3, [1e-4, 1e-2]), noSamples, opts);
    expect(plan.queries).toBe(Math.ceil(900 * (Math.log(10) / Math.log(3)) ** 2));
    expect(plan.settlesAs).toBe('clear');
  });
});

describe('planForFit: what would produce a fit', () => {
  const insufficient = (over: Partial<BehaviorForecast>): BehaviorForecast => ({
    ...fitted(),
    outcome: 'insufficient',
    fit: null,
    queries: 1000,
    ...over,
  });

  it('too few hits: m·t/nonzero queries at today’s rate', () => {
    const plan = planForFit(insufficient({ nonzero: 4 }), opts);
    expect(plan).toMatchObject({ kind: 'few-hits', queries: 2_500 });
  });

  it('zero hits: t hits at the exact rate bound need t/(bound·k) queries, the bound being 1 − 0.05^(1/N) for 0 of N', () => {
    // Clopper–Pearson one-sided 95% bound for 0 hits in N = 10,000 samples: 1 − 0.05^(1/10,000) = 2.9953e-4.
    const rate = 1 - 0.05 ** (1 / 10_000);
    const plan = planForFit(
      insufficient({
        nonzero: 0,
        bound: {
          largestP: 0,
          hits: 0,
          totalSamples: 10_000,
          rateUpperBound: rate,
          confidence: 0.95,
          expectedHitsAtN: n * rate,
          aggregateRiskUpper: 1,
          frequencyUpper: 2 * rate,
        },
      }),
      opts,
    );
    // k = 10 samples per query: 10 / (2.9953e-4 · 10) = 3,339 queries.
    expect(plan).toMatchObject({ kind: 'zero-hits', queries: Math.ceil(10 / (rate * 10)), rateBound: rate });
    expect(plan.queries).toBe(3_339);
  });

  it('given probabilities that are all zero: nothing to size, the mapping is the suspect', () => {
    expect(planForFit(insufficient({ nonzero: 0, bound: null }), opts).kind).toBe('zero-probabilities');
  });

  it('tied top scores: four times the samples on the top t queries', () => {
    const plan = planForFit(insufficient({ outcome: 'degenerate', topQueries: [{ id: 'q1', p: 1, hits: 5, samples: 5 }] }), opts);
    expect(plan).toMatchObject({ kind: 'tie', samplesPerTopQuery: 20, resample: 10 });
  });
});
