import { countAbove, frequencyShare } from '../../src/forecast/frequency.js';

describe('frequencyShare', () => {
  // Line a = −1, b = −5: fitted survival at ψ_τ is exp(−ψ_τ − 5) = e^{−5}·(−log τ).
  const line = { slope: -1, intercept: -5 };

  test('inside the fitted tail (share < t/m) the fit answers: e^{−5}·(−log τ)', () => {
    const tau = 0.5;
    const pDesc = new Array(100).fill(0.9);
    // t/m = 10/100 = 0.1; fitted share = e^{−5}·log 2 ≈ 0.00467 < 0.1.
    expect(frequencyShare(line, pDesc, 100, 10, tau)).toBeCloseTo(Math.exp(-5) * Math.LN2, 15);
  });

  test('above the fitted tail the empirical share of p̂ > τ is used', () => {
    // τ = 0.001: fitted share = e^{−5}·6.9078 ≈ 0.0465 ≥ t/m = 10/1000 = 0.01 → empirical.
    const pDesc = [...new Array(30).fill(0.01), ...new Array(970).fill(0)];
    expect(frequencyShare(line, pDesc, 1000, 10, 0.001)).toBe(30 / 1000);
  });

  test('exact threshold: p̂ equal to τ does not count as above', () => {
    expect(countAbove([0.5, 0.5, 0.4], 0.5)).toBe(0);
    expect(countAbove([0.6, 0.5, 0.4], 0.5)).toBe(1);
    expect(countAbove([], 0.5)).toBe(0);
  });
});
