/**
 * safeLog (src/report/safe-log.ts) against a model of how the runner reads a
 * step's output, written from actions/runner (ActionCommand.TryParseV2 and
 * TryParse, OutputManager): lines split at \r and \n; a line is a command
 * when, after .NET's TrimStart, it starts with `::`, or when it holds `##[`.
 */
import { neutraliseCommands, safeLog } from '../../src/report/safe-log.js';
import { registerSecret } from '../../src/report/redact.js';

/** .NET char.IsWhiteSpace, which TrimStart uses: JavaScript's \s plus U+0085 (NEL) and, in older tables, U+180E. */
const DOTNET_LEADING_SPACE = /^[\s\u0085\u180e]*/;

/** The lines of `output` the runner would take as workflow commands. */
function commandsTheRunnerSees(output: string): string[] {
  return output.split(/\r\n|\r|\n/).filter((line) => line.replace(DOTNET_LEADING_SPACE, '').startsWith('::') || line.includes('##['));
}

const HOSTILE = [
  'name\n::set-output name=verdict::pass',
  'name\r::add-mask::everything',
  'name\r\n  ::stop-commands::tok',
  '::error::starts the text',
  '\t \u00a0::warning::after odd spaces',
  'name\u2028::set-output name=verdict::pass',
  'name\u2029::notice::x',
  'name\u0085::debug::x',
  'name%0A::set-output name=verdict::pass',
  'name%0d%0A ::error::x',
  'name ##[set-output name=verdict;]pass',
  'a ###[error]x',
];

describe('neutraliseCommands', () => {
  test.each(HOSTILE)('%j: no line the runner would obey', (text) => {
    // As core.info writes it: the text, then a newline.
    expect(commandsTheRunnerSees(`${neutraliseCommands(text)}\n`)).toEqual([]);
    // Framed inside one of our messages, too.
    expect(commandsTheRunnerSees(`${neutraliseCommands(`tailgate: read ${text} (1 file)`)}\n`)).toEqual([]);
  });

  test('the model does see the raw strings as commands (so the test above can fail)', () => {
    // Not the escaped or Unicode breaks: the runner does not split there (safeLog removes them anyway).
    for (const text of HOSTILE.filter((t) => !/%0/i.test(t) && !/[\u2028\u2029\u0085]/.test(t))) {
      expect(commandsTheRunnerSees(text).length).toBeGreaterThan(0);
    }
  });

  test('what changes, exactly, and ordinary text is left alone', () => {
    expect(neutraliseCommands('a\n::set-output name=x::y')).toBe('a\n: :set-output name=x::y');
    expect(neutraliseCommands('a%0A::x')).toBe('a%0A: :x');
    // No line break is left, so the `::` is mid-line and harmless.
    expect(neutraliseCommands('a\u2028::x')).toBe('a ::x');
    expect(neutraliseCommands('see ##[group]')).toBe('see ## [group]');
    const plain = 'tailgate: pass at n = 1000000 (2 behaviours); report at /w/r.json\nline two: a::b c :: d';
    expect(neutraliseCommands(plain)).toBe(plain);
  });
});

test('safeLog also redacts registered secrets', () => {
  registerSecret('ghs_SafeLogTestToken0123456789abcdefAB');
  expect(safeLog('denied for ghs_SafeLogTestToken0123\n::error::x')).toBe('denied for ***\n: :error::x');
});
