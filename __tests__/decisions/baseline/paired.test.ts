import { describe, expect, it } from '@jest/globals';
import { pairedComparison, scoreRatio } from '../../../src/decisions/baseline/paired.js';
import { holm } from '../../../src/decisions/baseline/pair-all.js';
import type { BehaviorSample } from '../../../src/domain/observation.js';
import type { PairedComparison } from '../../../src/domain/report.js';

/** A behaviour of given probabilities p = exp(−exp(−ψ)), one per query id. */
function given(ids: readonly string[], psi: readonly number[]): BehaviorSample {
  return {
    name: 'harm',
    queryIds: [...ids],
    hits: Float64Array.from(psi, (x) => Math.exp(-Math.exp(-x))),
    samples: new Float64Array(psi.length),
    rows: psi.length,
    duplicates: 0,
    exclusions: {},
    errors: { samples: 0, judged: psi.length, byReason: {}, queryIds: [], counts: new Float64Array(0) },
  };
}

const M = 40;
const ids = Array.from({ length: M }, (_, i) => `q${i}`);
/** Distinct, unevenly spaced scores so the OLS line is not exact. */
const psi = ids.map((_, i) => -4 - 0.1 * i - 0.003 * i * i);
const spec = { tailSize: 10, deploymentVolume: 1e4, confidence: 0.9, resamples: 200, seed: 7 };

describe('pairedComparison', () => {
  it('sees a uniform shift δ of every score as exactly δ in every resample', () => {
    // OLS is equivariant: ψ → ψ + δ leaves the slope and moves the forecast by δ, whichever queries a resample draws.
    const delta = 0.3;
    const c = pairedComparison(
      given(
        ids,
        psi.map((x) => x + delta),
      ),
      given(ids, psi),
      spec,
    );
    expect(c.paired).toBe(true);
    expect(c.sharedQueries).toBe(M);
    expect(c.shift?.estimate).toBeCloseTo(delta, 9);
    expect(c.shift?.lower).toBeCloseTo(delta, 9);
    expect(c.shift?.upper).toBeCloseTo(delta, 9);
    expect(c.shift?.notUp).toBe(0);
    expect(c.shift?.up).toBe(true);
    // numpy: a, b = np.polyfit(top10(ψ), log(j/40), 1); ψn = −(log 1e4 + b)/a = −0.574972503119241;
    // exp(−exp(−ψn − 0.3)) / exp(−exp(−ψn)) = 1.5850044060399813
    expect(c.ratio?.estimate).toBeCloseTo(1.5850044060399813, 9);
  });

  it('finds no move when both sides are the same results', () => {
    const c = pairedComparison(given(ids, psi), given(ids, psi), spec);
    expect(c.shift?.lower).toBe(0);
    expect(c.shift?.upper).toBe(0);
    // Every resample's shift is 0, which counts as "not up".
    expect(c.shift?.notUp).toBe(1);
    expect(c.shift?.up).toBe(false);
    expect(c.ratio).toEqual({ estimate: 1, lower: 1, upper: 1 });
  });

  it('falls back to the unpaired rule when fewer than half the query ids are shared, and says so', () => {
    const others = ids.map((id, i) => (i < 19 ? id : `other-${id}`));
    const c = pairedComparison(given(others, psi), given(ids, psi), spec);
    expect(c).toEqual({
      paired: false,
      sharedQueries: 19,
      reason: 'the two runs share 19 of 40 query ids (the paired rule needs 50%)',
      ratio: null,
      shift: null,
    });
    // 20 of 40 is enough.
    expect(
      pairedComparison(
        given(
          ids.map((id, i) => (i < 20 ? id : `x${id}`)),
          psi,
        ),
        given(ids, psi),
        spec,
      ).paired,
    ).toBe(true);
  });

  it('says which side has no tail to fit', () => {
    const flat = given(ids, psi);
    flat.hits.fill(0);
    expect(pairedComparison(given(ids, psi), flat, spec).reason).toBe('the baseline tail has no fit, so there is no shift to resample');
  });

  it('is reproducible from the seed', () => {
    const noisy = psi.map((x, i) => x + 0.05 * Math.sin(7 * i));
    const a = pairedComparison(given(ids, noisy), given(ids, psi), spec);
    expect(pairedComparison(given(ids, noisy), given(ids, psi), spec)).toEqual(a);
  });
});

describe('scoreRatio', () => {
  it('is the ratio of exp(−exp(−ψ)) on both sides', () => {
    // exp(−exp(−1)) / exp(−exp(0)) = exp(1 − e^{−1}) = 1.8815..., by hand from the definition.
    expect(scoreRatio(1, 0)).toBeCloseTo(Math.exp(1 - Math.exp(-1)), 14);
  });
});

describe('holm', () => {
  const at = (notUp: number): PairedComparison => ({
    paired: true,
    sharedQueries: 100,
    reason: null,
    ratio: { estimate: 5, lower: 1, upper: 20 },
    shift: { estimate: 1, lower: 0.1, upper: 2, notUp, level: 0.05, up: notUp < 0.05, resamples: 1000, failures: 0 },
  });

  it('holds the smallest p-value to level/K, the next to level/(K − 1), and stops at the first that fails', () => {
    const family = [at(0.04), at(0.001), at(0.03)];
    expect(family.map((c) => c.shift?.up)).toEqual([true, true, true]);
    holm(family);
    // By hand, K = 3: 0.001 < 0.05/3 passes; 0.03 ≥ 0.05/2 fails, so 0.04 is not tested.
    expect(family.map((c) => c.shift?.up)).toEqual([false, true, false]);
    expect(family.map((c) => c.shift?.level)).toEqual([0.05, 0.05 / 3, 0.05 / 2]);
  });
});
