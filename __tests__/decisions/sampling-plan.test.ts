import { describe, expect, it } from '@jest/globals';
import { PLAN_POWER, planForDecision, planForFit, settleChance } from '../../src/decisions/sampling-plan.js';
import { sortedEstimates } from '../../src/forecast/elicitation.js';
import type { NoForecast, TailFit, TailForecast } from '../../src/domain/forecast.js';
import type { Decision } from '../../src/domain/gate.js';

const n = 90_000;
const opts = { tailSize: 10, deploymentVolume: n, confidence: 0.9, bootstrap: 0, seed: 1 };
/** p at ψ: exp(−exp(−ψ)). */
const pAt = (psi: number): number => Math.exp(-Math.exp(-psi));

const counts = {
  name: 'x',
  queries: 900,
  samples: 900,
  nonzero: 900,
  capped: 0,
  duplicates: 0,
  excluded: 0,
  exclusions: {},
  observedMax: 0.5,
  unseenModeBound: null,
  topQueries: [],
  warnings: [],
  errors: { samples: 0, queries: 0, judged: 900, share: 0, byReason: {}, worstCase: null },
};

/** A fit on m = 900 with β̂ = 1 and Q̂ = 0 at n: a = −1, b = −log n. */
function fitted(): TailForecast {
  const fit: TailFit = { slope: -1, intercept: -Math.log(n), r2: 0.95, tailSize: 10, queries: 900, distinctPsi: 10, points: [] };
  return {
    ...counts,
    outcome: 'forecast',
    fit,
    // The interval is not read by the plan for the worst query: the decision carries the ends it plans from.
    worstQueryRisk: {
      forecast: pAt(0),
      lower: pAt(-3.76),
      upper: pAt(5.92),
      medianMax: pAt(0.37),
      intervalMethod: 'pivot',
      lognormal: 0.5,
    },
    aggregateRisk: { forecast: 0.5, interval: { lower: 0.2, upper: 0.8 } },
    frequency: { tau: 0.5, forecast: 1e-3, interval: { lower: 1e-4, upper: 1e-2 }, expectedCount: 90 },
    backtest: null,
    selfCheck: null,
    curve: [],
  };
}

function decision(metric: Decision['metric'], threshold: number, ends: [number, number]): Decision {
  return { metric, level: 'fail', threshold, outcome: 'inconclusive', basis: 'interval', lower: ends[0], upper: ends[1] };
}

const noSamples = sortedEstimates([0.5], [0]);

describe('settleChance: will a fresh eval of m′ queries settle the threshold?', () => {
  // Independent reference (numpy, 40,000 replicates of full Gumbel samples): today's fit on m = 900 gives the
  // threshold's true distance z_true = e_Q + z·e_β; a fresh fit on m′ clears when Q̂′ + c_hi·β̂′ ≤ Q_p(n) + z_true and
  // breaches when Q̂′ + c_lo·β̂′ > it, with c from the numpy pivot at (10, m′, 90,000). Results (clear, breach):
  //   z = 8,  m′ = 3,600: (0.665, 0.003);  z = 8,  m′ = 900: (0.600, 0.003);  z = −5, m′ = 3,600: (0.0002, 0.929);
  //   z = −3.5, m′ = 1,800 / 3,600 / 7,200: breach 0.500 / 0.559 / 0.627.
  // The Monte-Carlo error of both sides and of the constants is within ±0.03.
  const today = { tailSize: 10, queries: 900, volume: n, confidence: 0.9 };
  it.each([
    [8, 3_600, 0.665, 0.003],
    [8, 900, 0.6, 0.003],
    [-5, 3_600, 0.0002, 0.929],
    [-3.5, 7_200, 0.008, 0.627],
  ])('z = %p, m′ = %p matches numpy', (z, size, clear, breach) => {
    const chance = settleChance(z, today, size);
    expect(Math.abs(chance.clear - clear)).toBeLessThan(0.03);
    expect(Math.abs(chance.breach - breach)).toBeLessThan(0.03);
  });
});

describe('planForDecision: worst-query risk, the smallest m′ that settles it with chance PLAN_POWER', () => {
  it('plans the smallest m′ whose chance reaches PLAN_POWER, when one exists', () => {
    // n = 9,000 (n/m = 10): a threshold 3 scale units below the forecast is settled with chance ≥ 0.8 by a modest eval.
    const near = { ...opts, deploymentVolume: 9_000 };
    const spec = { tailSize: 10, queries: 900, volume: 9_000, confidence: 0.9 };
    const f = { ...fitted(), fit: { ...fitted().fit, intercept: -Math.log(9_000) } };
    const plan = planForDecision(f, decision('worst-query-risk', pAt(-3), [pAt(-3.2), pAt(5)]), noSamples, near);
    expect(plan.settlesAs).toBe('breach');
    expect(plan.queries).not.toBeNull();
    const at = settleChance(-3, spec, plan.queries ?? 0);
    expect(at.clear + at.breach).toBeGreaterThanOrEqual(PLAN_POWER);
    expect(at.breach).toBeGreaterThan(at.clear);
    expect(plan.chance).toBeCloseTo(at.clear + at.breach, 12);
    // Within the 5% bisection step of m′, a smaller eval does not reach it.
    const below = settleChance(-3, spec, Math.floor((plan.queries ?? 0) / 1.1));
    expect(below.clear + below.breach).toBeLessThan(PLAN_POWER);
  });

  it('a threshold inside today’s interval whose settle chance never reaches PLAN_POWER: no plan, the best chance said', () => {
    // z = −3.5 lies above today's lower constant −3.76 (inconclusive). numpy above: 0.63 at m′ = 7,200, and the
    // chance levels off below 0.8 because today's fit cannot say on which side of the maximum's noise the truth is.
    const plan = planForDecision(fitted(), decision('worst-query-risk', pAt(-3.5), [pAt(-3.76), pAt(5.92)]), noSamples, opts);
    expect(plan.queries).toBeNull();
    expect(plan.chance).toBeGreaterThan(0.63);
    expect(plan.chance).toBeLessThan(PLAN_POWER);
  });

  it('says no practical eval settles a threshold inside the maximum’s own noise (between the Gumbel points −1.10 and 2.97)', () => {
    // However large the eval, the worst of n queries still varies like a standard Gumbel around Q_p(n): ψ = 2.5 stays inside.
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
  const insufficient = (over: Partial<NoForecast>): NoForecast => ({
    ...counts,
    queries: 1000,
    outcome: 'insufficient',
    reason: 'too few hits',
    bound: {
      largestP: 0.5,
      hits: 4,
      totalSamples: 1000,
      rateUpperBound: 0.01,
      confidence: 0.95,
      expectedHitsAtN: 900,
      aggregateRiskUpper: 1,
      frequencyUpper: 0.02,
    },
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
    // No sampled query, so no rate to bound: the bound says so with a null rate over zero samples.
    const bound = { largestP: 0, hits: 0, totalSamples: 0, rateUpperBound: null, confidence: 0.95 };
    const none = { ...bound, expectedHitsAtN: null, aggregateRiskUpper: null, frequencyUpper: null };
    expect(planForFit(insufficient({ nonzero: 0, bound: none }), opts).kind).toBe('zero-probabilities');
  });

  it('tied top scores: four times the samples on the top t queries', () => {
    const plan = planForFit(insufficient({ outcome: 'degenerate', topQueries: [{ id: 'q1', p: 1, hits: 5, samples: 5 }] }), opts);
    expect(plan).toMatchObject({ kind: 'tie', samplesPerTopQuery: 20, resample: 10 });
  });
});
