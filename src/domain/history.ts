/**
 * The forecast history kept on a data branch or in a local file
 * (docs/history.md): one compact record per push to the default branch, so
 * a pull request can show the trend and catch slow creep that no single
 * comparison sees.
 */
import type { Level, Status } from './gate.js';

/** Bumped on a breaking change of the history file. */
export const HISTORY_VERSION = 1;

export interface HistoryBehavior {
  name: string;
  /** Worst-query risk at `deploymentVolume`: the point forecast and its interval; null without a fit. */
  forecast: number | null;
  lower: number | null;
  upper: number | null;
  /** m. */
  queries: number;
  /** k per sampled query, median; null for given probabilities. */
  samplesPerQuery: number | null;
  /** The fingerprint's query-id hash (decisions/fingerprint.ts); null when unknown. */
  queryIds: string | null;
  status: Status;
}

export interface HistoryRecord {
  /** The pushed commit. */
  commit: string;
  /** When the report was written (ISO 8601). */
  date: string;
  deploymentVolume: number;
  behaviors: HistoryBehavior[];
}

export interface HistoryFile {
  version: number;
  /** Oldest first. */
  records: HistoryRecord[];
}

/** One record's forecast of a behaviour, on the trend. */
export interface TrendPoint {
  commit: string;
  date: string;
  forecast: number | null;
  lower: number | null;
  upper: number | null;
}

/** The creep factors of a behaviour and K, the records the reference is the best of. */
export interface CreepRule {
  window: number;
  fail?: number;
  warn?: number;
}

/** A creep rule that fired. */
export interface Creep {
  level: Level;
  factor: number;
  /** current lower end ÷ reference forecast. */
  ratio: number;
  /** The record whose forecast is the reference: the lowest of the window. */
  reference: { commit: string; forecast: number };
}

/** One behaviour's view of the history in the report. */
export interface HistoryTrend {
  name: string;
  /** The last records' forecasts at this run's deployment volume, oldest first. */
  points: TrendPoint[];
  /** The creep factors that apply (empty: not gated). */
  rule: { fail?: number; warn?: number };
  /** The rule that fired; null when none did or none is set. */
  creep: Creep | null;
}

/** The report's `history` section (docs/report-schema.md); absent when `history` is off. */
export interface ReportHistory {
  /** Where it was read: `branch:path`, or the workspace path. */
  source: string;
  /** Records in the file, at any deployment volume. */
  records: number;
  /** K of the creep rule. */
  window: number;
  /** Why nothing was read or nothing could be compared; null when the trend is there. */
  note: string | null;
  behaviors: HistoryTrend[];
}
