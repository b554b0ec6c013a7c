import { createHash } from 'node:crypto';

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
 * @example canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] })
 *   // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
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
    case 'object':
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      return canonicalObject(value);
    default:
      // Functions and symbols never come out of JSON.parse; treat like JSON.stringify does in arrays.
      return 'null';
  }
}

function canonicalObject(value: object): string {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
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
