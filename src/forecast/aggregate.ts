import { logOneMinusProbability } from './elicitation.js';
import type { TailLine } from './gumbel-tail.js';
import { integrate } from './numerics/quadrature.js';

/**
 * ∫_0^{t/m} log(1 − Q(s)) ds over the fitted tail, where Q(s) = exp(−exp(−ψ(s)))
 * and ψ(s) = (log s − b)/a is the score at survival s (docs/method.md, step 6, aggregate
 * risk). The value is ≤ 0.
 *
 * Changing variable to ψ (s = e^{aψ+b}, ds = |a|·s dψ) gives
 * ∫_{ψ₀}^{∞} log(1 − Q(ψ))·|a|·e^{aψ+b} dψ with ψ₀ = (log(t/m) − b)/a, and
 * ψ = ψ₀ + c·x/(1 − x) maps it to x ∈ [0, 1). The whole range is covered:
 * for flat fits (small |a|) the integrand peaks tens of log-units of s below
 * t/m and dominates there, so a fixed cut-off would be wrong (docs/method.md,
 * step 6). c = max(1, 1/|a|) puts that peak near x = ½.
 * `relTol` defaults to near machine precision; the bootstrap, which only
 * needs percentiles, passes a looser one.
 */
export function tailLogIntegral(line: TailLine, survivalCut: number, relTol = 1e-13): number {
  const a = line.slope;
  const b = line.intercept;
  const psi0 = (Math.log(survivalCut) - b) / a;
  const c = Math.max(1, 1 / Math.abs(a));
  const integrand = (x: number): number => {
    if (x >= 1) return 0;
    const w = 1 - x;
    const psi = psi0 + (c * x) / w;
    const weight = Math.abs(a) * Math.exp(a * psi + b) * (c / (w * w));
    if (weight === 0) return 0;
    return logOneMinusProbability(psi) * weight;
  };
  return integrate(integrand, 0, 1, relTol);
}

/**
 * E[log(1 − p)] for one deployment query under the spliced distribution:
 * the empirical p̂ at ranks t+1..m (each weighing 1/m) and the fitted tail for
 * survival below t/m (docs/method.md, step 6, "the splice").
 *
 * @param pDesc capped p̂ sorted descending (length m)
 */
export function meanLogNonOccurrence(line: TailLine, pDesc: ArrayLike<number>, tailSize: number): number {
  const m = pDesc.length;
  let bulk = 0;
  for (let j = tailSize; j < m; j++) {
    const p = pDesc[j];
    if (p === 0) break;
    bulk += Math.log1p(-p);
  }
  return bulk / m + tailLogIntegral(line, tailSize / m);
}

/**
 * Aggregate risk: P(at least one of n single-sample deployment queries shows
 * the behaviour) = 1 − Π(1 − p_i) = 1 − exp(n·E[log(1 − p)]) (paper §3),
 * via expm1 so that tiny risks keep their digits.
 */
export function aggregateRisk(meanLog: number, n: number): number {
  return -Math.expm1(n * meanLog);
}
