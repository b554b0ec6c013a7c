import { parseArgs, type OptionSpec } from '../../src/cli/args.js';
import { errorText } from '../../src/cli/main.js';
import { InputError } from '../../src/domain/errors.js';

const SPECS: OptionSpec[] = [
  { name: 'deployment-volume' },
  { name: 'results', repeatable: true },
  { name: 'seed' },
  { name: 'help', short: 'h', flag: true },
];
const parse = (...argv: string[]) => parseArgs(argv, 'forecast', SPECS);

describe('parseArgs', () => {
  test('--name value, --name=value, switches and positionals in any order', () => {
    const r = parse('a.jsonl', '--deployment-volume', '1M', 'b.csv', '--seed=7', '-h');
    expect(r.positionals).toEqual(['a.jsonl', 'b.csv']);
    expect(r.values.get('deployment-volume')).toEqual(['1M']);
    expect(r.values.get('seed')).toEqual(['7']);
    expect([...r.flags]).toEqual(['help']);
  });

  test('a value may start with a single dash, and `--` ends the options', () => {
    const r = parse('--seed', '-1', '--', '--not-an-option');
    expect(r.values.get('seed')).toEqual(['-1']);
    expect(r.positionals).toEqual(['--not-an-option']);
  });

  test('--name= gives an empty value (readSettings then applies the default or names the input)', () => {
    expect(parse('--seed=').values.get('seed')).toEqual(['']);
  });

  test('repeatable options keep every value in order', () => {
    expect(parse('--results', 'a', '--results', 'b').values.get('results')).toEqual(['a', 'b']);
  });

  test.each([
    [
      ['--deployment-volum', '1M'],
      "tailgate forecast: unknown option '--deployment-volum' (did you mean '--deployment-volume'?); run 'tailgate forecast --help' for the options.",
    ],
    [['--colour'], "tailgate forecast: unknown option '--colour'; run 'tailgate forecast --help' for the options."],
    [['-x'], "tailgate forecast: unknown option '-x'; run 'tailgate forecast --help' for the options."],
    [
      ['--seed'],
      "tailgate forecast: option '--seed' needs a value (--seed VALUE or --seed=VALUE); run 'tailgate forecast --help' for the options.",
    ],
    [
      ['--seed', '--help'],
      "tailgate forecast: option '--seed' needs a value (--seed VALUE or --seed=VALUE); run 'tailgate forecast --help' for the options.",
    ],
    [
      ['--help=yes'],
      "tailgate forecast: option '--help' takes no value (got '--help=yes'); run 'tailgate forecast --help' for the options.",
    ],
    [['--seed', '1', '--seed=2'], "tailgate forecast: option '--seed' given twice ('1' and '2'); give it once."],
  ])('%j is an InputError naming the option', (argv, message) => {
    expect(() => parse(...argv)).toThrow(InputError);
    expect(() => parse(...argv)).toThrow(new InputError(message));
  });
});

describe('errorText', () => {
  test("the action's wording `Input `name`` becomes the flag the user typed", () => {
    expect(errorText(new InputError('Input `tail-size`: got "2"; out of range.'))).toBe('Option --tail-size: got "2"; out of range.');
  });

  test('a name that is not an option is left as written', () => {
    expect(errorText(new InputError('Input `github-token` is not read here.'))).toBe('Input `github-token` is not read here.');
  });

  test('anything else is reported as a bug with its stack; a thrown non-Error still shows', () => {
    const bug = new TypeError('x is undefined');
    expect(errorText(bug)).toMatch(/^tailgate failed: x is undefined\n\(this is a bug in tailgate.*\)\nTypeError: x is undefined/);
    expect(errorText('plain string')).toBe('tailgate failed: plain string');
  });
});
