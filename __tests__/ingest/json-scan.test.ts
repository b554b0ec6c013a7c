/**
 * JsonBytes walks UTF-8 JSON without building it. What it returns must be
 * what JSON.parse (with Python's NaN/Infinity) gives for the same members,
 * and it must refuse exactly the syntax errors parseLenientJson refuses.
 */
import { InputError } from '../../src/domain/errors.js';
import { JsonBytes } from '../../src/ingest/json-scan.js';
import { parseLenientJson } from '../../src/ingest/lenient-json.js';

const doc = (text: string) => new JsonBytes(Buffer.from(text, 'utf8'), 'f.json');

describe('reading members and elements', () => {
  test('pick parses the wanted members only, as JSON.parse would', () => {
    const text = '{"id": 7, "messages": [{"content": "long… ✓"}], "scores": {"s": {"value": NaN, "explanation": "x"}}, "epoch": 2}';
    const d = doc(text);
    const { fields, end } = d.pick(d.root(), { id: true, epoch: true, scores: true });
    expect(fields).toEqual({ id: 7, epoch: 2, scores: { s: { value: NaN, explanation: 'x' } } });
    expect(end).toBe(Buffer.byteLength(text));
  });

  test('`each` reads every member of an object of objects for its own fields; other kinds are parsed whole', () => {
    const d = doc('{"scores": {"a": {"value": "C", "answer": "x"}, "b": {"value": 1}, "c": null}}');
    expect(d.pick(0, { scores: { each: { value: true } } }).fields).toEqual({ scores: { a: { value: 'C' }, b: { value: 1 }, c: null } });
    expect(doc('{"scores": "none"}').pick(0, { scores: { each: { value: true } } }).fields).toEqual({ scores: 'none' });
  });

  test('the last of a repeated member wins, escaped names decode, __proto__ stays an own field', () => {
    const d = doc('{"a": 1, "\\u0062": 2, "a": 3, "__proto__": {"x": 1}}');
    // A computed key: a literal `__proto__:` in an object literal would set the prototype instead.
    const { fields } = d.pick(0, { a: true, b: true, ['__proto__']: true });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields)).toEqual(['a', 'b', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toEqual({ x: 1 });
    expect([fields.a, fields.b]).toEqual([3, 2]);
  });

  test('elements gives each element its byte range, after a BOM and blanks', () => {
    const d = doc('\ufeff [ 1, "é" ,{"k":[]} , -Infinity ]\n');
    const seen: unknown[] = [];
    const end = d.elements(d.root(), (i, s, e) => seen.push([i, d.parse(s, e)]));
    d.finish(end);
    expect(seen).toEqual([
      [0, 1],
      [1, 'é'],
      [2, { k: [] }],
      [3, -Infinity],
    ]);
  });

  test('a member nested 200,000 levels deep is skipped without recursion', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const d = doc(`{"events": ${deep}, "id": "s1"}`);
    expect(d.pick(0, { id: true }).fields).toEqual({ id: 's1' });
  });
});

describe('syntax errors: the same documents refused as by parseLenientJson, with line and column', () => {
  // The same cases as __tests__/ingest/formats/inspect-json.test.ts, where each position is counted by hand.
  test.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' after a property value"],
    ['{"a": NaN,\n "b": }', 2, 7, 'unexpected character where a value should be'],
    ['[1, 2', 1, 6, 'unexpected end of input'],
    ['{"a": "unterminated}', 1, 21, 'unexpected end of input'],
    ['{"a": 1,}', 1, 9, 'expected a double-quoted property name'],
    ['{"a": Nope}', 1, 7, 'unexpected character where a value should be'],
    ['', 1, 1, 'unexpected end of input'],
    ['{} []', 1, 4, 'unexpected text after the JSON value'],
    ['"a\tb"', 1, 3, 'control character inside a string'],
    ['"a\\qb"', 1, 3, 'invalid escape sequence in a string'],
    ['[01]', 1, 2, 'unexpected character where a value should be'],
    ['[1.]', 1, 4, 'expected a digit after the decimal point'],
    ['["é", x]', 1, 7, 'unexpected character where a value should be'],
  ])('%j', (text, line, column, problem) => {
    expect(() => parseLenientJson(text, 'f.json')).toThrow(InputError);
    const d = doc(text);
    const walk = () => d.finish(d.skip(d.root()));
    expect(walk).toThrow(InputError);
    expect(walk).toThrow(
      new RegExp(`^f\\.json: invalid JSON at line ${line}, column ${column} \\(byte offset \\d+\\): ${problem.replace(/[()]/g, '\\$&')};`),
    );
  });

  test.each(['{"a": [1, -0.5e-3, true, false, null, NaN, -Infinity, Infinity, "\\u00e9\\n"], "b": {}}', '[]', '{}', '"x"', '-0', '1E+5'])(
    'accepts %j, as parseLenientJson does',
    (text) => {
      const d = doc(text);
      expect(() => d.finish(d.skip(d.root()))).not.toThrow();
      expect(d.parse(d.root(), d.skip(d.root()))).toEqual(parseLenientJson(text, 'f.json'));
    },
  );
});

describe('strings, read four bytes at a time where they are plain', () => {
  // Pieces that matter to the word test: quotes, backslashes and escapes, control bytes, and
  // multi-byte UTF-8 (bytes ≥ 0x80), among plain ASCII; JSON.parse is the judge of each document.
  const PIECES = [
    'a',
    'bcd',
    'é',
    '中',
    '😀',
    '"',
    '\\',
    '\\"',
    '\\\\',
    '\\n',
    '\\u00e9',
    '\\u12',
    '\\x',
    '\u0001',
    '\n',
    '\t',
    '\u001f',
    ' ',
    '~',
    '\u007f',
  ];

  function randomBody(seed: number): string {
    let s = seed;
    const next = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s >>> 8;
    };
    let body = '';
    const length = next() % 40;
    for (let i = 0; i < length; i++) body += next() % 3 === 0 ? PIECES[next() % PIECES.length] : 'plain';
    return body;
  }

  test('accept exactly what JSON.parse accepts, at every alignment of the bytes in their buffer', () => {
    let accepted = 0;
    let refused = 0;
    const mismatches: string[] = [];
    for (let seed = 1; seed <= 1500; seed++) {
      const text = `["${randomBody(seed)}", 1]`;
      const encoded = Buffer.from(text, 'utf8');
      let expected = true;
      try {
        JSON.parse(text);
      } catch {
        expected = false;
      }
      for (let offset = 0; offset < 4; offset++) {
        const backing = new Uint8Array(encoded.length + 8);
        backing.set(encoded, offset);
        const d = new JsonBytes(new Uint8Array(backing.buffer, offset, encoded.length), 'f.json');
        let got = true;
        try {
          d.finish(d.skip(d.root()));
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          got = false;
        }
        if (got !== expected) mismatches.push(`${JSON.stringify(text)} at offset ${offset}: ${got ? 'accepted' : 'refused'}`);
      }
      if (expected) accepted++;
      else refused++;
    }
    expect(mismatches).toEqual([]);
    // Both kinds are well represented, so the comparison means something either way.
    expect(Math.min(accepted, refused)).toBeGreaterThan(250);
  });

  test('a string that ends in the last, partial word of the buffer is still found', () => {
    for (let length = 0; length < 12; length++) {
      const text = `"${'x'.repeat(length)}"`;
      const d = doc(text);
      expect(d.skip(0)).toBe(text.length);
    }
    expect(() => doc('"xxxxxxxxx').skip(0)).toThrow(/unexpected end of input/);
  });
});
