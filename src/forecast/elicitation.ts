/**
 * Elicitation probabilities and scores (Jones et al. 2025, §3; docs/method.md,
 * "The metrics" and step 1 of the Gumbel-tail forecast).
 */

/** Cap for a given probability of exactly 1, whose ψ would be +∞ (docs/method.md, step 1). */
export const GIVEN_PROBABILITY_CAP = 1 - 1e-12;

/**
 * p̂ for one query, capped below 1.
 *
 * A sampled estimate h/k = 1 is capped at 1 − 1/(2k): half a sample short of
 * certainty, the usual continuity correction, so ψ stays finite and the cap
 * shrinks as k grows. A given probability of 1 is capped at 1 − 1e-12.
 *
 * @param hits h, or the given probability when `samples` is 0
 * @param samples k (0 marks a given probability)
 * @example estimateProbability(3, 4) // => { p: 0.75, capped: false }
 * @example estimateProbability(4, 4) // => { p: 0.875, capped: true }
 */
export function estimateProbability(hits: number, samples: number): { p: number; capped: boolean } {
  if (samples === 0) {
    return hits >= 1 ? { p: GIVEN_PROBABILITY_CAP, capped: true } : { p: hits, capped: false };
  }
  if (hits >= samples) return { p: 1 - 1 / (2 * samples), capped: true };
  return { p: hits / samples, capped: false };
}

/** Per-query estimates of one behaviour, sorted by capped p̂, largest first. */
export interface Estimates {
  /** Capped p̂, descending. */
  p: Float64Array;
  /** Hits h (or the given probability), aligned with p. */
  hits: Float64Array;
  /** k (0 for a given probability), aligned with p. */
  samples: Float64Array;
  /** Original query index of each entry, aligned with p. */
  index: Uint32Array;
  /** Queries whose p̂ was capped. */
  capped: number;
  /** Queries with p̂ > 0 (they come first). */
  nonzero: number;
}

export function sortedEstimates(hits: ArrayLike<number>, samples: ArrayLike<number>): Estimates {
  const m = hits.length;
  const raw = new Float64Array(m);
  let capped = 0;
  for (let i = 0; i < m; i++) {
    const e = estimateProbability(hits[i], samples[i]);
    raw[i] = e.p;
    if (e.capped) capped += 1;
  }
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((x, y) => raw[y] - raw[x] || x - y);
  const out: Estimates = {
    p: new Float64Array(m),
    hits: new Float64Array(m),
    samples: new Float64Array(m),
    index: order,
    capped,
    nonzero: 0,
  };
  for (let j = 0; j < m; j++) {
    const i = order[j];
    out.p[j] = raw[i];
    out.hits[j] = hits[i];
    out.samples[j] = samples[i];
    if (raw[i] > 0) out.nonzero += 1;
  }
  return out;
}

/**
 * Elicitation score ψ = −log(−log p) (paper §3).
 *
 * −log p is taken as −log1p(p − 1) above ½: there p − 1 is exact (Sterbenz)
 * while log(p) has already lost the digits that tell 1 − 1e-12 from 1.
 *
 * @example elicitationScore(Math.exp(-1)) // => 0
 */
export function elicitationScore(p: number): number {
  const negLogP = p > 0.5 ? -Math.log1p(p - 1) : -Math.log(p);
  return -Math.log(negLogP);
}

/** Inverse of {@link elicitationScore}: p = exp(−exp(−ψ)). */
export function probabilityFromScore(psi: number): number {
  return Math.exp(-Math.exp(-psi));
}

/**
 * log(1 − p) for p = exp(−exp(−ψ)), accurate for every ψ (docs/method.md,
 * "Precision", the log1mexp rule of Mächler 2012,
 * https://cran.r-project.org/package=Rmpfr/vignettes/log1mexp-note.pdf):
 * with x = exp(−ψ), log1p(−exp(−x)) when p < ½ (x > log 2), otherwise
 * log(−expm1(−x)). The second form alone rounds to 0 below p ≈ 1e-16.
 */
export function logOneMinusProbability(psi: number): number {
  const x = Math.exp(-psi);
  if (x > Math.LN2) return Math.log1p(-Math.exp(-x));
  // For tiny x, log(1 − e^{−x}) = log x − x/2 + x²/24 − …; this also keeps ψ > 745,
  // where exp(−ψ) underflows to 0, finite (log x = −ψ).
  if (x < 1e-8) return -psi - x / 2;
  return Math.log(-Math.expm1(-x));
}
