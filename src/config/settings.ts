import type { MappingOptions } from '../domain/mapping.js';
import type { Adjust, ErrorBudget, GateOn, Mode, OnInsufficient, OnMismatch, RiskIncrease, Thresholds } from '../domain/rules.js';

/**
 * The one settings object the pipeline runs on. Produced by `readSettings`
 * from action inputs (or by the CLI from flags); nothing else reads inputs.
 */

/** Per-behaviour override from the policy file. `tau` overrides `frequency-tau`. */
export interface BehaviorPolicy extends Thresholds {
  tau?: number;
}

export interface Policy {
  /** Applied to every behaviour before its own entry. */
  defaults: BehaviorPolicy;
  /** Keyed by behaviour name; a key may contain `*` wildcards. Exact names win over patterns. */
  behaviors: Record<string, BehaviorPolicy>;
  /**
   * `fail-risk-increase` / `warn-risk-increase` from `defaults` and the
   * behaviour entries, keyed like `behaviors` (only entries that set one).
   * Kept apart from the probability thresholds because a factor is not a
   * probability. Absent when the file sets none.
   */
  riskIncrease?: { defaults: RiskIncrease; behaviors: Record<string, RiskIncrease> };
  /** The `red-team` section (red-teamer choice, paper §6); absent when the file has none. */
  redTeam?: RedTeamPolicy;
  /** The `files` section: result files read with their own format and mapping, into the same evaluation; absent when the file has none. */
  files?: PolicyFileGroup[];
  /**
   * `max-error-share` / `on-error-budget` from `defaults` and the behaviour
   * entries, keyed like `behaviors` (only entries that set one). Absent when
   * the file sets none.
   */
  errorBudget?: { defaults: Partial<ErrorBudget>; behaviors: Record<string, Partial<ErrorBudget>> };
  /**
   * `fail-creep` / `warn-creep` from `defaults` and the behaviour entries,
   * keyed like `behaviors` (only entries that set one): factors over the
   * lowest forecast of the recent history. Absent when the file sets none.
   */
  creep?: { defaults: RiskIncrease; behaviors: Record<string, RiskIncrease> };
}

/** One group of the policy's `files` section. */
export interface PolicyFileGroup {
  /** Globs of its result files: in the workspace, or inside the downloaded artifacts with artifact inputs. */
  results: string[];
  /** `auto` or a reader id; absent: the `format` input. */
  format?: string;
  /** Only the mapping keys the group sets; each overrides the same mapping input (inputs are the lowest layer). */
  mapping: MappingOptions;
}

/** One query source of the red-team comparison (a red-team model, an attack generator). */
export interface RedTeamSource {
  /** Unique, shown in the report and the `best-source` output. */
  name: string;
  /** Globs of its result files, relative to the workspace. */
  results: string[];
  /** Cost of one query, in the same unit as the budget (> 0). */
  costPerQuery: number;
  /** Format of its files; default: the `format` input. */
  format?: string;
}

export interface RedTeamPolicy {
  /** Budget in cost units; source s buys n_s = floor(budget / cost) queries. */
  budget: number;
  /** Behaviour the choice is made on; default: every behaviour found, each ranked. */
  behavior?: string;
  /** At least two sources, names unique. */
  sources: RedTeamSource[];
}

/** Where the baseline's files are. `patterns` are globs of a tailgate JSON report or of result files. */
export type BaselineSource =
  /** `baseline` alone: globs in the workspace. */
  | { kind: 'path'; patterns: string[] }
  /** `baseline-artifact` + `baseline-run-id`: globs inside that artifact (default every file). */
  | { kind: 'run'; artifact: string; runId: number; patterns: string[] }
  /**
   * `baseline-artifact` + `baseline-workflow`: the artifact of the latest
   * successful run of that workflow on `branch` (null: the PR's base branch,
   * or the default branch outside a PR, filled in by the caller).
   */
  | { kind: 'workflow'; artifact: string; workflow: string; branch: string | null; patterns: string[] };

export interface BaselineSettings {
  source: BaselineSource;
  /** `baseline-required`: a baseline that cannot be found is an error instead of a warning. */
  required: boolean;
  /** `baseline-mismatch`: what a baseline that measured something else does (default warn). */
  onMismatch: OnMismatch;
  /** `baseline-max-age`, in days: an older baseline is a warning; null: no limit. */
  maxAgeDays: number | null;
}

/** `history` and its inputs (docs/history.md); null in Settings when `history: off`. */
export interface HistorySettings {
  /** `branch`: a file on a data branch through the contents API; `file`: a file in the workspace. */
  store: 'branch' | 'file';
  /** `history-branch`: the data branch (used with `branch`). */
  branch: string;
  /** `history-path`: the file in the data branch, or in the workspace with `file`. */
  path: string;
  /** `history-size`: records kept, the oldest dropped first. */
  size: number;
  /** `history-window`: K, how many recent records the creep rule's reference is the lowest of. */
  window: number;
}

export type CommentMode = 'auto' | 'always' | 'on-breach' | 'off';

/** Where artifacts are read from. */
export type ArtifactScope =
  /** The workflow run this job belongs to: the runner's artifact service (Twirp, ACTIONS_RUNTIME_TOKEN). */
  | { kind: 'this-run' }
  /** Any run `github-token` can read (needs `actions: read`), through the REST API. */
  | { kind: 'other-run'; runId: number; owner: string; repo: string };

/** Which artifacts to take from the run. */
export type ArtifactSelection =
  /** `artifact-name`: each name must exist (exact, case-sensitive match). */
  | { kind: 'names'; names: string[] }
  /** `artifact-pattern`: globs over artifact names (`*`, `?`); each must match at least one artifact. */
  | { kind: 'pattern'; patterns: string[] };

/** `artifact-name` / `artifact-pattern`, `run-id` and `repository`, checked together. */
export interface ArtifactSettings {
  selection: ArtifactSelection;
  /** This run (no `run-id`) or another run read through the REST API. */
  scope: ArtifactScope;
}

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
  /** What an inconclusive decision (`gate-on: interval`, an interval straddling a threshold) does: like `on-insufficient-data`. */
  onInconclusive: OnInsufficient;
  /** `max-error-share` and `on-error-budget`; the policy overrides them per behaviour. */
  errorBudget: ErrorBudget;
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
  /** `comment-timeout` in ms: how long the PR comment step may take in all (each request gets a share, see github/client.ts). */
  commentTimeoutMs: number;
  /** Artifacts to read instead of workspace files; null when no artifact input is set. */
  artifacts: ArtifactSettings | null;
  /**
   * `github-token` ('' when empty), for the PR comment, the baseline lookup
   * and artifacts of another run. A secret: readSettings hands it to
   * `onSecret` before anything can fail, and no message or report may hold it.
   */
  githubToken: string;
  /**
   * Baseline to compare with (`baseline`, `baseline-artifact`, …); absent or
   * null: no comparison. Optional so a Settings built by hand without a baseline
   * stays valid; readSettings always sets it.
   */
  baseline?: BaselineSettings | null;
  /** `adjust`: Holm's step-down across the behaviours the risk-increase gate judges; absent: none. */
  adjust?: Adjust;
  /** `fail-risk-increase` / `warn-risk-increase` inputs; the policy overrides them per behaviour. Absent: not gated. */
  riskIncrease?: RiskIncrease;
  /** The forecast history (`history`, …); absent or null: none is read or written. */
  history?: HistorySettings | null;
}
