import { mean, standardDeviation } from 'simple-statistics';
import { probabilityFromScore } from './elicitation.js';
import { normalQuantile } from './numerics/normal-quantile.js';

/**
 * Log-normal baseline (the paper's comparison, §4): a normal fitted to ψ of
 * the queries with p̂ > 0 (a share π of all m), so ψ_n = μ + σ·Φ⁻¹(1 − 1/(n·π))
 * and Q = exp(−exp(−ψ_n)). σ is the maximum-likelihood estimate (ddof 0; the
 * population form of simple-statistics' `standardDeviation`).
 *
 * Φ⁻¹(1 − q) is computed as −Φ⁻¹(q): q = 1/(nπ) is tiny and 1 − q would lose
 * its digits. When n·π ≤ 1 fewer than one deployment query is expected to be
 * nonzero at all, so the top-1/n quantile of p is 0.
 *
 * @param psiNonzero ψ of the nonzero queries (at least 2)
 * @param queries m, zeros included
 */
export function lognormalWorstQuery(psiNonzero: number[], queries: number, n: number): number {
  if (psiNonzero.length < 2) throw new RangeError('lognormalWorstQuery needs at least 2 nonzero scores');
  const share = psiNonzero.length / queries;
  if (n * share <= 1) return 0;
  const psiN = mean(psiNonzero) + standardDeviation(psiNonzero) * -normalQuantile(1 / (n * share));
  return probabilityFromScore(psiN);
}
