import { elicitationScore } from './elicitation.js';
import type { TailLine } from './gumbel-tail.js';

/**
 * Behaviour frequency: the share of deployment queries with p > τ
 * (docs/method.md, "The Gumbel-tail forecast", step 5; paper §3 "behavior frequency").
 *
 * Inside the fitted tail — when the fitted survival at ψ_τ = −log(−log τ),
 * exp(a·ψ_τ + b), is below t/m — the fit answers; above it the eval set
 * itself has enough queries beyond τ, so the empirical share of p̂ > τ is used.
 * The expected count of such queries among n is n × share.
 *
 * @param pDesc capped p̂ sorted descending (length m)
 * @example frequencyShare({ slope: -1, intercept: -5 }, [0.5, 0.4, 0], 10, 1, 0.99)
 */
export function frequencyShare(line: TailLine, pDesc: ArrayLike<number>, queries: number, tailSize: number, tau: number): number {
  const fitted = fittedFrequency(line, tau);
  if (fitted < tailSize / queries) return fitted;
  return countAbove(pDesc, tau) / queries;
}

/** The fitted survival at ψ_τ, exp(a·ψ_τ + b): the tail's share of queries with p > τ. */
export function fittedFrequency(line: TailLine, tau: number): number {
  return Math.exp(line.slope * elicitationScore(tau) + line.intercept);
}

/** Number of entries > τ in a descending array (binary search). */
export function countAbove(pDesc: ArrayLike<number>, tau: number): number {
  let lo = 0;
  let hi = pDesc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pDesc[mid] > tau) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
