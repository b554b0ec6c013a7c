import { quantileSorted } from 'simple-statistics';

/**
 * Percentile of bootstrap draws, type 7 (linear interpolation, as numpy's
 * default and R's `quantile`), via simple-statistics' quantileSorted.
 */
export function percentile(draws: Float64Array, level: number): number {
  const sorted = Array.from(draws).sort((x, y) => x - y);
  return quantileSorted(sorted, level);
}

/** A monotone increasing map to a scale where bootstrap spread is roughly additive, and back. */
export interface Scale {
  to: (x: number) => number;
  from: (y: number) => number;
}

/** log(−log(1 − A)) = log(n·(−E[log(1 − p)])): additive in log n for the aggregate risk. */
export const CLOGLOG_SCALE: Scale = {
  to: (a) => Math.log(-Math.log1p(-a)),
  from: (y) => -Math.expm1(-Math.exp(y)),
};

export const LOG_SCALE: Scale = { to: Math.log, from: Math.exp };

/**
 * Two-sided bootstrap interval at `confidence` (0.9 → 5th to 95th
 * percentile), centred on the point forecast.
 *
 * The plain percentile interval inherits the resampling's own bias: with
 * few samples per query the binomial redraw adds noise on top of p̂ that
 * already holds it, and the maximum of noisier values is larger, so the whole
 * band can sit above the forecast. The spread of the draws is what the
 * bootstrap measures well; so on a scale where it is roughly additive the
 * percentiles are shifted by (forecast − median of draws). The backtest
 * reports how often the upper end covers the realised maximum.
 */
export function centredInterval(draws: Float64Array, point: number, confidence: number, scale: Scale): { lower: number; upper: number } {
  const mapped = Array.from(draws, scale.to)
    .filter(Number.isFinite)
    .sort((x, y) => x - y);
  const centre = scale.to(point);
  if (mapped.length === 0 || !Number.isFinite(centre)) return { lower: point, upper: point };
  const shift = centre - quantileSorted(mapped, 0.5);
  const tail = (1 - confidence) / 2;
  return {
    lower: scale.from(quantileSorted(mapped, tail) + shift),
    upper: scale.from(quantileSorted(mapped, 1 - tail) + shift),
  };
}
