/**
 * Counting in a sorted sample by binary search: the empirical CDFs of the
 * simulated laws (the pivot, the self-check null) and the sampling plan's
 * chances read their draws this way, in O(log R) per lookup, or through
 * {@link sortedCounter} where one sample is read hundreds of thousands of times.
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

/**
 * {@link countAtOrBelow} for a sorted sample read many times: the null
 * simulation of the self-check reads the pivot's 20,000 draws 200,000
 * times, and a binary search's unpredictable branches cost more there than
 * the rest of a backtest split. The range of the sample is cut into about
 * R/8 equal buckets; `first[b]` is the number of values in buckets below b,
 * and a lookup scans only x's own bucket. The same count, exactly: the
 * bucket of a value never decreases with the value, so every value in a
 * lower bucket is below x and every value in a higher one above it.
 */
export function sortedCounter(sorted: Float64Array): (x: number) => number {
  const n = sorted.length;
  const low = sorted[0];
  const high = sorted[n - 1];
  const buckets = Math.max(1, Math.min(1 << 16, n >>> 3));
  const scale = buckets / (high - low);
  // Empty, all tied, or not finite at the ends: the binary search alone.
  if (n === 0 || !Number.isFinite(scale) || !(scale > 0)) return (x) => countAtOrBelow(sorted, x);
  const bucketOf = (x: number): number => Math.min(buckets - 1, Math.max(0, Math.floor((x - low) * scale)));
  const first = new Uint32Array(buckets + 1);
  let i = 0;
  for (let b = 0; b <= buckets; b++) {
    while (i < n && bucketOf(sorted[i]) < b) i++;
    first[b] = i;
  }
  return (x) => {
    // NaN has no bucket; the binary search counts it as it always did.
    if (x !== x) return countAtOrBelow(sorted, x);
    const b = bucketOf(x);
    let count = first[b];
    const end = first[b + 1];
    while (count < end && sorted[count] <= x) count++;
    return count;
  };
}
