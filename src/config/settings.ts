import type { MappingOptions } from '../ingest/format.js';

/**
 * The one settings object the pipeline runs on. Produced by `readSettings`
 * from action inputs (or by the CLI from flags); nothing else reads inputs.
 */

/** Gate thresholds; every field optional (unset = not gated). Values are probabilities/shares in (0, 1]. */
export interface Thresholds {
  failWorstQueryRisk?: number;
  warnWorstQueryRisk?: number;
  failAggregateRisk?: number;
  warnAggregateRisk?: number;
  failFrequency?: number;
  warnFrequency?: number;
}

/** Per-behaviour override from the policy file. `tau` overrides `frequency-tau`. */
export interface BehaviorPolicy extends Thresholds {
  tau?: number;
}

export interface Policy {
  /** Applied to every behaviour before its own entry. */
  defaults: BehaviorPolicy;
  /** Keyed by behaviour name; a key may contain `*` wildcards. Exact names win over patterns. */
  behaviors: Record<string, BehaviorPolicy>;
}

export type GateOn = 'forecast' | 'upper';
export type Mode = 'enforce' | 'advisory';
export type OnInsufficient = 'pass' | 'warn' | 'fail';
export type CommentMode = 'auto' | 'always' | 'on-breach' | 'off';

export interface Settings {
  /** Globs of result files, one per line of `results`. */
  results: string[];
  /** `auto` or a named format. */
  format: string;
  /** How format rows map to behaviours (`behavior`, `scorer`, `hit-values`, …). */
  mapping: MappingOptions;
  /** n. */
  deploymentVolume: number;
  /** Thresholds from inputs; the policy overrides them per behaviour. */
  thresholds: Thresholds;
  /** τ for behaviour frequency (`frequency-tau`, default 0.5). */
  frequencyTau: number;
  tailSize: number;
  confidence: number;
  bootstrap: number;
  seed: number;
  gateOn: GateOn;
  mode: Mode;
  onInsufficientData: OnInsufficient;
  /** Parsed policy file, or null when `policy` is empty. */
  policy: Policy | null;
  /** Path of the policy file, for messages. */
  policyPath: string | null;
  reportPath: string;
  markdownPath: string;
  summary: boolean;
  /** When to write the sticky PR comment. */
  comment: CommentMode;
  /** Sticky comment key; '' means the default (workflow/job). */
  commentKey: string;
}
