/**
 * Finding the baseline artifact in the latest successful run of a workflow
 * on the base branch (docs/recipes/baseline.md), through the narrow ports of domain/baseline.ts.
 *
 * Which runs count, and why:
 * - `conclusion: success` only (the API filter asks for it; checked again so
 *   a fake or a changed API cannot slip a failed run in);
 * - never a `pull_request` / `pull_request_target` run, and never a run whose
 *   head repository is another one: the `branch` filter matches the head
 *   branch *name*, so a fork's PR from its own `main` lists as a run "on
 *   main". Its artifact is whatever the fork uploaded, and a baseline an
 *   attacker controls could mute the risk-increase gate;
 * - never this run itself.
 * Newest first; the first run that has the artifact wins. Runs whose
 * artifact is missing (a skipped job, an expired artifact) are passed over,
 * at most {@link MAX_RUNS_TRIED} of them, so a long history costs few calls.
 */
import { join } from 'node:path';
import type { BaselinePorts, WorkflowRun } from '../../domain/baseline.js';

/** Runs whose artifact download is attempted before giving up. */
const MAX_RUNS_TRIED = 5;
/** Runs per page; a page usually holds the answer. */
const RUNS_PER_PAGE = 20;
/** Pages listed at most (ineligible runs, e.g. fork PRs, may fill the first ones). */
const MAX_PAGES = 5;

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export interface RunSearch {
  workflow: string;
  branch: string;
  artifact: string;
  /** This repository (owner/name). */
  repository: string;
  currentRunId: number | null;
  /** Parent directory for the downloads, one subdirectory per run tried. */
  downloadDir: string;
}

export type RunSearchResult =
  | { kind: 'found'; run: WorkflowRun; path: string; /** Newer eligible runs that lacked the artifact. */ passedOver: WorkflowRun[] }
  | { kind: 'missing'; reason: string };

type Ports = Required<Pick<BaselinePorts, 'listWorkflowRuns' | 'downloadArtifact'>>;

export async function findBaselineRun(
  ports: Ports,
  search: RunSearch,
  limits = { perPage: RUNS_PER_PAGE, maxPages: MAX_PAGES, maxTried: MAX_RUNS_TRIED },
): Promise<RunSearchResult> {
  const tried: WorkflowRun[] = [];
  let skipped = 0;
  for (let page = 1; page <= limits.maxPages; page++) {
    const runs = await ports.listWorkflowRuns({ workflow: search.workflow, branch: search.branch, page, perPage: limits.perPage });
    for (const run of runs) {
      if (!eligible(run, search)) {
        skipped += 1;
        continue;
      }
      if (tried.length >= limits.maxTried) return { kind: 'missing', reason: noArtifact(search, tried) };
      tried.push(run);
      const got = await ports.downloadArtifact({
        name: search.artifact,
        runId: run.id,
        destination: join(search.downloadDir, String(run.id)),
      });
      if (got !== null) return { kind: 'found', run, path: got.path, passedOver: tried.slice(0, -1) };
    }
    // A short page is the last one.
    if (runs.length < limits.perPage) break;
  }
  if (tried.length > 0) return { kind: 'missing', reason: noArtifact(search, tried) };
  const also =
    skipped > 0 ? ` (${skipped} pull-request or other-repository ${skipped === 1 ? 'run was' : 'runs were'} not considered)` : '';
  return { kind: 'missing', reason: `no successful run of workflow ${search.workflow} on branch ${search.branch}${also}` };
}

function eligible(run: WorkflowRun, search: RunSearch): boolean {
  if (run.conclusion !== 'success' || PR_EVENTS.has(run.event) || run.id === search.currentRunId) return false;
  // Repository names are case-insensitive on GitHub.
  return run.headRepository !== null && run.headRepository.toLowerCase() === search.repository.toLowerCase();
}

function noArtifact(search: RunSearch, tried: WorkflowRun[]): string {
  const runs = tried.map((r) => `#${r.runNumber}`).join(', ');
  const which =
    tried.length === 1
      ? `the latest successful run of ${search.workflow} on ${search.branch} (${runs}) has`
      : `none of the last ${tried.length} successful runs of ${search.workflow} on ${search.branch} (${runs}) has`;
  return `${which} an artifact named ${JSON.stringify(search.artifact)} (not uploaded, or expired)`;
}
