/**
 * The sticky comment of a run that errored before a verdict: it replaces
 * whatever an earlier run said, so a green comment never stays up on a PR
 * whose check has just failed (docs/pr-comment.md, "When something goes
 * wrong"). Pure: the message in, Markdown out; the GitHub layer posts it.
 */
import { escapeMarkdown } from './escape.js';
import { safeUrl } from './sections/notes.js';
import { VERDICT_SYMBOL } from './sections/rank.js';

export interface ErrorCommentArgs {
  /** Hidden marker of the sticky comment. Trusted: not escaped. */
  marker: string;
  /** The error as main.ts reports it; may name files and artifacts, so it is escaped. */
  message: string;
  /** The workflow run, linked when it is an http(s) URL. */
  runUrl?: string;
  /** The PR head the run checked. */
  headSha?: string;
  /** Label of the headline (default `tailgate`). */
  title?: string;
}

export function renderErrorComment(args: ErrorCommentArgs): string {
  const title = escapeMarkdown(args.title ?? 'tailgate', 80);
  const link = args.runUrl === undefined ? null : safeUrl(args.runUrl);
  const where = link === null ? 'the job log' : `the [workflow run](${link})`;
  const head = args.headSha !== undefined && /^[0-9a-f]{7,64}$/i.test(args.headSha) ? ` on \`${args.headSha.slice(0, 7)}\`` : '';
  return [
    args.marker,
    `### ${VERDICT_SYMBOL.error} tailgate: error`,
    '',
    `${title} failed before a verdict${head}, so there is no forecast for this commit; an earlier result in this comment no longer applies.`,
    '',
    `**What failed:** ${escapeMarkdown(args.message, 600)}`,
    '',
    `Fix it and re-run; ${where} has the details.`,
    '',
  ].join('\n');
}
