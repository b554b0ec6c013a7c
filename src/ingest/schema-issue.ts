import type { z } from 'zod';
import { clip, preview } from './excerpt.js';

/** One problem zod found, in the words a user reads: the path to the field and what is wrong with it. */
export interface PlainIssue {
  /** Path from the checked value to the bad field (a union's path goes as deep as its closest alternative got). */
  path: PropertyKey[];
  /** `missing; expected a number`, `expected true or false, found a string ("yes")`. */
  problem: string;
}

/** The message zod gives an issue whose schema words none itself: "describeIssue, word this one". */
const UNWORDED = '\u0000unworded';

/**
 * `schema.safeParse(value)`, with zod's own English left out: an issue whose
 * schema gives no message of its own (`.min(2, 'give two sources')`) gets a
 * marker instead, which {@link describeIssue} replaces with plain words.
 * Messages the schemas write themselves are kept as they are.
 */
export function safeCheck<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: () => UNWORDED });
}

/**
 * The one formatter for schema failures: turns a zod issue on `root` into
 * plain words, "expected <kind>, found <what is there>", so no
 * validation-library wording ("Invalid input: expected nonoptional, received
 * undefined") reaches users. Every reader, the policy and the baseline check
 * word their failures through it and add the file, row and path themselves.
 *
 * @example describeIssue({ code: 'invalid_type', expected: 'boolean', path: ['success'], … }, { success: 'yes' })
 *   // { path: ['success'], problem: 'expected true or false, found a string ("yes")' }
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): PlainIssue {
  const path = [...issue.path];
  // The schema's own words (a refine, addIssue, `.min(n, message)`, z.custom) are plain already.
  if (issue.message !== UNWORDED && !isZodEnglish(issue.message)) return { path, problem: issue.message };
  const at = valueAt(root, path);
  const found = at.missing ? undefined : at.value;
  const wrong = (expected: string): PlainIssue => ({
    path,
    problem: at.missing ? `missing; expected ${expected}` : `expected ${expected}, found ${describeValue(found)}`,
  });
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'nonoptional' && at.missing ? { path, problem: 'missing' } : wrong(kindWords(issue.expected));
    case 'invalid_value':
      return wrong(orList(issue.values.map((v) => preview(v, 40))));
    case 'invalid_union': {
      // When every alternative failed on this very value's kind, list the kinds it may be.
      const kinds = issue.errors.map((alternative) => (alternative.length === 1 ? expectation(alternative[0]) : undefined));
      if (kinds.length > 0 && kinds.every((k) => k !== undefined)) return wrong(orList([...new Set(kinds)]));
      // Otherwise the alternative that got furthest into the value says what is wrong inside it.
      const furthest = issue.errors
        .map((alternative) => alternative[0])
        .filter((first) => first !== undefined)
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (furthest === undefined) return { path, problem: 'matches none of the accepted shapes' };
      const inner = describeIssue(furthest, found);
      return { path: [...path, ...inner.path], problem: inner.problem };
    }
    case 'too_small':
    case 'too_big':
      return { path, problem: sizeProblem(issue, found) };
    case 'invalid_format':
      return wrong(`text in ${issue.format} format`);
    case 'not_multiple_of':
      return wrong(`a multiple of ${String(issue.divisor)}`);
    case 'unrecognized_keys':
      return { path, problem: `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `'${clip(k)}'`).join(', ')}` };
    case 'invalid_key':
    case 'invalid_element': {
      const first = issue.issues[0];
      // A record key's issue is about the key itself, the last step of the path.
      const subject = issue.code === 'invalid_key' ? path[path.length - 1] : found;
      const inner = first === undefined ? undefined : describeIssue(first, subject);
      return { path, problem: `${issue.code === 'invalid_key' ? 'a key' : 'an element'} is not valid: ${inner?.problem ?? 'unexpected'}` };
    }
    default:
      return wrong('a valid value');
  }
}

/**
 * zod's default English, for issues checked with a plain `safeParse` rather
 * than {@link safeCheck}: every default message starts with one of these.
 */
function isZodEnglish(message: string): boolean {
  return /^(?:Invalid (?:input|option|key|element|string|number)|Too (?:small|big)|Unrecognized key|Expected )/.test(message);
}

/** What one union alternative wanted of the value itself, or undefined when it failed deeper inside. */
function expectation(issue: z.core.$ZodIssue): string | undefined {
  if (issue.path.length > 0) return undefined;
  if (issue.code === 'invalid_type') return kindWords(issue.expected);
  if (issue.code === 'invalid_value') return orList(issue.values.map((v) => preview(v, 40)));
  return undefined;
}

const KINDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  null: 'null',
  nan: 'NaN',
  undefined: 'nothing',
  nonoptional: 'a value',
  date: 'a date',
};

function kindWords(expected: string): string {
  return KINDS[expected] ?? `a ${expected}`;
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `a string ("yes")`, `the number 1.5`, `an array ([1,2])`, `null`, `nothing`: a value as the "found" of a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `a string (${preview(value, 40)})`;
  if (Array.isArray(value)) return `an array (${preview(value, 40)})`;
  if (typeof value === 'object') return `an object (${preview(value, 40)})`;
  return `a ${typeof value}`;
}

function sizeProblem(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, found: unknown): string {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const word = small ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'fewer than' : 'at most';
  const size = (n: number) => `, found ${n}`;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `expected ${word} ${String(bound)} items${Array.isArray(found) ? size(found.length) : ''}`;
    case 'string':
      return `expected ${word} ${String(bound)} characters${typeof found === 'string' ? size(found.length) : ''}`;
    default: {
      const sign = small ? (issue.inclusive === false ? '>' : '≥') : issue.inclusive === false ? '<' : '≤';
      return `expected a number ${sign} ${String(bound)}, found ${describeValue(found)}`;
    }
  }
}

/** The value at `path` under `root`, and whether the last step found no such field. */
function valueAt(root: unknown, path: readonly PropertyKey[]): { value: unknown; missing: boolean } {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return { value: undefined, missing: true };
    value = Reflect.get(value, key);
  }
  return { value, missing: false };
}
