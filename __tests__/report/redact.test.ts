/**
 * Redaction (src/report/redact.ts): registered secrets, and every piece of 8
 * or more characters of them, leave any text that reaches a log, the summary
 * or the report. Expected strings are written out by hand from the inputs.
 */
import { describeFailure, oneLine } from '../../src/github/errors.js';
import { trimDetail } from '../../src/github/artifacts/errors.js';
import { MIN_FRAGMENT, redact, redactDeep, registeredSecrets, registerSecret } from '../../src/report/redact.js';

/** 40 characters, shaped like an installation token. */
const TOKEN = 'ghs_Q7w9Zr2LmK4pX8vB1nC6tY3hJ5dF0sAeRuIo';

/** Every substring of `secret` of `MIN_FRAGMENT` or more characters that occurs in `text`. */
function fragmentsIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++)
    if (text.includes(secret.slice(i, i + MIN_FRAGMENT))) found.push(secret.slice(i, i + MIN_FRAGMENT));
  return found;
}

describe('redact', () => {
  test('whole occurrences of a given secret become ***', () => {
    expect(redact(`Bad credentials for ${TOKEN}; again ${TOKEN}.`, [TOKEN])).toBe('Bad credentials for ***; again ***.');
  });

  test('a piece of 8 or more characters goes wherever it is; shorter pieces stay', () => {
    // The first 20 characters (a message cut mid-token), the last 9, and 12 from the middle.
    const text = `cut: ${TOKEN.slice(0, 20)}| tail ${TOKEN.slice(-9)} mid ${TOKEN.slice(10, 22)} short ${TOKEN.slice(0, 7)}`;
    expect(redact(text, [TOKEN])).toBe(`cut: ***| tail *** mid *** short ${TOKEN.slice(0, 7)}`);
  });

  test('adjacent pieces merge into one ***, text without secrets is unchanged', () => {
    expect(redact(`${TOKEN}${TOKEN}x`, [TOKEN])).toBe('***x');
    expect(redact('nothing to see', [TOKEN])).toBe('nothing to see');
    expect(redact('', [TOKEN])).toBe('');
  });

  test('values shorter than 4 characters are never treated as secrets', () => {
    expect(registerSecret('abc')).toBe(false);
    expect(registerSecret('  ')).toBe(false);
    expect(redact('a b c abc', ['abc'])).toBe('a b c abc');
  });
});

describe('registered secrets reach every cut-down message', () => {
  beforeAll(() => {
    expect(registerSecret(TOKEN)).toBe(true);
    expect(registeredSecrets()).toContain(TOKEN);
  });

  test('a GitHub message cut at 160 characters that ended in the first 20 of the token keeps no piece of it', () => {
    // 150 characters of text, then the token: cutting first would leave `ghs_Q7w9Z` at the end.
    const message = `${'x'.repeat(150)}${TOKEN} trailing`;
    expect(fragmentsIn(oneLine(message), TOKEN)).toEqual([]);
    // Redacted first: 150 + 3 (***) + 9 (' trailing') = 162 > 160, so cut to 159 characters and '…'.
    expect(oneLine(message)).toBe(`${'x'.repeat(150)}*** trail…`);
  });

  test('a JSON error with the token in its message and a URL, through describeFailure', () => {
    const err = Object.assign(new Error(`Token ${TOKEN} is not valid - https://proxy.example/help?access_token=${TOKEN}`), {
      status: 400,
      request: { method: 'GET' },
      response: { headers: {} },
    });
    const text = describeFailure('listing comments', err);
    expect(text).toContain('listing comments failed: 400');
    expect(fragmentsIn(text, TOKEN)).toEqual([]);
  });

  test("the artifact client's messages, cut at 300 characters", () => {
    const text = trimDetail(`${'y'.repeat(290)}${TOKEN}`, []);
    expect(fragmentsIn(text, TOKEN)).toEqual([]);
  });

  test('redactDeep: every string of the report, keys included', () => {
    const report = { warnings: [`saw ${TOKEN.slice(4, 30)}`], nested: { [TOKEN]: 1, n: 2, ok: 'plain' } };
    expect(redactDeep(report)).toEqual({ warnings: ['saw ***'], nested: { '***': 1, n: 2, ok: 'plain' } });
  });
});
