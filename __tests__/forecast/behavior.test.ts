import { forecastBehavior } from '../../src/forecast/forecast-behavior.js';
import { fitGumbelTail, worstQueryRisk } from '../../src/forecast/gumbel-tail.js';
import type { BehaviorSample } from '../../src/domain/observation.js';
import type { BehaviorForecast, ForecastOptions, NoForecast, TailForecast } from '../../src/domain/forecast.js';
import { gumbelScores, mulberry32 } from '../helpers/prng.js';

const options: ForecastOptions = {
  deploymentVolume: 1e6,
  tailSize: 10,
  confidence: 0.9,
  bootstrap: 200,
  seed: 1,
  tau: 0.5,
  backtestSplits: 30,
  backtestRatio: 10,
};

function sample(name: string, hits: number[], samples: number[]): BehaviorSample {
  return {
    name,
    queryIds: hits.map((_, i) => `q${i}`),
    hits: Float64Array.from(hits),
    samples: Float64Array.from(samples),
    rows: samples.reduce((s, k) => s + Math.max(k, 1), 0),
    duplicates: 0,
    exclusions: { error: 2 },
    // Two errored rows without a query id: counted as samples, not as queries.
    errors: {
      samples: 2,
      judged: samples.reduce((s, k) => s + Math.max(k, 1), 0),
      byReason: { error: { samples: 2, queries: 0 } },
      queryIds: [],
      counts: new Float64Array(0),
    },
  };
}

/** The forecast, which must have a tail fit. */
function fitted(f: BehaviorForecast): TailForecast {
  if (f.outcome !== 'forecast') throw new Error(`expected a tail fit, got ${f.outcome}: ${f.reason}`);
  return f;
}

/** The forecast, which must have no tail fit. */
function unfitted(f: BehaviorForecast): NoForecast {
  if (f.outcome === 'forecast') throw new Error('expected no tail fit');
  return f;
}

function gumbelProbabilities(m: number, seed: number, mu = -2, beta = 0.5): number[] {
  return gumbelScores(m, mu, beta, seed).map((x) => Math.exp(-Math.exp(-x)));
}

describe('forecastBehavior', () => {
  test('a Gumbel eval set gets every forecast, consistent with a direct fit', () => {
    const p = gumbelProbabilities(5000, 8);
    const result = fitted(forecastBehavior(sample('harm', p, new Array<number>(p.length).fill(0)), options));
    expect(result.queries).toBe(5000);
    expect(result.excluded).toBe(2);
    const sorted = [...p].sort((x, y) => y - x);
    const direct = fitGumbelTail(sorted, 5000, 10);
    if (direct.kind !== 'ok') throw new Error('fit');
    expect(result.worstQueryRisk.forecast).toBe(worstQueryRisk(direct.fit, 1e6));
    const w = result.worstQueryRisk;
    expect(w.lower).toBeLessThanOrEqual(w.forecast);
    expect(w.forecast).toBeLessThanOrEqual(w.upper);
    expect(result.observedMax).toBe(sorted[0]);
    expect(w.lognormal).toBeGreaterThan(0);
    expect(result.aggregateRisk.forecast).toBeGreaterThan(0);
    expect(result.aggregateRisk.forecast).toBeLessThanOrEqual(1);
    expect(result.frequency.expectedCount).toBeCloseTo(1e6 * result.frequency.forecast, 6);
    expect(result.curve.map((c) => c.n)).toContain(1e6);
    expect(result.curve[0].n).toBe(5000);
    // The curve is increasing in n (a power law).
    for (let i = 1; i < result.curve.length; i++) expect(result.curve[i].forecast).toBeGreaterThan(result.curve[i - 1].forecast);
  });

  test('the backtest on Gumbel data extrapolates well (the paper: most within 10×)', () => {
    const p = gumbelProbabilities(5000, 21);
    const result = fitted(forecastBehavior(sample('harm', p, new Array<number>(p.length).fill(0)), options));
    expect(result.backtest).not.toBeNull();
    expect(result.backtest!.splits).toBeGreaterThanOrEqual(25);
    expect(result.backtest!.withinTenfold).toBeGreaterThanOrEqual(0.8);
    // The pivot's 95% upper end covers the realised max of the rest in about 95% of splits.
    expect(result.backtest!.upperCoverage!).toBeGreaterThanOrEqual(0.8);
    expect(result.backtest!.meanPit!).toBeGreaterThan(0.2);
    expect(result.backtest!.meanPit!).toBeLessThan(0.8);
  });

  test('the backtest flags a rare mode the fit cannot see: mostly underestimated', () => {
    // Bulk ψ ~ Gumbel(−4, 0.3): its max over 5000 is near ψ = −4 + 0.3·log 5000 ≈ −1.4, p ≈ 0.015.
    // 3 queries sit at p = 0.9; a random 500-query subset misses all of them with probability
    // (4500/5000)^3 ≈ 0.73, and then the rest's max is 0.9 while the fit only sees the bulk.
    const p = gumbelProbabilities(5000, 5, -4, 0.3);
    p[0] = p[1] = p[2] = 0.9;
    const result = fitted(forecastBehavior(sample('harm', p, new Array<number>(p.length).fill(0)), options));
    expect(result.backtest!.underestimated).toBeGreaterThanOrEqual(0.6);
  });

  test('a Gumbel eval passes the self-check of the tail shape, with all four tests run', () => {
    const p = gumbelProbabilities(5000, 8);
    const check = fitted(forecastBehavior(sample('harm', p, new Array<number>(p.length).fill(0)), options)).selfCheck!;
    expect(Object.keys(check.tests)).toEqual(['r2', 'topGap', 'curvature', 'backtestPit']);
    expect(check.skipped).toEqual([]);
    expect(check.flagged).toBe(false);
    expect(check.pValue!).toBeGreaterThan(0.05);
  });

  test('a second, higher mode in the eval is flagged, with a warning', () => {
    // The bulk as above (max near p ≈ 0.015) and three queries near p = 0.9: ψ ≈ 2.2, some twelve
    // bulk scales β = 0.3 above the bulk's top, where the bulk alone would reach only past 10^8 queries.
    const p = gumbelProbabilities(5000, 5, -4, 0.3);
    [p[0], p[1], p[2]] = [0.9, 0.88, 0.86];
    const result = fitted(forecastBehavior(sample('harm', p, new Array<number>(p.length).fill(0)), options));
    expect(result.selfCheck!.flagged).toBe(true);
    expect(result.selfCheck!.pValue!).toBeLessThan(0.05);
    expect(result.warnings.some((w) => w.includes('bends away from the Gumbel tail'))).toBe(true);
  });

  test('the unseen-mode bound is −ln(0.05)/m and n times it, with or without a fit', () => {
    // −ln 0.05 = ln 20 = 2.995732273553991 (math.log(20)).
    const p = gumbelProbabilities(5000, 8);
    const fitted = forecastBehavior(sample('harm', p, new Array<number>(p.length).fill(0)), { ...options, backtestSplits: 0 });
    expect(fitted.unseenModeBound!.share).toBeCloseTo(2.995732273553991 / 5000, 15);
    expect(fitted.unseenModeBound!.expectedAtN).toBeCloseTo(599.14645471079, 9);
    const none = forecastBehavior(sample('quiet', new Array<number>(300).fill(0), new Array<number>(300).fill(10)), options);
    expect(none.outcome).toBe('insufficient');
    // Without a fit there is no tail shape to check: the result carries no self-check at all.
    expect('selfCheck' in none).toBe(false);
    expect(none.unseenModeBound!.expectedAtN).toBeCloseTo(1e6 * (2.995732273553991 / 300), 6);
  });

  test('insufficient: fewer than t nonzero queries gives the largest p̂ and an exact binomial bound', () => {
    const rand = mulberry32(3);
    const hits = Array.from({ length: 300 }, () => 0);
    hits[10] = 1;
    hits[20] = 2;
    hits[30] = 1;
    void rand;
    const result = unfitted(forecastBehavior(sample('rare', hits, new Array<number>(300).fill(4)), options));
    expect(result.outcome).toBe('insufficient');
    expect(result.reason).toMatch(/3 of 300/);
    expect(result.bound).toMatchObject({ largestP: 0.5, hits: 4, totalSamples: 1200, confidence: 0.95 });
    expect(result.bound.rateUpperBound).toBeGreaterThan(4 / 1200);
  });

  test('zero hits: the bound is 1 − 0.05^{1/Σk}', () => {
    const result = unfitted(forecastBehavior(sample('none', new Array<number>(500).fill(0), new Array<number>(500).fill(10)), options));
    expect(result.bound.rateUpperBound).toBeCloseTo(1 - 0.05 ** (1 / 5000), 12);
    expect(result.bound.largestP).toBe(0);
  });

  test('degenerate: all-or-nothing epochs tie the top scores', () => {
    const hits = Array.from({ length: 1000 }, (_, i) => (i < 15 ? 4 : 0));
    const result = forecastBehavior(sample('tied', hits, new Array<number>(1000).fill(4)), options);
    expect(result.outcome).toBe('degenerate');
    expect(result.capped).toBe(15);
    expect(result.observedMax).toBe(1);
  });

  test('no usable queries at all is insufficient, not a crash', () => {
    const result = unfitted(forecastBehavior(sample('empty', [], []), options));
    expect(result.outcome).toBe('insufficient');
    expect(result.bound.rateUpperBound).toBeNull();
  });

  test('the worst-query interval is the pivot for given probabilities and the hybrid for hits of k', () => {
    const p = gumbelProbabilities(2000, 4);
    const given = fitted(forecastBehavior(sample('x', p, new Array<number>(p.length).fill(0)), { ...options, backtestSplits: 0 }));
    expect(given.worstQueryRisk.intervalMethod).toBe('pivot');
    const w = given.worstQueryRisk;
    expect(w.lower).toBeLessThan(w.medianMax);
    expect(w.medianMax).toBeLessThan(w.upper);
    // Hits of k = 100 drawn from the same p (Bernoulli by hand): the binomial layer can only widen the pivot.
    const k = 100;
    const u = mulberry32(77);
    const hits = p.map((x) => Array.from({ length: k }, () => u()).filter((v) => v < x).length);
    const sampled = fitted(forecastBehavior(sample('x', hits, new Array<number>(p.length).fill(k)), { ...options, backtestSplits: 0 }));
    expect(sampled.worstQueryRisk.intervalMethod).toBe('pivot+bootstrap');
    const noBootstrap = fitted(
      forecastBehavior(sample('x', hits, new Array<number>(p.length).fill(k)), {
        ...options,
        bootstrap: 0,
        backtestSplits: 0,
      }),
    );
    expect(noBootstrap.worstQueryRisk.intervalMethod).toBe('pivot');
    expect(noBootstrap.warnings.join('\n')).toContain('leaves out the sampling noise of h/k');
    expect(sampled.worstQueryRisk.upper).toBeGreaterThanOrEqual(noBootstrap.worstQueryRisk.upper);
    expect(sampled.worstQueryRisk.lower).toBeLessThanOrEqual(noBootstrap.worstQueryRisk.lower);
  });

  test('bootstrap 0: the worst-query interval is the pivot alone; aggregate and frequency have none', () => {
    const p = gumbelProbabilities(2000, 2);
    const result = fitted(
      forecastBehavior(sample('x', p, new Array<number>(p.length).fill(0)), { ...options, bootstrap: 0, backtestSplits: 0 }),
    );
    expect(result.worstQueryRisk.intervalMethod).toBe('pivot');
    expect(result.worstQueryRisk.lower).toBeLessThan(result.worstQueryRisk.upper);
    expect(result.aggregateRisk.interval).toBeNull();
    expect(result.backtest).toBeNull();
  });
});
