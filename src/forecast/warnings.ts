import type { Estimates } from './elicitation.js';
import type { TailFit } from '../domain/forecast.js';

/**
 * Diagnostics that tell the user when to distrust a fit (docs/method.md,
 * "Reading the numbers", low k): sampled p̂ is resolved only to 1/k, and all-or-nothing epochs
 * make heavy ties normal in real logs. Whether the top scores lie on a line
 * at all is the self-check's question (tail-shape.ts), calibrated, not a
 * fixed R² cut-off.
 */
export function fitWarnings(fit: TailFit, est: Estimates, worst: number, n: number): string[] {
  const warnings: string[] = [];
  let maxK = 0;
  for (let j = 0; j < fit.tailSize; j++) maxK = Math.max(maxK, est.samples[j]);
  if (maxK > 0 && worst < 1 / maxK) {
    warnings.push(
      `the forecast at n = ${n} (${worst.toPrecision(2)}) is below 1/k = ${(1 / maxK).toPrecision(2)}, the resolution of the p̂ that drive it; more samples per query would firm it up`,
    );
  }
  if (fit.distinctPsi <= Math.max(2, Math.floor(fit.tailSize / 3))) {
    warnings.push(
      `the fit rests on only ${fit.distinctPsi} distinct p̂ values among the top ${fit.tailSize} (ties from k samples per query); treat the slope with care`,
    );
  }
  return warnings;
}
