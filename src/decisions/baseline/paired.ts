/**
 * The paired comparison of one behaviour with its baseline, when both sides
 * answered (mostly) the same queries (docs/method.md, "Comparing with a
 * baseline on the same queries").
 *
 * Two forecasts of the same queries move together: most of the noise of each
 * fit is which queries happened to be in the eval, and that is shared. One
 * query resample applied to both sides keeps the shared part out of the
 * difference. The decision is on the shift of the ψ forecast, Q̂_cur − Q̂_base
 * (the p ratio of two fits is far noisier, because the level itself swings by
 * orders of magnitude), and the ratio of the worst-query risks with its
 * interval is shown as the size of the move.
 *
 * Resampling draws |U| queries with replacement from the union U of both
 * sides' query ids; a query present on one side only counts on that side.
 * Each draw refits both tails by the paper's OLS. Hits are not resampled
 * binomially here: both sides' p̂ are taken as measured.
 */
import type { BehaviorSample } from '../../domain/observation.js';
import type { PairedComparison } from '../../domain/report.js';
import { elicitationScore, estimateProbability } from '../../forecast/elicitation.js';
import { binomial, createRng } from '../../forecast/numerics/random.js';
import { quantileSorted } from '../../forecast/uncertainty/pivot.js';

/** Share of the larger side's queries that must be shared for the paired rule (below it, the unpaired rule applies). */
export const MIN_SHARED_SHARE = 0.5;

export interface PairedSpec {
  tailSize: number;
  /** n. */
  deploymentVolume: number;
  /** Two-sided level of the ratio interval; the shift is judged at its lower end, (1 − confidence)/2. */
  confidence: number;
  resamples: number;
  seed: number;
}

/** One side, indexed into the union of query ids. */
interface Side {
  /** Capped p̂ of the side's queries with p̂ > 0, descending. */
  p: Float64Array;
  /** Union index of each entry of `p`. */
  at: Uint32Array;
  /** Union index of every query of the side (zeros included). */
  all: Uint32Array;
}

/**
 * The paired comparison, or why it does not apply (the caller then uses the
 * unpaired rule and says so). Deterministic for a given seed.
 */
export function pairedComparison(current: BehaviorSample, baseline: BehaviorSample, spec: PairedSpec): PairedComparison {
  const union = new Map<string, number>();
  const index = (id: string): number => {
    let i = union.get(id);
    if (i === undefined) {
      i = union.size;
      union.set(id, i);
    }
    return i;
  };
  const cur = side(current, index);
  const base = side(baseline, index);
  const shared = current.queryIds.length + baseline.queryIds.length - union.size;
  const larger = Math.max(current.queryIds.length, baseline.queryIds.length);
  const unpaired = (reason: string): PairedComparison => ({ paired: false, sharedQueries: shared, reason, ratio: null, shift: null });
  if (larger === 0 || shared < MIN_SHARED_SHARE * larger) {
    return unpaired(`the two runs share ${shared} of ${larger} query ids (the paired rule needs ${Math.round(MIN_SHARED_SHARE * 100)}%)`);
  }
  const t = spec.tailSize;
  const logN = Math.log(spec.deploymentVolume);
  const qCur = fitScore(cur.p, cur.all.length, t, logN);
  const qBase = fitScore(base.p, base.all.length, t, logN);
  if (qCur === null || qBase === null) {
    return unpaired(`${qCur === null ? 'the current' : 'the baseline'} tail has no fit, so there is no shift to resample`);
  }
  const draws = resample(cur, base, union.size, spec, logN);
  if (draws.shift.length < 2) return unpaired('too few resamples gave a fit on both sides');
  const tail = (1 - spec.confidence) / 2;
  const shift = draws.shift.sort();
  const ratio = draws.ratio.sort();
  // Share of resamples where the tail did not move up: below `tail` is the same as the tail-quantile of the shift being > 0.
  let notUp = 0;
  while (notUp < shift.length && shift[notUp] <= 0) notUp += 1;
  return {
    paired: true,
    sharedQueries: shared,
    reason: null,
    ratio: { estimate: scoreRatio(qCur, qBase), lower: quantileSorted(ratio, tail), upper: quantileSorted(ratio, 1 - tail) },
    shift: {
      estimate: qCur - qBase,
      lower: quantileSorted(shift, tail),
      upper: quantileSorted(shift, 1 - tail),
      notUp: notUp / shift.length,
      level: tail,
      up: notUp / shift.length < tail,
      resamples: shift.length,
      failures: draws.failures,
    },
  };
}

/**
 * Q_p(n) ratio of two ψ forecasts, exp(e^{−ψ_base} − e^{−ψ_cur}): from the
 * exponents, so a ratio of two tiny risks keeps its digits.
 */
export function scoreRatio(psiCur: number, psiBase: number): number {
  const r = Math.exp(Math.exp(-psiBase) - Math.exp(-psiCur));
  // Risks near the smallest double overflow the exponents; JSON holds no ∞, so the ratio is kept finite.
  if (Number.isNaN(r)) return 1;
  return Math.min(Math.max(r, RATIO_BOUND.min), RATIO_BOUND.max);
}

/** The ratio as reported: 1e-300 to 1e300 (the unpaired rule's floor is the same). */
const RATIO_BOUND = { min: 1e-300, max: 1e300 };

function side(sample: BehaviorSample, index: (id: string) => number): Side {
  const m = sample.queryIds.length;
  const all = new Uint32Array(m);
  const raw: { p: number; at: number }[] = [];
  for (let i = 0; i < m; i++) {
    all[i] = index(sample.queryIds[i]);
    const { p } = estimateProbability(sample.hits[i], sample.samples[i]);
    if (p > 0) raw.push({ p, at: all[i] });
  }
  raw.sort((x, y) => y.p - x.p || x.at - y.at);
  return { p: Float64Array.from(raw, (r) => r.p), at: Uint32Array.from(raw, (r) => r.at), all };
}

/**
 * Queries of a side whose copies are drawn one by one: the resample's top t
 * comes from them with overwhelming probability (the floor of 500, or 50·t,
 * is the one the bootstrap uses, forecast/uncertainty/bootstrap.ts).
 */
function candidates(s: Side, t: number): number {
  return Math.min(s.p.length, Math.max(500, 50 * t));
}

/**
 * Each resample draws |U| queries with replacement. Only the candidates'
 * copies are drawn one by one (how many land on them is binomial, and they
 * land uniformly); the rest of U enters only through how many draws fall on
 * each side, by conditional binomials over the queries shared, current-only
 * and baseline-only. Cost per resample O(candidates), independent of m.
 */
function resample(
  cur: Side,
  base: Side,
  size: number,
  spec: PairedSpec,
  logN: number,
): { shift: Float64Array; ratio: Float64Array; failures: number } {
  const t = spec.tailSize;
  const rng = createRng(spec.seed);
  // 1: current side, 2: baseline side, 3: both.
  const sides = new Uint8Array(size);
  for (const i of cur.all) sides[i] |= 1;
  for (const i of base.all) sides[i] |= 2;
  const slot = new Int32Array(size).fill(-1);
  const members: number[] = [];
  for (const s of [cur, base]) {
    for (let j = 0; j < candidates(s, t); j++) {
      if (slot[s.at[j]] === -1) {
        slot[s.at[j]] = members.length;
        members.push(s.at[j]);
      }
    }
  }
  const rest = { both: 0, cur: 0, base: 0 };
  for (let i = 0; i < size; i++) {
    if (slot[i] !== -1) continue;
    if (sides[i] === 3) rest.both += 1;
    else if (sides[i] === 1) rest.cur += 1;
    else rest.base += 1;
  }
  const copies = new Uint32Array(members.length);
  const shift: number[] = [];
  const ratio: number[] = [];
  const topCur = new Float64Array(t);
  const topBase = new Float64Array(t);
  let failures = 0;
  for (let r = 0; r < spec.resamples; r++) {
    copies.fill(0);
    const onMembers = binomial(rng, size, members.length / size);
    for (let k = 0; k < onMembers; k++) copies[Math.floor(rng.next() * members.length)] += 1;
    const others = size - onMembers;
    const restSize = size - members.length;
    const both = restSize === 0 ? 0 : binomial(rng, others, rest.both / restSize);
    const curOnly = rest.cur + rest.base === 0 ? 0 : binomial(rng, others - both, rest.cur / (rest.cur + rest.base));
    const baseOnly = others - both - curOnly;
    let mCur = both + curOnly;
    let mBase = both + baseOnly;
    for (let k = 0; k < members.length; k++) {
      if (sides[members[k]] & 1) mCur += copies[k];
      if (sides[members[k]] & 2) mBase += copies[k];
    }
    const a = refit(cur, copies, slot, mCur, topCur, t, logN);
    const b = refit(base, copies, slot, mBase, topBase, t, logN);
    if (a === null || b === null) {
      failures += 1;
      continue;
    }
    shift.push(a - b);
    ratio.push(scoreRatio(a, b));
  }
  return { shift: Float64Array.from(shift), ratio: Float64Array.from(ratio), failures };
}

/** The ψ forecast of one side under a resample's copies of the candidates, or null without a fit. */
function refit(s: Side, copies: Uint32Array, slot: Int32Array, m: number, top: Float64Array, t: number, logN: number): number | null {
  let filled = 0;
  const c = candidates(s, t);
  for (let j = 0; j < c && filled < t; j++) {
    for (let n = copies[slot[s.at[j]]]; n > 0 && filled < t; n--) top[filled++] = s.p[j];
  }
  if (filled < t) return null;
  return fitScore(top, m, t, logN);
}

/**
 * The paper's OLS of log(j/m) on ψ over the top t of `pDesc`, solved for
 * the ψ whose fitted survival is 1/n; null when the fit is degenerate (tied
 * scores, or a slope that is not negative).
 */
function fitScore(pDesc: Float64Array, m: number, t: number, logN: number): number | null {
  if (pDesc.length < t) return null;
  let sx = 0;
  let sy = 0;
  for (let j = 0; j < t; j++) {
    sx += elicitationScore(pDesc[j]);
    sy += Math.log((j + 1) / m);
  }
  const mx = sx / t;
  const my = sy / t;
  let sxx = 0;
  let sxy = 0;
  for (let j = 0; j < t; j++) {
    const dx = elicitationScore(pDesc[j]) - mx;
    sxx += dx * dx;
    sxy += dx * (Math.log((j + 1) / m) - my);
  }
  if (!(sxx > 0)) return null;
  const a = sxy / sxx;
  if (!(a < 0)) return null;
  const b = my - a * mx;
  return -(logN + b) / a;
}
