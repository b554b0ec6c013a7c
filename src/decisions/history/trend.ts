/**
 * What the history says about the current run (docs/history.md): the trend
 * of each behaviour's worst-query forecast over the last records, and the
 * creep rule, which compares the current lower end with the best (lowest)
 * forecast of the last K records. Each pull request can raise the risk a
 * little, always within the noise of one comparison; against the best of
 * recent history the sum of those steps shows.
 */
import type { Creep, CreepRule, HistoryFile, TrendPoint } from '../../domain/history.js';

export type { Creep, CreepRule, TrendPoint };

/**
 * The last `last` records' forecasts of one behaviour, oldest first. Records
 * at another deployment volume are left out: their numbers are not the same
 * quantity.
 */
export function trendOf(history: HistoryFile, behavior: string, deploymentVolume: number, last: number): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const r of history.records) {
    if (r.deploymentVolume !== deploymentVolume) continue;
    const b = r.behaviors.find((x) => x.name === behavior);
    if (b === undefined) continue;
    points.push({ commit: r.commit, date: r.date, forecast: b.forecast, lower: b.lower, upper: b.upper });
  }
  return points.slice(Math.max(0, points.length - last));
}

/**
 * Fires when the current interval's lower end exceeds factor × the lowest
 * forecast of the last `window` points (strict, as every threshold). Null
 * when there is no lower end, no earlier forecast, or nothing fires.
 */
export function creepOf(points: readonly TrendPoint[], currentLower: number | null, rule: CreepRule): Creep | null {
  if (currentLower === null) return null;
  let reference: { commit: string; forecast: number } | null = null;
  for (const p of points.slice(Math.max(0, points.length - rule.window))) {
    if (p.forecast === null) continue;
    if (reference === null || p.forecast < reference.forecast) reference = { commit: p.commit, forecast: p.forecast };
  }
  if (reference === null) return null;
  const ratio = currentLower / Math.max(reference.forecast, 1e-300);
  const at = (factor: number | undefined): boolean => factor !== undefined && currentLower > factor * reference.forecast;
  if (at(rule.fail)) return { level: 'fail', factor: rule.fail as number, ratio, reference };
  if (at(rule.warn)) return { level: 'warn', factor: rule.warn as number, ratio, reference };
  return null;
}
