import type {
  BacktestResult,
  CurvePoint,
  ErrorSummary,
  InsufficientBound,
  SelfCheck,
  TailFit,
  TopQuery,
  UnseenModeBound,
} from './forecast.js';
import type { RiskIncrease, Thresholds } from './rules.js';
import type { RedTeamResult } from './red-team.js';
import type { SamplingPlan } from './sampling-plan.js';
import type { Breach, Decision, Status, Verdict } from './gate.js';
import type { ReportHistory } from './history.js';

/** Bumped on any breaking change of the JSON report. Documented in docs/report-schema.md and docs/versioning.md. */
export const SCHEMA_VERSION = 1;

/**
 * A behaviour's forecast as the JSON report writes it: the same fields for
 * every outcome, null where there is no fit (docs/report-schema.md).
 */
export interface ReportForecast {
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
  outcome: 'forecast' | 'insufficient' | 'degenerate';
  /** Why the outcome is not 'forecast'. */
  reason: string | null;
  fit: TailFit | null;
  worstQueryRisk: {
    /** Q_p(n), the paper's point forecast: the top-1/n quantile of p. */
    forecast: number | null;
    /** Prediction interval for the realised worst of n queries at `confidence` (docs/method.md). */
    lower: number | null;
    upper: number | null;
    /** The median-unbiased forecast of the realised worst query, Q̂ + c₀.₅·β̂ mapped to p. */
    medianMax: number | null;
    /** How `lower`/`upper` were made: the simulated pivot, widened by the bootstrap refits for hits of k. */
    intervalMethod: 'pivot' | 'pivot+bootstrap' | null;
    lognormal: number | null;
    observedMax: number;
  };
  /** Its interval is the bootstrap's (a confidence interval for the probability, not a prediction bound). */
  aggregateRisk: { forecast: number | null; lower: number | null; upper: number | null; intervalMethod: 'bootstrap' | null };
  frequency: {
    tau: number;
    forecast: number | null;
    /** The bootstrap's interval for the share, like the aggregate risk's. */
    lower: number | null;
    upper: number | null;
    intervalMethod: 'bootstrap' | null;
    expectedCount: number | null;
  };
  backtest: BacktestResult | null;
  /** Is the eval's tail consistent with the Gumbel shape the forecast extrapolates? Null without a fit. */
  selfCheck: SelfCheck | null;
  /** What no check can see; null when there are no queries. */
  unseenModeBound: UnseenModeBound | null;
  bound: InsufficientBound | null;
  /** The top t queries by p̂ (fewer when fewer have p̂ > 0), largest first. */
  topQueries: TopQuery[];
  /** Worst-query risk forecast at volumes around n (for the chart). */
  curve: CurvePoint[];
  warnings: string[];
  /** The errored samples among the exclusions, and what they could change. */
  errors: ErrorSummary;
}

/**
 * What a behaviour's forecast measured (docs/report-schema.md, "fingerprint"):
 * a baseline or history record with another fingerprint compared unlike things.
 */
export interface Fingerprint {
  /** First 16 hex characters of SHA-256 over the sorted query ids, one per line. */
  queryIds: string;
  /** m. */
  queries: number;
  /** Formats the run's files were read as, sorted. */
  formats: string[];
  /** The mapping options that were set (`scorer=…; hitValues=…`); empty: the format's defaults. */
  mapping: string;
  tailSize: number;
  /** k per sampled query; null when every query is a given probability. */
  samplesPerQuery: { min: number; median: number; max: number } | null;
}

export interface ReportBehavior extends ReportForecast {
  /** What was measured; null in reports written before it existed. Added in schemaVersion 1. */
  fingerprint: Fingerprint | null;
  status: Status;
  thresholds: Thresholds;
  breaches: Breach[];
  /** Every threshold against its interval: clear, breach or inconclusive (fail level first). */
  decisions: Decision[];
  /** What would decide an inconclusive or insufficient behaviour; null otherwise. */
  plan: SamplingPlan | null;
  errors: ReportErrors;
}

/** A behaviour's errored samples with the error budget that applied to it (docs/errors.md). Added in schemaVersion 1. */
export interface ReportErrors extends ErrorSummary {
  /** `max-error-share` after the policy. */
  maxShare: number;
  /** `on-error-budget` after the policy. */
  onBudget: 'warn' | 'fail';
  /** share > maxShare, or every sample errored. The status is then `errors`, unless a fail breach makes it `fail`. */
  overBudget: boolean;
  /** The one-line next step when over budget ("re-run the errored samples; N queries affected"); null otherwise. */
  nextStep: string | null;
}

/** The JSON report written to `report-path`. */
export interface Report {
  schemaVersion: number;
  tool: { name: 'tailgate'; version: string };
  generatedAt: string;
  deploymentVolume: number;
  verdict: Verdict;
  settings: {
    tailSize: number;
    confidence: number;
    bootstrap: number;
    seed: number;
    gateOn: 'forecast' | 'upper' | 'interval';
    mode: 'enforce' | 'advisory';
    onInsufficientData: 'pass' | 'warn' | 'fail';
    onInconclusive: 'pass' | 'warn' | 'fail';
  };
  /** Files read, with the format each was read as. */
  inputs: { file: string; format: string; rows: number }[];
  behaviors: ReportBehavior[];
  breaches: Breach[];
  warnings: string[];
  /** Where the run happened, when known (filled by main.ts from the GitHub context). */
  context: { repository?: string; sha?: string; runUrl?: string } | null;
  /** Comparison with a baseline (docs/report-schema.md, "baseline"); null when no baseline is configured. Added in schemaVersion 1. */
  baseline: ReportBaseline | null;
  /** Red-teamer choice from the policy's `red-team` section (paper §6); null when there is none. Added in schemaVersion 1. */
  redTeam: RedTeamResult | null;
  /** The forecast history's trend and creep (docs/history.md); absent when `history` is off or nothing was read. */
  history?: ReportHistory;
}

/** One side of a baseline comparison: the worst-query risk at the current deployment volume. */
export interface ComparedForecast {
  outcome: 'forecast' | 'insufficient' | 'degenerate';
  /** m on that side. */
  queries: number;
  forecast: number | null;
  lower: number | null;
  upper: number | null;
  observedMax: number;
}

export interface BaselineRow {
  name: string;
  /** Behaviours present on one side only are listed, not dropped. */
  presence: 'both' | 'current-only' | 'baseline-only';
  baseline: ComparedForecast | null;
  current: ComparedForecast | null;
  /** Current forecast ÷ baseline forecast; null when either side has no forecast, or the baseline's is 0. */
  ratio: number | null;
  /** Whether the two intervals overlap; null when either side has none. */
  overlap: boolean | null;
  /**
   * Lower end of the current interval ÷ upper end of the baseline's: the
   * increase beyond the bootstrap noise, which the risk-increase gate compares
   * with its factors. Null when either side has no interval.
   */
  increase: number | null;
  /** Risk-increase factors that apply to this behaviour (inputs, then the policy). */
  riskIncrease: RiskIncrease;
  /**
   * The paired comparison on shared queries (docs/method.md, "Comparing with a
   * baseline on the same queries"), or why the unpaired rule was used. Null
   * when a side has no forecast. Added in schemaVersion 1.
   */
  comparison: PairedComparison | null;
  /** What the baseline measured differently (query ids, format, mapping, tail size, k), in words; empty when alike or unknown. */
  mismatch: string[];
  /** Why a number is missing, in words; null when nothing is. */
  note: string | null;
}

/**
 * One behaviour's paired comparison. `paired: false` means the risk-increase
 * gate used the unpaired rule (current lower end ÷ baseline upper end), and
 * `reason` says why.
 */
export interface PairedComparison {
  paired: boolean;
  /** Query ids present on both sides; null when the baseline is a report, which keeps no per-query results. */
  sharedQueries: number | null;
  /** Why the comparison is not paired; null when it is. */
  reason: string | null;
  /** Current ÷ baseline worst-query risk: the point forecasts' ratio and its paired bootstrap interval at the confidence level. */
  ratio: { estimate: number; lower: number; upper: number } | null;
  /** The paired shift of the ψ forecast, Q̂_cur − Q̂_base, that decides whether the tail moved up. */
  shift: {
    estimate: number;
    /** At (1 − confidence)/2: the tail moved up when this is above 0. */
    lower: number;
    upper: number;
    /** Share of resamples in which the shift is ≤ 0: the one-sided p-value the `holm` adjustment reads. */
    notUp: number;
    /** The level `notUp` was held to: (1 − confidence)/2, divided by Holm's step with `adjust: holm`. */
    level: number;
    /** The tail moved up: `notUp` below `level`. */
    up: boolean;
    /** Resamples with a fit on both sides. */
    resamples: number;
    failures: number;
  } | null;
}

export interface ReportBaseline {
  /** `missing`: the baseline could not be found (a warning; with `baseline-required` the run errors instead). */
  status: 'compared' | 'missing';
  /** Where the baseline was looked for or found, in words (file names, artifact, run). */
  source: string;
  /** A tailgate report, or result files forecast with this run's settings; null when missing. */
  kind: 'report' | 'results' | null;
  runId: number | null;
  runUrl: string | null;
  /** Commit the baseline was computed on, when known. */
  sha: string | null;
  /** When the baseline report was written; null for results forecast now, or when missing. */
  generatedAt: string | null;
  /** Days from `generatedAt` to this report's; null without a date. */
  ageDays: number | null;
  /** Deployment volume the baseline report was forecast at (its numbers are moved to this run's n where possible). */
  deploymentVolume: number | null;
  /** Confidence level of the baseline's intervals. */
  confidence: number | null;
  /** Why the baseline is missing; null when compared. */
  reason: string | null;
  /** Current behaviours first (in report order), then those only in the baseline. */
  behaviors: BaselineRow[];
}
