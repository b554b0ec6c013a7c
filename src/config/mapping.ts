/**
 * Mapping options: how a format's rows map to a behaviour (docs/formats.md; the `format`
 * and mapping options). Each format reader documents its own defaults; here
 * the values are only parsed.
 *
 * One parser serves both places a mapping is written: the action inputs
 * (strings; {@link readMapping}) and a group of the policy's `files` section
 * (YAML values; files-policy.ts). {@link checkMappingValue} takes either and
 * returns a {@link Checked} result, so each caller puts its own location in
 * front of the same problem text.
 */
import { GROUP_BY_VALUES, type GroupBy, type MappingOptions } from '../domain/mapping.js';
import { InputError } from '../domain/errors.js';
import { checkBoolean, checkNumber, nameOf, type Checked } from './parse.js';

/** The mapping inputs (and policy group keys), in documentation order. */
export const MAPPING_KEYS = [
  'behavior',
  'scorer',
  'hit-values',
  'score-threshold',
  'score-key',
  'matcher',
  'filter',
  'use-logprobs',
  'group-by',
] as const;

export type MappingKey = (typeof MAPPING_KEYS)[number];

/** The inputs that say how result files are read: `format` and the mapping keys (CLI commands that read files accept these). */
export const READING_INPUTS = ['format', ...MAPPING_KEYS] as const;

/**
 * Parses one mapping key's value into the field it sets, e.g.
 * `checkMappingValue('hit-values', 'I, yes')` → `{ ok: true, value: { hitValues: ['I', 'yes'] } }`.
 *
 * `raw` is an input string or a YAML value. Strings are read as the input
 * documents them; YAML adds lists for `hit-values`, numbers for
 * `score-threshold` and booleans for `use-logprobs`. An empty value is a
 * problem here: an unset input never reaches this function.
 */
export function checkMappingValue(key: MappingKey, raw: unknown): Checked<MappingOptions> {
  switch (key) {
    case 'behavior':
      return field(checkText(raw), (behavior) => ({ behavior }));
    case 'scorer':
      return field(checkText(raw), (scorer) => ({ scorer }));
    case 'score-key':
      return field(checkText(raw), (scoreKey) => ({ scoreKey }));
    case 'filter':
      return field(checkText(raw), (filter) => ({ filter }));
    case 'hit-values':
      return field(checkHitValues(raw), (hitValues) => ({ hitValues }));
    case 'score-threshold':
      return field(checkThreshold(raw), (scoreThreshold) => ({ scoreThreshold }));
    case 'matcher':
      return field(checkMatcher(raw), (matcher) => ({ matcher }));
    case 'use-logprobs':
      return field(checkBoolean(raw), (useLogprobs) => ({ useLogprobs }));
    case 'group-by':
      return field(checkGroupBy(raw), (groupBy) => ({ groupBy }));
  }
}

/**
 * The mapping inputs as {@link MappingOptions}. An empty input is unset
 * (absent from the result), except `use-logprobs`, whose caller passes its
 * default `false`; a bad value is an InputError naming the input.
 */
export function readMapping(get: (name: MappingKey) => string): MappingOptions {
  const mapping: MappingOptions = {};
  for (const key of MAPPING_KEYS) {
    const raw = get(key);
    // use-logprobs is always parsed, as before: readSettings substitutes its default, so '' here is a caller's bug worth a message.
    if (raw.trim() === '' && key !== 'use-logprobs') continue;
    const checked = checkMappingValue(key, raw);
    if (!checked.ok) throw new InputError(`Input \`${key}\`: got ${JSON.stringify(raw)}; ${checked.problem}.`);
    Object.assign(mapping, checked.value);
  }
  return mapping;
}

/**
 * A group's mapping over the inputs' mapping, key by key: every field the
 * group sets replaces the input's; the rest come from the inputs (the inputs
 * are the lowest layer, as for thresholds). A group cannot unset a field.
 */
export function layerMapping(inputs: MappingOptions, group: MappingOptions): MappingOptions {
  // A key present with the value undefined sets nothing (it must not erase the input's value).
  const over: MappingOptions = { ...group };
  for (const key of Object.keys(over)) if (Reflect.get(over, key) === undefined) Reflect.deleteProperty(over, key);
  return { ...inputs, ...over };
}

function field<T>(checked: Checked<T>, make: (value: T) => MappingOptions): Checked<MappingOptions> {
  return checked.ok ? { ok: true, value: make(checked.value) } : checked;
}

/** A name (behaviour, scorer, key, filter): a non-empty string, trimmed. YAML numbers are refused rather than re-spelled (`1.10` would become "1.1"). */
function checkText(raw: unknown): Checked<string> {
  if (typeof raw !== 'string')
    return { ok: false, problem: `expected a text, got ${nameOf(raw)}; write it in quotes if it looks like a number` };
  const text = raw.trim();
  return text === '' ? { ok: false, problem: 'must not be empty' } : { ok: true, value: text };
}

const HIT_VALUES_HELP = 'give one or more values, separated by commas (e.g. `I` or `yes,unsafe`)';

/**
 * Comma- or newline-separated values (`I`, `yes`), compared as strings by the
 * readers. A YAML list gives one value per item, taken whole (so a value may
 * hold a comma); numbers and booleans count as their text (`1`, `true`),
 * which is how the readers print a numeric or boolean score.
 */
function checkHitValues(raw: unknown): Checked<string[]> {
  let values: string[];
  if (typeof raw === 'string') {
    values = raw.split(/[,\n]/);
  } else if (Array.isArray(raw)) {
    const items: unknown[] = raw;
    const bad = items.find((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean');
    if (bad !== undefined || items.length === 0)
      return { ok: false, problem: `${HIT_VALUES_HELP}, or a list of texts${bad === undefined ? '' : ` (found ${nameOf(bad)})`}` };
    values = items.map((v) => String(v));
  } else if (typeof raw === 'number' || typeof raw === 'boolean') {
    values = [String(raw)];
  } else {
    return { ok: false, problem: `expected a text or a list, got ${nameOf(raw)}; ${HIT_VALUES_HELP}` };
  }
  const clean = values.map((v) => v.trim());
  // In a list an empty item is a mistake; in a string, blanks between commas are tolerated as before (`I, ,yes`).
  if (Array.isArray(raw) && clean.some((v) => v === '')) return { ok: false, problem: 'a list item is empty; give each value as text' };
  const kept = clean.filter((v) => v !== '');
  return kept.length === 0 ? { ok: false, problem: HIT_VALUES_HELP } : { ok: true, value: kept };
}

/** One of the groupings the readers know; which reader takes which is checked when a file is read. */
function checkGroupBy(raw: unknown): Checked<GroupBy> {
  const text = checkText(raw);
  if (!text.ok) return text;
  const found = GROUP_BY_VALUES.find((v) => v === text.value);
  return found === undefined
    ? { ok: false, problem: `use one of ${GROUP_BY_VALUES.join(', ')} (garak: detector or probe; lm-eval: filter; promptfoo: test-idx)` }
    : { ok: true, value: found };
}

/** Any finite number (scores have no fixed scale); `.inf`, `.nan` and ±1e999 are refused. */
function checkThreshold(raw: unknown): Checked<number> {
  const checked = checkNumber(raw, -Number.MAX_VALUE, Number.MAX_VALUE, { exclusive: false });
  // checkNumber's range text would print ±1.7976931348623157e+308; say what is meant instead.
  return checked.ok
    ? checked
    : {
        ok: false,
        problem: `use a finite number such as 0.5 or 1e-3${typeof raw === 'string' || typeof raw === 'number' ? '' : ` (got ${nameOf(raw)})`}`,
      };
}

/** A JavaScript regular expression (the lm-eval reader compiles it with `new RegExp`), kept as written: blanks may be part of the pattern. */
function checkMatcher(raw: unknown): Checked<string> {
  const text = checkText(raw);
  if (!text.ok || typeof raw !== 'string') return text;
  try {
    new RegExp(raw);
  } catch (error) {
    return { ok: false, problem: `not a valid regular expression (${error instanceof Error ? error.message : String(error)})` };
  }
  return { ok: true, value: raw };
}
