/**
 * Counting in a sorted sample by binary search: the empirical CDFs of the
 * simulated laws (the pivot, the self-check null) and the sampling plan's
 * chances read their draws this way, in O(log R) per lookup.
 */

/** How many of the ascending `sorted` values are ≤ x. */
export function countAtOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending `sorted` values are ≥ x. */
export function countAtOrAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}
