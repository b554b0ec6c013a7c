import { createRng, type Rng } from '../numerics/random.js';
import { countAtOrAbove, countAtOrBelow } from '../numerics/sorted.js';
import { pivotLaw } from './pivot.js';
import { drawSplit, newSplit, scoreSplit } from './split-walk.js';
import { curvature, CURVATURE_NEEDS, GAP_NEEDS, TailRegression, topGap, type TailStatistic } from './tail-statistics.js';
import type { SelfCheckTest } from '../../domain/forecast.js';

/**
 * The law of the self-check's statistics when the tail is exactly Gumbel
 * (docs/method.md, "The self-check of the tail shape"), simulated once per
 * (t, m, backtest) from standard Gumbel samples with a fixed seed and cached,
 * like the pivot. Every statistic is location-scale invariant, so standard
 * Gumbels stand for every Gumbel tail.
 *
 * Only the top of each sample is drawn, lazily, as deep as the statistics
 * and the backtest splits reach (about t·m/fitSize positions): with E_(j) the
 * j-th smallest of m standard exponentials, ψ_(j) = −log E_(j) is the j-th
 * largest of m standard Gumbels (−log of a Gumbel's distribution function
 * is exponential), and Rényi's representation gives E_(j) = Σ_{i<j} Z_i/(m − i)
 * with i.i.d. standard exponential Z. Exact, with no truncation at a fixed
 * depth, and independent of m in cost.
 */

export const SELF_CHECK_TESTS: readonly SelfCheckTest[] = ['r2', 'topGap', 'curvature', 'backtestPit'];

/**
 * Null replicates R. The reported p-value is a share of R, so its Monte-Carlo
 * standard error is √(p(1 − p)/R): ±0.0034 at p = 0.05 with 4,000, and the
 * false-flag rate of the 5% rule is within about ±0.007 of 5% (two errors).
 */
export const SELF_CHECK_REPLICATES = 4_000;
/** Fixed, so every report is reproducible and independent of the `seed` input. */
const SELF_CHECK_SEED = 0x5e1f_c4ec;

export interface NullSpec {
  /** t */
  tailSize: number;
  /** m */
  queries: number;
  /** The backtest whose mean PIT is a statistic: fit on `fitSize`, `splits` splits; null when it does not run. */
  backtest: { fitSize: number; splits: number } | null;
}

export interface NullLaw {
  replicates: number;
  /** Null r² of the t-point fit, ascending. */
  r2: Float64Array;
  /** Null mean PIT of the backtest, ascending; null without a backtest. */
  pit: Float64Array | null;
  /** Each replicate's p-value per test (its own statistic scored like the user's); null where a test cannot run at this m. */
  pValues: Record<SelfCheckTest, Float64Array | null>;
}

/** The largest m-independent walk the simulation takes on: R·splits walks of about t·m/fitSize positions each. */
export const MAX_PIT_TAIL_SIZE = 100;

/** Lazily drawn top of m standard Gumbels, descending: `ensure(j)` makes ψ_(1..j) available in `psi`. */
export class TopGumbels {
  psi = new Float64Array(64);
  private drawn = 0;
  private cumulative = 0;
  constructor(
    private readonly queries: number,
    private readonly rng: Rng,
  ) {}

  reset(): void {
    this.drawn = 0;
    this.cumulative = 0;
  }

  /** Makes ψ_(1..count) available (count ≤ m). */
  ensure(count: number): void {
    if (count > this.psi.length) {
      const grown = new Float64Array(Math.max(count, 2 * this.psi.length));
      grown.set(this.psi.subarray(0, this.drawn));
      this.psi = grown;
    }
    while (this.drawn < count) {
      let u = this.rng.next();
      while (u === 0) u = this.rng.next();
      this.cumulative += -Math.log(u) / (this.queries - this.drawn);
      this.psi[this.drawn] = -Math.log(this.cumulative);
      this.drawn += 1;
    }
  }
}

const cache = new Map<string, NullLaw>();
const CACHE_SIZE = 32;

/** The null law at `spec`, simulated with the fixed seed and cached. */
export function selfCheckNull(spec: NullSpec, replicates: number = SELF_CHECK_REPLICATES): NullLaw {
  const bt = spec.backtest;
  const key = `${spec.tailSize}|${spec.queries}|${bt === null ? '-' : `${bt.fitSize}|${bt.splits}`}|${replicates}`;
  const known = cache.get(key);
  if (known) return known;
  const law = simulate(spec, replicates, createRng(SELF_CHECK_SEED));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, law);
  return law;
}

function simulate(spec: NullSpec, replicates: number, rng: Rng): NullLaw {
  const { tailSize: t, queries: m, backtest: bt } = spec;
  if (!(Number.isInteger(t) && t >= 3 && Number.isInteger(m) && m >= t)) {
    throw new RangeError(`self-check null: need a tail size ≥ 3 and an eval size ≥ it, got t = ${t}, m = ${m}`);
  }
  if (bt !== null && !(bt.splits >= 1 && t <= bt.fitSize && bt.fitSize < m && t <= MAX_PIT_TAIL_SIZE)) {
    throw new RangeError(
      `self-check null: the backtest needs t ≤ ${MAX_PIT_TAIL_SIZE}, t ≤ fit size < m and a split, got t = ${t}, ${bt.fitSize} of ${m}, ${bt.splits} splits`,
    );
  }
  const top = new TopGumbels(m, rng);
  const full = new TailRegression(t, m);
  const r2 = new Float64Array(replicates);
  const gap = m >= GAP_NEEDS ? new Float64Array(replicates) : null;
  const curve = m >= CURVATURE_NEEDS ? new Float64Array(replicates) : null;
  const pit = bt === null ? null : new Float64Array(replicates);
  const depth = Math.min(m, Math.max(t, curve ? CURVATURE_NEEDS : gap ? GAP_NEEDS : 0));

  const sub = bt === null ? null : new TailRegression(t, bt.fitSize);
  const law = bt === null ? null : pivotLaw({ tailSize: t, queries: bt.fitSize, volume: m - bt.fitSize });
  const split = newSplit(t);
  const scratch = new Float64Array(t);
  const score = { centre: NaN, pivot: NaN };

  for (let r = 0; r < replicates; r++) {
    top.reset();
    top.ensure(depth);
    // Distinct continuous scores: the fit always succeeds.
    full.fit(top.psi);
    r2[r] = full.r2;
    // Continuous scores never tie; a tie would count as no evidence (p = 1).
    if (gap) gap[r] = pValueOf(topGap(top.psi));
    if (curve) curve[r] = pValueOf(curvature(top.psi));
    if (pit && bt && sub && law) {
      let sum = 0;
      for (let s = 0; s < bt.splits; s++) {
        drawSplit(m, bt.fitSize, t, rng, split);
        top.ensure(Math.max(split.members[t - 1], split.rest) + 1);
        // Continuous scores: every split is usable.
        if (scoreSplit(top.psi, split, sub, m - bt.fitSize, scratch, score)) sum += law.cdf(score.pivot);
      }
      pit[r] = sum / bt.splits;
    }
  }

  const r2Sorted = r2.slice().sort();
  const pitSorted = pit === null ? null : pit.slice().sort();
  return {
    replicates,
    r2: r2Sorted,
    pit: pitSorted,
    pValues: {
      // A replicate's own p-value counts itself, as the user's counts itself among R + 1 (see `leftTail`).
      r2: r2.map((x) => countAtOrBelow(r2Sorted, x) / replicates),
      topGap: gap,
      curvature: curve,
      backtestPit: pit === null || pitSorted === null ? null : pit.map((x) => countAtOrAbove(pitSorted, x) / replicates),
    },
  };
}

function pValueOf(stat: TailStatistic): number {
  return stat.kind === 'ok' ? stat.pValue : 1;
}

/** P(null ≤ x), with the user's statistic counted as one more draw: (1 + #{≤ x})/(R + 1). */
export function leftTail(sorted: Float64Array, x: number): number {
  return (1 + countAtOrBelow(sorted, x)) / (sorted.length + 1);
}

/** P(null ≥ x), counted the same way. */
export function rightTail(sorted: Float64Array, x: number): number {
  return (1 + countAtOrAbove(sorted, x)) / (sorted.length + 1);
}

/**
 * The combined p-value: the share of null replicates whose smallest p-value
 * over the same tests is at or below the user's smallest, P_null(min p ≤ observed).
 */
export function combinedPValue(law: NullLaw, tests: readonly SelfCheckTest[], observedMin: number): number {
  const columns = tests.map((test) => {
    const column = law.pValues[test];
    if (column === null) throw new Error(`self-check: no null law for ${test} at this eval size (a bug in the caller)`);
    return column;
  });
  let count = 0;
  for (let r = 0; r < law.replicates; r++) {
    let min = 1;
    for (const column of columns) if (column[r] < min) min = column[r];
    if (min <= observedMin) count += 1;
  }
  return (1 + count) / (law.replicates + 1);
}
