import { createHash } from 'node:crypto';
import { LIMITS } from '../domain/limits.js';

/**
 * Canonical JSON for grouping keys: two values that mean the same JSON get the
 * same string, whatever the key order they were written in.
 *
 * Why: format readers group repeated samples of one query by the content that
 * defines the query (promptfoo vars, a garak conversation, a HarmBench test
 * case). Tools write object keys in insertion order, and that order can differ
 * between repeats or versions, so `JSON.stringify` alone would split a query.
 *
 * Rules (those of JSON.stringify, plus sorting):
 * - object keys sorted by UTF-16 code units (`Array.prototype.sort` default),
 *   keys whose value is `undefined` omitted;
 * - arrays keep their order, `undefined` inside an array becomes `null`;
 * - non-finite numbers become `null` and `-0` becomes `0` (JSON has neither);
 * - strings escaped as JSON.stringify does.
 *
 * The value comes from an untrusted file, so the walk uses an explicit stack
 * (no recursion to overflow) and refuses values nested deeper than
 * LIMITS.maxNestingDepth with a {@link NestingError} that names `field`; the
 * reader adds the file and line.
 *
 * @example canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] })
 *   // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown, field = 'the value'): string {
  const parts: string[] = [];
  // Work items: text to append, or a value with the number of containers around it. Popped from the end.
  const work: Array<string | { value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    const v = item.value;
    if (typeof v !== 'object' || v === null) {
      parts.push(scalar(v));
      continue;
    }
    if (item.depth >= LIMITS.maxNestingDepth) throw new NestingError(field);
    const depth = item.depth + 1;
    if (Array.isArray(v)) {
      parts.push('[');
      work.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        work.push({ value: v[i], depth });
        if (i > 0) work.push(',');
      }
      continue;
    }
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    parts.push('{');
    work.push('}');
    for (let i = entries.length - 1; i >= 0; i--) {
      work.push({ value: entries[i][1], depth });
      work.push(`${JSON.stringify(entries[i][0])}:`);
      if (i > 0) work.push(',');
    }
  }
  return parts.join('');
}

function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // JSON.stringify maps NaN/±Infinity to null and -0 to "0".
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    default:
      // null, undefined (inside an array), and functions or symbols, which never come out of JSON.parse.
      return 'null';
  }
}

/** A value nested deeper than LIMITS.maxNestingDepth; a plain Error so the reader can add the file and line. */
export class NestingError extends Error {
  constructor(field: string) {
    super(
      `${field} nests more than ${LIMITS.maxNestingDepth} levels deep (the limit, LIMITS.maxNestingDepth); ` +
        'eval tools write a few levels, so check how this file was produced',
    );
    this.name = 'NestingError';
  }
}

/**
 * A short, stable digest of a grouping key, for query ids that would
 * otherwise carry whole prompts. SHA-256 cut to `hexChars` hex digits (64 bits
 * by default): with a million queries the chance of any collision is about
 * 3e-8 (birthday bound n²/2^65).
 *
 * @example shortHash('abc') // 'ba7816bf8f01cfea'
 */
export function shortHash(text: string, hexChars = 16): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, hexChars);
}
