/**
 * The `results` key of policy sections that name result files (`red-team`
 * sources, `files` groups): one glob or a non-empty list of globs, as a list.
 * Globs keep the `results` input's rules (`!pattern` excludes); where they are
 * resolved (workspace or artifacts) is the caller's business.
 */
import { z } from 'zod';

/** `example` is a glob shown in the message, fitting the section (e.g. `redteam/haiku/*.jsonl`). */
export function globsSchema(example: string) {
  return z.unknown().transform((raw, ctx): string[] => {
    const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : null;
    const clean = list?.map((g: unknown) => (typeof g === 'string' ? g.trim() : '')) ?? [];
    if (list === null || clean.length === 0 || clean.some((g) => g === '')) {
      ctx.addIssue({ code: 'custom', message: `give a glob of result files, or a list of globs, none empty (e.g. ${example})` });
      return z.NEVER;
    }
    return clean;
  });
}
