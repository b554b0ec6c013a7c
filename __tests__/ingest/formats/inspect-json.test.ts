import { InputError } from '../../../src/domain/errors.js';
import { locateSyntaxError, parseLenientJson, parseLenientJsonBytes } from '../../../src/ingest/lenient-json.js';

// Expected values follow Python's json module, which writes and reads the
// bare constants NaN, Infinity and -Infinity (json.dumps(float('nan')) == 'NaN').

describe('parseLenientJson', () => {
  it('reads bare NaN, Infinity and -Infinity as numbers', () => {
    const doc = parseLenientJson('{"a":NaN,"b":[Infinity,-Infinity,-1.5e3],"c":{"d":NaN}}', 'x');
    expect(doc).toEqual({ a: NaN, b: [Infinity, -Infinity, -1500], c: { d: NaN } });
  });

  it('leaves those words inside strings alone, including after escaped quotes and backslashes', () => {
    // The JSON text of the first string is  x\"NaN\\  : an escaped quote, NaN,
    // then an escaped backslash that ends right before the closing quote.
    const text = String.raw`{"s":"x\"NaN\\","t":NaN,"u":"Infinity","NaN":-Infinity}`;
    expect(parseLenientJson(text, 'x')).toEqual({ s: 'x"NaN\\', t: NaN, u: 'Infinity', NaN: -Infinity });
  });

  it('parses plain JSON unchanged', () => {
    expect(parseLenientJson('[1,"two",{"three":null}]', 'x')).toEqual([1, 'two', { three: null }]);
  });

  it('skips a UTF-8 BOM', () => {
    expect(parseLenientJsonBytes(Buffer.from('\ufeff{"a":NaN}', 'utf8'), 'x')).toEqual({ a: NaN });
  });

  it.each([
    // line 3 "  "b": 2": the error is at its first quote, column 3
    ['{\n  "a": 1\n  "b": 2\n}', /f\.json: invalid JSON at line 3, column 3 \(offset 13\): expected ',' or '}' after a property value/],
    // with NaN present the lenient pass runs first; the error is still located in the original text
    ['{"a": NaN,\n "b": }', /invalid JSON at line 2, column 7 \(offset 17\): unexpected character "}" where a value should be/],
    ['[1, 2', /line 1, column 6 \(offset 5\): unexpected end of input/],
    ['{"a": "unterminated}', /line 1, column 21 \(offset 20\): unterminated string/],
    ['{"a": 1,}', /line 1, column 9 \(offset 8\): expected a double-quoted property name/],
    ['{"a": Nope}', /line 1, column 7 \(offset 6\): unexpected character "N"/],
    ['', /line 1, column 1 \(offset 0\): unexpected end of input/],
    ['{} []', /line 1, column 4 \(offset 3\): unexpected text after the JSON value/],
  ])('names the line and column of a syntax error: %j', (text, message) => {
    expect(() => parseLenientJson(text, 'f.json')).toThrow(InputError);
    expect(() => parseLenientJson(text, 'f.json')).toThrow(message);
  });
});

describe('locateSyntaxError', () => {
  it('accepts valid JSON with NaN constants', () => {
    expect(locateSyntaxError('{"a": [1, -0.5e-3, true, false, null, NaN, -Infinity, "\\u00e9\\n"], "b": {}}')).toBeUndefined();
  });

  it('rejects control characters and bad escapes inside strings', () => {
    expect(locateSyntaxError('"a\tb"')).toEqual({ pos: 2, problem: 'control character inside a string' });
    expect(locateSyntaxError('"a\\qb"')).toEqual({ pos: 2, problem: 'invalid escape sequence in a string' });
  });
});
