import { describe, expect, it } from '@jest/globals';
import { errorSummary, worstCaseSample } from '../../src/forecast/errors.js';
import { forecastBehavior } from '../../src/forecast/forecast-behavior.js';
import type { ForecastOptions } from '../../src/domain/forecast.js';
import { withWorstCase } from '../../src/forecast/worst-case.js';
import type { BehaviorSample, ErroredSamples } from '../../src/domain/observation.js';

const OPTS: ForecastOptions = {
  deploymentVolume: 1e4,
  tailSize: 10,
  confidence: 0.9,
  bootstrap: 0,
  seed: 1,
  tau: 0.5,
  backtestSplits: 0,
  backtestRatio: 10,
};

/** 200 queries of k = 100: 15 with hits, the rest none. */
const HITS = [20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 2, 1, 1, 1, ...new Array<number>(185).fill(0)];

function sample(errors: Partial<ErroredSamples>, samples = HITS.map(() => 100)): BehaviorSample {
  return {
    name: 'b',
    queryIds: HITS.map((_, i) => `q${i}`),
    hits: Float64Array.from(HITS),
    samples: Float64Array.from(samples),
    rows: HITS.length,
    duplicates: 0,
    exclusions: {},
    errors: { samples: 0, judged: 20_000, byReason: {}, queryIds: [], counts: new Float64Array(0), ...errors },
  };
}

/** q0 has 5 errored samples, q20 has 10, and query x (never judged) 4: 19 in all. */
const ERRORS: Partial<ErroredSamples> = {
  samples: 19,
  byReason: { 'sample-error': { samples: 19, queries: 3 } },
  queryIds: ['q0', 'q20', 'x'],
  counts: Float64Array.from([5, 10, 4]),
};

describe('errorSummary', () => {
  it('share = errored / (errored + judged), with the queries affected', () => {
    const e = errorSummary(sample(ERRORS));
    // 19 / (19 + 20,000) by hand.
    expect(e).toEqual({
      samples: 19,
      queries: 3,
      judged: 20_000,
      share: 19 / 20_019,
      byReason: { 'sample-error': { samples: 19, queries: 3 } },
      worstCase: null,
    });
  });

  it('is 0 with nothing attempted, and 1 when every sample errored', () => {
    expect(errorSummary(sample({ judged: 0 })).share).toBe(0);
    expect(errorSummary(sample({ samples: 7, judged: 0, queryIds: ['x'], counts: Float64Array.from([7]) })).share).toBe(1);
  });
});

describe('worstCaseSample', () => {
  it('adds each errored sample as a hit of its query; a query with only errors joins with h = k', () => {
    const w = worstCaseSample(sample(ERRORS));
    if (w === undefined) throw new Error('expected a worst case');
    expect(w.queryIds).toHaveLength(201);
    expect(w.queryIds[200]).toBe('x');
    // By hand: q0 20 + 5 of 105, q20 0 + 10 of 110, x 4 of 4; the rest unchanged.
    expect([w.hits[0], w.samples[0]]).toEqual([25, 105]);
    expect([w.hits[20], w.samples[20]]).toEqual([10, 110]);
    expect([w.hits[200], w.samples[200]]).toEqual([4, 4]);
    expect([w.hits[1], w.samples[1]]).toEqual([15, 100]);
    expect(w.errors.samples).toBe(0);
  });

  it('is undefined without errors placed in a query, and for given probabilities (no h and k to add to)', () => {
    expect(worstCaseSample(sample({}))).toBeUndefined();
    expect(worstCaseSample(sample({ samples: 3, byReason: { error: { samples: 3, queries: 0 } } }))).toBeUndefined();
    const given = HITS.map(() => 0);
    expect(worstCaseSample(sample(ERRORS, given))).toBeUndefined();
  });
});

describe('withWorstCase', () => {
  it('forecasts the worst case with the same method: numpy reference', () => {
    // numpy, the recipe of docs/method.md (p̂ = h/k, capped at 1 − 1/(2k); top t = 10 ψ; OLS of log(j/m) on ψ; n = 1e4):
    //   reported (m = 200):   a = -2.9704632644253146, b = -6.5093033282995405, Q = 0.6684412329475894
    //   worst case (m = 201): a = -0.6826797235097294, b = -4.167277293724198,  Q = 0.9993810386353866
    const s = sample(ERRORS);
    const f = withWorstCase(forecastBehavior(s, OPTS), s, OPTS);
    if (f.outcome !== 'forecast') throw new Error(`expected a forecast, got ${f.outcome}`);
    expect(f.worstQueryRisk.forecast).toBeCloseTo(0.6684412329475894, 12);
    const w = f.errors.worstCase;
    if (w === null) throw new Error('expected a worst case');
    expect(w.outcome).toBe('forecast');
    expect(w.queries).toBe(201);
    expect(w.worstQueryRisk).toBeCloseTo(0.9993810386353866, 12);
    // x: 4 of 4, uncapped (the cap only enters the fit).
    expect(w.observedMax).toBe(1);
    expect(w.reason).toBeNull();
    // The reported forecast and the counts stay as they were.
    expect(f.errors.samples).toBe(19);
  });

  it('leaves a behaviour without errors alone', () => {
    const s = sample({});
    const f = forecastBehavior(s, OPTS);
    expect(withWorstCase(f, s, OPTS)).toBe(f);
  });

  it('reports a worst case without a fit, and why', () => {
    // Only 3 nonzero queries: neither side can fit a tail of 10.
    const few = { ...sample(ERRORS), hits: Float64Array.from(HITS.map((h, i) => (i < 2 ? h : 0))) };
    const w = withWorstCase(forecastBehavior(few, OPTS), few, OPTS).errors.worstCase;
    expect(w?.outcome).toBe('insufficient');
    expect(w?.worstQueryRisk).toBeNull();
    expect(w?.reason).toMatch(/nonzero|queries/);
  });
});
