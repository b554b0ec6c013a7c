import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from '../../src/config/policy.js';
import { errorOf } from '../helpers/input-error.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/policy/${name}`, import.meta.url));

/** A fixture's text parsed as the policy `label`. */
const loadPolicy = (file: string, label = file) => parsePolicy(readFileSync(file, 'utf8'), label);

describe('parsePolicy on the fixtures', () => {
  it('reads the documented example, mapping kebab keys to fields and `frequency-tau` to tau', () => {
    expect(loadPolicy(fixture('valid.yml'))).toEqual({
      defaults: { failWorstQueryRisk: 0.01, warnWorstQueryRisk: 0.001 },
      behaviors: {
        'harmful-advice': { failWorstQueryRisk: 0.05, tau: 0.5, failFrequency: 1e-4 },
        // `50%` in the fixture: a percentage string, as the inputs accept.
        'pii-*': { failAggregateRisk: 0.5 },
      },
    });
  });

  it('names file, line, key path and the allowed keys for an unknown key', () => {
    const message = errorOf(() => loadPolicy(fixture('unknown-key.yml'), 'tailgate.yml'));
    // unknown-key.yml line 5 is `    fail-worst-query-rsk: 0.05`.
    expect(message).toBe(
      'policy tailgate.yml, line 5: behaviors.harmful-advice.fail-worst-query-rsk: unknown key (allowed: ' +
        'fail-worst-query-risk, warn-worst-query-risk, fail-aggregate-risk, warn-aggregate-risk, ' +
        'fail-frequency, warn-frequency, frequency-tau, fail-risk-increase, warn-risk-increase, fail-creep, warn-creep, max-error-share, on-error-budget)',
    );
  });

  it('names file and line of a YAML syntax error', () => {
    const message = errorOf(() => loadPolicy(fixture('syntax-error.yml'), 'syntax-error.yml'));
    // The flow sequence opened on line 4 is found unterminated where the next key starts, line 5
    // (the `yaml` package reports the position where it detects the error).
    expect(message).toMatch(/^policy syntax-error\.yml, line 5: YAML syntax error: Flow sequence/);
  });

  it('reports every bad value with its key path and line, and what is allowed', () => {
    const message = errorOf(() => loadPolicy(fixture('bad-value.yml'), 'bad-value.yml'));
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^policy bad-value\.yml, line 3: behaviors\.harmful-advice\.fail-worst-query-risk: .*\(0, 1\]/),
      // τ = 1 would make ψ_τ infinite, so frequency-tau excludes 1.
      expect.stringMatching(/^policy bad-value\.yml, line 4: behaviors\.harmful-advice\.frequency-tau: out of range; .*\(0, 1\)/),
    ]);
  });

  it('rejects an empty (comment-only) file rather than gating on nothing', () => {
    expect(errorOf(() => loadPolicy(fixture('empty.yml'), 'empty.yml'))).toContain('policy empty.yml: the file is empty');
  });
});

describe('parsePolicy', () => {
  it('accepts a file with only one section, and quoted numbers', () => {
    expect(parsePolicy('defaults:\n  warn-aggregate-risk: "1e-3"\n', 'p.yml')).toEqual({
      defaults: { warnAggregateRisk: 0.001 },
      behaviors: {},
    });
    expect(parsePolicy('behaviors:\n  x:\n    warn-frequency: 0.5%\n', 'p.yml')).toEqual({
      defaults: {},
      behaviors: { x: { warnFrequency: 0.005 } },
    });
  });

  it('rejects unknown top-level sections, naming the allowed ones', () => {
    expect(errorOf(() => parsePolicy('sources:\n  a: 1\n', 'p.yml'))).toBe(
      'policy p.yml, line 1: sources: unknown key (allowed: defaults, behaviors, red-team, files)',
    );
  });

  it('rejects a non-mapping top level, section or entry, saying what was found', () => {
    expect(errorOf(() => parsePolicy('- a\n- b\n', 'p.yml'))).toBe(
      'policy p.yml: the top level must be a mapping of keys to values, but it is a list',
    );
    const message = errorOf(() => parsePolicy('defaults:\nbehaviors:\n  x: 3\n', 'p.yml'));
    expect(message.split('\n')).toEqual([
      'policy p.yml, line 1: defaults: this key must be a mapping of keys to values, but it is empty',
      'policy p.yml, line 3: behaviors.x: this key must be a mapping of keys to values, but it is a number',
    ]);
  });

  it('rejects an empty value and a non-scalar value instead of treating them as unset', () => {
    const message = errorOf(() => parsePolicy('defaults:\n  fail-frequency:\n  warn-frequency: [1]\n', 'p.yml'));
    expect(message).toContain('line 2: defaults.fail-frequency: expected a number or a string, got nothing');
    expect(message).toContain('line 3: defaults.warn-frequency: expected a number or a string, got a list');
  });

  it('rejects an empty behaviour name and duplicate keys', () => {
    expect(errorOf(() => parsePolicy('behaviors:\n  "": {}\n', 'p.yml'))).toContain('a behaviour name must not be empty');
    expect(errorOf(() => parsePolicy('behaviors:\n  x: {}\n  x: {}\n', 'p.yml'))).toMatch(
      /line 3: YAML syntax error: Map keys must be unique/,
    );
  });

  it('quotes key-path segments that contain dots', () => {
    expect(errorOf(() => parsePolicy('behaviors:\n  "a.b":\n    fail-frequency: 2\n', 'p.yml'))).toContain(
      'line 3: behaviors."a.b".fail-frequency: out of range',
    );
  });

  it('treats YAML warnings (an unresolved tag) as errors', () => {
    expect(errorOf(() => parsePolicy('defaults:\n  fail-frequency: !weird 0.1\n', 'p.yml'))).toContain(
      'line 2: YAML syntax error: Unresolved tag',
    );
  });
});
