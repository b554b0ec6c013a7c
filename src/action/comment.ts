/**
 * The PR comment step of main.ts: render the report for the PR and hand it to
 * the GitHub edge, then log what happened. Never throws and never changes
 * the verdict (publishComment turns every fault into a warning).
 */
import { setOutput } from './runner.js';
import type { Settings } from '../config/settings.js';
import type { GitHubClient } from '../github/client.js';
import { MAX_COMMENT_CHARS, publishComment } from '../github/publish.js';
import { renderErrorComment } from '../report/error-comment.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../domain/report.js';
import { redact } from '../report/redact.js';
import { log } from './log.js';

export interface CommentEdge {
  /** The client main.ts built from `github-token`; null when that input is empty. */
  octokit: GitHubClient | null;
  /** The runner's variables (the event, the repository, the run). */
  env: NodeJS.ProcessEnv;
}

export async function postComment(report: Report, settings: Settings, { octokit, env }: CommentEdge): Promise<void> {
  const result = await publishComment({
    mode: settings.comment,
    key: settings.commentKey,
    verdict: report.verdict,
    hasBreach: report.breaches.length > 0,
    // The comment shows the PR head and this run, whatever GITHUB_SHA says.
    render: (marker, pr) =>
      renderMarkdown(
        { ...report, context: { ...report.context, sha: pr.headSha, runUrl: pr.runUrl } },
        { marker, maxChars: MAX_COMMENT_CHARS },
      ).body,
    octokit,
    env,
    timeBudgetMs: settings.commentTimeoutMs,
  });
  // The URL and notes come from the API's answers: log.* neutralises them.
  if (result.status === 'posted') {
    log.info(`tailgate: PR comment ${result.action}: ${result.url}`);
    for (const note of result.notes) log.info(note);
    setOutput('comment-url', redact(result.url));
  } else if (result.status === 'skipped') {
    (result.code === 'fork' ? log.notice : log.info)(`tailgate: PR comment skipped: ${result.reason}`);
  } else {
    log.warning(result.warning);
  }
}

/**
 * After an error: put the sticky comment into an error state that says what
 * failed and links the run. Only an existing comment is updated under
 * `comment: on-breach`; the other modes create one as they would for a verdict.
 * Best effort, like the verdict's comment: a fault here is a warning.
 */
export async function postErrorComment(
  message: string,
  settings: Pick<Settings, 'comment' | 'commentKey' | 'commentTimeoutMs'>,
  { octokit, env }: CommentEdge,
): Promise<void> {
  const result = await publishComment({
    mode: settings.comment,
    key: settings.commentKey,
    verdict: 'error',
    hasBreach: false,
    render: (marker, pr) => renderErrorComment({ marker, message: redact(message), runUrl: pr.runUrl, headSha: pr.headSha }),
    octokit,
    env,
    timeBudgetMs: settings.commentTimeoutMs,
  });
  if (result.status === 'posted') log.info(`tailgate: PR comment ${result.action} to the error state: ${result.url}`);
  else if (result.status === 'failed') log.warning(result.warning);
}
