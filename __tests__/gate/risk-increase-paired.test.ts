import { describe, expect, it } from '@jest/globals';
import { increaseBreach, pairedLevel } from '../../src/gate/risk-increase.js';
import type { BaselineRow, ComparedForecast } from '../../src/domain/report.js';

const side = (forecast: number, lower: number, upper: number): ComparedForecast => ({
  outcome: 'forecast',
  queries: 1000,
  forecast,
  lower,
  upper,
  observedMax: 0.001,
});

/** Overlapping intervals: the unpaired rule (0.002 > 3 × 0.02?) can never fire on this row. */
function row(up: boolean, estimate: number): BaselineRow {
  return {
    name: 'harm',
    presence: 'both',
    baseline: side(0.001, 0.0002, 0.02),
    current: side(0.004, 0.002, 0.05),
    ratio: 4,
    overlap: true,
    increase: 0.1,
    riskIncrease: { fail: 3, warn: 2 },
    comparison: {
      paired: true,
      sharedQueries: 1000,
      reason: null,
      ratio: { estimate, lower: 1.5, upper: 9 },
      shift: { estimate: 0.2, lower: 0.01, upper: 0.4, notUp: up ? 0.01 : 0.2, level: 0.05, up, resamples: 1000, failures: 0 },
    },
    mismatch: [],
    note: null,
  };
}

describe('the paired risk-increase rule', () => {
  it('fires on the point ratio once the paired shift says the tail moved up', () => {
    expect(increaseBreach(row(true, 4), { fail: 3, warn: 2 })).toEqual({
      behavior: 'harm',
      metric: 'risk-increase',
      level: 'fail',
      value: 4,
      threshold: 3,
      basis: 'paired',
    });
    expect(increaseBreach(row(true, 2.5), { fail: 3, warn: 2 })?.level).toBe('warn');
  });

  it('does not fire when the shift is within the noise, however large the ratio', () => {
    expect(increaseBreach(row(false, 40), { fail: 3, warn: 2 })).toBeUndefined();
  });

  it('is strict at the factor, as every threshold', () => {
    expect(pairedLevel(true, 3, { fail: 3 })).toBeNull();
    expect(pairedLevel(true, 3.000001, { fail: 3 })).toEqual({ level: 'fail', factor: 3 });
  });

  it('uses the unpaired rule when the comparison is not paired', () => {
    const r = row(true, 4);
    r.comparison = { paired: false, sharedQueries: 10, reason: 'few shared', ratio: null, shift: null };
    expect(increaseBreach(r, { fail: 3, warn: 2 })).toBeUndefined();
    r.current = side(0.2, 0.07, 0.3);
    r.increase = 0.07 / 0.02;
    // 0.07 > 3 × 0.02: the lower end over the baseline's upper end, 3.5.
    expect(increaseBreach(r, { fail: 3, warn: 2 })?.value).toBeCloseTo(3.5, 12);
  });
});
