import { z } from 'zod';

/**
 * The few fields of webhook payloads and REST answers we rely on, checked at
 * runtime. Objects are loose (zod's default strips unknown keys): payloads
 * carry hundreds of fields we do not need.
 */

const repoRef = z.object({ full_name: z.string() });

/** `pull_request` / `pull_request_target`. `head.repo` is null when the fork was deleted. */
export const pullRequestEvent = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    head: z.object({ sha: z.string().min(1), ref: z.string(), repo: repoRef.nullable() }),
    base: z.object({ repo: repoRef }),
  }),
});

/**
 * `workflow_run`. Its `pull_requests` is empty when the PR comes from a fork,
 * and its entries' `repo` objects carry no `full_name`, so fork detection
 * compares `head_repository` with `repository`.
 */
export const workflowRunEvent = z.object({
  workflow_run: z.object({
    head_sha: z.string().min(1),
    head_branch: z.string().nullable(),
    event: z.string().optional(),
    pull_requests: z.array(z.object({ number: z.number().int().positive(), head: z.object({ sha: z.string() }).optional() })).default([]),
    head_repository: z.object({ full_name: z.string(), owner: z.object({ login: z.string() }) }).nullable(),
    repository: repoRef,
  }),
});

/** `push`: GITHUB_SHA is the pushed head here; `after` is the same SHA in the payload. */
export const pushEvent = z.object({ after: z.string().min(1).optional() });

/** A PR as GET commits/{sha}/pulls and GET pulls return it. */
export const pullSummary = z.object({
  number: z.number().int().positive(),
  state: z.string(),
  head: z.object({ sha: z.string(), repo: repoRef.nullable() }),
});
export type PullSummary = z.infer<typeof pullSummary>;

/** An issue comment as GET …/issues/{n}/comments returns it. `user` is null for deleted accounts. */
export const issueComment = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  html_url: z.string(),
  user: z.object({ login: z.string() }).nullable(),
  created_at: z.string(),
});
export type IssueComment = z.infer<typeof issueComment>;
export const issueCommentList = z.array(issueComment);

/** Same repository, compared as GitHub does: owner and name are case-insensitive. */
export function sameRepo(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
