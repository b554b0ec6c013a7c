/**
 * The risk-increase rule against a baseline. With the paired comparison (both
 * runs answered mostly the same queries) a level fires when the paired shift
 * says the tail moved up and the ratio of the forecasts exceeds the factor.
 * Otherwise (the unpaired rule) it fires when the lower end of the current
 * worst-query interval exceeds factor × the upper end of the baseline's, an
 * increase outside the noise of both. Without an interval on either side
 * nothing is claimed (the comparison row says why).
 */
import type { Breach, Level } from '../domain/gate.js';
import type { BaselineRow } from '../domain/report.js';
import type { RiskIncrease } from '../domain/rules.js';
import { finite } from './finite.js';

/**
 * The level that fires, or null. Strict `>` as for every threshold: a lower
 * end exactly at factor × the baseline's upper end passes. Multiplying keeps
 * the decision exact where the quotient would round.
 */
export function increaseLevel(
  current: { lower: number | null },
  baseline: { upper: number | null },
  factors: RiskIncrease,
): { level: Level; factor: number } | null {
  if (current.lower === null || baseline.upper === null) return null;
  const { lower } = current;
  const { upper } = baseline;
  if (factors.fail !== undefined && lower > factors.fail * upper) return { level: 'fail', factor: factors.fail };
  if (factors.warn !== undefined && lower > factors.warn * upper) return { level: 'warn', factor: factors.warn };
  return null;
}

/**
 * The paired rule (docs/method.md, "Comparing with a baseline on the same
 * queries"): the paired ψ shift says the tail moved up, and the point ratio
 * exceeds the factor (strict, as every threshold).
 */
export function pairedLevel(up: boolean, ratio: number, factors: RiskIncrease): { level: Level; factor: number } | null {
  if (!up) return null;
  if (factors.fail !== undefined && ratio > factors.fail) return { level: 'fail', factor: factors.fail };
  if (factors.warn !== undefined && ratio > factors.warn) return { level: 'warn', factor: factors.warn };
  return null;
}

/**
 * The breach of a comparison row, if a factor fires. Its value is the row's
 * `increase` (current lower end ÷ baseline upper end) and its threshold the
 * factor.
 */
export function increaseBreach(row: BaselineRow, factors: RiskIncrease): Breach | undefined {
  if (row.current === null || row.baseline === null) return undefined;
  const paired = row.comparison;
  if (paired?.paired === true && paired.shift !== null && paired.ratio !== null) {
    const fired = pairedLevel(paired.shift.up, paired.ratio.estimate, factors);
    if (fired === null) return undefined;
    const value = finite(row.name, 'risk-increase', paired.ratio.estimate);
    return { behavior: row.name, metric: 'risk-increase', level: fired.level, value, threshold: fired.factor, basis: 'paired' };
  }
  const fired = increaseLevel(row.current, row.baseline, factors);
  if (fired === null || row.increase === null) return undefined;
  return {
    behavior: row.name,
    metric: 'risk-increase',
    level: fired.level,
    value: finite(row.name, 'risk-increase', row.increase),
    threshold: fired.factor,
    basis: 'interval',
  };
}
