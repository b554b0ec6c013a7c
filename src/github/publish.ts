import type { CommentMode } from '../config/settings.js';
import { withSignal, type GitHubClient } from './client.js';
import { upsertStickyComment } from './comment.js';
import { readRunContext, type RunContext } from './context.js';
import { withDeadline } from './deadline.js';
import { redact } from '../report/redact.js';
import { describeFailure } from './errors.js';
import { PULL_REQUEST_EVENTS, planFromEvent, type EventPlan, type PullRequestTarget, type SkipCode } from './event-plan.js';
import { commentMarker, defaultCommentKey } from './marker.js';
import { resolvePullRequest } from './pull-request.js';
import { formatSeconds } from './timed-fetch.js';
import { getViewerLogin } from './viewer.js';

/** GitHub refuses longer bodies (it says 65,536 characters; it counts 262,144 UTF-8 bytes). */
export const MAX_COMMENT_CHARS = 65_536;
const DEFAULT_BUDGET_MS = 60_000;

export interface PublishArgs {
  mode: CommentMode;
  /** `comment-key`; '' means {@link defaultCommentKey}. */
  key: string;
  verdict: string;
  hasBreach: boolean;
  /** Builds the body; it must contain `marker` (appended if missing). Receives the PR, e.g. for its head SHA. */
  render: (marker: string, pr: PullRequestTarget) => string;
  /** The client main.ts built from `github-token` (client.ts); null when the input is empty. */
  octokit: GitHubClient | null;
  /** Usually process.env: GITHUB_EVENT_NAME/_PATH, GITHUB_REPOSITORY, GITHUB_SHA, run ids. */
  env: NodeJS.ProcessEnv;
  /** Total time the comment step may take (`comment-timeout`; default 60 s). */
  timeBudgetMs?: number;
}

export type PublishResult =
  | { status: 'posted'; action: 'created' | 'updated'; url: string; pr: PullRequestTarget; notes: string[] }
  | { status: 'skipped'; code: SkipCode; reason: string }
  | { status: 'failed'; warning: string };

/**
 * The best-effort PR comment. It never throws and knows nothing of the verdict
 * beyond deciding whether to comment: every API problem becomes `failed` with
 * a one-line warning for main.ts to log. Modes:
 * - `off`: never.
 * - `auto`: pull_request, pull_request_target, and workflow_run runs that resolve to a PR.
 * - `always`: any event that resolves to a PR (push via commits/{sha}/pulls).
 * - `on-breach`: like `always`, but creates a comment only when something breached
 *   (hasBreach, or verdict fail/warn). An existing comment is still updated when
 *   nothing breached, so the PR never keeps showing a breach that is gone.
 */
export async function publishComment(args: PublishArgs): Promise<PublishResult> {
  const progress = { step: 'preparing the PR comment' };
  // The token was registered for redaction by whoever built the client (client.ts).
  const fail = (error: unknown): PublishResult => ({
    status: 'failed',
    warning: redact(`PR comment not posted: ${describeFailure(progress.step, error)}`),
  });
  try {
    return await publish(args, progress);
  } catch (error) {
    return fail(error);
  }
}

async function publish(args: PublishArgs, progress: { step: string }): Promise<PublishResult> {
  const { mode, env } = args;
  if (mode === 'off') return skip('off', 'comment: off');
  if (!env.GITHUB_EVENT_NAME || !env.GITHUB_EVENT_PATH) {
    return skip('context', 'not running in GitHub Actions, so there is no PR to comment on');
  }
  progress.step = 'reading the event payload';
  const ctx = await readRunContext(env);
  const plan = planFromEvent(ctx);
  if (plan.kind === 'skip') return skip(plan.code, plan.reason);
  if (mode === 'auto' && !PULL_REQUEST_EVENTS.includes(ctx.eventName)) {
    return skip(
      'mode',
      `comment: auto comments on pull_request, pull_request_target and workflow_run runs, not ${ctx.eventName}; set comment: always to comment from it`,
    );
  }
  const breach = args.hasBreach || args.verdict === 'fail' || args.verdict === 'warn';
  const budget = args.timeBudgetMs ?? DEFAULT_BUDGET_MS;
  const marker = commentMarker(args.key.trim() === '' ? defaultCommentKey(env) : args.key);
  const { octokit } = args;
  if (octokit === null) {
    return {
      status: 'failed',
      warning:
        'PR comment not posted: input `github-token` is empty; leave it at its default (${{ github.token }}) ' +
        'and grant `pull-requests: write`, or set `comment: off`',
    };
  }

  return withDeadline<PublishResult>(
    budget,
    (signal) => withSignal(octokit, signal, () => commentOn(octokit, args, { ctx, plan, marker, breach }, progress)),
    () => ({
      status: 'failed',
      warning: `PR comment not posted: gave up after ${formatSeconds(budget)} while ${progress.step} (the GitHub API is slow or hanging)`,
    }),
  );
}

/** Everything after the checks: find the PR, render, learn our login, create or update. Never rejects. */
async function commentOn(
  octokit: GitHubClient,
  args: PublishArgs,
  { ctx, plan, marker, breach }: { ctx: RunContext; plan: EventPlan; marker: string; breach: boolean },
  progress: { step: string },
): Promise<PublishResult> {
  try {
    progress.step = 'finding the pull request';
    const pr = await resolvePullRequest(octokit, ctx, plan);
    if (pr.kind === 'skip') return skip(pr.code, pr.reason);
    progress.step = 'rendering the comment';
    let body = args.render(marker, pr);
    if (!body.includes(marker)) body = `${body}\n\n${marker}`;
    if (body.length > MAX_COMMENT_CHARS) {
      throw new Error(`the comment has ${body.length} characters; GitHub takes at most ${MAX_COMMENT_CHARS}`);
    }
    progress.step = "reading the token's login";
    const viewerLogin = await getViewerLogin(octokit);
    progress.step = `commenting on PR #${pr.number}`;
    const result = await upsertStickyComment(octokit, {
      owner: pr.owner,
      repo: pr.repo,
      issueNumber: pr.number,
      marker,
      body,
      viewerLogin,
      createIfMissing: args.mode !== 'on-breach' || breach,
    });
    if (result.action === 'none') {
      return skip('mode', 'comment: on-breach and nothing breached; there is no earlier comment to update');
    }
    const notes = result.notes.map((n) => redact(n));
    return { status: 'posted', action: result.action, url: result.url, pr, notes };
  } catch (error) {
    return { status: 'failed', warning: redact(`PR comment not posted: ${describeFailure(progress.step, error)}`) };
  }
}

function skip(code: SkipCode, reason: string): PublishResult {
  return { status: 'skipped', code, reason };
}
