import { gammaln } from 'simple-statistics';

/**
 * Exact one-sided (Clopper–Pearson) upper confidence bound on a binomial
 * rate: the U with P(X ≤ h | N, U) = 1 − confidence (Clopper & Pearson 1934).
 * With h = 0 it is 1 − (1 − confidence)^{1/N} — the "rule of three" at 95%
 * is its approximation 3/N.
 *
 * Used when the tail cannot be fit: what zero (or few) hits in Σk samples
 * can honestly bound (docs/method.md, "Zero hits and too few hits").
 *
 * @example binomialUpperBound(0, 100, 0.95) // => 1 − 0.05^{1/100} ≈ 0.0295
 */
export function binomialUpperBound(hits: number, trials: number, confidence: number): number {
  if (!(trials > 0) || hits < 0 || hits > trials)
    throw new RangeError(`binomialUpperBound: need 0 ≤ hits ≤ trials, trials > 0 (got ${hits}/${trials})`);
  if (hits === trials) return 1;
  const alpha = 1 - confidence;
  // log1p/expm1: N can be 10^7 samples, where 1 − alpha^{1/N} is ~1e-7.
  if (hits === 0) return -Math.expm1(Math.log(alpha) / trials);
  // The log binomial coefficients do not depend on U: computed once, not at each of up to 200 steps.
  const logChoose = new Float64Array(hits + 1);
  const logNFact = gammaln(trials + 1);
  for (let x = 0; x <= hits; x++) logChoose[x] = logNFact - gammaln(x + 1) - gammaln(trials - x + 1);
  // P(X ≤ h | U) falls monotonically in U: bisect in log space.
  let lo = hits / trials;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(logChoose, trials, mid) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(X ≤ h) for X ~ Binomial(N, p), summed in log space; `logChoose[x]` is log C(N, x) for x = 0..h. */
function binomialCdf(logChoose: Float64Array, trials: number, p: number): number {
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let total = 0;
  // Same order of operations as log C + x log p + (N − x) log q written out: the sums round identically.
  for (let x = 0; x < logChoose.length; x++) total += Math.exp(logChoose[x] + x * logP + (trials - x) * logQ);
  return Math.min(1, total);
}
