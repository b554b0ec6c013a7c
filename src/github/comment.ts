import type { GitHubClient } from './client.js';
import { checkShape } from './check.js';
import { describeFailure, isAmbiguousFailure } from './errors.js';
import { issueComment, issueCommentList, type IssueComment } from './events.js';
import { sameLogin } from './viewer.js';

export interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  /** `<!-- tailgate:KEY -->`, see marker.ts. */
  marker: string;
  /** The token's own login (viewer.ts); comments by anyone else are never touched. */
  viewerLogin: string;
}

export interface StickyComment {
  action: 'created' | 'updated';
  url: string;
  id: number;
  /** Things worth a log line that did not stop the comment (a duplicate that could not be deleted). */
  notes: string[];
}

/**
 * Creates or updates our one comment for `marker` on the PR.
 *
 * Ours = carries the marker AND was written by the viewer: another author's
 * comment that quotes the marker is left alone. GitHub lists issue comments by
 * ascending id (its documented order), so the first match is the oldest of
 * ours: we update it in place and stop paging there. With `createIfMissing:
 * false` (comment: on-breach without a breach) nothing is created.
 */
export async function upsertStickyComment(
  octokit: GitHubClient,
  target: StickyTarget & { body: string; createIfMissing?: boolean },
): Promise<StickyComment | { action: 'none' }> {
  const existing = await findOwnComment(octokit, target);
  if (existing) {
    const updated = await updateComment(octokit, target, existing.id, target.body);
    return { action: 'updated', url: updated.html_url, id: updated.id, notes: [] };
  }
  if (target.createIfMissing === false) return { action: 'none' };
  return createOnce(octokit, target, target.body);
}

/**
 * Posts a new comment, then lists ours again and keeps only the oldest.
 *
 * The retry plugin re-sends a create whose answer was lost (a 5xx or a reset
 * after GitHub had already stored the comment), which leaves two copies; a
 * create that failed ambiguously may still have landed. Checking after every
 * create costs one listing on a PR's first run and also settles two runs that
 * raced to create. Extra copies are deleted; if the kept one is not the one we
 * just wrote, it gets our body.
 */
async function createOnce(octokit: GitHubClient, target: StickyTarget, body: string): Promise<StickyComment> {
  let created: IssueComment | undefined;
  let createError: unknown;
  try {
    const res = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body,
    });
    created = checkShape(issueComment, res.data, 'answer to the comment create');
  } catch (error) {
    if (!isAmbiguousFailure(error)) throw error;
    createError = error;
  }
  const ours = await listOwnComments(octokit, target);
  const kept = ours[0];
  if (!kept) {
    // Nothing listed: the create failed for real, or a lagging replica has not seen it yet.
    if (created) return { action: 'created', url: created.html_url, id: created.id, notes: [] };
    throw createError;
  }
  const notes: string[] = [];
  if (createError) notes.push('the create answered with an error, but the comment had been posted');
  for (const extra of ours.slice(1)) {
    try {
      await octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: target.owner,
        repo: target.repo,
        comment_id: extra.id,
      });
      notes.push(`deleted duplicate comment ${extra.id}`);
    } catch (error) {
      notes.push(describeFailure(`deleting duplicate comment ${extra.id}`, error));
    }
  }
  const final = kept.body === body ? kept : await updateComment(octokit, target, kept.id, body);
  return { action: 'created', url: final.html_url, id: final.id, notes };
}

async function updateComment(octokit: GitHubClient, target: StickyTarget, id: number, body: string): Promise<IssueComment> {
  const res = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
    owner: target.owner,
    repo: target.repo,
    comment_id: id,
    body,
  });
  return checkShape(issueComment, res.data, 'answer to the comment update');
}

function isOurs(comment: IssueComment, target: StickyTarget): boolean {
  return comment.user !== null && sameLogin(comment.user.login, target.viewerLogin) && (comment.body ?? '').includes(target.marker);
}

function pages(octokit: GitHubClient, target: StickyTarget) {
  return octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
}

/** The oldest of our comments with the marker, reading pages only until it is found. */
export async function findOwnComment(octokit: GitHubClient, target: StickyTarget): Promise<IssueComment | undefined> {
  for await (const page of pages(octokit, target)) {
    const data: unknown = page.data;
    const found = checkShape(issueCommentList, data, 'answer listing the PR comments').find((c) => isOurs(c, target));
    if (found) return found;
  }
  return undefined;
}

/** All our comments with the marker, oldest (lowest id) first. */
export async function listOwnComments(octokit: GitHubClient, target: StickyTarget): Promise<IssueComment[]> {
  const ours: IssueComment[] = [];
  for await (const page of pages(octokit, target)) {
    const data: unknown = page.data;
    ours.push(...checkShape(issueCommentList, data, 'answer listing the PR comments').filter((c) => isOurs(c, target)));
  }
  return ours.sort((a, b) => a.id - b.id);
}
