import {
  formatCount,
  formatInterval,
  formatLevel,
  formatOptionalProbability,
  formatPercent,
  formatProbability,
  formatStat,
  formatVolume,
} from '../../src/report/numbers.js';

// Expected strings are worked out by hand from the scheme in numbers.ts's header.
describe('formatProbability', () => {
  test.each([
    [0, '0'], // exact zero
    [1, '≥ 0.999'], // one spelling for "as good as certain": never a bare 1, never ≈1
    [0.9995, '≥ 0.999'],
    [0.99999, '≥ 0.999'],
    [0.999, '≥ 0.999'], // the switch point
    [0.9989, '0.999'], // 2 sig digits would say "1.0": three decimals instead
    [0.996, '0.996'],
    [0.3214, '0.32'], // 2 significant digits
    [0.05, '0.050'], // trailing zero kept: 2 significant digits
    [0.01, '0.010'], // the switch point is still decimal
    [0.00999, '0.010'], // decimal down to 0.001 (0.00999 at 2 sig digits is 0.010)
    [0.0078, '0.0078'], // not 7.8e-3 next to 0.044 in one column
    [0.001, '0.0010'], // the switch point is still decimal
    [9.99e-4, '1.0e-3'], // below 0.001: scientific
    [3.2e-4, '3.2e-4'],
    [0.000321, '3.2e-4'],
    [1e-300, '1.0e-300'],
  ])('%p → %p', (p, expected) => {
    expect(formatProbability(p)).toBe(expected);
  });

  test.each([NaN, Infinity, -Infinity, -0.1, 1.0001])('refuses %p', (p) => {
    expect(() => formatProbability(p)).toThrow(RangeError);
  });

  test('optional and interval forms', () => {
    expect(formatOptionalProbability(null)).toBe('—');
    expect(formatOptionalProbability(0.5)).toBe('0.50');
    expect(formatInterval(1.1e-3, 0.08)).toBe('0.0011 – 0.080');
    expect(formatInterval(1.1e-4, 0.08)).toBe('1.1e-4 – 0.080');
    // Closed at certainty: "up to 1"; both ends there: one statement; equal ends: one number.
    expect(formatInterval(0.998, 1)).toBe('0.998 – 1');
    expect(formatInterval(0.9995, 1)).toBe('≥ 0.999');
    expect(formatInterval(0, 0)).toBe('0');
    expect(formatInterval(null, 0.08)).toBe('—');
  });
});

describe('formatVolume', () => {
  test.each([
    [1_000_000, '1M'],
    [250_000, '250k'],
    [1_500_000_000, '1.5B'],
    [1_234_567, '1.23M'], // three significant digits
    [999_999, '1M'], // 999.999k rounds to 1000k: next unit up
    [1_000, '1k'],
    [500, '500'],
    [999.7, '1k'],
    [0, '0'],
    [2e12, '2T'],
  ])('%p → %p', (n, expected) => {
    expect(formatVolume(n)).toBe(expected);
  });

  test('refuses negative and non-finite volumes', () => {
    expect(() => formatVolume(-1)).toThrow(RangeError);
    expect(() => formatVolume(NaN)).toThrow(RangeError);
  });
});

describe('formatCount', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [12345, '12,345'],
    [1_000_000, '1,000,000'],
    [-1234, '-1,234'],
  ])('%p → %p', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });

  test('refuses non-integers', () => {
    expect(() => formatCount(1.5)).toThrow(RangeError);
    expect(() => formatCount(Infinity)).toThrow(RangeError);
  });
});

describe('formatPercent and formatLevel', () => {
  test.each([
    [0.86, '86%'],
    [0.875, '88%'], // 87.5 rounds half up
    [0, '0%'],
    [1, '100%'],
    [0.004, '0.4%'], // never round a non-zero share to 0%
    [0.0004, '<0.1%'],
    [0.996, '99.6%'], // never round a partial share to 100%
    [0.9996, '>99.9%'],
  ])('formatPercent(%p) → %p', (x, expected) => {
    expect(formatPercent(x)).toBe(expected);
  });

  test.each([
    [0.9, '90%'],
    [0.95, '95%'],
    [0.975, '97.5%'], // a level is shown as set, not rounded
  ])('formatLevel(%p) → %p', (x, expected) => {
    expect(formatLevel(x)).toBe(expected);
  });

  test('refuses out-of-range shares and levels', () => {
    expect(() => formatPercent(1.2)).toThrow(RangeError);
    expect(() => formatLevel(1)).toThrow(RangeError);
  });
});

describe('formatStat', () => {
  test.each([
    [-1.23456, '-1.23'],
    [0.9641, '0.964'],
    [1234.5, '1230'],
    [0.0001234, '1.23e-4'],
    [2.5e6, '2.50e+6'],
    [0, '0'],
  ])('%p → %p', (x, expected) => {
    expect(formatStat(x)).toBe(expected);
  });

  test('refuses NaN', () => {
    expect(() => formatStat(NaN)).toThrow(RangeError);
  });
});
