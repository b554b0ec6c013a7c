import { InputError } from '../domain/errors.js';

/**
 * JSON as Python writes it. `json.dumps` and pydantic (`ser_json_inf_nan =
 * "constants"`, which Inspect sets on every score-bearing model) emit bare
 * `NaN`, `Infinity` and `-Infinity`; Inspect uses NaN as its "unscored"
 * sentinel, so these tokens are normal in real logs, not corruption.
 *
 * Strategy: plain `JSON.parse` first (fast, and most documents have no such
 * token). If that fails, a pre-pass that knows where strings start and end
 * rewrites the bare tokens outside strings into sentinel strings, and a walk
 * of the result turns the sentinels back into numbers, so a string such as
 * `"score was NaN"` is left alone. The walk uses an explicit stack (a
 * JSON.parse reviver would recurse, and overflow on deeply nested input). If parsing still fails, a small syntax
 * scanner finds the first error and the message gives its line and column
 * (V8's own message often has no position).
 */
export function parseLenientJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // fall through to the lenient pass
  }
  const rewritten = rewriteNonFinite(text);
  if (rewritten !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rewritten.text);
    } catch {
      // a real syntax error elsewhere; located below
      throw syntaxError(text, where);
    }
    return restoreNonFinite(parsed, rewritten.sentinels);
  }
  throw syntaxError(text, where);
}

/** UTF-8 bytes → {@link parseLenientJson}, skipping a BOM. */
export function parseLenientJsonBytes(bytes: Buffer, where: string): unknown {
  let text: string;
  try {
    text = bytes.toString('utf8');
  } catch (err) {
    // V8 caps strings near 2^29 characters.
    throw new InputError(`${where}: too large to decode as one JSON document (${err instanceof Error ? err.message : String(err)})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseLenientJson(text, where);
}

const TOKENS: Array<[string, number]> = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];

interface Rewritten {
  text: string;
  /** Sentinel string → the number it stands for. */
  sentinels: Map<string, number>;
}

/** Replaces bare NaN/±Infinity outside strings; undefined when there are none. */
function rewriteNonFinite(text: string): Rewritten | undefined {
  // A per-call nonce and a leading NUL make a collision with a real string value implausible.
  const prefix = `\u0000tailgate-${Math.random().toString(36).slice(2)}:`;
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfString(text, i);
      continue;
    }
    const token = c === 0x4e /* N */ || c === 0x49 /* I */ || c === 0x2d /* - */ ? TOKENS.find(([t]) => text.startsWith(t, i)) : undefined;
    if (token === undefined) {
      i++;
      continue;
    }
    parts.push(text.slice(copied, i), JSON.stringify(prefix + token[0]));
    i += token[0].length;
    copied = i;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(copied));
  return { text: parts.join(''), sentinels: new Map(TOKENS.map(([t, v]) => [prefix + t, v])) };
}

/** Replaces sentinel strings by their numbers in place, iteratively (explicit stack), and returns the value. */
function restoreNonFinite(root: unknown, sentinels: Map<string, number>): unknown {
  const restored = (v: unknown) => (typeof v === 'string' && v.charCodeAt(0) === 0 ? sentinels.get(v) : undefined);
  const top = restored(root);
  if (top !== undefined) return top;
  const stack: unknown[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        const number = restored(value);
        if (number !== undefined) node[i] = number;
        else if (typeof value === 'object' && value !== null) stack.push(value);
      }
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const value: unknown = Reflect.get(node, key);
      const number = restored(value);
      // defineProperty, not assignment: a key named __proto__ must stay an own property.
      if (number !== undefined) Object.defineProperty(node, key, { value: number, writable: true, enumerable: true, configurable: true });
      else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return root;
}

/** Index just past the string starting at `start` (a `"`), or text.length if unterminated. */
function endOfString(text: string, start: number): number {
  let j = start;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
  }
}

function syntaxError(text: string, where: string): InputError {
  const found = locateSyntaxError(text);
  if (found === undefined) return new InputError(`${where}: invalid JSON; fix the file or re-export the log`);
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < found.pos; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return new InputError(
    `${where}: invalid JSON at line ${line}, column ${found.pos - lineStart + 1} (offset ${found.pos}): ${found.problem}; ` +
      'the log is corrupt or truncated, re-export it',
  );
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null', 'NaN', 'Infinity', '-Infinity'];
const ARRAY = 1;
const OBJECT = 2;

/**
 * The first syntax error of `text` as JSON-with-NaN, or undefined if there is
 * none. Iterative (an explicit stack), so deep nesting cannot overflow.
 */
export function locateSyntaxError(text: string): { pos: number; problem: string } | undefined {
  const stack: number[] = [];
  let i = 0;
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';
  const fail = (problem: string) => ({ pos: i, problem: i >= text.length ? 'unexpected end of input' : problem });
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
    const c = text[i];
    if (state === 'value' || state === 'firstValue') {
      if (state === 'firstValue' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{' || c === '[') {
        stack.push(c === '[' ? ARRAY : OBJECT);
        i++;
        state = c === '[' ? 'firstValue' : 'firstKey';
      } else if (c === '"') {
        const bad = scanString(text, i);
        if (typeof bad !== 'number') return bad;
        i = bad;
        state = 'after';
      } else {
        NUMBER.lastIndex = i;
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (literal !== undefined) i += literal.length;
        else if (NUMBER.test(text)) i = NUMBER.lastIndex;
        else return fail(`unexpected character ${JSON.stringify(c)} where a value should be`);
        state = 'after';
      }
    } else if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"') return fail('expected a double-quoted property name');
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
      if (text[i] !== ':') return fail("expected ':' after a property name");
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? fail('unexpected text after the JSON value') : undefined;
      if (c === ',') {
        i++;
        state = top === ARRAY ? 'value' : 'key';
      } else if (c === (top === ARRAY ? ']' : '}')) {
        stack.pop();
        i++;
      } else {
        return fail(top === ARRAY ? "expected ',' or ']' after an array element" : "expected ',' or '}' after a property value");
      }
    }
  }
}

/** End index of a valid string starting at `start`, or the error inside it. */
function scanString(text: string, start: number): number | { pos: number; problem: string } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { pos: i, problem: 'control character inside a string' };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : e === undefined || !'"\\/bfnrt'.includes(e)) {
        return { pos: i, problem: 'invalid escape sequence in a string' };
      }
      i += e === 'u' ? 5 : 1;
    }
  }
  return { pos: text.length, problem: 'unterminated string' };
}
