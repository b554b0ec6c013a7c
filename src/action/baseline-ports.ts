/**
 * The GitHub side of locating a baseline (src/baseline/ports.ts): runs of a
 * workflow through the Actions REST API and artifacts of another run through
 * @actions/artifact, both with the `github-token` (needs `actions: read`).
 */
import * as core from '@actions/core';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsArtifactClient } from '../artifacts/client.js';
import { downloadArtifacts } from '../artifacts/download.js';
import type { ArtifactScope } from '../artifacts/port.js';
import { findFiles } from '../sources/baseline-files.js';
import type { BaselinePorts, LocateContext } from '../domain/baseline.js';
import { createClient } from '../github/client.js';

export async function baselineLocator(workspace: string): Promise<{ ports: BaselinePorts; context: LocateContext }> {
  const env = process.env;
  const token = core.getInput('github-token');
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '/').split('/');
  const scope = (runId: number): ArtifactScope => ({ kind: 'other-run', runId, owner, repo, token });
  const ports: BaselinePorts = {
    findFiles: (patterns, dir, label, scope) => findFiles(patterns, dir, label, scope),
    async listWorkflowRuns({ workflow, branch, page, perPage }) {
      const octokit = createClient(token);
      const response = await octokit.rest.actions.listWorkflowRuns({
        owner,
        repo,
        workflow_id: workflow,
        branch,
        status: 'success',
        per_page: perPage,
        page,
      });
      return response.data.workflow_runs.map((r) => ({
        id: r.id,
        runNumber: r.run_number,
        headSha: r.head_sha,
        event: r.event,
        conclusion: r.conclusion ?? null,
        headRepository: r.head_repository?.full_name ?? null,
        htmlUrl: r.html_url ?? null,
      }));
    },
    async downloadArtifact({ name, runId, destination }) {
      // Absent (never uploaded or expired) is null, so the caller can try an older run.
      const listed = await actionsArtifactClient().list(scope(runId));
      if (!listed.some((a) => a.name === name)) return null;
      const { artifacts } = await downloadArtifacts({ selection: { kind: 'names', names: [name] }, scope: scope(runId) }, { destination });
      return { path: artifacts[0].directory };
    },
  };
  return {
    ports,
    context: {
      workspace,
      downloadDir: await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'tailgate-baseline-')),
      repository: env.GITHUB_REPOSITORY ?? null,
      defaultBranch: await baseBranch(env.GITHUB_EVENT_PATH),
      currentRunId: env.GITHUB_RUN_ID ? Number(env.GITHUB_RUN_ID) : null,
      serverUrl: env.GITHUB_SERVER_URL ?? null,
    },
  };
}

/** The PR's base branch, else the repository's default branch, from the event payload. */
async function baseBranch(eventPath: string | undefined): Promise<string | null> {
  if (!eventPath) return null;
  try {
    const payload: unknown = JSON.parse(await readFile(eventPath, 'utf8'));
    const get = (o: unknown, ...keys: string[]): unknown =>
      keys.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
    const ref = get(payload, 'pull_request', 'base', 'ref') ?? get(payload, 'repository', 'default_branch');
    return typeof ref === 'string' ? ref : null;
  } catch {
    return null;
  }
}
