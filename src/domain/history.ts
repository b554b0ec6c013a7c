/**
 * The forecast history kept on a data branch or in a local file
 * (docs/history.md): one compact record per push to the default branch, so
 * a pull request can show the trend and catch slow creep that no single
 * comparison sees.
 */
import type { Status } from './gate.js';

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
