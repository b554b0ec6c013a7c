import { readFile } from 'node:fs/promises';

/**
 * What the runner tells us about this run, read from an explicit env (not
 * @actions/github's `context`, which reads process.env once at import time
 * and so cannot be pointed at a test's event).
 */
export interface RunContext {
  /** GITHUB_EVENT_NAME, e.g. `pull_request`. */
  eventName: string;
  /** The parsed JSON at GITHUB_EVENT_PATH; checked by events.ts before use. */
  payload: unknown;
  /** GITHUB_REPOSITORY split: the repository the workflow runs in (the PR's base). */
  owner: string;
  repo: string;
  /** GITHUB_SHA: the merge commit on pull_request, the default branch head on workflow_run. Only trusted for push. */
  sha: string;
  /** Link to this run: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}[/attempts/N]`. */
  runUrl: string;
}

/** Why there is no context: not inside GitHub Actions, or the runner's event file is unreadable. */
export class ContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextError';
  }
}

/** Reads the run's context from `env` and the event JSON it points to. Throws {@link ContextError}. */
export async function readRunContext(env: NodeJS.ProcessEnv): Promise<RunContext> {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const eventPath = env.GITHUB_EVENT_PATH ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (eventName === '' || eventPath === '' || !owner || !repo || rest.length > 0) {
    throw new ContextError('not running in GitHub Actions (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH or GITHUB_REPOSITORY is missing)');
  }
  let text: string;
  try {
    text = await readFile(eventPath, 'utf8');
  } catch (error) {
    throw new ContextError(`cannot read the event payload ${eventPath}: ${String(error)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new ContextError(`the event payload ${eventPath} is not JSON: ${String(error)}`);
  }
  return { eventName, payload, owner, repo, sha: env.GITHUB_SHA ?? '', runUrl: runUrl(env, repository) };
}

/** The run's web address; the attempt is added when the runner gives one above 1. */
export function runUrl(env: NodeJS.ProcessEnv, repository: string): string {
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID ?? '';
  if (runId === '') return `${server}/${repository}/actions`;
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
  const suffix = Number.isInteger(attempt) && attempt > 1 ? `/attempts/${attempt}` : '';
  return `${server}/${repository}/actions/runs/${runId}${suffix}`;
}
