import type { Rng } from '../numerics/random.js';
import type { TailRegression } from './tail-statistics.js';

/**
 * One backtest split, drawn without touching all m queries: a uniformly random
 * subset of `fitSize` of the m queries, seen from the top of the sorted
 * scores down. The backtest fits the subset's top t and scores the largest
 * query of the rest, so only the positions down to the subset's t-th member
 * and the first position outside the subset matter, about t·m/fitSize of
 * them. The same walk serves the user's eval and the null simulation, so both
 * draw their splits the same way, at a cost independent of m.
 *
 * Membership is sampled sequentially with Vitter's Algorithm A (ACM TOMS
 * 13(1), 1987): the number of positions skipped before the next member has
 * P(S ≥ s) = Π_{i<s} (N − n − i)/(N − i) with N positions and n members left,
 * inverted with one uniform. That is exactly the law of a uniform subset.
 */
export interface Split {
  /** Positions (0-based, in the descending order) of the subset's top t members, ascending. */
  members: Uint32Array;
  /** Position of the largest query outside the subset. */
  rest: number;
}

/**
 * Draws a split of m positions into a subset of `fitSize` and the rest, and
 * returns the subset's first t positions and the rest's first one. Needs
 * t ≤ fitSize < m.
 */
export function drawSplit(queries: number, fitSize: number, tailSize: number, rng: Rng, out: Split): Split {
  if (!(tailSize <= fitSize && fitSize < queries)) {
    throw new RangeError(`drawSplit: need tail size ${tailSize} ≤ subset ${fitSize} < eval size ${queries}`);
  }
  let position = 0;
  let remaining = queries;
  let need = fitSize;
  let taken = 0;
  out.rest = -1;
  while (taken < tailSize) {
    const v = rng.next();
    let skip = 0;
    let top = remaining - need;
    // P(S > skip) = num/den, kept as a fraction: one division per step would chain ~15 cycles each.
    let num = top;
    let den = remaining;
    while (num > v * den) {
      skip += 1;
      top -= 1;
      remaining -= 1;
      num *= top;
      den *= remaining;
      if (den > 1e200) {
        num /= den;
        den = 1;
      }
    }
    if (skip > 0 && out.rest < 0) out.rest = position;
    position += skip;
    out.members[taken] = position;
    taken += 1;
    position += 1;
    remaining -= 1;
    need -= 1;
  }
  // The top t positions were all members (probability about (fitSize/m)^t): walk on to the first non-member.
  while (out.rest < 0) {
    if (rng.next() * remaining < need) {
      need -= 1;
    } else {
      out.rest = position;
    }
    position += 1;
    remaining -= 1;
  }
  return out;
}

/** A reusable Split for t members. */
export function newSplit(tailSize: number): Split {
  return { members: new Uint32Array(tailSize), rest: -1 };
}

/** Where a split's rest fell, relative to the subset's fit. */
export interface SplitScore {
  /** Q̂ = −(log n′ + b)/a, the fit's forecast in ψ for the n′ queries of the rest. */
  centre: number;
  /** T = (ψ_rest − Q̂)/β̂ with β̂ = −1/a: the pivot of docs/method.md. */
  pivot: number;
}

/**
 * Fits the subset's top t scores and measures where the rest's largest score
 * fell, into `out`. False when the split is unusable: a member with p̂ = 0, a
 * degenerate fit (all tied), or no hit in the rest.
 */
export function scoreSplit(
  psiDesc: ArrayLike<number>,
  split: Split,
  regression: TailRegression,
  restSize: number,
  scratch: Float64Array,
  out: SplitScore,
): boolean {
  for (let j = 0; j < regression.tailSize; j++) scratch[j] = psiDesc[split.members[j]];
  if (!regression.fit(scratch)) return false;
  const realised = psiDesc[split.rest];
  if (realised === -Infinity) return false;
  out.centre = -(Math.log(restSize) + regression.intercept) / regression.slope;
  out.pivot = (realised - out.centre) * -regression.slope;
  return true;
}
