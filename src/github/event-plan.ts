import { checkShape } from './check.js';
import { ContextError, type RunContext } from './context.js';
import { pullRequestEvent, pushEvent, sameRepo, workflowRunEvent } from './events.js';

/** The PR a comment goes to, and what we know about it. */
export interface PullRequestTarget {
  kind: 'pr';
  owner: string;
  repo: string;
  number: number;
  /** The PR head commit: `pull_request.head.sha` or `workflow_run.head_sha`, never the merge commit in GITHUB_SHA. */
  headSha: string;
  /** The head branch lives in another repository. */
  isFork: boolean;
  runUrl: string;
  /** The event that started the run. */
  eventName: string;
}

export type SkipCode = 'fork' | 'no-pr' | 'event' | 'mode' | 'off' | 'context';

export interface Skip {
  kind: 'skip';
  code: SkipCode;
  reason: string;
}

/** What the event alone tells us, before any API call. */
export type EventPlan =
  | { kind: 'known'; pr: PullRequestTarget }
  | { kind: 'push'; sha: string }
  | {
      kind: 'workflow_run';
      headSha: string;
      isFork: boolean;
      /** `owner:branch` for GET pulls?head=, when the payload names both. */
      headLabel: string | undefined;
      /** The PR number the payload lists (empty for forks). */
      listed: number | undefined;
    }
  | Skip;

/** Events whose runs belong to a PR; `comment: auto` comments only on these. */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target', 'workflow_run'];

/**
 * Reads the event payload into a plan. Pure: no API calls, so a fork PR is
 * skipped before any request is made. Throws {@link ContextError} when a
 * payload lacks the fields its event always has.
 */
export function planFromEvent(ctx: RunContext): EventPlan {
  const { eventName, owner, repo, runUrl } = ctx;
  const what = `${eventName} event payload`;
  try {
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
      const pr = checkShape(pullRequestEvent, ctx.payload, what).pull_request;
      // A deleted fork leaves head.repo null: still a fork.
      const isFork = pr.head.repo === null || !sameRepo(pr.head.repo.full_name, pr.base.repo.full_name);
      // On `pull_request` from a fork GitHub hands out a read-only token, so a
      // comment can only fail. `pull_request_target` runs with the base
      // repository's token, which can write, so fork PRs get their comment there.
      if (isFork && eventName === 'pull_request') {
        return {
          kind: 'skip',
          code: 'fork',
          reason:
            'this PR comes from a fork, whose pull_request token is read-only; the workflow_run pattern in docs/recipes/fork-prs.md (tailgate repository) comments on fork PRs',
        };
      }
      return {
        kind: 'known',
        pr: { kind: 'pr', owner, repo, number: pr.number, headSha: pr.head.sha, isFork, runUrl, eventName },
      };
    }
    if (eventName === 'push') {
      const sha = ctx.sha || checkShape(pushEvent, ctx.payload, what).after;
      if (!sha) throw new Error('no GITHUB_SHA and no `after` in the push payload');
      return { kind: 'push', sha };
    }
    if (eventName === 'workflow_run') {
      const run = checkShape(workflowRunEvent, ctx.payload, what).workflow_run;
      const head = run.head_repository;
      const isFork = head === null || !sameRepo(head.full_name, run.repository.full_name);
      const listed = run.pull_requests.find((p) => p.head?.sha === run.head_sha) ?? run.pull_requests[0];
      return {
        kind: 'workflow_run',
        headSha: run.head_sha,
        isFork,
        headLabel: head && run.head_branch ? `${head.owner.login}:${run.head_branch}` : undefined,
        listed: listed?.number,
      };
    }
  } catch (error) {
    throw new ContextError(error instanceof Error ? error.message : String(error));
  }
  return { kind: 'skip', code: 'event', reason: `the ${eventName} event is not tied to a pull request` };
}
