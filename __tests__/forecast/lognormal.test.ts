import { lognormalWorstQuery } from '../../src/forecast/lognormal.js';
import { relErr } from '../helpers/prng.js';

describe('lognormalWorstQuery', () => {
  // ψ = [−1, 1]: μ = 0, σ (ML, ddof 0) = 1. With m = 4 queries, π = 2/4 = 0.5.
  // At n = 1000: ψ_n = 0 + 1·Φ⁻¹(1 − 1/500) and Φ⁻¹(0.998) = 2.878161739095483
  // (Python: statistics.NormalDist().inv_cdf(0.998)). Q = exp(−exp(−2.8781617…)).
  test('closed form with μ = 0, σ = 1, π = ½', () => {
    const expected = Math.exp(-Math.exp(-2.878161739095483));
    expect(relErr(lognormalWorstQuery([-1, 1], 4, 1000), expected)).toBeLessThan(1e-12);
  });

  test('σ is the ML estimate (ddof 0), not the sample sd', () => {
    // ψ = [0, 2, 4]: μ = 2, σ_ML = sqrt(8/3); m = 3, π = 1; n = 100 → Φ⁻¹(0.99) = 2.3263478740408408 (Python).
    const expected = Math.exp(-Math.exp(-(2 + Math.sqrt(8 / 3) * 2.3263478740408408)));
    expect(relErr(lognormalWorstQuery([0, 2, 4], 3, 100), expected)).toBeLessThan(1e-12);
  });

  test('when n·π ≤ 1 no deployment query is expected to be nonzero: 0', () => {
    expect(lognormalWorstQuery([-1, 1], 1000, 500)).toBe(0);
  });

  test('needs two scores', () => {
    expect(() => lognormalWorstQuery([1], 10, 100)).toThrow(RangeError);
  });
});
