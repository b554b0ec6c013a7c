import { createRng } from '../../../src/forecast/numerics/random.js';
import { combinedPValue, TopGumbels } from '../../../src/forecast/uncertainty/self-check-null.js';
import { selfCheck } from '../../../src/forecast/uncertainty/self-check.js';
import { drawSplit, newSplit } from '../../../src/forecast/uncertainty/split-walk.js';
import { curvature, fSurvival, hasTies, topGap, type TailStatistic } from '../../../src/forecast/uncertainty/tail-statistics.js';
import { mulberry32 } from '../../helpers/prng.js';

/** Share of `xs` at or below x. */
const below = (xs: ArrayLike<number>, x: number): number => Array.from(xs).filter((v) => v <= x).length / xs.length;
/** Four standard errors of a share q estimated from `count` independent draws. */
const fourSe = (q: number, count: number): number => 4 * Math.sqrt((q * (1 - q)) / count);

/**
 * The top 31 of an exponential sample, descending, built from its spacings:
 * ψ_(j) − ψ_(j+1) = Z_j / j with Z_j i.i.d. standard exponential (Rényi), so
 * D_j = j·(ψ_(j) − ψ_(j+1)) = Z_j exactly: the null the closed forms assume.
 */
function exponentialTop(rand: () => number, count = 31): Float64Array {
  const psi = new Float64Array(count);
  psi[count - 1] = 5;
  for (let j = count - 1; j >= 1; j--) psi[j - 1] = psi[j] - Math.log(1 - rand()) / j;
  return psi;
}

const valueOf = (stat: TailStatistic): number => (stat.kind === 'ok' ? stat.value : NaN);
const pValueOf = (stat: TailStatistic): number => (stat.kind === 'ok' ? stat.pValue : NaN);

/** ψ descending with prescribed spacings D_1.. (and a base of 0 at the bottom). */
function fromSpacings(d: number[]): Float64Array {
  const psi = new Float64Array(d.length + 1);
  for (let j = d.length; j >= 1; j--) psi[j - 1] = psi[j] + d[j - 1] / j;
  return psi;
}

describe('top gap g = D_1/(D_1 + … + D_10)', () => {
  test.each([
    // scipy.stats.beta.sf(g, 1, 9) for g = 0.05, 0.25, 0.5, 0.8:
    // 0.6302494097246094, 0.07508468627929688, 0.001953125, 5.11999999999999e-07
    [0.05, 0.6302494097246094],
    [0.25, 0.07508468627929688],
    [0.5, 0.001953125],
    [0.8, 5.11999999999999e-7],
  ])('g = %p has p = P(Beta(1, 9) ≥ g) = %p', (g, expected) => {
    // D_1 = 9g/(1 − g) and D_2..10 = 1 make D_1/ΣD = g.
    const gap = topGap(fromSpacings([(9 * g) / (1 - g), 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    if (gap.kind !== 'ok') throw new Error('gap');
    expect(gap.value).toBeCloseTo(g, 12);
    expect(Math.abs(gap.pValue - expected) / expected).toBeLessThan(1e-12);
  });

  test('is uniform on exponential spacings: P(p ≤ q) = q', () => {
    const rand = mulberry32(11);
    const p = Array.from({ length: 4000 }, () => pValueOf(topGap(exponentialTop(rand))));
    for (const q of [0.05, 0.5]) expect(Math.abs(below(p, q) - q)).toBeLessThan(fourSe(q, p.length));
  });

  test('a top that ties with the rest has no gap to measure', () => {
    expect(topGap(new Float64Array(11).fill(1))).toEqual({ kind: 'tied', reason: 'the top 11 scores all tie' });
    expect(curvature(new Float64Array(31).fill(1))).toEqual({ kind: 'tied', reason: 'the 21 scores below the top 10 all tie' });
  });
});

describe('curvature mean(D_1..10)/mean(D_11..30) and the F(20, 40) law', () => {
  test.each([
    // scipy.stats.f.sf(x, 20, 40) for x = 0.5, 1, 1.5, 2, 3, 5
    [0.5, 0.9507364826957874],
    [1, 0.4827494366426822],
    [1.5, 0.1353508351817121],
    [2, 0.03071417286992073],
    [3, 0.0015222221730871112],
    [5, 7.642245404814516e-6],
  ])('fSurvival(%p, 20, 40) = scipy.stats.f.sf = %p', (x, expected) => {
    expect(Math.abs(fSurvival(x, 20, 40) - expected) / expected).toBeLessThan(1e-10);
  });

  test('the ratio on exponential spacings has the F(20, 40) quantiles (scipy.stats.f.ppf)', () => {
    // scipy.stats.f.ppf([0.5, 0.9, 0.95], 20, 40) = [0.98322627, 1.60515147, 1.83885935]
    const rand = mulberry32(12);
    const ratios = Array.from({ length: 4000 }, () => valueOf(curvature(exponentialTop(rand))));
    for (const [q, x] of [
      [0.5, 0.98322627],
      [0.9, 1.60515147],
      [0.95, 1.83885935],
    ]) {
      expect(Math.abs(below(ratios, x) - q)).toBeLessThan(fourSe(q, ratios.length));
    }
  });

  test('the ratio of a hand-made top: D_1..10 = 3, D_11..30 = 1 gives 3', () => {
    const c = curvature(fromSpacings([...new Array<number>(10).fill(3), ...new Array<number>(20).fill(1)]));
    expect(valueOf(c)).toBeCloseTo(3, 12);
    expect(pValueOf(c)).toBeCloseTo(0.0015222221730871112, 12);
  });
});

describe('the top of m standard Gumbels, drawn lazily', () => {
  // Same reference as the pivot's test: the t-th largest of m = 900 has P(X ≤ x) = binom.cdf(t − 1, m, 1 − exp(−e^−x)),
  // at t = 10 the 10/50/90% points are 4.143706707108141, 4.528477180545683, 4.969394539890916 (scipy brentq).
  test('the largest and the 10th largest of 900 follow their exact laws', () => {
    const top = new TopGumbels(900, createRng(21));
    const first: number[] = [];
    const tenth: number[] = [];
    for (let r = 0; r < 8000; r++) {
      top.reset();
      top.ensure(10);
      first.push(top.psi[0]);
      tenth.push(top.psi[9]);
    }
    // The max of m standard Gumbels is Gumbel at log m: its q-point is log 900 − log(−log q).
    for (const q of [0.1, 0.5, 0.9])
      expect(Math.abs(below(first, Math.log(900) - Math.log(-Math.log(q))) - q)).toBeLessThan(fourSe(q, 8000));
    for (const [q, x] of [
      [0.1, 4.143706707108141],
      [0.5, 4.528477180545683],
      [0.9, 4.969394539890916],
    ]) {
      expect(Math.abs(below(tenth, x) - q)).toBeLessThan(fourSe(q, 8000));
    }
  });
});

describe('drawSplit: a uniform subset seen from the top', () => {
  test('the t-th member and the rest’s first position have their exact laws (m = 30, subset 6, t = 3)', () => {
    // P(3rd member at position k) = C(k, 2)·C(29 − k, 3)/C(30, 6), by hand with math.comb:
    // k = 2: 0.0049261083743842365, 5: 0.034086985811123745, 8: 0.06271735926908341, 11: 0.07558418592901352.
    const rng = createRng(4);
    const split = newSplit(3);
    const count = 20_000;
    const third = new Map<number, number>();
    let restFirst = 0;
    let malformed = 0;
    for (let r = 0; r < count; r++) {
      drawSplit(30, 6, 3, rng, split);
      third.set(split.members[2], (third.get(split.members[2]) ?? 0) + 1);
      if (split.rest === 0) restFirst += 1;
      // Members ascending, the rest's first position never a member.
      const [a, b, c] = split.members;
      if (!(a < b && b < c) || split.rest === a || split.rest === b || split.rest === c) malformed += 1;
    }
    expect(malformed).toBe(0);
    for (const [k, p] of [
      [2, 0.0049261083743842365],
      [5, 0.034086985811123745],
      [8, 0.06271735926908341],
      [11, 0.07558418592901352],
    ]) {
      expect(Math.abs((third.get(k) ?? 0) / count - p)).toBeLessThan(fourSe(p, count));
    }
    // The top query is outside a subset of 6 of 30 with probability 24/30.
    expect(Math.abs(restFirst / count - 0.8)).toBeLessThan(fourSe(0.8, count));
  });
});

describe('the null law and the combined p-value', () => {
  // The simulated law's own figures (the 5% point of the smallest p-value, against an independent numpy
  // figure of 0.017, and the mean null PIT of ½) are Monte-Carlo figures: bench/self-check.mjs prints them.

  test('combined p: the share of replicates whose smallest p over the same tests is at or below the observed one, counted with it', () => {
    const law = {
      replicates: 4,
      r2: new Float64Array(),
      pit: null,
      pValues: {
        r2: Float64Array.of(0.5, 0.01, 0.2, 0.9),
        topGap: Float64Array.of(0.03, 0.5, 0.6, 0.7),
        curvature: null,
        backtestPit: null,
      },
    };
    // Replicate minima over {r2, topGap}: 0.03, 0.01, 0.2, 0.7 → two at or below 0.03: (1 + 2)/(4 + 1).
    expect(combinedPValue(law, ['r2', 'topGap'], 0.03)).toBeCloseTo(3 / 5, 15);
    // Over r2 alone: 0.5, 0.01, 0.2, 0.9 → one: (1 + 1)/5.
    expect(combinedPValue(law, ['r2'], 0.03)).toBeCloseTo(2 / 5, 15);
    expect(() => combinedPValue(law, ['curvature'], 0.03)).toThrow(/no null law for curvature/);
  });
});

describe('selfCheck: which tests run', () => {
  const noBacktest = { skipped: 'the backtest is off' };

  test('ties among the top 31 p̂ skip r², the top gap and the curvature; the backtest PIT still runs', () => {
    // Scores of hits of k = 100: p̂ = h/100 with repeats, 31 nonzero of 400.
    const p = [0.2, 0.15, 0.12, 0.12, 0.1, 0.1, 0.09, 0.08, 0.08, 0.07, ...new Array<number>(21).fill(0.05)];
    const psiDesc = Float64Array.from([...p, ...new Array<number>(369).fill(0)], (x) => -Math.log(-Math.log(x)));
    expect(hasTies(psiDesc, 31)).toBe(true);
    const check = selfCheck({ psiDesc, nonzero: 31, tailSize: 10, r2: 0.9, backtest: { meanPit: 0.5, fitSize: 40, splits: 20 } }, 200);
    expect(check.skipped.map((s) => s.test)).toEqual(['r2', 'topGap', 'curvature']);
    expect(check.skipped[0].reason).toMatch(/some of the top 31 p̂ are equal/);
    expect(Object.keys(check.tests)).toEqual(['backtestPit']);
    expect(check.pValue).not.toBeNull();
  });

  test('fewer than 31 nonzero queries skip the curvature and fewer than 11 the top gap, saying how many there are', () => {
    const rand = mulberry32(8);
    const scores = (nonzero: number, m: number): Float64Array => {
      const psi = Array.from({ length: nonzero }, () => -Math.log(-Math.log(rand()))).sort((a, b) => b - a);
      return Float64Array.from([...psi, ...new Array<number>(m - nonzero).fill(-Infinity)]);
    };
    const some = selfCheck({ psiDesc: scores(20, 100), nonzero: 20, tailSize: 10, r2: 0.95, backtest: noBacktest }, 200);
    expect(some.skipped).toEqual([
      { test: 'curvature', reason: 'needs 31 queries with p̂ > 0, has 20' },
      { test: 'backtestPit', reason: 'the backtest is off' },
    ]);
    expect(Object.keys(some.tests)).toEqual(['r2', 'topGap']);
    const few = selfCheck({ psiDesc: scores(10, 100), nonzero: 10, tailSize: 10, r2: 0.95, backtest: noBacktest }, 200);
    expect(few.skipped.map((s) => s.reason)).toContain('needs 11 queries with p̂ > 0, has 10');
    expect(Object.keys(few.tests)).toEqual(['r2']);
  });

  test('with no test left there is no p-value and no flag', () => {
    const psiDesc = Float64Array.from([3, 3, 2, 2, 1, 1, 1, 0.5, 0.5, 0.2, -Infinity, -Infinity]);
    const check = selfCheck({ psiDesc, nonzero: 10, tailSize: 10, r2: 0.8, backtest: noBacktest }, 200);
    expect(check).toMatchObject({ pValue: null, flagged: false, tests: {} });
  });
});
