/** The red-teamer choice as the report holds it: which query source finds the riskiest query for the budget (Jones et al. 2025, §6). */

/** One source's forecast for one behaviour. */
export interface SourceForecast {
  source: string;
  costPerQuery: number;
  /** n_s. */
  queriesBought: number;
  /** m_s: the source's evaluated queries of this behaviour. */
  queries: number;
  nonzero: number;
  outcome: 'forecast' | 'insufficient' | 'degenerate';
  reason: string | null;
  /** Worst-query risk forecast at n_s, with its bootstrap interval. */
  forecast: number | null;
  lower: number | null;
  upper: number | null;
  /** Largest p̂ the source found so far. */
  observedMax: number;
  /** 1 = best; null when the source could not be forecast (listed after the ranked ones). */
  rank: number | null;
}

export interface BehaviorChoice {
  behavior: string;
  /** Ranked sources first (highest forecast first), then the unforecastable ones. */
  ranking: SourceForecast[];
  /** Name of the rank-1 source; null when none could be forecast. */
  best: string | null;
  /** Name of the rank-2 source, null when fewer than two could be forecast. */
  runnerUp: string | null;
  /**
   * `clear`: the best source's interval lies wholly above the runner-up's;
   * `overlap`: the intervals overlap, so the data cannot tell them apart at
   * this budget; `unknown`: no runner-up, or an interval is missing.
   */
  separation: 'clear' | 'overlap' | 'unknown';
}

export interface RedTeamResult {
  budget: number;
  /** Level of the intervals. */
  confidence: number;
  sources: { name: string; costPerQuery: number; queriesBought: number }[];
  behaviors: BehaviorChoice[];
  /**
   * The `best-source` output: the best source of the one behaviour decided
   * on, or of every behaviour when they agree; null when they disagree or
   * none could be forecast.
   */
  bestSource: string | null;
}
