import { linearRegression, rSquared } from 'simple-statistics';
import { elicitationScore, probabilityFromScore } from './elicitation.js';
import type { TailFitResult, TailPoint } from '../domain/forecast.js';

/**
 * Gumbel-tail fit (Jones et al. 2025, §3 "Forecasting the worst-query risk";
 * docs/method.md, "The Gumbel-tail forecast", steps 2–3).
 *
 * Takes the t largest elicitation scores ψ_(1) ≥ … ≥ ψ_(t) of m queries and
 * fits log S_j = a·ψ_(j) + b by ordinary least squares, with the empirical
 * survival S_j = j/m. Ranks are consecutive even when ψ ties (the literal
 * reading: the fitted points are then the same in any order).
 *
 * Preconditions: `pDesc` holds capped p̂ sorted descending; m ≥ pDesc.length
 * is the evaluation set size (zeros count in m, not in the tail).
 *
 * @example
 * // Top 3 of m = 100 on the line a = −1, b = −log 100 + … (see tests)
 * fitGumbelTail([0.9, 0.8, 0.7, 0], 100, 3).kind // => 'ok'
 */
export function fitGumbelTail(pDesc: ArrayLike<number>, queries: number, tailSize: number): TailFitResult {
  let nonzero = 0;
  while (nonzero < pDesc.length && pDesc[nonzero] > 0) nonzero += 1;
  if (nonzero < tailSize) {
    return {
      kind: 'insufficient',
      reason: `only ${nonzero} of ${queries} queries have p̂ > 0; the tail fit needs ${tailSize}`,
      nonzero,
    };
  }
  const points: TailPoint[] = [];
  for (let j = 1; j <= tailSize; j++) {
    const p = pDesc[j - 1];
    points.push({ rank: j, p, psi: elicitationScore(p) });
  }
  const distinctPsi = new Set(points.map((pt) => pt.psi)).size;
  if (distinctPsi < 2) {
    return {
      kind: 'degenerate',
      reason: `all top ${tailSize} scores tie at p̂ = ${points[0].p}; the tail has no slope to fit`,
      points,
    };
  }
  const data = points.map((pt) => [pt.psi, Math.log(pt.rank / queries)]);
  const line = linearRegression(data);
  if (!(line.m < 0)) {
    return {
      kind: 'degenerate',
      reason: `fitted slope a = ${line.m} is not negative; log-survival must fall as ψ grows`,
      points,
    };
  }
  const r2 = rSquared(data, (x: number) => line.m * x + line.b);
  return {
    kind: 'ok',
    fit: {
      slope: line.m,
      intercept: line.b,
      r2,
      tailSize,
      queries,
      distinctPsi,
      points,
    },
  };
}

/** The fitted line, all the forecasts need. */
export interface TailLine {
  slope: number;
  intercept: number;
}

/**
 * ψ_n: the score whose fitted survival is 1/n, solving a·ψ + b = log(1/n)
 * directly, ψ_n = −(log n + b)/a (docs/method.md, step 4: the published Eq. 5 has
 * a sign slip).
 */
export function forecastScore(line: TailLine, n: number): number {
  return -(Math.log(n) + line.intercept) / line.slope;
}

/**
 * Worst-query risk at deployment volume n: Q_p(n) = exp(−exp(−ψ_n)), the
 * top-1/n quantile of p (paper §3; docs/method.md, step 4). Note −log Q_p(n) =
 * e^{b/a}·n^{1/a}: a power law in n.
 *
 * @example worstQueryRisk({ slope: -1, intercept: 0 }, Math.E) // => exp(−e^{−1}) ≈ 0.6922
 */
export function worstQueryRisk(line: TailLine, n: number): number {
  return probabilityFromScore(forecastScore(line, n));
}
