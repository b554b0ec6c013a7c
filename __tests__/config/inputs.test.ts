import { describe, expect, it } from '@jest/globals';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUT_NAMES, readSettings } from '../../src/config/inputs.js';
import { errorOf } from '../helpers/input-error.js';
import { policyFileReader } from '../../src/sources/policy-file.js';

const fixtures = dirname(fileURLToPath(new URL('../fixtures/policy/valid.yml', import.meta.url)));

/** A runner's getInput: unset inputs come back as '' (as with core.getInput). Records every call. */
function inputs(values: Record<string, string>): { getInput: (name: string) => string; calls: string[] } {
  const calls: string[] = [];
  const getInput = (name: string): string => {
    calls.push(name);
    return Object.hasOwn(values, name) ? (values[name] ?? '') : '';
  };
  return { getInput, calls };
}

const minimal = { results: 'results/*.jsonl', 'deployment-volume': '1M' };

describe('readSettings', () => {
  it('applies the documented defaults to empty inputs', () => {
    const settings = readSettings(inputs(minimal).getInput, { policyText: policyFileReader(fixtures) });
    expect(settings).toEqual({
      results: ['results/*.jsonl'],
      format: 'auto',
      deploymentVolume: 1_000_000,
      thresholds: {},
      frequencyTau: 0.5,
      tailSize: 10,
      confidence: 0.9,
      bootstrap: 1000,
      seed: 0,
      gateOn: 'forecast',
      mode: 'enforce',
      onInsufficientData: 'warn',
      onInconclusive: 'warn',
      errorBudget: { maxShare: 0.1, onBudget: 'fail' },
      policy: null,
      policyPath: null,
      reportPath: 'tailgate-report.json',
      markdownPath: 'tailgate-report.md',
      summary: true,
      mapping: { useLogprobs: false },
      comment: 'auto',
      commentKey: '',
      commentTimeoutMs: 60_000,
      artifacts: null,
      githubToken: '',
      baseline: null,
      adjust: 'none',
      riskIncrease: {},
      history: null,
    });
  });

  it('reads every input exactly once', () => {
    const { getInput, calls } = inputs(minimal);
    readSettings(getInput, { policyText: policyFileReader(fixtures) });
    expect([...calls].sort()).toEqual([...INPUT_NAMES].sort());
  });

  it('INPUT_NAMES lists the inputs of the brief, in kebab-case', () => {
    expect(INPUT_NAMES).toEqual([
      'results',
      'artifact-name',
      'artifact-pattern',
      'run-id',
      'repository',
      'github-token',
      'format',
      'deployment-volume',
      'fail-worst-query-risk',
      'warn-worst-query-risk',
      'fail-aggregate-risk',
      'warn-aggregate-risk',
      'frequency-tau',
      'fail-frequency',
      'warn-frequency',
      'tail-size',
      'confidence',
      'bootstrap',
      'seed',
      'gate-on',
      'mode',
      'on-insufficient-data',
      'on-inconclusive',
      'max-error-share',
      'on-error-budget',
      'policy',
      'report-path',
      'markdown-path',
      'summary',
      'behavior',
      'scorer',
      'hit-values',
      'score-threshold',
      'score-key',
      'matcher',
      'filter',
      'use-logprobs',
      'group-by',
      'comment',
      'comment-key',
      'comment-timeout',
      'baseline',
      'baseline-artifact',
      'baseline-run-id',
      'baseline-workflow',
      'baseline-branch',
      'baseline-required',
      'baseline-mismatch',
      'baseline-max-age',
      'adjust',
      'fail-risk-increase',
      'warn-risk-increase',
      'history',
      'history-branch',
      'history-path',
      'history-size',
      'history-window',
    ]);
  });

  it('parses every set input', () => {
    const settings = readSettings(
      inputs({
        results: 'a/*.jsonl\n# skipped\n\n  b/**/*.eval  ',
        format: 'inspect',
        'deployment-volume': '250k',
        'fail-worst-query-risk': '1%',
        'warn-worst-query-risk': '1e-3',
        'fail-aggregate-risk': '0.5',
        'warn-aggregate-risk': '0.25',
        'frequency-tau': '0.9',
        'fail-frequency': '1e-4',
        'warn-frequency': '0.00005',
        'tail-size': '20',
        confidence: '0.95',
        bootstrap: '0',
        seed: '42',
        'gate-on': 'forecast',
        mode: 'advisory',
        'on-insufficient-data': 'fail',
        'max-error-share': '5%',
        'on-error-budget': 'warn',
        'report-path': 'out/r.json',
        'markdown-path': 'out/r.md',
        summary: 'False',
        'comment-timeout': '7.5',
      }).getInput,
      { policyText: policyFileReader(fixtures) },
    );
    expect(settings).toMatchObject({
      results: ['a/*.jsonl', 'b/**/*.eval'],
      format: 'inspect',
      deploymentVolume: 250_000,
      thresholds: {
        failWorstQueryRisk: 0.01,
        warnWorstQueryRisk: 0.001,
        failAggregateRisk: 0.5,
        warnAggregateRisk: 0.25,
        failFrequency: 0.0001,
        warnFrequency: 0.00005,
      },
      frequencyTau: 0.9,
      tailSize: 20,
      confidence: 0.95,
      bootstrap: 0,
      seed: 42,
      mode: 'advisory',
      onInsufficientData: 'fail',
      errorBudget: { maxShare: 0.05, onBudget: 'warn' },
      reportPath: 'out/r.json',
      markdownPath: 'out/r.md',
      summary: false,
      commentTimeoutMs: 7500,
    });
  });

  it('hands the github-token to onSecret before any input is checked, and keeps it in the settings', () => {
    const token = 'ghs_InputsTestToken0123456789abcdef';
    const seen: string[] = [];
    // deployment-volume is missing: readSettings throws, but only after the token was handed over.
    expect(() =>
      readSettings(inputs({ 'github-token': `  ${token}\n` }).getInput, {
        policyText: policyFileReader(fixtures),
        onSecret: (v) => seen.push(v),
      }),
    ).toThrow('Input `deployment-volume` is required');
    expect(seen).toEqual([token]);
    const settings = readSettings(inputs({ ...minimal, 'github-token': token }).getInput, { policyText: policyFileReader(fixtures) });
    expect(settings.githubToken).toBe(token);
  });

  it('an empty github-token is not handed over (nothing to mask)', () => {
    const seen: string[] = [];
    readSettings(inputs(minimal).getInput, { policyText: policyFileReader(fixtures), onSecret: (v) => seen.push(v) });
    expect(seen).toEqual([]);
  });

  it('comment-timeout takes seconds from 1 to 600, decimals too', () => {
    const ms = (raw: string) =>
      readSettings(inputs({ ...minimal, 'comment-timeout': raw }).getInput, { policyText: policyFileReader(fixtures) }).commentTimeoutMs;
    expect([ms('1'), ms('600'), ms('2.5')]).toEqual([1000, 600_000, 2500]);
  });

  it('resolves a relative policy path against cwd and keeps the path as written for messages', () => {
    const settings = readSettings(inputs({ ...minimal, policy: 'valid.yml' }).getInput, { policyText: policyFileReader(fixtures) });
    expect(settings.policyPath).toBe('valid.yml');
    expect(settings.policy?.behaviors['harmful-advice']).toEqual({ failWorstQueryRisk: 0.05, tau: 0.5, failFrequency: 1e-4 });
  });

  it('accepts the ends of the error budget: 0 (no errored sample allowed) and 1 (any share short of all)', () => {
    for (const [raw, share] of [
      ['0', 0],
      ['100%', 1],
    ] as const) {
      expect(
        readSettings(inputs({ ...minimal, 'max-error-share': raw }).getInput, { policyText: policyFileReader(fixtures) }).errorBudget
          .maxShare,
      ).toBe(share);
    }
  });

  it('leaves `results` empty when unset: with artifact inputs it only filters (main.ts requires one of them)', () => {
    expect(readSettings(inputs({ 'deployment-volume': '1M' }).getInput, { policyText: policyFileReader(fixtures) }).results).toEqual([]);
  });

  it('names the path of a missing policy file', () => {
    const message = errorOf(() =>
      readSettings(inputs({ ...minimal, policy: 'nope/tailgate.yml' }).getInput, { policyText: policyFileReader(fixtures) }),
    );
    expect(message).toContain('policy nope/tailgate.yml: file not found');
    expect(message).toContain(`${fixtures}/nope/tailgate.yml`);
  });

  it.each([
    [{ results: '# only a comment', 'deployment-volume': '1M' }, 'Input `results` has only blank'],
    [{ results: 'r' }, 'Input `deployment-volume` is required'],
    [{ ...minimal, 'deployment-volume': '1m' }, 'Input `deployment-volume`'],
    [{ ...minimal, 'fail-frequency': 'often' }, 'Input `fail-frequency`'],
    [{ ...minimal, 'frequency-tau': '1' }, 'Input `frequency-tau`'],
    [{ ...minimal, 'tail-size': '2' }, 'Input `tail-size`'],
    [{ ...minimal, confidence: '90%' }, 'Input `confidence`'],
    [{ ...minimal, bootstrap: '50' }, 'Input `bootstrap`: got "50"; use 0 to disable the interval or 100 to 100000'],
    [{ ...minimal, seed: '-1' }, 'Input `seed`'],
    [{ ...minimal, 'gate-on': 'lower' }, 'Input `gate-on`: got "lower"; use one of forecast, upper'],
    [{ ...minimal, mode: 'strict' }, 'Input `mode`'],
    [{ ...minimal, 'on-insufficient-data': 'ignore' }, 'Input `on-insufficient-data`: got "ignore"; use one of pass, warn, fail'],
    [{ ...minimal, summary: 'yes' }, 'Input `summary`'],
    [{ ...minimal, 'max-error-share': '1.5' }, 'Input `max-error-share`: got "1.5"; out of range; use a probability in [0, 1]'],
    [{ ...minimal, 'max-error-share': '-1%' }, 'Input `max-error-share`'],
    [{ ...minimal, 'on-error-budget': 'pass' }, 'Input `on-error-budget`: got "pass"; use one of warn, fail'],
    [{ ...minimal, 'comment-timeout': '0.5' }, 'Input `comment-timeout`'],
    [{ ...minimal, 'comment-timeout': '601' }, 'Input `comment-timeout`'],
    [{ ...minimal, 'comment-timeout': '60s' }, 'Input `comment-timeout`'],
  ])('rejects %j naming the input', (values, expected) => {
    expect(errorOf(() => readSettings(inputs(values).getInput, { policyText: policyFileReader(fixtures) }))).toContain(expected);
  });

  it('runs the cross-field rules (warn above fail)', () => {
    const message = errorOf(() =>
      readSettings(
        inputs({ ...minimal, 'fail-worst-query-risk': '0.05', 'warn-worst-query-risk': '0.1', bootstrap: '0', 'gate-on': 'upper' })
          .getInput,
        { policyText: policyFileReader(fixtures) },
      ),
    );
    expect(message.split('\n')).toEqual(['warn-worst-query-risk (0.1) must not exceed fail-worst-query-risk (0.05).']);
  });

  it('checks the policy against the inputs (effective warn ≤ fail)', () => {
    // valid.yml: harmful-advice sets fail-frequency 1e-4; a warn-frequency input of 1e-3 exceeds it for that behaviour.
    const message = errorOf(() =>
      readSettings(inputs({ ...minimal, policy: 'valid.yml', 'warn-frequency': '1e-3' }).getInput, {
        policyText: policyFileReader(fixtures),
      }),
    );
    expect(message).toBe(
      'policy valid.yml: behaviors.harmful-advice: warn-frequency (0.001, from the inputs) must not exceed fail-frequency (0.0001).',
    );
  });
});
