import { quantileSorted } from 'simple-statistics';

/**
 * Percentile of bootstrap draws, type 7 (linear interpolation, as numpy's
 * default and R's `quantile`), via simple-statistics' quantileSorted.
 */
export function percentile(draws: Float64Array, level: number): number {
  const sorted = Array.from(draws).sort((x, y) => x - y);
  return quantileSorted(sorted, level);
}

/**
 * Two-sided percentile interval at `confidence` (0.9 → the 5th and 95th
 * percentiles).
 */
export function percentileInterval(draws: Float64Array, confidence: number): { lower: number; upper: number } {
  const sorted = Array.from(draws).sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return { lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail) };
}
