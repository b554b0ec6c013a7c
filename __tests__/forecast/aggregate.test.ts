import { aggregateRisk, meanLogNonOccurrence, tailLogIntegral } from '../../src/forecast/aggregate.js';
import { integrate, MAX_PIECES } from '../../src/forecast/numerics/quadrature.js';
import { relErr } from '../helpers/prng.js';

/**
 * Li₂(z) = Σ z^k/k² for 0 ≤ z ≤ ½; above ½ Euler's reflection
 * Li₂(z) = π²/6 − log(z)·log(1 − z) − Li₂(1 − z) keeps the series short.
 */
function dilog(z: number): number {
  if (z > 0.5) return Math.PI ** 2 / 6 - Math.log(z) * Math.log1p(-z) - dilog(1 - z);
  let sum = 0;
  for (let k = 1; k < 200; k++) sum += z ** k / (k * k);
  return sum;
}

/**
 * With a = −1 the tail is Q(s) = exp(−c·s), c = e^{−b}, and
 * ∫_0^{s₀} log(1 − e^{−cs}) ds = (1/c)∫_0^{cs₀} log(1 − e^{−x}) dx = −(π²/6 − Li₂(e^{−cs₀}))/c
 * (expand log(1 − e^{−x}) = −Σ e^{−kx}/k and integrate term by term).
 */
function closedFormIntegral(b: number, s0: number): number {
  const c = Math.exp(-b);
  return -(Math.PI ** 2 / 6 - dilog(Math.exp(-c * s0))) / c;
}

/** Composite Simpson in u = log s over [log s₀ − span, log s₀]: an independent check for general a. */
function simpsonInLogS(a: number, b: number, s0: number, span: number, steps: number): number {
  const hi = Math.log(s0);
  const lo = hi - span;
  const h = (hi - lo) / steps;
  const f = (u: number) => {
    const psi = (u - b) / a;
    const q = Math.exp(-Math.exp(-psi));
    // log(1 − q) directly is fine here: Simpson's reference needs no log1mexp for these ranges,
    // and using a different formula from the code is the point.
    const l = q < 0.5 ? Math.log1p(-q) : Math.log(-Math.expm1(-Math.exp(-psi)));
    return l * Math.exp(u);
  };
  let sum = f(lo) + f(hi);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

describe('quadrature', () => {
  test('∫_0^1 e^x dx = e − 1 and ∫_0^π sin = 2 to 1e-14', () => {
    expect(relErr(integrate(Math.exp, 0, 1), Math.E - 1)).toBeLessThan(1e-14);
    expect(relErr(integrate(Math.sin, 0, Math.PI), 2)).toBeLessThan(1e-14);
  });

  test('a sharp peak: ∫ of a narrow Gaussian (σ = 1e-3) over [0, 1] is σ√(2π) to 1e-10', () => {
    const sigma = 1e-3;
    const value = integrate((x) => Math.exp(-0.5 * ((x - 0.3) / sigma) ** 2), 0, 1);
    expect(relErr(value, sigma * Math.sqrt(2 * Math.PI))).toBeLessThan(1e-10);
  });

  test('work is bounded: an integrand whose error estimate never settles stops at MAX_PIECES', () => {
    // sin(1/x) oscillates without end near 0: no finite number of pieces reaches 1e-13. The old
    // depth-first bisection split such integrands to depth 60 (exponential work); now at most
    // MAX_PIECES pieces of 15 points each are evaluated.
    let calls = 0;
    const value = integrate(
      (x) => {
        calls++;
        return x === 0 ? 0 : Math.sin(1 / x);
      },
      0,
      1,
    );
    expect(calls).toBeLessThanOrEqual(15 * (2 * MAX_PIECES + 1));
    // ∫_0^1 sin(1/x) dx = sin 1 − Ci(1) = 0.504067061906928… (A&S 5.2.2; Ci(1) = 0.337403922900968…)
    expect(Math.abs(value - 0.504067061906928)).toBeLessThan(1e-4);
  });
});

describe('tailLogIntegral', () => {
  test.each([
    [-Math.log(1.2), 10 / 12],
    [-Math.log(100), 0.01],
    [2, 0.001],
  ])('a = −1, b = %p, s₀ = %p: matches the dilogarithm closed form to 1e-10', (b, s0) => {
    expect(relErr(tailLogIntegral({ slope: -1, intercept: b }, s0), closedFormIntegral(b, s0))).toBeLessThan(1e-10);
  });

  test('steep fit (a = −20) whose mass peaks ~40 log-units of s below t/m: matches Simpson over 400 log-units', () => {
    // b chosen so that ψ₀ = −5 at s₀ = 0.01: Q(s₀) = e^{−e^5} ≈ 1e-64, while the integrand
    // peaks near log s = log s₀ − 40 where Q is moderate.
    const a = -20;
    const s0 = 0.01;
    const b = Math.log(s0) - a * -5;
    const reference = simpsonInLogS(a, b, s0, 400, 400_000);
    expect(relErr(tailLogIntegral({ slope: a, intercept: b }, s0), reference)).toBeLessThan(1e-9);
  });

  test('very steep bootstrap refit (a ≈ −2403) finishes and matches Simpson', () => {
    // A real resample's fit (1,500 queries, ψ ~ Gumbel(−3.55, 0.08)) that made the old
    // quadrature split to depth 60 and hang the forecast. In log s the integrand is smooth:
    // ψ moves only 1/|a| per log-unit, so 80 log-units cover it far past double precision.
    const line = { slope: -2402.8550197739028, intercept: -6976.361539259466 };
    const s0 = 10 / 1500;
    const reference = simpsonInLogS(line.slope, line.intercept, s0, 80, 80_000);
    expect(relErr(tailLogIntegral(line, s0, 1e-8), reference)).toBeLessThan(1e-7);
    expect(relErr(tailLogIntegral(line, s0), reference)).toBeLessThan(1e-9);
  });

  test('flat fit (a = −0.3): matches Simpson', () => {
    const a = -0.3;
    const s0 = 0.001;
    const b = -4;
    const reference = simpsonInLogS(a, b, s0, 200, 200_000);
    expect(relErr(tailLogIntegral({ slope: a, intercept: b }, s0), reference)).toBeLessThan(1e-9);
  });

  test('rare behaviour (Q ~ 1e-20 across the tail) keeps its digits', () => {
    // a = −1, c = e^{−b} huge: log(1 − e^{−cs}) ≈ … the closed form still holds; Li₂ of a tiny z ≈ z.
    const b = -Math.log(1e4);
    const s0 = 0.01;
    expect(relErr(tailLogIntegral({ slope: -1, intercept: b }, s0), closedFormIntegral(b, s0))).toBeLessThan(1e-10);
  });
});

describe('aggregate risk: a tiny case by hand', () => {
  // m = 12, t = 10. The top 10 lie on a = −1, b = −log 1.2, i.e. p_j = exp(−1.2·j/12) = exp(−0.1·j).
  // Ranks 11 and 12 are 0.2 and 0. E[log(1 − p)] = log(0.8)/12 + ∫_0^{10/12} log(1 − e^{−1.2 s}) ds
  // and the integral is −(π²/6 − Li₂(e^{−1}))/1.2 with Li₂(e^{−1}) = 0.408754287348896
  // (Python: sum(math.exp(-k)/k**2 for k in range(1, 200))).
  const pDesc = [...Array.from({ length: 10 }, (_, j) => Math.exp(-0.1 * (j + 1))), 0.2, 0];
  const line = { slope: -1, intercept: -Math.log(1.2) };
  const expectedMean = Math.log(0.8) / 12 - (Math.PI ** 2 / 6 - dilog(Math.exp(-1))) / 1.2;

  test('E[log(1 − p)] splices the empirical ranks 11..12 with the fitted tail', () => {
    expect(relErr(meanLogNonOccurrence(line, pDesc, 10), expectedMean)).toBeLessThan(1e-10);
    // log(0.8)/12 = −0.0185952…, (1.6449341 − 0.4087543)/1.2 = 1.0301499…: E = −1.0487451 (Python, same formula).
    expect(expectedMean).toBeCloseTo(-1.0487451121922926, 12);
  });

  test.each([0, 1, 2, 3])('aggregate at n = %p is 1 − exp(n·E)', (n) => {
    const expected = 1 - Math.exp(n * expectedMean);
    const got = aggregateRisk(meanLogNonOccurrence(line, pDesc, 10), n);
    if (n === 0) expect(got).toBe(0);
    else expect(relErr(got, expected)).toBeLessThan(1e-10);
  });

  test('tiny per-query risk: 1 − exp(n·E) keeps digits via expm1', () => {
    // n·E = −1e-18 ⇒ aggregate = 1e-18 (1 − exp would give 0).
    expect(relErr(aggregateRisk(-1e-24, 1e6), 1e-18)).toBeLessThan(1e-12);
  });
});
