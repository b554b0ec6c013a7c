/**
 * The baseline side of the comparison: what was found, where, and each
 * behaviour's worst-query risk at the current deployment volume; and the
 * narrow ports that locating it needs from the outside world, so the logic is
 * tested with fakes of a few lines. main.ts wires the GitHub ones; the CLI
 * and tests can leave them out, and a baseline that needs them is then an
 * error naming the input.
 */
import type { ByteSource, PathScope } from './byte-source.js';
import type { BehaviorSample } from './observation.js';
import type { ComparedForecast, Fingerprint } from './report.js';

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
  /** What the baseline measured; null for a report written before fingerprints. */
  fingerprint: Fingerprint | null;
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
  /** The per-query results of each behaviour, for the paired comparison; empty for a report (it keeps none). */
  samples: BehaviorSample[];
  /** Things a reader must know about the comparison (different settings, no interval at n, …). */
  warnings: string[];
}

/** The fields of a workflow run (GitHub REST `workflow_run` object) that the choice of a baseline run reads. */
export interface WorkflowRun {
  /** `id`. */
  id: number;
  /** `run_number`, for messages (#42). */
  runNumber: number;
  /** `head_sha`. */
  headSha: string;
  /** `event`: push, schedule, pull_request, … */
  event: string;
  /** `conclusion`: success, failure, … (null while running). */
  conclusion: string | null;
  /** `head_repository.full_name` (owner/name); null when GitHub no longer knows it (a deleted fork). */
  headRepository: string | null;
  /** `html_url`. */
  htmlUrl: string | null;
}

export interface RunQuery {
  /** Workflow file name (`eval.yml`) or numeric id: the API's `workflow_id`. */
  workflow: string;
  branch: string;
  /** 1-based page. */
  page: number;
  perPage: number;
}

export interface ArtifactQuery {
  /** Artifact name. */
  name: string;
  runId: number;
  /** Empty directory to extract into. */
  destination: string;
}

export interface FoundFiles {
  /** Sorted by name, de-duplicated. */
  files: ByteSource[];
  /** Patterns (not `!exclusions`) that matched nothing. */
  unmatched: string[];
}

export interface BaselinePorts {
  /**
   * Files under `dir` matching `patterns` (`!pattern` excludes); `label` prefixes the names (`artifact:x/`) or is '' for workspace
   * paths. `scope`: where the files must really lie (ingest/inside.ts; default the workspace rule, confined to `dir`).
   */
  findFiles(patterns: string[], dir: string, label: string, scope?: PathScope): Promise<FoundFiles>;
  /**
   * One page of *successful* runs of a workflow on a branch, newest first:
   * `GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs?branch=…&status=success&per_page=…&page=…`
   * (Octokit `actions.listWorkflowRuns`, needs `actions: read`). Absent: not available here.
   */
  listWorkflowRuns?: (query: RunQuery) => Promise<WorkflowRun[]>;
  /**
   * Downloads and extracts artifact `name` of run `runId` into `destination`
   * (@actions/artifact `getArtifact` + `downloadArtifact` with `findBy`);
   * resolves to null when the run has no such artifact (never uploaded, or
   * expired). Other failures throw. Absent: not available here.
   */
  downloadArtifact?: (query: ArtifactQuery) => Promise<{ path: string } | null>;
}

/** Facts about this run that resolution needs. */
export interface LocateContext {
  /** Directory workspace globs resolve against. */
  workspace: string;
  /** How far a `baseline` path may reach (ingest/inside.ts): `workspace` for the action (default), `named` for the CLI. */
  pathScope?: PathScope;
  /** Empty directory artifacts are downloaded into (one subdirectory per run tried). */
  downloadDir: string;
  /** owner/name of this repository: baseline runs must belong to it. */
  repository: string | null;
  /** Branch for `baseline-workflow` when `baseline-branch` is unset: the PR's base branch, else the default branch. */
  defaultBranch: string | null;
  /** This run's id: it is never its own baseline. */
  currentRunId: number | null;
  /** e.g. https://github.com, for run links in messages. */
  serverUrl: string | null;
}
