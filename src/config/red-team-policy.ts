/**
 * The policy file's `red-team` section (red-teamer choice, Jones et al. 2025 §6):
 * several query sources with a cost per query, and a budget.
 *
 * ```yaml
 * red-team:
 *   budget: 100000            # in the unit of cost-per-query (dollars, tokens, …)
 *   behavior: harmful-advice  # optional: decide on this behaviour (default: rank every behaviour found)
 *   sources:                  # at least two
 *     - name: haiku
 *       results: redteam/haiku/*.jsonl   # a glob or a list of globs, relative to the workspace
 *       cost-per-query: 1
 *     - name: sonnet
 *       results: [redteam/sonnet/*.jsonl]
 *       cost-per-query: 10
 *       format: native-jsonl  # optional; default: the `format` input
 * ```
 *
 * Each source buys n_s = floor(budget / cost-per-query) queries; a source
 * whose cost exceeds the budget buys none and is an error, as are duplicate
 * names. Validated with zod; policy.ts words the issues with file and line.
 */
import { z } from 'zod';
import { queriesBought } from './queries-bought.js';
import { checkPositive } from './factor.js';
import { globsSchema } from './globs.js';
import { MAX_VOLUME } from './parse.js';
import type { RedTeamPolicy } from './settings.js';

/** Accepted keys of the section and of each source, in documentation order (for "allowed: …" messages). */
export const RED_TEAM_KEYS: readonly string[] = ['budget', 'behavior', 'sources'];
export const SOURCE_KEYS: readonly string[] = ['name', 'results', 'cost-per-query', 'format'];

const positive = z.unknown().transform((raw, ctx) => {
  const checked = checkPositive(raw);
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: 'custom', message: checked.problem });
  return z.NEVER;
});

const name = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(100, `${what} must be at most 100 characters`);

const sourceSchema = z.strictObject({
  name: name('a source name'),
  results: globsSchema('redteam/haiku/*.jsonl'),
  'cost-per-query': positive,
  format: name('format').optional(),
});

function isPositive(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

export const redTeamSchema = z
  .strictObject({
    budget: positive,
    behavior: name('behavior').optional(),
    sources: z.array(sourceSchema).min(2, 'give at least two sources to choose between'),
  })
  .superRefine((section, ctx) => {
    const seen = new Map<string, number>();
    section.sources.forEach((source, i) => {
      const first = seen.get(source.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'name'],
          message: `duplicate source name ${JSON.stringify(source.name)} (also sources[${first}]); names must be unique`,
        });
      }
      seen.set(source.name, first ?? i);
      // A value that already failed its own check has an issue; do not pile a second one on it.
      if (!isPositive(section.budget) || !isPositive(source['cost-per-query'])) return;
      const bought = queriesBought(section.budget, source['cost-per-query']);
      if (bought < 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'cost-per-query'],
          message: `${source['cost-per-query']} is more than the budget ${section.budget}, so it buys no query; raise the budget or lower the cost`,
        });
      } else if (bought > MAX_VOLUME) {
        ctx.addIssue({
          code: 'custom',
          path: ['budget'],
          message: `buys ${bought} queries of ${JSON.stringify(source.name)}, more than ${MAX_VOLUME} (1e15); use a smaller budget or larger costs`,
        });
      }
    });
  })
  .transform((section): RedTeamPolicy => ({
    budget: section.budget,
    ...(section.behavior === undefined ? {} : { behavior: section.behavior }),
    sources: section.sources.map((s) => ({
      name: s.name,
      results: s.results,
      costPerQuery: s['cost-per-query'],
      ...(s.format === undefined ? {} : { format: s.format }),
    })),
  }));
