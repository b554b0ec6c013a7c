import type { UnseenModeBound } from '../domain/forecast.js';

/** A mode is "missed" when the eval holds none of it with this probability. */
const UNSEEN_MODE_MISS = 0.05;

/**
 * What no check can see (docs/method.md): a failure mode whose share of
 * queries is s is absent from m i.i.d. eval queries with probability
 * (1 − s)^m ≈ e^{−s·m}, which is 5% at s = −ln(0.05)/m ≈ 3/m. Such a mode
 * leaves the eval an exact sample of the rest, so no statistic of it can
 * tell, yet n deployment queries would hold about n·s of them. Null without
 * queries; at most 1 (m < 3).
 *
 * @example unseenModeBound(900, 90_000) // share ≈ 1/300, expectedAtN ≈ 300
 */
export function unseenModeBound(queries: number, volume: number): UnseenModeBound | null {
  if (!(queries > 0)) return null;
  const share = Math.min(1, -Math.log(UNSEEN_MODE_MISS) / queries);
  return { share, expectedAtN: volume * share };
}
