/**
 * Number formatting for people (PR comment, job summary, terminal). One
 * scheme everywhere, so a reviewer can compare cells at a glance:
 *
 * - probabilities: `0` for the exact zero; `≥ 0.999` from 0.999 up (one
 *   spelling for "as good as certain", whether the value is 0.9996 or 1); two
 *   significant digits as a decimal from 0.001 (`0.32`, `0.050`, `0.0078`);
 *   below 0.001 scientific with two significant digits (`3.2e-4`);
 * - ratios: `3.4×`, `2,600×`, `33,000×`: two significant digits, grouped like counts;
 * - expected counts: whole numbers from 10 up, two significant digits below (`0.30`, `1.0e-6`);
 * - volumes: `500`, `250k`, `1M`, `1.5B` (three significant digits at most);
 * - counts: comma grouping (`12,345`);
 * - shares of splits: whole percent (`86%`); confidence levels as set (`90%`, `97.5%`).
 *
 * Every formatter throws on a value it cannot honestly show (NaN, ±∞, a
 * probability outside [0, 1]): a report never prints `NaN`.
 */

function assertFinite(x: number, what: string): void {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${what}: ${x} is not a finite number`);
}

/**
 * A probability or share in [0, 1].
 * @example formatProbability(0.3214) // '0.32'
 * @example formatProbability(0.00032) // '3.2e-4'
 */
export function formatProbability(p: number): string {
  assertFinite(p, 'probability');
  if (p < 0 || p > 1) throw new RangeError(`cannot format probability: ${p} is outside [0, 1]`);
  // No hit at all is exact.
  if (p === 0) return '0';
  // Two digits cannot tell 0.9996 from 1, and a bare `1` reads as certainty.
  if (p >= 0.999) return AT_LEAST_0999;
  if (p >= 1e-3) {
    const two = p.toPrecision(2);
    // toPrecision(2) rounds 0.996 up to "1.0"; three decimals keep it below 1.
    return two === '1.0' ? p.toFixed(3) : two;
  }
  // toExponential writes "3.2e-4" already (no "+", no zero padding).
  return p.toExponential(1);
}

const AT_LEAST_0999 = '≥ 0.999';

/** Like {@link formatProbability}, or `—` for a value the forecast does not have. */
export function formatOptionalProbability(p: number | null): string {
  return p === null ? '—' : formatProbability(p);
}

/** `lower – upper` of an interval, or `—` when the bootstrap was off. */
export function formatInterval(lower: number | null, upper: number | null): string {
  if (lower === null || upper === null) return '—';
  const low = formatProbability(lower);
  // Both ends at certainty: one statement, not `≥ 0.999 – ≥ 0.999`.
  if (low === AT_LEAST_0999) return low;
  const high = formatProbability(upper);
  if (high === low) return low;
  // An interval closed at certainty reads as "up to 1".
  return `${low} – ${high === AT_LEAST_0999 ? '1' : high}`;
}

const VOLUME_UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A deployment volume with an SI-like suffix, at most three significant digits.
 * @example formatVolume(1_000_000) // '1M'
 * @example formatVolume(250_000) // '250k'
 * @example formatVolume(1_500_000_000) // '1.5B'
 */
export function formatVolume(n: number): string {
  assertFinite(n, 'volume');
  if (n < 0) throw new RangeError(`cannot format volume: ${n} is negative`);
  for (let i = 0; i < VOLUME_UNITS.length; i++) {
    const [unit, suffix] = VOLUME_UNITS[i];
    if (n < unit) continue;
    const scaled = Number((n / unit).toPrecision(3));
    // 999,999 rounds to 1000k: say 1M instead (the next unit up).
    if (scaled >= 1000 && i > 0) return `${Number((n / VOLUME_UNITS[i - 1][0]).toPrecision(3))}${VOLUME_UNITS[i - 1][1]}`;
    return `${scaled}${suffix}`;
  }
  const small = Number(n.toPrecision(3));
  return small >= 1000 ? '1k' : String(small);
}

/**
 * An integer count with comma grouping, locale-independent.
 * @example formatCount(12345) // '12,345'
 */
export function formatCount(n: number): string {
  assertFinite(n, 'count');
  if (!Number.isInteger(n)) throw new RangeError(`cannot format count: ${n} is not an integer`);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/**
 * A share in [0, 1] as a whole percent (backtest shares).
 * @example formatPercent(0.86) // '86%'
 */
export function formatPercent(share: number): string {
  assertFinite(share, 'share');
  if (share < 0 || share > 1) throw new RangeError(`cannot format share: ${share} is outside [0, 1]`);
  const pct = Math.round(share * 100);
  // Whole percent, but never round a non-zero share to 0% or a partial one to 100%.
  if (pct === 0 && share > 0) return share < 0.001 ? '<0.1%' : `${(share * 100).toFixed(1)}%`;
  if (pct === 100 && share < 1) return share > 0.999 ? '>99.9%' : `${(share * 100).toFixed(1)}%`;
  return `${pct}%`;
}

/**
 * A fit statistic (slope, intercept, R², ψ, log10 error) with three
 * significant digits; scientific only outside [1e-3, 1e6).
 * @example formatStat(-1.23456) // '-1.23'
 */
export function formatStat(x: number): string {
  assertFinite(x, 'statistic');
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 1e-3 || abs >= 1e6) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/**
 * A confidence level exactly as set (no rounding to whole percent: 97.5% stays 97.5%).
 * @example formatLevel(0.9) // '90%'
 */
export function formatLevel(level: number): string {
  assertFinite(level, 'confidence level');
  if (level <= 0 || level >= 1) throw new RangeError(`cannot format confidence level: ${level} is outside (0, 1)`);
  // toPrecision strips the binary noise of 0.9 * 100 = 90.00000000000001.
  return `${Number((level * 100).toPrecision(6))}%`;
}

/**
 * A p-value as `p = x` with two significant digits, or `p < 0.001`: the
 * self-check's p-values are shares of 4,000 simulated replicates, good to a
 * few thousandths.
 * @example formatPValue(0.4321) // 'p = 0.43'
 * @example formatPValue(0.0031) // 'p = 0.0031'
 */
export function formatPValue(p: number): string {
  assertFinite(p, 'p-value');
  if (p < 0 || p > 1) throw new RangeError(`cannot format p-value: ${p} is outside [0, 1]`);
  if (p < 0.001) return 'p < 0.001';
  return `p = ${Number(p.toPrecision(2))}`;
}

/**
 * A rough count for a sentence ("about 3,300"): two significant digits, comma
 * grouping from 1,000; below 10, one decimal at most.
 * @example formatRoughCount(3328.6) // '3,300'
 * @example formatRoughCount(0.333) // '0.3'
 */
export function formatRoughCount(x: number): string {
  assertFinite(x, 'count');
  if (x < 0) throw new RangeError(`cannot format count: ${x} is negative`);
  if (x >= 10) return formatCount(Number(x.toPrecision(2)));
  return String(Number(x.toFixed(x >= 1 ? 0 : 1)) || Number(x.toPrecision(1)));
}

/**
 * A ratio or factor, one style everywhere: two significant digits and `×`,
 * grouped like a count from 1,000 up, scientific below 0.01.
 * @example formatRatio(3.4123) // '3.4×'
 * @example formatRatio(33_333) // '33,000×'
 */
export function formatRatio(x: number): string {
  assertFinite(x, 'ratio');
  if (x < 0) throw new RangeError(`cannot format ratio: ${x} is negative`);
  if (x === 0) return '0×';
  if (x < 0.01) return `${x.toExponential(1)}×`;
  if (x >= 100) return `${formatCount(Number(x.toPrecision(2)))}×`;
  return `${Number(x.toPrecision(2))}×`;
}

/**
 * An expected number of queries (n times a share): a count, so whole numbers
 * from 10 up; below that two significant digits, scientific below 0.001,
 * because "0.3" and "0" say different things.
 * @example formatExpected(3128.4) // '3,128'
 * @example formatExpected(1.02e-6) // '1.0e-6'
 */
export function formatExpected(x: number | null): string {
  if (x === null) return '—';
  assertFinite(x, 'expected count');
  if (x < 0) throw new RangeError(`cannot format expected count: ${x} is negative`);
  if (x >= 10) return formatCount(Math.round(x));
  if (x === 0) return '0';
  return x < 1e-3 ? x.toExponential(1) : x.toPrecision(2);
}
