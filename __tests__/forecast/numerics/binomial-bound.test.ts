import { binomialUpperBound } from '../../../src/forecast/numerics/binomial-bound.js';
import { relErr } from '../../helpers/prng.js';

/** P(X ≤ h) for Binomial(N, p) with exact integer binomial coefficients (small N only). */
function cdfExact(h: number, N: number, p: number): number {
  let total = 0;
  let coef = 1;
  for (let x = 0; x <= h; x++) {
    if (x > 0) coef = (coef * (N - x + 1)) / x;
    total += coef * p ** x * (1 - p) ** (N - x);
  }
  return total;
}

describe('binomialUpperBound (Clopper–Pearson, one-sided)', () => {
  test('zero hits: 1 − α^{1/N}', () => {
    expect(relErr(binomialUpperBound(0, 100, 0.95), 1 - 0.05 ** (1 / 100))).toBeLessThan(1e-12);
    // Large N keeps digits: 1 − 0.05^{1e-7} = 2.995731824833443e-07 (Python: -math.expm1(math.log(0.05)*1e-7)).
    expect(relErr(binomialUpperBound(0, 1e7, 0.95), 2.995731824833443e-7)).toBeLessThan(1e-12);
  });

  test.each([
    [1, 10],
    [3, 40],
    [7, 25],
  ])('h = %p of N = %p: P(X ≤ h | U) = α with an exact CDF', (h, N) => {
    const u = binomialUpperBound(h, N, 0.95);
    expect(cdfExact(h, N, u)).toBeCloseTo(0.05, 10);
    expect(u).toBeGreaterThan(h / N);
  });

  test('known value: 1 hit in 10 at 95% one-sided is 0.3942 (Clopper–Pearson tables)', () => {
    expect(binomialUpperBound(1, 10, 0.95)).toBeCloseTo(0.3942, 4);
  });

  test('all hits: the bound is 1; bad arguments throw', () => {
    expect(binomialUpperBound(5, 5, 0.9)).toBe(1);
    expect(() => binomialUpperBound(6, 5, 0.9)).toThrow(RangeError);
    expect(() => binomialUpperBound(0, 0, 0.9)).toThrow(RangeError);
  });
});
