/**
 * The baseline side of the comparison (issue 7): what was found, where, and
 * each behaviour's worst-query risk at the current deployment volume.
 */
import type { ByteSource } from './byte-source.js';
import type { ComparedForecast } from './report.js';

/** Where a baseline came from, for people and the report. */
export interface BaselineOrigin {
  /** One line, e.g. `artifact "tailgate-report" of run 123 (eval.yml on main)` or `baseline/report.json`. */
  description: string;
  runId: number | null;
  /** Link to the run, when known. */
  runUrl: string | null;
  /** Commit the baseline was computed on, when known (the run's head SHA or the report's context). */
  sha: string | null;
}

/** The baseline's files, found; or why they could not be (a warning, or an error with `baseline-required`). */
export type LocatedBaseline =
  | { kind: 'found'; files: ByteSource[]; origin: BaselineOrigin; warnings: string[] }
  | { kind: 'missing'; reason: string; origin: BaselineOrigin | null };

/**
 * One behaviour's worst-query risk on the baseline side, at the current
 * deployment volume: the report's comparison side plus its name. The interval
 * is at the baseline's confidence; null without one.
 */
export interface BaselineBehavior extends ComparedForecast {
  name: string;
}

export interface Baseline {
  /** A tailgate JSON report, or result files forecast with the current settings. */
  kind: 'report' | 'results';
  origin: BaselineOrigin;
  /** When the baseline report was written (null for results forecast now). */
  generatedAt: string | null;
  /** The deployment volume the baseline report was forecast at (its numbers are moved to the current n where possible). */
  deploymentVolume: number;
  /** Confidence level of the baseline's intervals. */
  confidence: number;
  behaviors: BaselineBehavior[];
  /** Things a reader must know about the comparison (different settings, no interval at n, …). */
  warnings: string[];
}
