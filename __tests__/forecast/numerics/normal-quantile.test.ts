import { normalQuantile } from '../../../src/forecast/numerics/normal-quantile.js';

// Expected values: Python 3.11 `statistics.NormalDist().inv_cdf(p)` (CPython's
// own C/Python implementation of AS241), printed with repr().
const REFERENCE: [number, number][] = [
  [0.975, 1.9599639845400536],
  [0.999, 3.090232306167813],
  [1e-10, -6.361340902404056],
  [0.9, 1.2815515655446008],
  [0.3, -0.5244005127080407],
  [1e-300, -37.0470962993612],
  [0.05, -1.6448536269514726],
  [1 - 1e-12, 7.0344869100478356],
  [1e-6, -4.753424308822899],
];

describe('normalQuantile (AS241)', () => {
  test.each(REFERENCE)('Φ⁻¹(%p) matches Python NormalDist.inv_cdf to 1e-14', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)));
  });

  test('median is exactly 0 and the function is odd around ½', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.2)).toBeCloseTo(-normalQuantile(0.8), 15);
  });

  test('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});
