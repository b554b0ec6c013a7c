/**
 * The policy's `files` section: parsing into the contract, the one mapping
 * parser shared with the inputs, layering over the inputs, and every error
 * worded with file, line and key path. Line numbers are counted by hand in
 * the YAML texts below (line 1 is the first element of each array).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../../src/config/inputs.js';
import { checkMappingValue, readMapping } from '../../src/config/mapping.js';
import { parsePolicy } from '../../src/config/policy.js';
import { groupSpecs } from '../../src/config/groups.js';
import { errorOf } from '../helpers/input-error.js';
import { policyFileReader } from '../../src/sources/policy-file.js';

const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

/** The brief's example, with a list and a number for the YAML-only forms. */
const EXAMPLE = yaml(
  'files:',
  '  - results: logs/*.eval',
  '    format: inspect',
  '    behavior: complied-with-harmful-request',
  '    scorer: refusal',
  '    hit-values: I',
  '  - results: [redteam/promptfoo-*.json, "!redteam/promptfoo-old.json"]',
  '    format: promptfoo',
  '  - results: evals/pii.jsonl',
  '    hit-values: [unsafe, 1, true]',
  '    score-threshold: 0.5',
  '    use-logprobs: false',
  '    matcher: "^\\\\s*yes"',
);

describe('policy `files` section: parsing', () => {
  it('reads each group into results (a list), an optional format and only the mapping keys it sets', () => {
    expect(parsePolicy(EXAMPLE, 'p.yml').files).toEqual([
      {
        results: ['logs/*.eval'],
        format: 'inspect',
        mapping: { behavior: 'complied-with-harmful-request', scorer: 'refusal', hitValues: ['I'] },
      },
      { results: ['redteam/promptfoo-*.json', '!redteam/promptfoo-old.json'], format: 'promptfoo', mapping: {} },
      {
        results: ['evals/pii.jsonl'],
        // YAML 1 and true are taken as the text the readers compare scores with ("1", "true").
        // The YAML double-quoted "^\\s*yes" is the regex source ^\s*yes.
        mapping: { hitValues: ['unsafe', '1', 'true'], scoreThreshold: 0.5, useLogprobs: false, matcher: '^\\s*yes' },
      },
    ]);
  });

  it('a policy without `files` has no field, so older policies parse as before', () => {
    expect(parsePolicy('defaults:\n  fail-worst-query-risk: 0.1\n', 'p.yml')).toEqual({
      defaults: { failWorstQueryRisk: 0.1 },
      behaviors: {},
    });
  });

  it('a `files`-only policy is valid (it may carry no thresholds at all)', () => {
    expect(parsePolicy('files:\n  - results: a.jsonl\n', 'p.yml')).toEqual({
      defaults: {},
      behaviors: {},
      files: [{ results: ['a.jsonl'], mapping: {} }],
    });
  });

  it('string values are read exactly as the inputs read them: one parser for both', () => {
    // The same strings through the inputs (readMapping) and through a policy group.
    const inputs: Record<string, string> = { 'hit-values': 'I, yes', 'score-threshold': '1e-1', 'use-logprobs': 'TRUE', scorer: 'harm' };
    const fromInputs = readMapping((name) => inputs[name] ?? '');
    const group = parsePolicy(
      yaml(
        'files:',
        '  - results: x',
        '    hit-values: "I, yes"',
        '    score-threshold: "1e-1"',
        '    use-logprobs: "TRUE"',
        '    scorer: harm',
      ),
      'p.yml',
    ).files?.[0]?.mapping;
    expect(fromInputs).toEqual({ hitValues: ['I', 'yes'], scoreThreshold: 0.1, useLogprobs: true, scorer: 'harm' });
    expect(group).toEqual(fromInputs);
    // And the same problem text for the same bad value; each caller adds its own location.
    const bad = checkMappingValue('matcher', '(a');
    expect(bad.ok).toBe(false);
    const problem = bad.ok ? '' : bad.problem;
    expect(errorOf(() => readMapping((name) => (name === 'matcher' ? '(a' : name === 'use-logprobs' ? 'false' : '')))).toBe(
      `Input \`matcher\`: got "(a"; ${problem}.`,
    );
    expect(errorOf(() => parsePolicy(yaml('files:', '  - results: x', '    matcher: "(a"'), 'p.yml'))).toBe(
      `policy p.yml, line 3: files[0].matcher: ${problem}`,
    );
  });
});

describe('policy `files` section: layering over the inputs', () => {
  const policy = parsePolicy(EXAMPLE, 'p.yml');
  const settings = {
    results: ['evals/native/*.jsonl'],
    format: 'auto',
    mapping: { scorer: 'complied', scoreThreshold: 2, useLogprobs: false },
    policy,
  };

  it('the results group first with the inputs as they are, then each policy group in file order', () => {
    const specs = groupSpecs(settings);
    expect(specs.map((s) => [s.label, s.patterns, s.format])).toEqual([
      ['results', ['evals/native/*.jsonl'], 'auto'],
      ['policy files[0]', ['logs/*.eval'], 'inspect'],
      ['policy files[1]', ['redteam/promptfoo-*.json', '!redteam/promptfoo-old.json'], 'promptfoo'],
      // No `format` key: the `format` input.
      ['policy files[2]', ['evals/pii.jsonl'], 'auto'],
    ]);
    expect(specs[0]?.mapping).toEqual(settings.mapping);
  });

  it("a group's key replaces the input's; the keys it does not set come from the inputs", () => {
    const [, inspect, promptfoo, pii] = groupSpecs(settings).map((s) => s.mapping);
    // files[0] sets scorer (refusal over complied), behavior and hit-values; keeps score-threshold 2 and use-logprobs false.
    expect(inspect).toEqual({
      scorer: 'refusal',
      behavior: 'complied-with-harmful-request',
      hitValues: ['I'],
      scoreThreshold: 2,
      useLogprobs: false,
    });
    // files[1] sets nothing: the inputs' mapping unchanged.
    expect(promptfoo).toEqual(settings.mapping);
    // files[2] overrides score-threshold (0.5 over 2) and use-logprobs; inherits scorer.
    expect(pii).toEqual({
      scorer: 'complied',
      scoreThreshold: 0.5,
      useLogprobs: false,
      hitValues: ['unsafe', '1', 'true'],
      matcher: '^\\s*yes',
    });
    // The inputs' own object is not modified by layering.
    expect(settings.mapping).toEqual({ scorer: 'complied', scoreThreshold: 2, useLogprobs: false });
  });

  it('without the `results` input only the policy groups are read; with neither there is no group', () => {
    expect(groupSpecs({ ...settings, results: [] }).map((s) => s.label)).toEqual(['policy files[0]', 'policy files[1]', 'policy files[2]']);
    expect(groupSpecs({ ...settings, results: [], policy: null })).toEqual([]);
  });

  it('readSettings loads the section from the `policy` input and leaves `results` optional', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailgate-files-'));
    writeFileSync(join(dir, 'tailgate.yml'), EXAMPLE);
    const inputs: Record<string, string> = { policy: 'tailgate.yml', 'deployment-volume': '1M', scorer: 'complied' };
    const read = readSettings((name) => inputs[name] ?? '', { policyText: policyFileReader(dir) });
    expect(read.results).toEqual([]);
    expect(read.policy?.files).toHaveLength(3);
    expect(groupSpecs(read)[0]?.mapping).toEqual({
      scorer: 'refusal',
      behavior: 'complied-with-harmful-request',
      hitValues: ['I'],
      useLogprobs: false,
    });
  });
});

describe('policy `files` section: errors name file, line and key path', () => {
  const parse = (...lines: string[]): string => errorOf(() => parsePolicy(yaml(...lines), 'tailgate.yml'));

  it('an unknown key, with the group keys allowed', () => {
    // line 3 is `    colour: red`
    expect(parse('files:', '  - results: x', '    colour: red')).toBe(
      'policy tailgate.yml, line 3: files[0].colour: unknown key (allowed: results, format, behavior, scorer, hit-values, ' +
        'score-threshold, score-key, matcher, filter, use-logprobs, group-by)',
    );
  });

  it('an unknown format, listing auto and every reader id', () => {
    // line 5 is the second group's `format: insepct`
    expect(parse('files:', '  - results: x', '  - results: y', '    behavior: b', '    format: insepct')).toBe(
      'policy tailgate.yml, line 5: files[1].format: unknown format "insepct"; use one of auto, inspect, promptfoo, promptfoo-jsonl, ' +
        'lm-eval, harmbench, harmbench-behavior, garak, native-jsonl, native-csv',
    );
    expect(parse('files:', '  - results: x', '    format:')).toMatch(
      /^policy tailgate\.yml, line 3: files\[0\]\.format: got nothing; use one of auto, inspect,/,
    );
  });

  it('empty or missing results', () => {
    const glob = 'give a glob of result files, or a list of globs, none empty (e.g. logs/*.eval)';
    expect(parse('files:', '  - results: []')).toBe(`policy tailgate.yml, line 2: files[0].results: ${glob}`);
    expect(parse('files:', '  - results: ["a", ""]')).toBe(`policy tailgate.yml, line 2: files[0].results: ${glob}`);
    // No `results` key: the group's own line (2) is named.
    expect(parse('files:', '  - format: inspect')).toBe(`policy tailgate.yml, line 2: files[0].results: ${glob}`);
  });

  it('bad hit-values: empty text, empty list, an empty item, a mapping', () => {
    expect(parse('files:', '  - results: x', '    hit-values: " , "')).toBe(
      'policy tailgate.yml, line 3: files[0].hit-values: give one or more values, separated by commas (e.g. `I` or `yes,unsafe`)',
    );
    expect(parse('files:', '  - results: x', '    hit-values: []')).toBe(
      'policy tailgate.yml, line 3: files[0].hit-values: give one or more values, separated by commas (e.g. `I` or `yes,unsafe`), or a list of texts',
    );
    expect(parse('files:', '  - results: x', '    hit-values: [I, ""]')).toBe(
      'policy tailgate.yml, line 3: files[0].hit-values: a list item is empty; give each value as text',
    );
    expect(parse('files:', '  - results: x', '    hit-values: {a: 1}')).toMatch(
      /line 3: files\[0\]\.hit-values: expected a text or a list, got a mapping/,
    );
  });

  it('a matcher that is not a regular expression', () => {
    expect(parse('files:', '  - results: x', '    matcher: "[a-"')).toMatch(
      /^policy tailgate\.yml, line 3: files\[0\]\.matcher: not a valid regular expression \(Invalid regular expression: \/\[a-\/: Unterminated character class\)$/,
    );
  });

  it('a score-threshold that is not a finite number', () => {
    expect(
      parse('files:', '  - results: x', '    score-threshold: .inf', '  - results: y', '    score-threshold: high').split('\n'),
    ).toEqual([
      'policy tailgate.yml, line 3: files[0].score-threshold: use a finite number such as 0.5 or 1e-3',
      'policy tailgate.yml, line 5: files[1].score-threshold: use a finite number such as 0.5 or 1e-3',
    ]);
  });

  it('names given as numbers, a use-logprobs that is not a boolean', () => {
    expect(parse('files:', '  - results: x', '    behavior: 2024', '    use-logprobs: yes').split('\n')).toEqual([
      'policy tailgate.yml, line 3: files[0].behavior: expected a text, got a number; write it in quotes if it looks like a number',
      'policy tailgate.yml, line 4: files[0].use-logprobs: use true or false',
    ]);
  });

  it('a section or group that is not a list or mapping, and an empty list', () => {
    expect(parse('files: logs/*.eval')).toBe(
      'policy tailgate.yml, line 1: files: this key must be a list (one `- item` per line), but it is the string "logs/*.eval"',
    );
    expect(parse('files:', '  results: x')).toBe(
      'policy tailgate.yml, line 1: files: this key must be a list (one `- item` per line), but it is a mapping',
    );
    expect(parse('files:', '  - logs/*.eval')).toBe(
      'policy tailgate.yml, line 2: files[0]: this key must be a mapping of keys to values, but it is the string "logs/*.eval"',
    );
    expect(parse('files: []')).toBe(
      'policy tailgate.yml, line 1: files: give at least one group (`- results: <glob>`), or remove the `files` key',
    );
  });

  it('the inputs still word their own errors with the input name', () => {
    const get = (values: Record<string, string>) => (name: string) => values[name] ?? (name === 'use-logprobs' ? 'false' : '');
    expect(errorOf(() => readMapping(get({ 'hit-values': ' , ' })))).toBe(
      'Input `hit-values`: got " , "; give one or more values, separated by commas (e.g. `I` or `yes,unsafe`).',
    );
    expect(errorOf(() => readMapping(get({ 'score-threshold': 'Infinity' })))).toBe(
      'Input `score-threshold`: got "Infinity"; use a finite number such as 0.5 or 1e-3.',
    );
    expect(errorOf(() => readMapping(get({ 'use-logprobs': 'yes' })))).toBe('Input `use-logprobs`: got "yes"; use true or false.');
  });
});
