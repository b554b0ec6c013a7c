import { z } from 'zod';
import type { GitHubClient } from './client.js';
import { checkShape } from './check.js';
import type { RunContext } from './context.js';
import { planFromEvent, type EventPlan, type PullRequestTarget, type Skip } from './event-plan.js';
import { pullSummary, sameRepo, type PullSummary } from './events.js';

const pullList = z.array(pullSummary);

/**
 * Finds the PR this run belongs to, for every event we support:
 * - pull_request / pull_request_target: from the payload, no API call.
 * - push: GET commits/{GITHUB_SHA}/pulls (GITHUB_SHA is the pushed head here).
 * - workflow_run: the payload's `pull_requests`; when that is empty (always for
 *   forks) GET pulls?head=<fork owner>:<branch>&state=open, and GET
 *   commits/{head_sha}/pulls, which returns [] for a commit that exists only in
 *   a fork, so forks ask pulls?head= first.
 * Only open PRs whose head is still the run's commit count: a PR that moved on
 * must not get an older run's numbers. No match is a skip, not an error.
 */
export async function resolvePullRequest(
  octokit: GitHubClient,
  ctx: RunContext,
  plan: EventPlan = planFromEvent(ctx),
): Promise<PullRequestTarget | Skip> {
  const base = { kind: 'pr' as const, owner: ctx.owner, repo: ctx.repo, runUrl: ctx.runUrl, eventName: ctx.eventName };
  if (plan.kind === 'skip') return plan;
  if (plan.kind === 'known') return plan.pr;
  if (plan.kind === 'push') {
    const pr = await byCommit(octokit, ctx, plan.sha);
    if (pr) return { ...base, number: pr.number, headSha: plan.sha, isFork: isForkPull(pr, ctx) };
    return noPr(`no open pull request has ${short(plan.sha)} as its head`);
  }
  if (plan.listed !== undefined) {
    return { ...base, number: plan.listed, headSha: plan.headSha, isFork: plan.isFork };
  }
  const lookups = [
    () => (plan.headLabel ? byHeadLabel(octokit, ctx, plan.headLabel, plan.headSha) : Promise.resolve(undefined)),
    () => byCommit(octokit, ctx, plan.headSha),
  ];
  if (!plan.isFork) lookups.reverse();
  for (const lookup of lookups) {
    const pr = await lookup();
    if (pr) return { ...base, number: pr.number, headSha: plan.headSha, isFork: plan.isFork };
  }
  return noPr(`no open pull request has ${short(plan.headSha)} as its head`);
}

async function byCommit(octokit: GitHubClient, ctx: RunContext, sha: string): Promise<PullSummary | undefined> {
  const items: unknown = await octokit.paginate('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
    owner: ctx.owner,
    repo: ctx.repo,
    commit_sha: sha,
    per_page: 100,
  });
  return pickOpen(checkShape(pullList, items, 'answer from GET commits/{sha}/pulls'), sha);
}

async function byHeadLabel(octokit: GitHubClient, ctx: RunContext, head: string, sha: string): Promise<PullSummary | undefined> {
  const items: unknown = await octokit.paginate('GET /repos/{owner}/{repo}/pulls', {
    owner: ctx.owner,
    repo: ctx.repo,
    head,
    state: 'open',
    per_page: 100,
  });
  return pickOpen(checkShape(pullList, items, 'answer from GET pulls?head='), sha);
}

/** The open PR whose head is `sha`; the lowest number when a branch targets several bases. */
function pickOpen(pulls: PullSummary[], sha: string): PullSummary | undefined {
  return pulls.filter((p) => p.state === 'open' && p.head.sha === sha).sort((a, b) => a.number - b.number)[0];
}

function isForkPull(pr: PullSummary, ctx: RunContext): boolean {
  return pr.head.repo === null || !sameRepo(pr.head.repo.full_name, `${ctx.owner}/${ctx.repo}`);
}

function noPr(reason: string): Skip {
  return { kind: 'skip', code: 'no-pr', reason };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
