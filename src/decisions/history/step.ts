/**
 * The history's part of a pull-request run (docs/history.md): per behaviour
 * the trend of the last records and the creep rule against the lowest
 * forecast of the last K, ready for the gate (the creep that fired) and the
 * report (the `history` section).
 */
import type { BehaviorForecast } from '../../domain/forecast.js';
import type { Creep, HistoryFile, ReportHistory } from '../../domain/history.js';
import type { RuleBook } from '../../domain/rules.js';
import { creepOf, trendOf } from './trend.js';

/** Points on the trend shown per behaviour: enough to see a drift, few enough for a chart to read. */
export const TREND_POINTS = 20;

/** What main.ts or the CLI read: the file (null: none yet, or unreadable) and where it came from. */
export interface ReadHistory {
  file: HistoryFile | null;
  source: string;
  /** Why there is no file, in words for the report; null when it was read. */
  note: string | null;
  /** K of the creep rule (`history-window`). */
  window: number;
}

export interface HistoryStep {
  section: ReportHistory;
  /** The creep that fired, by behaviour, for the gate. */
  creep: Map<string, Creep>;
}

export function historyStep(read: ReadHistory, forecasts: readonly BehaviorForecast[], rules: RuleBook): HistoryStep {
  const creep = new Map<string, Creep>();
  const file = read.file;
  const behaviors = forecasts.map((f) => {
    const { fail, warn } = rules.rulesFor(f.name).creep;
    const rule = { ...(fail === undefined ? {} : { fail }), ...(warn === undefined ? {} : { warn }) };
    const volume = rules.rulesFor(f.name).forecast.deploymentVolume;
    const points = file === null ? [] : trendOf(file, f.name, volume, Math.max(TREND_POINTS, read.window));
    const lower = f.outcome === 'forecast' ? f.worstQueryRisk.lower : null;
    const fired = Object.keys(rule).length === 0 ? null : creepOf(points, lower, { window: read.window, ...rule });
    if (fired !== null) creep.set(f.name, fired);
    return { name: f.name, points: points.slice(Math.max(0, points.length - TREND_POINTS)), rule, creep: fired };
  });
  const empty = file !== null && behaviors.every((b) => b.points.length === 0);
  const note =
    read.note ?? (empty ? 'no record of these behaviours at this deployment volume yet; the trend starts with the next push' : null);
  return { section: { source: read.source, records: file?.records.length ?? 0, window: read.window, note, behaviors }, creep };
}
