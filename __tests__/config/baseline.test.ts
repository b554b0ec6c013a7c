/**
 * Configuration of the baseline comparison: the baseline inputs, the risk-increase factors
 * (inputs and policy), their validation, and how the factors layer per
 * behaviour.
 */
import { describe, expect, it } from '@jest/globals';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFactor, checkPositive, parseFactor } from '../../src/config/factor.js';
import { anyRiskIncrease } from '../../src/config/rules.js';
import { readSettings } from '../../src/config/inputs.js';
import { parsePolicy } from '../../src/config/policy.js';
import type { Policy } from '../../src/config/settings.js';
import { settingsProblems, type SettingsLike } from '../../src/config/validate.js';
import { errorOf } from '../helpers/input-error.js';
import { rules, validSettings } from '../helpers/rules.js';
import { policyFileReader } from '../../src/sources/policy-file.js';

const fixtures = dirname(fileURLToPath(new URL('../fixtures/policy/valid.yml', import.meta.url)));
const minimal = { results: 'results/*.jsonl', 'deployment-volume': '1M' };
function read(values: Record<string, string>) {
  const all: Record<string, string> = { ...minimal, ...values };
  return readSettings((name) => all[name] ?? '', { policyText: policyFileReader(fixtures) });
}

describe('risk-increase factors', () => {
  it('accept 3x, 3X, 3, 2.5×, and numbers from YAML', () => {
    expect(checkFactor('3x')).toEqual({ ok: true, value: 3 });
    expect(checkFactor(' 3X ')).toEqual({ ok: true, value: 3 });
    expect(checkFactor('3')).toEqual({ ok: true, value: 3 });
    expect(checkFactor('2.5×')).toEqual({ ok: true, value: 2.5 });
    expect(checkFactor(1)).toEqual({ ok: true, value: 1 });
    expect(checkFactor('1e2x')).toEqual({ ok: true, value: 100 });
  });

  it('refuse below 1 (a decrease), above 1e6, signs, words and non-numbers', () => {
    for (const bad of ['0.5x', '0', '-3x', '2e6', 'x', 'three', '3xx', '', 'Infinity', null, [3], true]) {
      expect(checkFactor(bad).ok).toBe(false);
    }
    expect(errorOf(() => parseFactor('fail-risk-increase', '0.5x'))).toBe(
      'Input `fail-risk-increase`: got "0.5x"; out of range; use a factor of at least 1 such as 3x, 3 or 1.5x (at most 1000000).',
    );
  });

  it('positive amounts (budget, cost) accept decimals and refuse 0, negatives and text', () => {
    expect(checkPositive('0.5')).toEqual({ ok: true, value: 0.5 });
    expect(checkPositive(1e6)).toEqual({ ok: true, value: 1e6 });
    for (const bad of [0, -1, '0', '1k', 'abc', null, NaN, Infinity]) expect(checkPositive(bad).ok).toBe(false);
  });
});

describe('readSettings: baseline inputs', () => {
  it('no baseline by default', () => {
    expect(read({})).toMatchObject({ baseline: null, riskIncrease: {} });
  });

  it('adjust, baseline-mismatch and baseline-max-age: read, defaulted, and refused by name', () => {
    const s = read({ baseline: 'base.json', adjust: 'holm', 'baseline-mismatch': 'fail', 'baseline-max-age': '30' });
    expect(s.adjust).toBe('holm');
    expect(s.baseline).toMatchObject({ onMismatch: 'fail', maxAgeDays: 30 });
    expect(read({ baseline: 'base.json' }).baseline).toMatchObject({ onMismatch: 'warn', maxAgeDays: null });
    expect(errorOf(() => read({ adjust: 'bonferroni' }))).toContain('Input `adjust`');
    expect(errorOf(() => read({ baseline: 'b.json', 'baseline-mismatch': 'error' }))).toContain('Input `baseline-mismatch`');
    expect(errorOf(() => read({ baseline: 'b.json', 'baseline-max-age': '-1' }))).toContain('Input `baseline-max-age`');
  });

  it('a path baseline: globs in the workspace', () => {
    const s = read({ baseline: 'base/report.json\n# comment\n', 'fail-risk-increase': '3x', 'warn-risk-increase': '2' });
    expect(s.baseline).toEqual({
      source: { kind: 'path', patterns: ['base/report.json'] },
      required: false,
      onMismatch: 'warn',
      maxAgeDays: null,
    });
    expect(s.riskIncrease).toEqual({ fail: 3, warn: 2 });
  });

  it('an artifact of a given run: every file inside by default', () => {
    expect(read({ 'baseline-artifact': 'tailgate-report', 'baseline-run-id': '123', 'baseline-required': 'true' }).baseline).toEqual({
      source: { kind: 'run', artifact: 'tailgate-report', runId: 123, patterns: ['**'] },
      required: true,
      onMismatch: 'warn',
      maxAgeDays: null,
    });
  });

  it('an artifact of the latest successful run of a workflow; the branch defaults to the caller (null)', () => {
    expect(
      read({ 'baseline-artifact': 'evals', 'baseline-workflow': '.github/workflows/eval.yml', baseline: '*.jsonl' }).baseline?.source,
    ).toEqual({
      kind: 'workflow',
      artifact: 'evals',
      workflow: 'eval.yml',
      branch: null,
      patterns: ['*.jsonl'],
    });
    expect(
      read({ 'baseline-artifact': 'evals', 'baseline-workflow': '1234', 'baseline-branch': 'release' }).baseline?.source,
    ).toMatchObject({
      workflow: '1234',
      branch: 'release',
    });
  });

  it('contradictory or dangling combinations are errors naming the inputs', () => {
    expect(errorOf(() => read({ 'baseline-required': 'true' }))).toContain('`baseline-required` is true but no baseline is set');
    expect(errorOf(() => read({ 'fail-risk-increase': '3x' }))).toContain('`fail-risk-increase` compares with a baseline, but none is set');
    expect(errorOf(() => read({ 'baseline-run-id': '1' }))).toContain('`baseline-run-id` needs `baseline-artifact`');
    expect(errorOf(() => read({ 'baseline-workflow': 'e.yml' }))).toContain('`baseline-workflow` needs `baseline-artifact`');
    expect(errorOf(() => read({ 'baseline-artifact': 'a' }))).toContain('needs `baseline-run-id` (a run id) or `baseline-workflow`');
    expect(errorOf(() => read({ 'baseline-artifact': 'a', 'baseline-run-id': '1', 'baseline-workflow': 'e.yml' }))).toContain(
      'set only one',
    );
    expect(errorOf(() => read({ baseline: 'x', 'baseline-branch': 'main' }))).toContain(
      '`baseline-branch` only applies with `baseline-workflow`',
    );
    expect(errorOf(() => read({ 'baseline-artifact': 'a', 'baseline-run-id': 'abc' }))).toContain('Input `baseline-run-id`');
    expect(errorOf(() => read({ 'baseline-artifact': 'a', 'baseline-workflow': 'eval' }))).toContain('use the workflow file name');
    expect(errorOf(() => read({ baseline: 'x', 'baseline-required': 'yes' }))).toContain('Input `baseline-required`');
    expect(errorOf(() => read({ baseline: '# only a comment' }))).toContain('Input `baseline` has only blank');
  });

  it('warn above fail is a validation error; a factor with bootstrap 0 is not (the pivot interval needs no bootstrap)', () => {
    expect(errorOf(() => read({ baseline: 'x', 'fail-risk-increase': '2x', 'warn-risk-increase': '3x' }))).toBe(
      'warn-risk-increase (3) must not exceed fail-risk-increase (2).',
    );
    expect(() => read({ baseline: 'x', 'warn-risk-increase': '3x', bootstrap: '0' })).not.toThrow();
  });
});

describe('policy: risk-increase factors and the red-team section', () => {
  const text = [
    'defaults:',
    '  warn-risk-increase: 2x',
    'behaviors:',
    '  harmful-advice:',
    '    fail-worst-query-risk: 0.05',
    '    fail-risk-increase: "5"',
    '  "pii-*":',
    '    fail-risk-increase: 3x',
    '  pii-email:',
    '    fail-aggregate-risk: 0.5',
    'red-team:',
    '  budget: 1000',
    '  sources:',
    '    - name: haiku',
    '      results: redteam/haiku/*.jsonl',
    '      cost-per-query: 1',
    '    - name: sonnet',
    '      results: [redteam/sonnet/*.jsonl, redteam/sonnet-2/*.jsonl]',
    '      cost-per-query: "10"',
    '      format: native-jsonl',
  ].join('\n');
  const policy = parsePolicy(text, 'p.yml');

  it('keeps factors apart from the probability thresholds, keyed like the entries', () => {
    expect(policy.defaults).toEqual({});
    expect(policy.behaviors).toEqual({
      'harmful-advice': { failWorstQueryRisk: 0.05 },
      'pii-*': {},
      'pii-email': { failAggregateRisk: 0.5 },
    });
    expect(policy.riskIncrease).toEqual({ defaults: { warn: 2 }, behaviors: { 'harmful-advice': { fail: 5 }, 'pii-*': { fail: 3 } } });
  });

  it('reads the red-team section into the contract', () => {
    expect(policy.redTeam).toEqual({
      budget: 1000,
      sources: [
        { name: 'haiku', results: ['redteam/haiku/*.jsonl'], costPerQuery: 1 },
        { name: 'sonnet', results: ['redteam/sonnet/*.jsonl', 'redteam/sonnet-2/*.jsonl'], costPerQuery: 10, format: 'native-jsonl' },
      ],
    });
  });

  it('a file without the new keys has neither field (older policies parse as before)', () => {
    expect(parsePolicy('defaults:\n  fail-worst-query-risk: 0.1\n', 'p.yml')).toEqual({
      defaults: { failWorstQueryRisk: 0.1 },
      behaviors: {},
    });
  });

  it('factors layer inputs → defaults → the one entry that applies (same entry as the thresholds)', () => {
    const riskIncreaseFor = (settings: { riskIncrease?: { fail?: number; warn?: number }; policy: Policy | null }, behavior: string) =>
      rules(settings).rulesFor(behavior).riskIncrease;
    const settings = { riskIncrease: { fail: 10, warn: 4 }, policy };
    expect(riskIncreaseFor(settings, 'harmful-advice')).toEqual({ fail: 5, warn: 2 });
    expect(riskIncreaseFor(settings, 'pii-phone')).toEqual({ fail: 3, warn: 2 });
    // pii-email's exact entry wins over `pii-*` and sets no factor: inputs, then defaults only.
    expect(riskIncreaseFor(settings, 'pii-email')).toEqual({ fail: 10, warn: 2 });
    expect(riskIncreaseFor({ riskIncrease: undefined, policy: null }, 'x')).toEqual({});
    expect(anyRiskIncrease({ riskIncrease: {}, policy })).toBe(true);
    expect(anyRiskIncrease({ riskIncrease: {}, policy: { defaults: {}, behaviors: {} } })).toBe(false);
  });

  it('names file, line and key path of bad red-team values', () => {
    const bad = [
      'red-team:',
      '  budget: 0',
      '  sources:',
      '    - name: a',
      '      results: []',
      '      cost-per-query: 1',
      '    - name: a',
      '      results: x',
      '      cost-per-query: 1',
      '      colour: red',
    ].join('\n');
    expect(errorOf(() => parsePolicy(bad, 'p.yml')).split('\n')).toEqual([
      'policy p.yml, line 2: red-team.budget: out of range; use a number greater than 0 such as 1000, 0.5 or 1e6',
      'policy p.yml, line 5: red-team.sources[0].results: give a glob of result files, or a list of globs, none empty (e.g. redteam/haiku/*.jsonl)',
      'policy p.yml, line 10: red-team.sources[1].colour: unknown key (allowed: name, results, cost-per-query, format)',
    ]);
  });

  it('a cost above the budget, duplicate names and a single source are errors', () => {
    const two = (extra: string) => `red-team:\n  budget: 5\n  sources:\n    - {name: a, results: x, cost-per-query: 1}\n${extra}`;
    expect(errorOf(() => parsePolicy(two('    - {name: b, results: x, cost-per-query: 6}\n'), 'p.yml'))).toBe(
      'policy p.yml, line 5: red-team.sources[1].cost-per-query: 6 is more than the budget 5, so it buys no query; raise the budget or lower the cost',
    );
    expect(errorOf(() => parsePolicy(two('    - {name: a, results: x, cost-per-query: 1}\n'), 'p.yml'))).toBe(
      'policy p.yml, line 5: red-team.sources[1].name: duplicate source name "a" (also sources[0]); names must be unique',
    );
    expect(errorOf(() => parsePolicy(two(''), 'p.yml'))).toContain('red-team.sources: give at least two sources to choose between');
    expect(errorOf(() => parsePolicy('red-team:\n  budget: 5\n  sources: 3\n', 'p.yml'))).toBe(
      'policy p.yml, line 3: red-team.sources: this key must be a list (one `- item` per line), but it is a number',
    );
    expect(errorOf(() => parsePolicy('red-team:\n  budget: 5\n  sourcs: []\n', 'p.yml'))).toContain(
      'red-team.sourcs: unknown key (allowed: budget, behavior, sources)',
    );
  });

  it('a bad factor in the policy names its key path', () => {
    expect(errorOf(() => parsePolicy('behaviors:\n  x:\n    warn-risk-increase: 0.5\n', 'p.yml'))).toMatch(
      /^policy p\.yml, line 3: behaviors\.x\.warn-risk-increase: out of range; use a factor of at least 1/,
    );
  });
});

describe('settingsProblems: risk increase in the policy', () => {
  const base = validSettings({ policyPath: 'p.yml' });
  const withPolicy = (riskIncrease: Policy['riskIncrease'], more: Partial<SettingsLike> = {}): SettingsLike => ({
    ...base,
    policy: { defaults: {}, behaviors: {}, riskIncrease },
    ...more,
  });

  it('checks warn ≤ fail after layering, once per layer that sets a level', () => {
    expect(settingsProblems(withPolicy({ defaults: { warn: 5 }, behaviors: { x: { fail: 3 } } }, { riskIncrease: { fail: 10 } }))).toEqual([
      'policy p.yml: behaviors.x: warn-risk-increase (5) must not exceed fail-risk-increase (3).',
    ]);
    expect(settingsProblems(withPolicy({ defaults: { warn: 2 }, behaviors: { x: { fail: 3 } } }))).toEqual([]);
  });

  it('refuses a hand-built factor below 1; accepts policy factors with bootstrap 0', () => {
    expect(settingsProblems(withPolicy({ defaults: { fail: 0.5 }, behaviors: {} }))).toEqual([
      'policy p.yml: defaults: fail-risk-increase (0.5) must be a factor from 1 to 1000000, e.g. 3x.',
    ]);
    expect(settingsProblems(withPolicy({ defaults: { fail: 2 }, behaviors: {} }, { bootstrap: 0 }))).toEqual([]);
  });
});
