/**
 * The policy file's `files` section: several result files and formats, each
 * group with its own format and mapping, read into ONE evaluation (one
 * report, one gate).
 *
 * ```yaml
 * files:
 *   - results: logs/*.eval                   # a glob or a list of globs (`!pattern` excludes)
 *     format: inspect                        # optional; default: the `format` input
 *     behavior: complied-with-harmful-request
 *     scorer: refusal
 *     hit-values: I                          # or a list: [I, "yes"]
 *   - results: [redteam/promptfoo-*.json]
 *     format: promptfoo                      # behaviour names come from the plugin ids
 *   - results: evals/pii.jsonl
 * ```
 *
 * The mapping keys are the mapping inputs' names (behavior, scorer,
 * hit-values, score-threshold, score-key, matcher, filter, use-logprobs, group-by),
 * parsed by the same code (mapping.ts). Layering: a group's mapping is the
 * mapping inputs, overridden key by key by the keys the group sets (inputs
 * are the lowest layer, as for thresholds). The `results` input, when set,
 * is read as one more group with the inputs' format and mapping.
 * Validated with zod; policy.ts words the issues with file and line.
 */
import { z } from 'zod';
import type { MappingOptions } from '../domain/mapping.js';
import { formatIds } from '../ingest/registry.js';
import { globsSchema } from './globs.js';
import { checkMappingValue, MAPPING_KEYS, type MappingKey } from './mapping.js';
import type { PolicyFileGroup } from './settings.js';

/** Accepted keys of each group, in documentation order (for "allowed: …" messages). */
export const FILE_GROUP_KEYS: readonly string[] = ['results', 'format', ...MAPPING_KEYS];

/** `auto` or a known reader id; the list of readers is the registry's, so a new format is accepted here without an edit. */
const formatSchema = z.unknown().transform((raw, ctx): string => {
  const ids = ['auto', ...formatIds()];
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  if (text !== undefined && ids.includes(text)) return text;
  const got = text === undefined ? `got ${raw === null ? 'nothing' : typeof raw}` : `unknown format ${JSON.stringify(text)}`;
  ctx.addIssue({ code: 'custom', message: `${got}; use one of ${ids.join(', ')}` });
  return z.NEVER;
});

/** One mapping key, checked by the inputs' own parser; the output is the one field it sets. */
function mappingSchema(key: MappingKey) {
  return z
    .unknown()
    .transform((raw, ctx) => {
      const checked = checkMappingValue(key, raw);
      if (checked.ok) return checked.value;
      ctx.addIssue({ code: 'custom', message: checked.problem });
      return z.NEVER;
    })
    .optional();
}

const groupSchema = z
  .strictObject({
    results: globsSchema('logs/*.eval'),
    format: formatSchema.optional(),
    behavior: mappingSchema('behavior'),
    scorer: mappingSchema('scorer'),
    'hit-values': mappingSchema('hit-values'),
    'score-threshold': mappingSchema('score-threshold'),
    'score-key': mappingSchema('score-key'),
    matcher: mappingSchema('matcher'),
    filter: mappingSchema('filter'),
    'use-logprobs': mappingSchema('use-logprobs'),
    'group-by': mappingSchema('group-by'),
  })
  .transform(({ results, format, ...keys }): PolicyFileGroup => {
    // Each key's output is a one-field mapping; absent keys are undefined and add nothing.
    const mapping: MappingOptions = {};
    for (const part of Object.values(keys)) if (part !== undefined) Object.assign(mapping, part);
    return { results, ...(format === undefined ? {} : { format }), mapping };
  });

export const filesSchema = z.array(groupSchema).min(1, 'give at least one group (`- results: <glob>`), or remove the `files` key');
