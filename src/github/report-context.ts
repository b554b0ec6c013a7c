import type { Report } from '../domain/report.js';
import { readRunContext } from './context.js';
import { planFromEvent } from './event-plan.js';

/**
 * Where this run happened, for the report footer: the repository, the run
 * link and the commit under test. On pull_request the commit is the PR head
 * (`pull_request.head.sha`), on workflow_run `workflow_run.head_sha` — never
 * GITHUB_SHA, which there is a test merge commit or the default branch.
 * Outside Actions (or with an unreadable event) it says what it can.
 */
export async function reportContext(env: NodeJS.ProcessEnv): Promise<Report['context']> {
  if (!env.GITHUB_REPOSITORY) return null;
  try {
    const ctx = await readRunContext(env);
    const plan = planFromEvent(ctx);
    const sha =
      plan.kind === 'known' ? plan.pr.headSha : plan.kind === 'workflow_run' ? plan.headSha : plan.kind === 'push' ? plan.sha : undefined;
    return { repository: env.GITHUB_REPOSITORY, sha, runUrl: ctx.runUrl };
  } catch {
    return { repository: env.GITHUB_REPOSITORY };
  }
}
