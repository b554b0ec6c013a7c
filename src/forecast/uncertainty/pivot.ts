import { beta, createRng, standardGumbel, type Rng } from '../numerics/random.js';
import { sortedCounter } from '../numerics/sorted.js';

/**
 * The calibrated prediction bound for the realised worst query
 * (docs/method.md, "The interval: a prediction bound for the worst query").
 *
 * The gate asks how bad the worst of n deployment queries will be, so the
 * interval must cover the realised maximum M_n of n queries, not only the
 * quantile Q_p(n). Under a Gumbel tail in ψ (the paper's model) the OLS fit is
 * location-scale equivariant, so
 *
 *     T = (M_n − Q̂) / β̂,   Q̂ = −(log n + b)/a,   β̂ = −1/a
 *
 * has a law that depends only on (t, m, n): the same for every eval whose
 * tail is Gumbel, whatever its level and scale. Its quantiles are simulated
 * once from standard Gumbel samples, with no data, and the interval is
 * [Q̂ + c_lo·β̂, Q̂ + c_hi·β̂] in ψ.
 */

/** What the law of T depends on. */
export interface PivotSpec {
  /** t, the number of top scores fitted. */
  tailSize: number;
  /** m, the evaluation set size. */
  queries: number;
  /** n, the deployment volume whose maximum is predicted. */
  volume: number;
}

/** R: 20,000 replicates put each quantile of T within about ±0.1 and a coverage within ±0.002. */
export const PIVOT_REPLICATES = 20_000;
/** Fixed, so the constants (and every report) are reproducible and independent of the `seed` input. */
const PIVOT_SEED = 0x7a11_6a7e;

/** The standard-Gumbel replicates one (t, m) needs: each refit's line and its Gumbel draw for the maximum. */
export interface PivotFits {
  tailSize: number;
  queries: number;
  slope: Float64Array;
  intercept: Float64Array;
  /** G_r, so that M°_r = log n + G_r is the maximum of n standard Gumbels at any n. */
  gumbel: Float64Array;
}

/** Up to this t, an insertion sort of the t − 1 uniforms beats the typed-array sort (t = 30: 80 ms against 95 for the pivot's refits; t = 100: 270 against 250). */
const INSERTION_SORT_MAX = 40;

/**
 * The top t of m standard Gumbels, descending, drawn without the other m − t.
 *
 * With V = 1 − F(X) the survival of a draw, the t-th smallest V_(t) of m
 * uniforms is Beta(t, m − t + 1), and given it the t − 1 smaller ones are
 * V_(t)·U with U sorted uniforms on (0, 1). Then ψ_(j) = −log(−log(1 − V_(j))),
 * with log1p because V_(j) is tiny. O(t log t), independent of m.
 */
export function drawTopGumbels(tailSize: number, queries: number, rng: Rng, out: Float64Array = new Float64Array(tailSize)): Float64Array {
  const t = tailSize;
  const vt = beta(rng, t, queries - t + 1);
  if (t <= INSERTION_SORT_MAX) {
    // Sorted as the draws arrive: for these non-negative, non-NaN values the order is the one
    // Float64Array.prototype.sort gives, without its call and a subarray per refit.
    for (let j = 0; j < t - 1; j++) {
      const u = vt * rng.next();
      let i = j;
      while (i > 0 && out[i - 1] > u) {
        out[i] = out[i - 1];
        i -= 1;
      }
      out[i] = u;
    }
  } else {
    for (let j = 0; j < t - 1; j++) out[j] = vt * rng.next();
    out.subarray(0, t - 1).sort();
  }
  out[t - 1] = vt;
  // Ascending survival is descending score.
  for (let j = 0; j < t; j++) out[j] = -Math.log(-Math.log1p(-out[j]));
  return out;
}

/**
 * R refits of the paper's OLS on the top t of m standard Gumbels, each with a
 * Gumbel draw G for the maximum. The law of T at any n follows from these:
 *
 *     T = (M° − Q̂°)/β̂° = −a·G − (a + 1)·log n − b,
 *
 * with M° = log n + G (the maximum of n standard Gumbels is exactly Gumbel
 * at location log n), Q̂° = −(log n + b)/a and β̂° = −1/a. So one simulation
 * per (t, m) serves every volume. Cost: R fits on t points, independent of m.
 */
function simulateFits(tailSize: number, queries: number, replicates: number, rng: Rng): PivotFits {
  checked({ tailSize, queries, volume: 1 });
  const t = tailSize;
  const fits: PivotFits = {
    tailSize,
    queries,
    slope: new Float64Array(replicates),
    intercept: new Float64Array(replicates),
    gumbel: new Float64Array(replicates),
  };
  // The fit's y-values log(j/m) are the same in every replicate: centre them once.
  const y = new Float64Array(t);
  let yMean = 0;
  for (let j = 0; j < t; j++) {
    y[j] = Math.log((j + 1) / queries);
    yMean += y[j] / t;
  }
  const x = new Float64Array(t);
  for (let r = 0; r < replicates; r++) {
    drawTopGumbels(t, queries, rng, x);
    let xMean = 0;
    for (let j = 0; j < t; j++) xMean += x[j] / t;
    let sxy = 0;
    let sxx = 0;
    for (let j = 0; j < t; j++) {
      const dx = x[j] - xMean;
      sxy += dx * (y[j] - yMean);
      sxx += dx * dx;
    }
    // Distinct continuous scores against increasing log-ranks: the slope is always negative.
    const a = sxy / sxx;
    fits.slope[r] = a;
    fits.intercept[r] = yMean - a * xMean;
    fits.gumbel[r] = standardGumbel(rng);
  }
  return fits;
}

/** The R draws of T at volume n, sorted ascending. */
function pivotDraws(fits: PivotFits, volume: number): Float64Array {
  checked({ tailSize: fits.tailSize, queries: fits.queries, volume });
  const logN = Math.log(volume);
  const out = new Float64Array(fits.slope.length);
  for (let r = 0; r < out.length; r++) {
    const a = fits.slope[r];
    out[r] = -a * fits.gumbel[r] - (a + 1) * logN - fits.intercept[r];
  }
  return out.sort();
}

function checked(spec: PivotSpec): PivotSpec {
  const { tailSize: t, queries: m, volume: n } = spec;
  if (!Number.isInteger(t) || t < 3) throw new RangeError(`pivot: the tail size must be a whole number ≥ 3, got ${t}`);
  if (!Number.isInteger(m) || m < t) throw new RangeError(`pivot: the eval size (${m}) must be a whole number ≥ the tail size (${t})`);
  if (!(n >= 1) || !Number.isFinite(n)) throw new RangeError(`pivot: the deployment volume must be ≥ 1, got ${n}`);
  return spec;
}

/** The simulated law of T: quantiles and the distribution function. */
export interface PivotLaw {
  spec: PivotSpec;
  /** The q-quantile of T (type 7, linear between order statistics, as numpy's default). */
  quantile(q: number): number;
  /** P(T ≤ x), the empirical distribution function of the draws. */
  cdf(x: number): number;
}

const fitCache = new Map<string, PivotFits>();
const lawCache = new Map<string, PivotLaw>();
/** Enough for every behaviour, chart volume and sampling plan of a large run; the oldest entry goes first. */
const CACHE_SIZE = 64;

/**
 * The law of T at (t, m, n), simulated with the fixed seed: one set of refits
 * per (t, m) and `replicates`, cached, and one sort per n.
 */
export function pivotLaw(spec: PivotSpec, replicates: number = PIVOT_REPLICATES): PivotLaw {
  checked(spec);
  const lawKey = `${spec.tailSize}|${spec.queries}|${spec.volume}|${replicates}`;
  const known = lawCache.get(lawKey);
  if (known) return known;
  const draws = pivotDraws(pivotFits(spec.tailSize, spec.queries, replicates), spec.volume);
  // Built on the first cdf call: most laws (chart volumes, plans) only give quantiles.
  let count: ((x: number) => number) | null = null;
  const law: PivotLaw = {
    spec: { ...spec },
    quantile: (q) => quantileSorted(draws, q),
    cdf: (x) => (count ??= sortedCounter(draws))(x) / draws.length,
  };
  remember(lawCache, lawKey, law);
  return law;
}

/** The standard-Gumbel refits at (t, m), simulated once with the fixed seed and cached (the law and the sampling plan share them). */
export function pivotFits(tailSize: number, queries: number, replicates: number = PIVOT_REPLICATES): PivotFits {
  const key = `${tailSize}|${queries}|${replicates}`;
  let fits = fitCache.get(key);
  if (!fits) {
    fits = simulateFits(tailSize, queries, replicates, createRng(PIVOT_SEED));
    remember(fitCache, key, fits);
  }
  return fits;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/** Type 7 quantile of sorted values (linear between order statistics, numpy's default). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
