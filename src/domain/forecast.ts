/**
 * Result types of the forecasting core (docs/method.md). Statistics code never
 * returns null/NaN to mean "cannot compute": it returns an explicit
 * `kind: 'insufficient' | 'degenerate'` result that the gate handles.
 */

/** One fitted point of the Gumbel tail: the j-th largest elicitation score. */
export interface TailPoint {
  /** j = 1..t (consecutive even when ψ ties, docs/method.md, step 2). */
  rank: number;
  /** p̂ after capping. */
  p: number;
  /** ψ = −log(−log p). */
  psi: number;
}

/** OLS fit log S_j = a·ψ_(j) + b over the top t points (paper §3, Eq. 4–5). */
export interface TailFit {
  /** a (< 0 for a usable fit). */
  slope: number;
  /** b. */
  intercept: number;
  /** Coefficient of determination of the fit on its t points. */
  r2: number;
  /** t. */
  tailSize: number;
  /** m, the evaluation set size that survival S_j = j/m is relative to. */
  queries: number;
  /** Number of distinct ψ among the t points. */
  distinctPsi: number;
  points: TailPoint[];
}

export type TailFitResult =
  | { kind: 'ok'; fit: TailFit }
  | { kind: 'insufficient'; reason: string; nonzero: number }
  | { kind: 'degenerate'; reason: string; points: TailPoint[] };

/** A point estimate with its bootstrap percentile interval. */
export interface Estimate {
  forecast: number;
  lower: number;
  upper: number;
}

/** Backtest on the user's own data (docs/method.md, "The self-check of the tail shape"; beyond the paper). */
export interface BacktestResult {
  /** Splits whose fit and realised maximum were both usable. */
  splits: number;
  /** Splits drawn and redrawn (subset's top with p̂ = 0 or all tied, or no hit in the rest). */
  skipped: number;
  /** Subset ratio r: fit on m/r, forecast the max of the other m − m/r. */
  ratio: number;
  medianAbsLog10Error: number;
  withinTenfold: number;
  underestimated: number;
  /** Share of splits whose realised max was at or below the pivot's upper end (null in reports written before the pivot). */
  upperCoverage: number | null;
  /** Mean PIT of the realised max under the pivot: about ½ on a Gumbel tail, high when the forecast under-predicts (null in older reports). */
  meanPit: number | null;
}

/** The unseen-mode limit (docs/method.md, "What no check can see"). */
export interface UnseenModeBound {
  /** −ln(0.05)/m: a failure mode this common is absent from m eval queries with probability 5%. */
  share: number;
  /** n · share: how many deployment queries such a mode would hold. */
  expectedAtN: number;
}

/** One point of the forecast-vs-volume curve shown in the report chart. */
export interface CurvePoint {
  n: number;
  forecast: number;
  lower: number;
  upper: number;
}

/** What can honestly be said when the tail cannot be fit (docs/method.md, "Zero hits and too few hits"). */
export interface InsufficientBound {
  /** Largest p̂ seen (0 when no hit at all). */
  largestP: number;
  /** Total hits and total samples Σk over sampled queries. */
  hits: number;
  totalSamples: number;
  /** Exact (Clopper–Pearson) one-sided upper bound on the per-sample rate at `confidence`; null without sampled queries. */
  rateUpperBound: number | null;
  confidence: number;
  /**
   * n × the rate bound: the expected number of deployment queries (one sample
   * each) showing the behaviour if the rate were at its bound. It is also an
   * upper bound on the aggregate risk (a union bound: P(any) ≤ Σp). Null
   * without sampled queries.
   */
  expectedHitsAtN: number | null;
  /** min(1, n·rate bound): the aggregate risk cannot be higher (at `confidence`). */
  aggregateRiskUpper: number | null;
  /** min(1, rate bound / τ): the share of queries with p > τ cannot be higher (Markov's inequality). */
  frequencyUpper: number | null;
}

/** One of the queries that drive the tail: what a user re-samples or fixes. */
export interface TopQuery {
  /** The query id exactly as the source file writes it. */
  id: string;
  /** p̂ (uncapped: h/k, or the given probability). */
  p: number;
  /** h and k for sampled estimates; null for a given probability. */
  hits: number | null;
  samples: number | null;
}

export interface ForecastOptions {
  /** n, the deployment volume. */
  deploymentVolume: number;
  /** t, the number of top scores fitted (default 10). */
  tailSize: number;
  /** Two-sided level of the bootstrap interval (default 0.9). */
  confidence: number;
  /** B, bootstrap resamples (default 1000; 0 disables the interval). */
  bootstrap: number;
  seed: number;
  /** τ for behaviour frequency. */
  tau: number;
  /** Backtest splits (default 50; 0 disables). */
  backtestSplits: number;
  /** Backtest subset ratio r (default 10). */
  backtestRatio: number;
}

/**
 * One behaviour's forecast: a fitted tail and its numbers, or why there is
 * none and what can still be bounded. The JSON report flattens both into one
 * documented shape (report/json.ts, ReportForecast in domain/report.ts).
 */
export type BehaviorForecast = TailForecast | NoForecast;

/** What is known of every behaviour, with or without a fit. */
export interface ForecastCounts {
  name: string;
  /** m. */
  queries: number;
  /** Σk over sampled queries plus one per given probability. */
  samples: number;
  /** Queries with p̂ > 0. */
  nonzero: number;
  /** Queries whose p̂ was capped below 1 (docs/method.md). */
  capped: number;
  duplicates: number;
  excluded: number;
  exclusions: Record<string, number>;
  /** Largest uncapped p̂: what the eval itself saw (0 without queries). */
  observedMax: number;
  /** What no check can see; null when there are no queries. */
  unseenModeBound: UnseenModeBound | null;
  /** The top t queries by p̂ (fewer when fewer have p̂ > 0), largest first. */
  topQueries: TopQuery[];
  warnings: string[];
  /** The errored samples among the exclusions, and what they could change. */
  errors: ErrorSummary;
}

/** The Gumbel tail was fit: every metric has a forecast. */
export interface TailForecast extends ForecastCounts {
  outcome: 'forecast';
  fit: TailFit;
  worstQueryRisk: WorstQueryForecast;
  /** Its interval is the bootstrap's (a confidence interval for the probability, not a prediction bound). */
  aggregateRisk: { forecast: number; interval: Interval | null };
  frequency: {
    tau: number;
    forecast: number;
    /** The bootstrap's interval for the share, like the aggregate risk's. */
    interval: Interval | null;
    expectedCount: number;
  };
  backtest: BacktestResult | null;
  /** Is the eval's tail consistent with the Gumbel shape the forecast extrapolates? Null when the check cannot run. */
  selfCheck: SelfCheck | null;
  /** Worst-query risk forecast at volumes around n (for the chart). */
  curve: CurvePoint[];
}

/** No tail fit: too few nonzero or distinct top scores. Only bounds are known. */
export interface NoForecast extends ForecastCounts {
  outcome: 'insufficient' | 'degenerate';
  /** Why there is no forecast, in words. */
  reason: string;
  bound: InsufficientBound;
}

export interface WorstQueryForecast {
  /** Q_p(n), the paper's point forecast: the top-1/n quantile of p. */
  forecast: number;
  /** Prediction interval for the realised worst of n queries at `confidence` (docs/method.md). */
  lower: number;
  upper: number;
  /** The median-unbiased forecast of the realised worst query, Q̂ + c₀.₅·β̂ mapped to p. */
  medianMax: number;
  /** How `lower`/`upper` were made: the simulated pivot, widened by the bootstrap refits for hits of k. */
  intervalMethod: 'pivot' | 'pivot+bootstrap';
  /** The log-normal baseline's forecast, for comparison. */
  lognormal: number;
}

/** A bootstrap percentile interval; absent when the bootstrap is off or too few resamples could be fit. */
export interface Interval {
  lower: number;
  upper: number;
}

/** Errored samples of one behaviour (docs/errors.md defines every field). */
export interface ErrorSummary {
  /** Errored samples: samples the eval attempted that nobody could judge. */
  samples: number;
  /** Queries with at least one errored sample. */
  queries: number;
  /** Samples that were judged: each of the k outputs of a sampled row, one per given-probability row. */
  judged: number;
  /** samples / (samples + judged); 0 when both are 0. */
  share: number;
  /** The same two counts per reason (`sample-error`, `error`, …). */
  byReason: Record<string, { samples: number; queries: number }>;
  /** The forecast with every errored sample counted as a hit; null when it cannot be formed (docs/errors.md). */
  worstCase: WorstCase | null;
}

/** What the errors could change: the same forecast with each errored sample a hit of its query. */
export interface WorstCase {
  outcome: 'forecast' | 'insufficient' | 'degenerate';
  /** Worst-query risk at n; null when the worst case has no tail fit either. */
  worstQueryRisk: number | null;
  /** Largest p̂ of the worst case. */
  observedMax: number;
  /** m of the worst case: the queries plus those with only errored samples. */
  queries: number;
  /** Why there is no forecast; null when there is one. */
  reason: string | null;
}

/** The self-check's four statistics. */
export type SelfCheckTest = 'r2' | 'topGap' | 'curvature' | 'backtestPit';

/**
 * The self-check of the tail shape (docs/method.md, "The self-check of the
 * tail shape"): is the top of this eval consistent with the Gumbel tail the
 * forecast extrapolates? Four location-scale invariant statistics, each
 * one-sided towards an under-forecast:
 *
 * - `r2`: r² of the t-point fit (low is bad), against its simulated null law;
 * - `topGap`: g = D_1/(D_1 + … + D_10), p = (1 − g)^9;
 * - `curvature`: mean D_1..10 / mean D_11..30, p from F(20, 40);
 * - `backtestPit`: the backtest's mean PIT of the rest's largest score under
 *   the pivot (high is bad), against its simulated null law.
 *
 * They are combined by their smallest p-value, calibrated by simulation: the
 * reported p-value is P_null(min p ≤ observed) over the tests that ran.
 */
export interface SelfCheck {
  /** P_null(min p ≤ observed); null when no test could run. */
  pValue: number | null;
  /** pValue below the self-check level (0.05, forecast/uncertainty/self-check.ts). */
  flagged: boolean;
  /** Each test's own one-sided p-value. */
  tests: Partial<Record<SelfCheckTest, number>>;
  /** Tests that did not run, and why. */
  skipped: { test: SelfCheckTest; reason: string }[];
}
