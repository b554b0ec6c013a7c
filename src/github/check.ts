import type { z } from 'zod';
import { describeIssue, safeCheck } from '../ingest/schema-issue.js';

/**
 * Checks an API answer or event payload against the fields we use. Octokit's
 * response types are declarations, not checks, and a proxy or a GitHub
 * Enterprise version can answer differently.
 */
export function checkShape<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = safeCheck(schema, data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const plain = issue === undefined ? { path: [], problem: 'invalid' } : describeIssue(issue, data);
  const where = plain.path.length > 0 ? ` at ${plain.path.map(String).join('.')}` : '';
  throw new Error(`unexpected ${what}${where}: ${plain.problem}`);
}
