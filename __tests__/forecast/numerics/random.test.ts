import { binomial, createRng } from '../../../src/forecast/numerics/random.js';

function moments(draw: () => number, count: number): { mean: number; variance: number; zeros: number } {
  let sum = 0;
  let sumSq = 0;
  let zeros = 0;
  for (let i = 0; i < count; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
    if (x === 0) zeros += 1;
  }
  const mean = sum / count;
  return { mean, variance: sumSq / count - mean * mean, zeros: zeros / count };
}

describe('createRng', () => {
  test('same seed, same stream; different seeds differ; uniforms in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Mean of U(0,1) is ½ with standard error 1/sqrt(12·1000) ≈ 0.0091.
    expect(Math.abs(xs.reduce((s, x) => s + x) / 1000 - 0.5)).toBeLessThan(4 * 0.0092);
  });
});

describe('binomial', () => {
  // Each branch: mean n·p and variance n·p·(1 − p) within 5 standard errors over 40,000 draws.
  test.each([
    ['inversion', 10, 0.3],
    ['inversion, huge n and tiny p (bootstrap copies)', 1_000_000, 1e-6],
    ['normal approximation (mean ≥ 30)', 1000, 0.2],
    ['p > ½ by symmetry', 50, 0.9],
  ])('%s: Binomial(%p, %p) has the right mean and variance', (_name, n, p) => {
    const rng = createRng(7);
    const count = 40_000;
    const { mean, variance } = moments(() => binomial(rng, n, p), count);
    const v = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / count));
    // Var of the sample variance ≈ (μ₄ − σ⁴)/count; for these cases μ₄ ≤ 3σ⁴ + σ², so 5·sqrt((2σ⁴ + σ²)/count) bounds it.
    expect(Math.abs(variance - v)).toBeLessThan(5 * Math.sqrt((2 * v * v + v) / count));
  });

  test('P(X = 0) = (1 − p)^n for Binomial(4, 0.25): 0.31640625', () => {
    const rng = createRng(11);
    const { zeros } = moments(() => binomial(rng, 4, 0.25), 40_000);
    expect(Math.abs(zeros - 0.31640625)).toBeLessThan(5 * Math.sqrt((0.3164 * 0.6836) / 40_000));
  });

  test('edge cases are exact', () => {
    const rng = createRng(1);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
  });
});
