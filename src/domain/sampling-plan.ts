import type { Decision } from './gate.js';

/** What would decide an undecided behaviour (docs/method.md, "What would decide"). */
export interface SamplingPlan {
  /**
   * What it is for: an inconclusive `decision`, or a missing fit because the
   * top scores `tie`, too `few-hits`, `zero-hits` in the samples, or every
   * given probability is zero (`zero-probabilities`).
   */
  kind: 'decision' | 'tie' | 'few-hits' | 'zero-hits' | 'zero-probabilities';
  /** The threshold it settles (the first undecided one, fail level first); null when the plan is for a fit. */
  decision: Pick<Decision, 'metric' | 'level' | 'threshold'> | null;
  /** m′; null when no practical eval size settles it (or, for a fit, when the size cannot be estimated). */
  queries: number | null;
  /** Which way the expected interval at m′ (or k′) settles: from today's fit. */
  settlesAs: 'clear' | 'breach' | null;
  /** k′: samples for each of the `resample` top queries that settle it at today's m; null when more samples alone do not. */
  samplesPerTopQuery: number | null;
  /** How many top queries the k′ applies to. */
  resample: number | null;
  /**
   * For the worst-query risk: the chance that a fresh eval of `queries` settles it (at least PLAN_POWER), or,
   * without a practical m′, the best chance an eval up to MAX_GROWTH·m gives. Null for the other plans.
   */
  chance: number | null;
  /** For `zero-hits`: the exact upper bound on the per-sample rate that sized `queries` (at today's mean samples per query). */
  rateBound: number | null;
}
