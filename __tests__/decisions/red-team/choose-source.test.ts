/**
 * Red-teamer choice (paper §6), validated with the paper's protocol on
 * synthetic sources whose tails are known exactly.
 *
 * Each source draws elicitation scores ψ = c + E/λ with E ~ Exp(1): an exact
 * exponential tail in ψ, which is what the Gumbel-tail method fits (log S is
 * linear in ψ with slope −λ). The closed-form top-1/n quantile is then
 * ψ_n = c + ln(n)/λ and Q(n) = exp(−exp(−ψ_n)): the truth at any budget.
 */
import { describe, expect, test } from '@jest/globals';
import { chooseSource } from '../../../src/decisions/red-team/choose-source.js';
import { queriesBought } from '../../../src/config/queries-bought.js';
import type { ForecastOptions } from '../../../src/domain/forecast.js';
import type { BehaviorSample } from '../../../src/domain/observation.js';
import { mulberry32 } from '../../helpers/prng.js';

/** m given probabilities with ψ = c + E/λ (test generator independent of src/forecast/numerics/random.ts). */
function exponentialTail(name: string, m: number, c: number, lambda: number, seed: number): BehaviorSample {
  const u = mulberry32(seed);
  const p = Array.from({ length: m }, () => Math.exp(-Math.exp(-(c - Math.log(1 - u()) / lambda))));
  return {
    name,
    queryIds: p.map((_, i) => `q${i}`),
    hits: Float64Array.from(p),
    samples: new Float64Array(m),
    rows: m,
    duplicates: 0,
    exclusions: {},
    errors: { samples: 0, judged: m, byReason: {}, queryIds: [], counts: new Float64Array(0) },
  };
}

/** Closed-form top-1/n quantile of the source's p. */
function truth(c: number, lambda: number, n: number): number {
  return Math.exp(-Math.exp(-(c + Math.log(n) / lambda)));
}

const options =
  (bootstrap: number, seed = 1) =>
  (_behavior: string, n: number): ForecastOptions => ({
    deploymentVolume: n,
    tailSize: 10,
    confidence: 0.9,
    bootstrap,
    seed,
    tau: 0.5,
    backtestSplits: 0,
    backtestRatio: 10,
  });

/**
 * The paper's Sonnet vs 10× more Haiku queries. "sonnet" (cost 10) has the
 * higher maximum on an eval of m = 1000 but a thin tail (λ = 4); "haiku"
 * (cost 1) has a lower maximum but a heavy tail (λ = 1.5). Budget 100,000:
 * sonnet buys 10,000 queries, haiku 100,000.
 * At m = 1000: ψ_sonnet = −2.82 + ln(1000)/4 = −1.093, ψ_haiku = −6.70 + ln(1000)/1.5 = −2.095,
 * so sonnet's largest p is higher (0.051 vs 3.0e-4 in expectation).
 * At the budget: ψ_sonnet(1e4) = −0.517 → Q = 0.187; ψ_haiku(1e5) = 0.975 → Q = 0.686: haiku is the right choice.
 */
const SONNET = { c: -2.82, lambda: 4, cost: 10 };
const HAIKU = { c: -6.7, lambda: 1.5, cost: 1 };
const BUDGET = 100_000;
const M = 1000;

describe('chooseSource: the paper protocol on known tails', () => {
  test('the closed-form truth prefers haiku at the budget, though sonnet has the higher maximum now', () => {
    expect(truth(SONNET.c, SONNET.lambda, queriesBought(BUDGET, SONNET.cost))).toBeCloseTo(0.1868, 4);
    expect(truth(HAIKU.c, HAIKU.lambda, queriesBought(BUDGET, HAIKU.cost))).toBeCloseTo(0.6859, 4);
    expect(truth(SONNET.c, SONNET.lambda, M)).toBeGreaterThan(truth(HAIKU.c, HAIKU.lambda, M));
  });

  // How often the choice is right over many seeds (reference 86.7%), how often "the higher maximum now"
  // misleads, and whether two identical sources overlap, are Monte-Carlo studies: bench/source-choice.mjs.
});

describe('chooseSource: ranking and bookkeeping', () => {
  const result = chooseSource(
    [
      {
        name: 'cheap',
        costPerQuery: 0.1,
        samples: [exponentialTail('harm', 500, HAIKU.c, HAIKU.lambda, 7), exponentialTail('leak', 500, -3, 3, 8)],
      },
      { name: 'dear', costPerQuery: 3, samples: [exponentialTail('harm', 500, SONNET.c, SONNET.lambda, 9)] },
    ],
    { budget: 1000, confidence: 0.9, options: options(100) },
  );

  test('n_s = floor(budget / cost) for each source', () => {
    expect(result.sources).toEqual([
      { name: 'cheap', costPerQuery: 0.1, queriesBought: 10_000 },
      { name: 'dear', costPerQuery: 3, queriesBought: 333 },
    ]);
  });

  test('one choice per behaviour, sorted by name; a source without the behaviour is listed last, unranked', () => {
    expect(result.behaviors.map((b) => b.behavior)).toEqual(['harm', 'leak']);
    const leak = result.behaviors[1];
    expect(leak.ranking.map((s) => [s.source, s.rank, s.outcome])).toEqual([
      ['cheap', 1, 'forecast'],
      ['dear', null, 'insufficient'],
    ]);
    expect(leak.ranking[1].reason).toBe('no queries of this behaviour in its results');
    expect(leak).toMatchObject({ best: 'cheap', runnerUp: null, separation: 'unknown' });
  });

  test('ranks by the forecast at each n_s, highest first, each within its interval', () => {
    const harm = result.behaviors[0];
    const [first, second] = harm.ranking;
    expect(first.rank).toBe(1);
    expect(second.rank).toBe(2);
    expect(first.forecast).toBeGreaterThan(second.forecast ?? 1);
    for (const s of harm.ranking) {
      expect(s.lower).not.toBeNull();
      expect(s.lower ?? 2).toBeLessThanOrEqual(s.forecast ?? -1);
      expect(s.forecast ?? 2).toBeLessThanOrEqual(s.upper ?? -1);
    }
  });

  test('best-source is the common best of every behaviour, or null when they differ', () => {
    // cheap is best for leak (the only one with it); for harm the heavy tail at 30× the queries should win too.
    expect(result.behaviors[0].best).toBe('cheap');
    expect(result.bestSource).toBe('cheap');
    const split = chooseSource(
      [
        { name: 'x', costPerQuery: 1, samples: [exponentialTail('harm', 500, -3, 3, 1)] },
        { name: 'y', costPerQuery: 1, samples: [exponentialTail('leak', 500, -3, 3, 2)] },
      ],
      { budget: 1000, confidence: 0.9, options: options(0) },
    );
    expect(split.behaviors.map((b) => b.best)).toEqual(['x', 'y']);
    expect(split.bestSource).toBeNull();
  });

  test('`behavior` restricts the choice to one behaviour', () => {
    const only = chooseSource(
      [
        { name: 'x', costPerQuery: 1, samples: [exponentialTail('harm', 500, -3, 3, 1), exponentialTail('leak', 500, -3, 3, 3)] },
        { name: 'y', costPerQuery: 1, samples: [exponentialTail('leak', 500, -3, 3, 2)] },
      ],
      { budget: 1000, behavior: 'harm', confidence: 0.9, options: options(0) },
    );
    expect(only.behaviors.map((b) => b.behavior)).toEqual(['harm']);
    expect(only.bestSource).toBe('x');
    // Without bootstrap intervals nothing can be said about separation.
    expect(only.behaviors[0].separation).toBe('unknown');
  });

  test('a source too small to fit is unranked with its reason, not dropped', () => {
    const tiny = exponentialTail('harm', 5, -3, 3, 4);
    const r = chooseSource(
      [
        { name: 'tiny', costPerQuery: 1, samples: [tiny] },
        { name: 'big', costPerQuery: 1, samples: [exponentialTail('harm', 500, -3, 3, 5)] },
      ],
      { budget: 1000, confidence: 0.9, options: options(0) },
    );
    expect(r.behaviors[0].ranking.map((s) => [s.source, s.rank, s.outcome])).toEqual([
      ['big', 1, 'forecast'],
      ['tiny', null, 'insufficient'],
    ]);
    expect(r.bestSource).toBe('big');
  });
});

describe('queriesBought', () => {
  test('floors the quotient, treating a decimal that rounds just below a whole number as that number', () => {
    expect(queriesBought(1000, 3)).toBe(333);
    // In doubles 7 / 0.07 = 99.99999999999999, 4.35 / 0.01 = 434.99999999999994, 0.3 / 0.1 = 2.9999999999999996.
    expect(7 / 0.07).toBeLessThan(100);
    expect(queriesBought(7, 0.07)).toBe(100);
    expect(queriesBought(4.35, 0.01)).toBe(435);
    expect(queriesBought(0.3, 0.1)).toBe(3);
    expect(queriesBought(1000, 0.1)).toBe(10_000);
    expect(queriesBought(1, 3)).toBe(0);
    expect(queriesBought(5, 5)).toBe(1);
    // A real remainder is floored even for big quotients: (1e12 + 0.9) would not round up.
    expect(queriesBought(1e12 + 0.5, 1)).toBe(1e12);
  });

  test('refuses a non-positive or non-finite budget or cost', () => {
    expect(() => queriesBought(0, 1)).toThrow(RangeError);
    expect(() => queriesBought(1, 0)).toThrow(RangeError);
    expect(() => queriesBought(Infinity, 1)).toThrow(RangeError);
  });
});
