import { z } from 'zod';
import type { GitHubClient } from './client.js';
import { checkShape } from './check.js';

const viewerAnswer = z.object({ viewer: z.object({ login: z.string().min(1) }) });

/**
 * The login the token acts as, so we only ever touch our own comments.
 * GraphQL `viewer` works for every token kind; REST `GET /user` answers 403
 * to GITHUB_TOKEN and app tokens. Never hard-coded: a personal token posts as
 * its person, a GitHub App as `<app>[bot]`.
 */
export async function getViewerLogin(octokit: GitHubClient): Promise<string> {
  const data: unknown = await octokit.graphql('query { viewer { login } }');
  return checkShape(viewerAnswer, data, 'answer to the GraphQL viewer query').viewer.login;
}

/**
 * Compares logins across APIs: GraphQL gives `github-actions`, REST comment
 * authors give `github-actions[bot]`; GitHub logins are case-insensitive.
 */
export function sameLogin(a: string, b: string): boolean {
  return normalizeLogin(a) === normalizeLogin(b);
}

export function normalizeLogin(login: string): string {
  return login.replace(/\[bot\]$/i, '').toLowerCase();
}
