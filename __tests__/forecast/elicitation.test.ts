import {
  elicitationScore,
  estimateProbability,
  GIVEN_PROBABILITY_CAP,
  logOneMinusProbability,
  probabilityFromScore,
  sortedEstimates,
} from '../../src/forecast/elicitation.js';

describe('estimateProbability', () => {
  test('hits/k, with h = k capped at 1 − 1/(2k)', () => {
    expect(estimateProbability(3, 4)).toEqual({ p: 0.75, capped: false });
    expect(estimateProbability(0, 4)).toEqual({ p: 0, capped: false });
    expect(estimateProbability(4, 4)).toEqual({ p: 1 - 1 / 8, capped: true });
    expect(estimateProbability(1, 1)).toEqual({ p: 0.5, capped: true });
  });

  test('given probabilities pass through, 1 is capped at 1 − 1e-12', () => {
    expect(estimateProbability(0.25, 0)).toEqual({ p: 0.25, capped: false });
    expect(estimateProbability(1, 0)).toEqual({ p: GIVEN_PROBABILITY_CAP, capped: true });
  });
});

describe('elicitationScore ψ = −log(−log p)', () => {
  test('closed forms: ψ(e^{-1}) = 0, ψ(exp(−e^{−2})) = 2', () => {
    expect(elicitationScore(Math.exp(-1))).toBeCloseTo(0, 15);
    expect(elicitationScore(Math.exp(-Math.exp(-2)))).toBeCloseTo(2, 12);
  });

  test('keeps its digits near p = 1: ψ(1 − 1e-12) = −log(−log1p(−1e-12)) ≈ 27.631', () => {
    // −log(1 − ε) = ε + ε²/2 + …, so ψ = −log ε − ε/2 + O(ε²); with ε = 1e-12: 12·ln 10.
    expect(elicitationScore(1 - 1e-12)).toBeCloseTo(12 * Math.LN10, 3);
  });

  test('probabilityFromScore inverts it', () => {
    for (const p of [1e-9, 0.001, 0.3, 0.9, 0.999999]) {
      expect(probabilityFromScore(elicitationScore(p)) / p).toBeCloseTo(1, 12);
    }
  });
});

describe('logOneMinusProbability', () => {
  test('moderate p agrees with the direct log(1 − p)', () => {
    for (const psi of [-1, 0, 0.5, 2, 5]) {
      const p = Math.exp(-Math.exp(-psi));
      expect(logOneMinusProbability(psi)).toBeCloseTo(Math.log(1 - p), 12);
    }
  });

  test('tiny p: log(1 − p) ≈ −p where log(−expm1(…)) would round to 0', () => {
    // p = exp(−e^{−ψ}) with ψ = −log(−log 1e-20) ⇒ p = 1e-20 and log(1 − p) = −1e-20 to 1e-40.
    const psi = -Math.log(-Math.log(1e-20));
    expect(logOneMinusProbability(psi) / -1e-20).toBeCloseTo(1, 10);
  });

  test('p near 1: log(1 − p) ≈ −ψ − … (1 − p ≈ e^{−ψ})', () => {
    // 1 − exp(−x) = x − x²/2 + … with x = e^{−ψ}; for ψ = 40, log(1 − p) = −40 + log(1 − x/2) ≈ −40.
    expect(logOneMinusProbability(40)).toBeCloseTo(-40, 10);
  });
});

describe('sortedEstimates', () => {
  test('sorts by capped p̂, counts caps and nonzero, keeps the arrays aligned', () => {
    const est = sortedEstimates([0, 4, 0.3, 1], [4, 4, 0, 8]);
    expect(Array.from(est.p)).toEqual([0.875, 0.3, 0.125, 0]);
    expect(Array.from(est.samples)).toEqual([4, 0, 8, 4]);
    expect(Array.from(est.index)).toEqual([1, 2, 3, 0]);
    expect(est.capped).toBe(1);
    expect(est.nonzero).toBe(3);
  });
});
