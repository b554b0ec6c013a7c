/**
 * Inputs that say how a format's rows map to a behaviour (DESIGN §3 `format`
 * and mapping options). Each format reader documents its own defaults; here
 * the values are only parsed.
 */
import type { MappingOptions } from '../ingest/format.js';
import { InputError } from '../ingest/format.js';
import { parseBoolean, parseNumber } from './parse.js';

type MappingInput = 'behavior' | 'scorer' | 'hit-values' | 'score-threshold' | 'score-key' | 'matcher' | 'filter' | 'use-logprobs';

export function readMapping(get: (name: MappingInput) => string): MappingOptions {
  const mapping: MappingOptions = {};
  const text = (name: MappingInput): string | undefined => (get(name) === '' ? undefined : get(name));
  mapping.behavior = text('behavior');
  mapping.scorer = text('scorer');
  mapping.scoreKey = text('score-key');
  mapping.filter = text('filter');
  const hitValues = text('hit-values');
  if (hitValues !== undefined) {
    // Comma- or newline-separated; values are compared as strings (e.g. `I`, `yes`).
    mapping.hitValues = hitValues.split(/[,\n]/).map((v) => v.trim()).filter((v) => v !== '');
    if (mapping.hitValues.length === 0) throw new InputError('Input `hit-values`: give one or more values, separated by commas (e.g. `I` or `yes,unsafe`).');
  }
  const threshold = text('score-threshold');
  if (threshold !== undefined) mapping.scoreThreshold = parseNumber('score-threshold', threshold, -Number.MAX_VALUE, Number.MAX_VALUE, { exclusive: false });
  const matcher = text('matcher');
  if (matcher !== undefined) {
    try {
      new RegExp(matcher);
    } catch (error) {
      throw new InputError(`Input \`matcher\`: ${JSON.stringify(matcher)} is not a valid regular expression (${(error as Error).message}).`);
    }
    mapping.matcher = matcher;
  }
  mapping.useLogprobs = parseBoolean('use-logprobs', get('use-logprobs'));
  // Drop unset keys so the object prints cleanly in the report and tests compare it exactly.
  for (const key of Object.keys(mapping) as (keyof MappingOptions)[]) if (mapping[key] === undefined) delete mapping[key];
  return mapping;
}
