import { describe, expect, it } from '@jest/globals';
import { countAtOrAbove, countAtOrBelow } from '../../../src/forecast/numerics/sorted.js';

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
