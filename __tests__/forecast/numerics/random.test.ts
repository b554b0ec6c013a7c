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

describe('createRng: the xoshiro128** stream, pinned', () => {
  // Reference: an independent Python transcription of splitmix32 seeding and xoshiro128** (Blackman & Vigna),
  // with 53-bit uniforms (high 27 bits of one output, high 26 of the next), on Python's unbounded ints:
  //   M = 0xFFFFFFFF; rotl = lambda x, k: ((x << k) | (x >> (32 - k))) & M
  //   def rng(seed):
  //       s = ((seed & M) ^ 0x9E3779B9) & M
  //       def splitmix():
  //           nonlocal s
  //           s = (s + 0x9E3779B9) & M; z = s
  //           z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M; z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
  //           return z ^ (z >> 16)
  //       st = [splitmix() for _ in range(4)]
  //       def next32():
  //           a, b, c, d = st
  //           result = (rotl((b * 5) & M, 7) * 9) & M; t = (b << 9) & M
  //           c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11)
  //           st[:] = [a, b, c, d]; return result
  //       return lambda: ((next32() >> 5) * 67108864 + (next32() >> 6)) / 9007199254740992
  // printed with repr (exact doubles).
  test.each([
    [42, [0.8624723854573461, 0.2230406801471002, 0.10933422701155993, 0.040658276761779244]],
    [0x5e1fc4ec, [0.22663116841311015, 0.4204508910260327, 0.8373509185309624, 0.03883264616217297]],
    [0x7a116a7e, [0.916687152090001, 0.07973517735095526, 0.20715129528753773, 0.7419200343821516]],
  ])('seed %p: the first four uniforms', (seed, expected) => {
    const rng = createRng(seed);
    for (const x of expected) expect(rng.next()).toBe(x);
  });

  test('seed 42: the 1,000th and 100,000th uniforms (every state word has wrapped many times)', () => {
    const rng = createRng(42);
    let x = NaN;
    for (let i = 1; i <= 100_000; i++) {
      x = rng.next();
      if (i === 1000) expect(x).toBe(0.22655826782740762);
    }
    expect(x).toBe(0.5813140583627197);
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
