import { beta, createRng, gamma, type Rng } from '../../../src/forecast/numerics/random.js';
import { drawTopGumbels, pivotLaw, PIVOT_REPLICATES } from '../../../src/forecast/uncertainty/pivot.js';
import { hybridInterval, pivotInterval } from '../../../src/forecast/uncertainty/prediction-interval.js';

/** Share of `xs` at or below x. */
const below = (xs: Float64Array, x: number): number => xs.reduce((n, v) => n + (v <= x ? 1 : 0), 0) / xs.length;
/** Four standard errors of a share q estimated from `count` independent draws. */
const fourSe = (q: number, count: number): number => 4 * Math.sqrt((q * (1 - q)) / count);
/** −log(−log q): the q-quantile of a standard Gumbel. */
const gumbelQuantile = (q: number): number => -Math.log(-Math.log(q));

describe('gamma and beta draws', () => {
  test.each([1, 3.5, 891])('Gamma(%p) has mean and variance equal to its shape', (shape) => {
    const rng = createRng(5);
    const count = 40_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < count; i++) {
      const x = gamma(rng, shape);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / count;
    const variance = sumSq / count - mean * mean;
    expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / count));
    // Var of the sample variance of a Gamma(k): (μ₄ − σ⁴)/count with μ₄ = 3k² + 6k.
    expect(Math.abs(variance - shape)).toBeLessThan(5 * Math.sqrt((2 * shape * shape + 6 * shape) / count));
  });

  test('Beta(10, 891) quantiles match scipy.stats.beta.ppf([0.05, 0.5, 0.95], 10, 891)', () => {
    // scipy 1.17: [0.00604025, 0.01073903, 0.01738525]
    const rng = createRng(9);
    const draws = Float64Array.from({ length: 40_000 }, () => beta(rng, 10, 891));
    for (const [q, x] of [
      [0.05, 0.00604025],
      [0.5, 0.01073903],
      [0.95, 0.01738525],
    ]) {
      expect(Math.abs(below(draws, x) - q)).toBeLessThan(fourSe(q, draws.length));
    }
  });

  test('shapes below 1 are refused rather than drawn wrongly', () => {
    expect(() => gamma(createRng(1), 0.5)).toThrow(/shape must be ≥ 1/);
  });
});

/**
 * drawTopGumbels as docs/method.md states it, written out plainly: V_(t) ~ Beta(t, m − t + 1), the t − 1
 * smaller survivals V_(t)·U sorted by the typed-array sort, ψ_(j) = −log(−log(1 − V_(j))). The product's
 * version sorts differently and must give the same bits from the same random numbers.
 */
function plainTopGumbels(t: number, m: number, rng: Rng): Float64Array {
  const out = new Float64Array(t);
  const vt = beta(rng, t, m - t + 1);
  for (let j = 0; j < t - 1; j++) out[j] = vt * rng.next();
  out[t - 1] = vt;
  out.subarray(0, t - 1).sort();
  for (let j = 0; j < t; j++) out[j] = -Math.log(-Math.log1p(-out[j]));
  return out;
}

describe('drawTopGumbels is bit-identical to the plain algorithm', () => {
  test.each([
    [3, 3],
    [3, 5],
    [10, 900],
    [10, 1_000_000],
    [40, 41],
    [41, 5000],
    [100, 100_000],
  ])('t = %p, m = %p: the same doubles and the same random numbers consumed, 2,000 draws', (t, m) => {
    const a = createRng(t * 7919 + m);
    const b = createRng(t * 7919 + m);
    const out = new Float64Array(t);
    let differing = 0;
    for (let r = 0; r < 2000; r++) {
      const want = plainTopGumbels(t, m, a);
      // One buffer reused, as the refits do.
      const got = drawTopGumbels(t, m, b, out);
      for (let j = 0; j < t; j++) if (!Object.is(got[j], want[j])) differing += 1;
    }
    expect(differing).toBe(0);
    expect(b.next()).toBe(a.next());
  });
});

describe('drawTopGumbels: the top t of m standard Gumbels without the other m − t', () => {
  const m = 900;
  const t = 10;
  const count = 20_000;
  const rng = createRng(17);
  const top1 = new Float64Array(count);
  const topT = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    const x = drawTopGumbels(t, m, rng);
    top1[r] = x[0];
    topT[r] = x[t - 1];
    // Descending within a draw.
    for (let j = 1; j < t; j++) if (!(x[j] <= x[j - 1])) throw new Error(`draw ${r} is not descending at ${j}`);
  }

  test('the largest follows the exact law of the max of m Gumbels: quantile log m − log(−log q)', () => {
    for (const q of [0.1, 0.5, 0.9]) {
      expect(Math.abs(below(top1, Math.log(m) + gumbelQuantile(q)) - q)).toBeLessThan(fourSe(q, count));
    }
  });

  test('the t-th largest follows P(fewer than t of m exceed x) = binom.cdf(t − 1, m, 1 − exp(−e^−x))', () => {
    // scipy: brentq on binom.cdf(9, 900, -expm1(-exp(-x))) - q, xtol 1e-14.
    for (const [q, x] of [
      [0.1, 4.143706707108141],
      [0.5, 4.528477180545683],
      [0.9, 4.969394539890916],
    ]) {
      expect(Math.abs(below(topT, x) - q)).toBeLessThan(fourSe(q, count));
    }
  });
});

describe('pivotLaw: quantiles of T = (M_n − Q̂)/β̂', () => {
  // Independent reference: numpy, 600,000 replicates of m full standard Gumbel samples, top t by sort, OLS,
  // and M from numpy's own gumbel(loc = log n). Its quantiles and their bootstrap standard errors:
  // (t, m, n) = (10, 900, 90,000): [-3.761, -0.842, 5.881], se [0.003, 0.0045, 0.017];
  // (10, 900, 900,000): [-5.056, -1.230, 7.262] (200,000 replicates).
  // Our R = 20,000 has 30× the variance: 4 of its standard errors are 0.07, 0.10 and 0.38.
  test.each([
    [90_000, [-3.761, -0.842, 5.881]],
    [900_000, [-5.056, -1.23, 7.262]],
  ])('t = 10, m = 900, n = %p matches numpy', (n, reference) => {
    const law = pivotLaw({ tailSize: 10, queries: 900, volume: n });
    const tolerance = [0.07, 0.1, 0.38];
    [0.05, 0.5, 0.95].forEach((q, i) => expect(Math.abs(law.quantile(q) - reference[i])).toBeLessThan(tolerance[i]));
  });

  test('is simulated once with a fixed seed: the same law whatever else ran, and its cdf inverts its quantiles', () => {
    const a = pivotLaw({ tailSize: 10, queries: 300, volume: 30_000 });
    const b = pivotLaw({ tailSize: 10, queries: 300, volume: 30_000 });
    expect(b).toBe(a);
    for (const q of [0.05, 0.5, 0.95]) expect(Math.abs(a.cdf(a.quantile(q)) - q)).toBeLessThanOrEqual(1 / PIVOT_REPLICATES);
  });

  test('refuses a tail larger than the eval and a volume below 1', () => {
    expect(() => pivotLaw({ tailSize: 10, queries: 9, volume: 100 })).toThrow(
      /eval size \(9\) must be a whole number ≥ the tail size \(10\)/,
    );
    expect(() => pivotLaw({ tailSize: 10, queries: 900, volume: 0.5 })).toThrow(/deployment volume must be ≥ 1/);
  });
});

describe('prediction intervals', () => {
  const spec = { tailSize: 10, queries: 900, volume: 90_000, confidence: 0.9 };

  test('the pivot interval is Q̂ + c·β̂ in ψ, and its width scales with β̂ = −1/a', () => {
    // a = −1, b = −log 900: survival 1/n at ψ = log(n) − log(900) = log 100, and β̂ = 1.
    const line = { slope: -1, intercept: -Math.log(900) };
    const interval = pivotInterval(line, spec);
    const law = pivotLaw(spec);
    expect(interval.psi.upper).toBeCloseTo(Math.log(100) + law.quantile(0.95), 12);
    expect(interval.psi.lower).toBeCloseTo(Math.log(100) + law.quantile(0.05), 12);
    expect(interval.upper).toBeCloseTo(Math.exp(-Math.exp(-interval.psi.upper)), 15);
    expect(interval.method).toBe('pivot');
    // Doubling β̂ (halving the slope) doubles the width in ψ.
    const wide = pivotInterval({ slope: -0.5, intercept: -Math.log(900) }, spec);
    expect(wide.psi.upper - wide.psi.lower).toBeCloseTo(2 * (interval.psi.upper - interval.psi.lower), 10);
  });

  test('hybrid: refits that all agree give the Gumbel prediction of the maximum, Q̂ + β̂·(−log(−log 0.95)), when wider', () => {
    // Pivot from a steep line (narrow); refits all equal to a flat line (β̂ = 4): their predictions are
    // Q̂_flat + 4·G, whose 95% quantile is Q̂_flat + 4·2.9702 (the standard Gumbel's).
    const pivot = pivotInterval({ slope: -10, intercept: -10 * Math.log(100) }, spec);
    // Q̂ = −(log n + b)/a = 3 for b = −3a − log n.
    const flat = { slope: -0.25, intercept: 0.75 - Math.log(90_000) };
    const refits = Array.from({ length: 20_000 }, () => flat);
    const hybrid = hybridInterval(pivot, refits, spec, createRng(3));
    expect(hybrid.method).toBe('pivot+bootstrap');
    expect(Math.abs(hybrid.psi.upper - (3 + 4 * gumbelQuantile(0.95)))).toBeLessThan(4 * 0.1);
    expect(hybrid.psi.lower).toBeLessThanOrEqual(pivot.psi.lower);
    // Refits narrower than the pivot leave it as it is.
    const narrow = Array.from({ length: 200 }, () => ({ slope: -100, intercept: 300 - Math.log(90_000) }));
    const kept = hybridInterval(pivotInterval({ slope: -1, intercept: -Math.log(900) }, spec), narrow, spec, createRng(3));
    expect(kept.psi.upper).toBe(pivotInterval({ slope: -1, intercept: -Math.log(900) }, spec).psi.upper);
  });
});
