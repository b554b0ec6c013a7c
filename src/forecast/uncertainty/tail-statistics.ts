/**
 * Location-scale invariant statistics of the top of a sample of elicitation
 * scores, for the self-check of the tail shape (docs/method.md, "The
 * self-check of the tail shape").
 *
 * Under an exponential upper tail in ψ (the paper's Gumbel tail) the
 * normalised spacings D_j = j·(ψ_(j) − ψ_(j+1)) of the top order statistics
 * are i.i.d. exponential with the tail's scale β (Rényi's representation),
 * so ratios of their sums have laws free of the level and of β. Each
 * statistic is one-sided, in the direction of an under-forecast.
 *
 * Inputs are scores sorted descending; −∞ marks a query with p̂ = 0.
 */

/** Spacings in the top-gap statistic: D_1 against D_1 + … + D_10. */
const GAP_SPACINGS = 10;
/** Curvature: mean of D_1..10 against the mean of D_11..30. */
const CURVATURE_TOP = 10;
const CURVATURE_BELOW = 20;
/** Scores each statistic reads: 11 for the gap, 31 for the curvature. */
export const GAP_NEEDS = GAP_SPACINGS + 1;
export const CURVATURE_NEEDS = CURVATURE_TOP + CURVATURE_BELOW + 1;

/** D_j = j·(ψ_(j) − ψ_(j+1)), j from 1. */
function spacing(psiDesc: ArrayLike<number>, j: number): number {
  return j * (psiDesc[j - 1] - psiDesc[j]);
}

function spacingSum(psiDesc: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j <= to; j++) sum += spacing(psiDesc, j);
  return sum;
}

/** A statistic and its one-sided p-value, or why the statistic does not exist for these scores. */
export type TailStatistic = { kind: 'ok'; value: number; pValue: number } | { kind: 'tied'; reason: string };

/**
 * The top gap g = D_1 / (D_1 + … + D_10) and its p-value P(G ≥ g) = (1 − g)^9.
 * With i.i.d. exponential spacings, g is Beta(1, 9), whose survival is that
 * closed form. A large gap (the largest score far above the rest) is what a
 * second, higher mode looks like. Needs 11 finite scores that do not all tie.
 *
 * @example topGap(scores with D_1 = 3 and D_2..10 = 1) // g = 0.25, p = 0.75^9 ≈ 0.0751
 */
export function topGap(psiDesc: ArrayLike<number>): TailStatistic {
  const total = spacingSum(psiDesc, 1, GAP_SPACINGS);
  if (!(total > 0) || !Number.isFinite(total)) return { kind: 'tied', reason: `the top ${GAP_NEEDS} scores all tie` };
  const g = spacing(psiDesc, 1) / total;
  return { kind: 'ok', value: g, pValue: Math.pow(1 - g, GAP_SPACINGS - 1) };
}

/**
 * Curvature: mean(D_1..10) / mean(D_11..30), F(20, 40) under the null (a
 * ratio of independent Gamma(10) and Gamma(20) sums, each over its own
 * count). Large when the top spreads out faster than the scores below it,
 * a tail heavier than the fitted line, which the forecast under-predicts.
 * Needs 31 finite scores whose lower 21 do not all tie.
 *
 * @example curvature(scores with D_1..10 = 3 and D_11..30 = 1) // ratio 3, p = f.sf(3, 20, 40) ≈ 0.00152
 */
export function curvature(psiDesc: ArrayLike<number>): TailStatistic {
  const below = spacingSum(psiDesc, CURVATURE_TOP + 1, CURVATURE_TOP + CURVATURE_BELOW) / CURVATURE_BELOW;
  const top = spacingSum(psiDesc, 1, CURVATURE_TOP) / CURVATURE_TOP;
  if (!(below > 0) || !Number.isFinite(below) || !Number.isFinite(top)) {
    return { kind: 'tied', reason: `the ${CURVATURE_BELOW + 1} scores below the top ${CURVATURE_TOP} all tie` };
  }
  const ratio = top / below;
  return { kind: 'ok', value: ratio, pValue: fSurvival(ratio, 2 * CURVATURE_TOP, 2 * CURVATURE_BELOW) };
}

/**
 * P(F > x) for F ~ F(d1, d2) with even d1, d2: I_y(d2/2, d1/2) at
 * y = d2/(d2 + d1·x), and for whole a, b the regularised incomplete beta is a
 * binomial tail, I_y(a, b) = P(Binomial(a + b − 1, y) ≥ a). Summed in log
 * space, so a tiny p-value keeps its digits.
 *
 * @example fSurvival(1, 20, 40) // scipy.stats.f.sf(1, 20, 40) = 0.4853…
 */
export function fSurvival(x: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0 && d1 % 2 === 0 && d2 % 2 === 0))
    throw new RangeError(`fSurvival: degrees of freedom must be even and positive, got ${d1}, ${d2}`);
  if (!(x > 0)) return 1;
  if (x === Infinity) return 0;
  const a = d2 / 2;
  const b = d1 / 2;
  const n = a + b - 1;
  // log y and log(1 − y) without cancellation at either end.
  const logY = -Math.log1p((d1 * x) / d2);
  const log1mY = Math.log(d1 * x) - Math.log(d2 + d1 * x);
  let logChoose = 0;
  // log C(n, a) built up by products, exact enough for n in the tens.
  for (let i = 1; i <= a; i++) logChoose += Math.log((n - a + i) / i);
  let sum = 0;
  for (let j = a; j <= n; j++) {
    sum += Math.exp(logChoose + j * logY + (n - j) * log1mY);
    logChoose += Math.log((n - j) / (j + 1));
  }
  return Math.min(1, sum);
}

/** Whether two of the first `count` scores (or all nonzero ones, if fewer) tie exactly. */
export function hasTies(psiDesc: ArrayLike<number>, count: number): boolean {
  const end = Math.min(count, psiDesc.length);
  for (let j = 1; j < end; j++) {
    if (psiDesc[j] === -Infinity) return false;
    if (psiDesc[j] === psiDesc[j - 1]) return true;
  }
  return false;
}

/**
 * The paper's OLS, log(j/m) = a·ψ_(j) + b over the top t, for the hot loops
 * of the self-check (the same numbers as the tail fit, without its
 * allocations). The y-values depend only on (t, m): centred once.
 */
export class TailRegression {
  readonly tailSize: number;
  readonly queries: number;
  private readonly yCentred: Float64Array;
  private readonly yMean: number;
  private readonly syy: number;
  /** Outputs of the last `fit`. */
  slope = NaN;
  intercept = NaN;
  r2 = NaN;

  constructor(tailSize: number, queries: number) {
    this.tailSize = tailSize;
    this.queries = queries;
    this.yCentred = new Float64Array(tailSize);
    let mean = 0;
    for (let j = 0; j < tailSize; j++) mean += Math.log((j + 1) / queries) / tailSize;
    let syy = 0;
    for (let j = 0; j < tailSize; j++) {
      this.yCentred[j] = Math.log((j + 1) / queries) - mean;
      syy += this.yCentred[j] * this.yCentred[j];
    }
    this.yMean = mean;
    this.syy = syy;
  }

  /** Fits the t scores `x` (descending). False when the fit is unusable: a score is −∞, all tie, or the slope is not negative. */
  fit(x: ArrayLike<number>): boolean {
    const t = this.tailSize;
    let xMean = 0;
    for (let j = 0; j < t; j++) xMean += x[j] / t;
    if (!Number.isFinite(xMean)) return false;
    let sxy = 0;
    let sxx = 0;
    for (let j = 0; j < t; j++) {
      const dx = x[j] - xMean;
      sxy += dx * this.yCentred[j];
      sxx += dx * dx;
    }
    if (!(sxx > 0)) return false;
    const a = sxy / sxx;
    if (!(a < 0)) return false;
    this.slope = a;
    this.intercept = this.yMean - a * xMean;
    this.r2 = (sxy * sxy) / (sxx * this.syy);
    return true;
  }
}
