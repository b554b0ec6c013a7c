/**
 * The PR comment step of main.ts: render the report for the PR and hand it to
 * the GitHub edge, then log what happened. Never throws and never changes
 * the verdict (publishComment turns every fault into a warning).
 */
import * as core from '@actions/core';
import type { Settings } from '../config/settings.js';
import { MAX_COMMENT_CHARS, publishComment } from '../github/publish.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/types.js';

export async function postComment(report: Report, settings: Settings): Promise<void> {
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
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
    token,
    env: process.env,
  });
  if (result.status === 'posted') {
    core.info(`tailgate: PR comment ${result.action}: ${result.url}`);
    for (const note of result.notes) core.info(note);
    core.setOutput('comment-url', result.url);
  } else if (result.status === 'skipped') {
    (result.code === 'fork' ? core.notice : core.info)(`tailgate: PR comment skipped: ${result.reason}`);
  } else {
    core.warning(result.warning);
  }
}
