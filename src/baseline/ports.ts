/**
 * What baseline resolution needs from the outside world, as narrow ports so
 * the logic is tested with fakes of a few lines. main.ts wires the GitHub
 * ones (Octokit, @actions/artifact); the CLI and tests can leave them out,
 * and a baseline that needs them is then an error naming the input.
 */
import type { PathScope } from '../sources/inside.js';
import type { ByteSource } from '../domain/byte-source.js';

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
