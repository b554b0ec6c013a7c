import { InputError } from '../domain/errors.js';
import { parseLenientJson } from './lenient-json.js';

/** Which members of an object to read: `true` parses one whole, `{ each }` reads every member of an object-valued one for `each`. */
export interface Fields {
  readonly [name: string]: true | { readonly each: Fields };
}

/** Where a member's quoted name lies in the bytes: `start` at its opening quote, `end` past its closing one. */
export interface NameRange {
  start: number;
  end: number;
}

const encoded = new WeakMap<Fields, { name: string; bytes: Buffer }[]>();

/** The names of `fields` as UTF-8 bytes, computed once per Fields object. */
function encodedNames(fields: Fields): { name: string; bytes: Buffer }[] {
  let list = encoded.get(fields);
  if (list === undefined) encoded.set(fields, (list = Object.keys(fields).map((name) => ({ name, bytes: Buffer.from(name, 'utf8') }))));
  return list;
}

/**
 * A JSON document held as UTF-8 bytes and walked without building it: a
 * reader asks for the elements of an array or some members of an object and
 * parses only those, so a 250 MiB Inspect entry costs its bytes and the few
 * fields tailgate reads, not a second copy as one string plus the whole
 * object graph (which JSON.parse would build, several times the entry's size).
 *
 * Accepts exactly what {@link parseLenientJson} accepts: JSON plus Python's
 * bare NaN, Infinity and -Infinity. Skipped values are checked for syntax
 * too, and a syntax error anywhere names the line, column and byte offset.
 * Iterative throughout (explicit stacks), so nesting depth cannot overflow.
 */
export class JsonBytes {
  /** The same bytes as a Buffer, for decoding slices without a view per call. */
  private readonly buffer: Buffer;
  /** The same bytes four at a time, from byte `wordsFrom` (the first 4-aligned one) on, for {@link string}. */
  private readonly words: Uint32Array;
  private readonly wordsFrom: number;

  constructor(
    readonly bytes: Uint8Array,
    /** How messages name the document (`log.eval (summaries.json)`). */
    readonly where: string,
  ) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    this.wordsFrom = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3);
    this.words = new Uint32Array(bytes.buffer, bytes.byteOffset + this.wordsFrom, (bytes.length - this.wordsFrom) >>> 2);
  }

  /** Index of the first non-blank byte at or after `i`. */
  space(i: number): number {
    const b = this.bytes;
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
    return i;
  }

  /** Start of the document's value, after a UTF-8 BOM and blanks. */
  root(): number {
    const b = this.bytes;
    return this.space(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0);
  }

  /** Checks that nothing but blanks follows the document's value, which ends at `end`. */
  finish(end: number): void {
    const j = this.space(end);
    if (j < this.bytes.length) throw this.syntax(j, 'unexpected text after the JSON value');
  }

  /** `an object`, `an array`, … for the value at `i`, for messages. */
  kindAt(i: number): string {
    const c = this.bytes[i];
    if (c === 0x7b) return 'an object';
    if (c === 0x5b) return 'an array';
    if (c === 0x22) return 'a string';
    if (c === 0x74 || c === 0x66) return 'true or false';
    if (c === 0x6e) return 'null';
    return 'a number';
  }

  /** Calls `onElement(index, start, end)` for each element of the array at `i`; returns the index past the array. */
  elements(i: number, onElement: (index: number, start: number, end: number) => void): number {
    let j = this.space(i + 1);
    if (this.bytes[j] === 0x5d) return j + 1;
    for (let index = 0; ; index++) {
      const end = this.skip(j);
      onElement(index, j, end);
      j = this.space(end);
      if (this.bytes[j] === 0x5d) return j + 1;
      if (this.bytes[j] !== 0x2c) throw this.syntax(j, "expected ',' or ']' after an array element");
      j = this.space(j + 1);
    }
  }

  /**
   * Calls `onMember(name, start, end)` for each member of the object at `i`,
   * where `name` holds the byte range of the quoted name (decode it with
   * {@link nameOf} when needed: most members are skipped, and decoding every
   * name of a 250 MiB entry would be millions of short-lived strings).
   * Returns the index past the object.
   */
  members(i: number, onMember: (name: NameRange, start: number, end: number) => void): number {
    let j = this.space(i + 1);
    if (this.bytes[j] === 0x7d) return j + 1;
    const name = { start: 0, end: 0 };
    for (;;) {
      if (this.bytes[j] !== 0x22) throw this.syntax(j, 'expected a double-quoted property name');
      name.start = j;
      name.end = this.string(j);
      j = this.space(name.end);
      if (this.bytes[j] !== 0x3a) throw this.syntax(j, "expected ':' after a property name");
      const start = this.space(j + 1);
      const end = this.skip(start);
      onMember(name, start, end);
      j = this.space(end);
      if (this.bytes[j] === 0x7d) return j + 1;
      if (this.bytes[j] !== 0x2c) throw this.syntax(j, "expected ',' or '}' after a property value");
      j = this.space(j + 1);
    }
  }

  /** The member name in `range` (a quoted JSON string), decoded. */
  nameOf(range: NameRange): string {
    if (!this.escaped(range)) return this.buffer.toString('utf8', range.start + 1, range.end - 1);
    return String(JSON.parse(this.buffer.toString('utf8', range.start, range.end)));
  }

  /** Which of `fields` the name in `range` is, compared as bytes; undefined when none. */
  private fieldNamed(range: NameRange, fields: Fields): string | undefined {
    if (this.escaped(range)) {
      const name = this.nameOf(range);
      return Object.hasOwn(fields, name) ? name : undefined;
    }
    const length = range.end - range.start - 2;
    for (const { name, bytes } of encodedNames(fields)) {
      if (bytes.length !== length) continue;
      let k = 0;
      while (k < length && this.bytes[range.start + 1 + k] === bytes[k]) k++;
      if (k === length) return name;
    }
    return undefined;
  }

  private escaped(range: NameRange): boolean {
    for (let k = range.start + 1; k < range.end - 1; k++) if (this.bytes[k] === 0x5c) return true;
    return false;
  }

  /**
   * The members of the object at `i` that `fields` names, each parsed on its
   * own (the last wins when a name repeats, as in JSON.parse); the others are
   * skipped unparsed. A member named with `{ each }` is an object of objects
   * (Inspect's scores by scorer): each of its members is read for `each` in
   * turn. A value of another kind than expected is parsed whole, so the
   * caller's schema can say what it is. `end` is the index past the object.
   */
  pick(i: number, fields: Fields): { fields: Record<string, unknown>; end: number } {
    const out: Record<string, unknown> = {};
    const end = this.members(i, (range, start, stop) => {
      const name = this.fieldNamed(range, fields);
      if (name === undefined) return;
      const want = fields[name];
      const value = want === true || this.bytes[start] !== 0x7b ? this.parse(start, stop) : this.each(start, want.each);
      setOwn(out, name, value);
    });
    return { fields: out, end };
  }

  /** The object at `i` with each member read for `fields`. */
  private each(i: number, fields: Fields): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.members(i, (range, start, stop) => {
      const value = this.bytes[start] === 0x7b ? this.pick(start, fields).fields : this.parse(start, stop);
      setOwn(out, this.nameOf(range), value);
    });
    return out;
  }

  /** The value in bytes [start, end), parsed (NaN and ±Infinity as numbers). */
  parse(start: number, end: number): unknown {
    return parseLenientJson(this.buffer.toString('utf8', start, end), this.where);
  }

  /** Index just past the value starting at `i`, checking its syntax; containers are walked with an explicit stack. */
  skip(i: number): number {
    const b = this.bytes;
    const closers: number[] = [];
    let j = i;
    for (;;) {
      j = this.space(j);
      const c = b[j];
      if (c === 0x7b || c === 0x5b) {
        closers.push(c === 0x7b ? 0x7d : 0x5d);
        j = this.space(j + 1);
        if (b[j] === closers[closers.length - 1]) {
          closers.pop();
          j++;
        } else if (c === 0x7b) {
          j = this.member(j);
          continue;
        } else continue;
      } else j = this.scalar(j);
      // After a value: close containers or move to the next element or member.
      for (;;) {
        if (closers.length === 0) return j;
        j = this.space(j);
        const close = closers[closers.length - 1];
        if (b[j] === close) {
          closers.pop();
          j++;
        } else if (b[j] === 0x2c) {
          j = close === 0x7d ? this.member(this.space(j + 1)) : j + 1;
          break;
        } else
          throw this.syntax(
            j,
            close === 0x5d ? "expected ',' or ']' after an array element" : "expected ',' or '}' after a property value",
          );
      }
    }
  }

  /** Past `"name":` at `j`, at the start of the member's value. */
  private member(j: number): number {
    if (this.bytes[j] !== 0x22) throw this.syntax(j, 'expected a double-quoted property name');
    const k = this.space(this.string(j));
    if (this.bytes[k] !== 0x3a) throw this.syntax(k, "expected ':' after a property name");
    return k + 1;
  }

  private scalar(j: number): number {
    const b = this.bytes;
    const c = b[j];
    if (c === 0x22) return this.string(j);
    // Literals by their first byte (t, f, n, N, I, and -I for -Infinity); anything else must be a number.
    const literal =
      c === 0x74
        ? TRUE
        : c === 0x66
          ? FALSE
          : c === 0x6e
            ? NULL
            : c === 0x4e
              ? NAN
              : c === 0x49
                ? INFINITY
                : c === 0x2d && b[j + 1] === 0x49
                  ? MINUS_INFINITY
                  : undefined;
    if (literal !== undefined) {
      for (let k = 0; k < literal.length; k++)
        if (b[j + k] !== literal[k]) throw this.syntax(j, 'unexpected character where a value should be');
      return j + literal.length;
    }
    // -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
    let k = c === 0x2d ? j + 1 : j;
    const firstDigit = k;
    k = digits(b, k);
    if (k === firstDigit || (b[firstDigit] === 0x30 && k - firstDigit > 1))
      throw this.syntax(j, 'unexpected character where a value should be');
    if (b[k] === 0x2e) {
      const from = k + 1;
      k = digits(b, from);
      if (k === from) throw this.syntax(k, 'expected a digit after the decimal point');
    }
    if (b[k] === 0x65 || b[k] === 0x45) {
      const from = b[k + 1] === 0x2b || b[k + 1] === 0x2d ? k + 2 : k + 1;
      k = digits(b, from);
      if (k === from) throw this.syntax(k, 'expected a digit in the exponent');
    }
    return k;
  }

  /**
   * Past the string starting at `j` (a `"`). Strings are most of an Inspect
   * entry's bytes, so their plain stretches are skipped four bytes at a time:
   * a word is passed over when none of its bytes is a quote, a backslash or
   * below 0x20 (the usual "has a zero byte" bit test, exact as a yes/no), and
   * the byte loop below takes over at the first word that has one.
   */
  private string(j: number): number {
    const b = this.bytes;
    const words = this.words;
    const from = this.wordsFrom;
    for (let k = j + 1; k < b.length; k++) {
      if (((k - from) & 3) === 0 && k >= from) {
        let w = (k - from) >>> 2;
        for (; w < words.length; w++) {
          const x = words[w];
          const quote = x ^ 0x22222222;
          const slash = x ^ 0x5c5c5c5c;
          if ((((quote - 0x01010101) & ~quote) | ((slash - 0x01010101) & ~slash) | ((x - 0x20202020) & ~x)) & 0x80808080) break;
        }
        k = from + (w << 2);
        if (k >= b.length) break;
      }
      const c = b[k];
      if (c === 0x22) return k + 1;
      if (c < 0x20) throw this.syntax(k, 'control character inside a string');
      if (c === 0x5c) {
        const e = b[k + 1];
        if (e === 0x75) {
          for (let h = k + 2; h < k + 6; h++) if (!isHex(b[h])) throw this.syntax(k, 'invalid escape sequence in a string');
          k += 5;
        } else if (e !== undefined && ESCAPES.has(e)) k++;
        else throw this.syntax(k, 'invalid escape sequence in a string');
      }
    }
    throw this.syntax(b.length, 'unterminated string');
  }

  private syntax(pos: number, problem: string): InputError {
    const b = this.bytes;
    let line = 1;
    let lineStart = 0;
    for (let k = b.indexOf(0x0a); k >= 0 && k < pos; k = b.indexOf(0x0a, k + 1)) {
      line++;
      lineStart = k + 1;
    }
    // The column counts characters, as an editor does: every byte but UTF-8 continuation bytes starts one.
    let column = 1;
    for (let k = lineStart; k < pos && k < b.length; k++) if ((b[k] & 0xc0) !== 0x80) column++;
    return new InputError(
      `${this.where}: invalid JSON at line ${line}, column ${column} (byte offset ${pos}): ` +
        `${pos >= b.length ? 'unexpected end of input' : problem}; the log is corrupt or truncated, re-export it`,
    );
  }
}

/**
 * `out[name] = value` as JSON.parse sets it: an own, enumerable field, also
 * for `__proto__` (where plain assignment would set the prototype instead;
 * defineProperty for every field is several times slower).
 */
function setOwn(out: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

const codes = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const TRUE = codes('true');
const FALSE = codes('false');
const NULL = codes('null');
const NAN = codes('NaN');
const INFINITY = codes('Infinity');
const MINUS_INFINITY = codes('-Infinity');

/** Index past the run of ASCII digits starting at `k`. */
function digits(b: Uint8Array, k: number): number {
  while (k < b.length && b[k] >= 0x30 && b[k] <= 0x39) k++;
  return k;
}
const ESCAPES = new Set([...'"\\/bfnrt'].map((ch) => ch.charCodeAt(0)));

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}
