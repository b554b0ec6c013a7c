import type { z } from 'zod';

/**
 * Checks an API answer or event payload against the fields we use. Octokit's
 * response types are declarations, not checks, and a proxy or a GitHub
 * Enterprise version can answer differently.
 */
export function checkShape<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new Error(`unexpected ${what}${where}: ${issue?.message ?? 'invalid'}`);
}
