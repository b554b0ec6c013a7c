import { describe, expect, it } from '@jest/globals';
import { countAtOrAbove, countAtOrBelow, sortedCounter } from '../../../src/forecast/numerics/sorted.js';

// Hand counts over a sample with ties and both ends: [1, 2, 2, 2, 5].
const sample = Float64Array.from([1, 2, 2, 2, 5]);

describe('counting in a sorted sample', () => {
  it.each([
    [0, 0, 5],
    [1, 1, 5],
    [1.5, 1, 4],
    [2, 4, 4],
    [3, 4, 1],
    [5, 5, 1],
    [6, 5, 0],
  ])('x = %d: %d at or below, %d at or above', (x, below, above) => {
    expect(countAtOrBelow(sample, x)).toBe(below);
    expect(countAtOrAbove(sample, x)).toBe(above);
  });

  it('an empty sample counts nothing', () => {
    expect(countAtOrBelow(new Float64Array(0), 1)).toBe(0);
    expect(countAtOrAbove(new Float64Array(0), 1)).toBe(0);
  });
});

describe('sortedCounter: the same counts as a plain count, by buckets', () => {
  /**
   * The counts written out, for many x at once: with the x ascending, walk the sample once and count the
   * values ≤ each x (a NaN is ≤ nothing and nothing is ≤ it: 0).
   */
  function plainCounts(sorted: Float64Array, xs: number[]): Map<number, number> {
    const counts = new Map<number, number>([[NaN, 0]]);
    let j = 0;
    for (const x of xs.filter((v) => v === v).sort((a, b) => a - b)) {
      while (j < sorted.length && sorted[j] <= x) j++;
      counts.set(x, j);
    }
    return counts;
  }

  const word = new Float64Array(1);
  const bits = new BigInt64Array(word.buffer);
  /** The next double above (step 1n) or below (−1n) x, through its bit pattern (x ≠ 0, finite). */
  const nextDouble = (x: number, step: bigint): number => {
    word[0] = x;
    bits[0] += x > 0 ? step : -step;
    return word[0];
  };

  /** Every value of the sample, the doubles either side of it, points between and beyond, and the infinities. */
  function probes(sorted: Float64Array): number[] {
    const xs = [-Infinity, Infinity, 0, -0, NaN];
    for (let i = 0; i < sorted.length; i++) {
      const v = sorted[i];
      xs.push(v, v + 1, v - 1);
      if (v !== 0) xs.push(nextDouble(v, 1n), nextDouble(v, -1n));
      if (i > 0) xs.push((v + sorted[i - 1]) / 2);
    }
    return xs;
  }

  // A seeded sample like the pivot's: 20,000 draws on a skewed scale, with ties from rounding to a grid.
  let state = 12345;
  const uniform = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const skewed = Float64Array.from({ length: 20_000 }, () => -Math.log(-Math.log(uniform() * 0.999 + 0.0005))).sort();
  const gridded = Float64Array.from({ length: 5000 }, () => Math.round(uniform() * 40) / 8 - 2).sort();

  it.each([
    ['empty', new Float64Array(0)],
    ['one value', Float64Array.from([3])],
    ['all tied', Float64Array.from([2, 2, 2, 2, 2, 2, 2, 2, 2, 2])],
    ['seven values (one bucket)', Float64Array.from([-1, 0, 0, 0.5, 2, 2, 9])],
    ['hand sample with ties', sample],
    [
      'a zero among negatives and positives',
      Float64Array.from([-3, -1, -0, 0, 0, 1e-300, 4, 7, 8, 100, 1e6, 1e6, 2e6, 3e6, 4e6, 5e6, 6e6]),
    ],
    ['ties on a grid, 5,000 values', gridded],
    ['20,000 Gumbel-like draws', skewed],
  ])('%s', (_name, sorted) => {
    const count = sortedCounter(sorted);
    let differing = 0;
    const xs = probes(sorted);
    const want = plainCounts(sorted, xs);
    for (const x of xs) if (count(x) !== want.get(x)) differing += 1;
    expect(xs.length).toBeGreaterThan(4);
    expect(differing).toBe(0);
  });
});
