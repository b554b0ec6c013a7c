import { fitGumbelTail, forecastScore, worstQueryRisk } from '../../src/forecast/gumbel-tail.js';
import { relErr } from '../helpers/prng.js';

/** p whose ψ lies exactly on log(j/m) = a·ψ + b: ψ_j = (log(j/m) − b)/a. */
function pointsOnLine(a: number, b: number, m: number, t: number): number[] {
  const p: number[] = [];
  for (let j = 1; j <= t; j++) p.push(Math.exp(-Math.exp(-(Math.log(j / m) - b) / a)));
  return p;
}

describe('fitGumbelTail on a tail that lies exactly on a known line', () => {
  const a = -2;
  const b = -1;
  const m = 1000;
  const t = 10;
  const tail = pointsOnLine(a, b, m, t);
  // The bulk: smaller p̂ and zeros, which must not affect the fit.
  const pDesc = [...tail, ...Array.from({ length: 500 }, () => tail[t - 1] / 2), ...Array(m - t - 500).fill(0)];

  test('recovers a and b', () => {
    const result = fitGumbelTail(pDesc, m, t);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(relErr(result.fit.slope, a)).toBeLessThan(1e-12);
    expect(relErr(result.fit.intercept, b)).toBeLessThan(1e-12);
    expect(result.fit.r2).toBeCloseTo(1, 12);
    expect(result.fit.points.map((pt) => pt.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test.each([1e3, 1e6, 2.5e5, 1e9])('forecast at n = %p matches the power law −log Q = e^{b/a}·n^{1/a} to 1e-9', (n) => {
    const result = fitGumbelTail(pDesc, m, t);
    if (result.kind !== 'ok') throw new Error(result.reason);
    // docs/method.md: a different algebraic route from the code's ψ_n.
    const expected = Math.exp(-Math.exp(b / a) * n ** (1 / a));
    expect(relErr(worstQueryRisk(result.fit, n), expected)).toBeLessThan(1e-9);
  });

  test('at n = m the forecast is the top point itself (S_1 = 1/m)', () => {
    const result = fitGumbelTail(pDesc, m, t);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(relErr(worstQueryRisk(result.fit, m), tail[0])).toBeLessThan(1e-9);
  });

  test('ψ_n solves a·ψ + b = log(1/n) (the published Eq. 5 has a sign slip)', () => {
    const psi = forecastScore({ slope: a, intercept: b }, 1e6);
    expect(a * psi + b).toBeCloseTo(-Math.log(1e6), 12);
  });
});

describe('fitGumbelTail failure kinds', () => {
  test('insufficient when fewer than t queries have p̂ > 0', () => {
    const result = fitGumbelTail([0.5, 0.4, 0.3, 0, 0], 5, 4);
    expect(result).toMatchObject({ kind: 'insufficient', nonzero: 3 });
  });

  test('exactly t nonzero is enough', () => {
    expect(fitGumbelTail([0.5, 0.4, 0.3, 0.2, 0], 5, 4).kind).toBe('ok');
  });

  test('degenerate when all top-t scores tie (all-or-nothing epochs)', () => {
    const result = fitGumbelTail([0.875, 0.875, 0.875, 0.875, 0.1], 100, 4);
    expect(result.kind).toBe('degenerate');
    if (result.kind === 'degenerate') expect(result.reason).toMatch(/tie/);
  });

  test('ties are fitted with consecutive ranks when not all equal', () => {
    const result = fitGumbelTail([0.9, 0.5, 0.5, 0.5, 0.1], 100, 4);
    if (result.kind !== 'ok') throw new Error('expected a fit');
    expect(result.fit.distinctPsi).toBe(2);
    expect(result.fit.points.map((pt) => pt.rank)).toEqual([1, 2, 3, 4]);
  });
});

// Accuracy on Gumbel-distributed data over many seeds (median error against the order-statistics
// bias, share within 10×) is a Monte-Carlo study: bench/point-forecast.mjs prints it.
