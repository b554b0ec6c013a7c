import { median } from 'simple-statistics';
import { probabilityFromScore } from '../elicitation.js';
import type { Rng } from '../numerics/random.js';
import type { BacktestResult } from '../../domain/forecast.js';
import { pivotLaw } from './pivot.js';
import { drawSplit, newSplit, scoreSplit } from './split-walk.js';
import { TailRegression } from './tail-statistics.js';

export interface BacktestSpec {
  tailSize: number;
  /** Usable splits wanted. */
  splits: number;
  /** r: fit on ⌊m/r⌋ queries, forecast the max of the rest. */
  ratio: number;
  confidence: number;
}

/** Draws per usable split before giving up: unusable ones (a subset top with p̂ = 0, ties) are redrawn. */
const ATTEMPTS_PER_SPLIT = 3;

/**
 * The backtest on the user's own eval set (docs/method.md, "The self-check
 * of the tail shape"; the paper's own protocol is fit on 900, forecast
 * 90,000).
 *
 * Each split fits the Gumbel tail on a random ⌊m/r⌋ queries and predicts
 * the worst of the other n′ = m − ⌊m/r⌋ with the pivot at (t, ⌊m/r⌋, n′).
 * Recorded per split: the error of the paper's forecast, log10(Q_p(n′) /
 * realised max p̂); whether the realised max is at or below the pivot's upper
 * end; and its PIT, the pivot's distribution function at
 * T = (ψ_rest − Q̂)/β̂, which is uniform when the tail is Gumbel. The mean
 * PIT is one of the self-check's statistics.
 *
 * Splits are drawn until `splits` are usable (the subset's top t all have
 * p̂ > 0 and do not all tie, and the rest has a hit), at most three times as
 * many; the unusable ones are counted as skipped.
 *
 * `pDesc` and `psiDesc` hold p̂ and ψ of all m queries, descending (ψ = −∞
 * for p̂ = 0).
 */
export function backtest(
  pDesc: Float64Array,
  psiDesc: Float64Array,
  spec: BacktestSpec,
  rng: Rng,
): BacktestResult | { kind: 'skipped'; reason: string } {
  const m = pDesc.length;
  const t = spec.tailSize;
  const fitSize = Math.floor(m / spec.ratio);
  if (fitSize < t || fitSize >= m) {
    return { kind: 'skipped', reason: `m/${spec.ratio} = ${fitSize} queries is fewer than the tail size ${t}` };
  }
  const restSize = m - fitSize;
  const law = pivotLaw({ tailSize: t, queries: fitSize, volume: restSize });
  const upper = law.quantile((1 + spec.confidence) / 2);
  const regression = new TailRegression(t, fitSize);
  const split = newSplit(t);
  const scratch = new Float64Array(t);
  const score = { centre: NaN, pivot: NaN };
  const errors: number[] = [];
  let skipped = 0;
  let covered = 0;
  let pit = 0;
  for (let attempt = 0; attempt < ATTEMPTS_PER_SPLIT * spec.splits && errors.length < spec.splits; attempt++) {
    drawSplit(m, fitSize, t, rng, split);
    if (!scoreSplit(psiDesc, split, regression, restSize, scratch, score)) {
      skipped += 1;
      continue;
    }
    errors.push(Math.log10(probabilityFromScore(score.centre) / pDesc[split.rest]));
    if (score.pivot <= upper) covered += 1;
    pit += law.cdf(score.pivot);
  }
  if (errors.length === 0) return { kind: 'skipped', reason: `no split of ${skipped} had a usable fit and a hit in the rest` };
  return {
    splits: errors.length,
    skipped,
    ratio: spec.ratio,
    medianAbsLog10Error: median(errors.map(Math.abs)),
    withinTenfold: errors.filter((e) => Math.abs(e) <= 1).length / errors.length,
    underestimated: errors.filter((e) => e < 0).length / errors.length,
    upperCoverage: covered / errors.length,
    meanPit: pit / errors.length,
  };
}
