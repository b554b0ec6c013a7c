import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/domain/errors.js';
import { settingsProblems, validateSettings, type SettingsLike } from '../../src/config/validate.js';
import { validSettings } from '../helpers/rules.js';

describe('settingsProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(settingsProblems(validSettings())).toEqual([]);
    expect(() => validateSettings(validSettings())).not.toThrow();
  });

  it('warn must not exceed fail, per metric, naming both inputs and values', () => {
    expect(settingsProblems(validSettings({ thresholds: { failWorstQueryRisk: 0.05, warnWorstQueryRisk: 0.1 } }))).toEqual([
      'warn-worst-query-risk (0.1) must not exceed fail-worst-query-risk (0.05).',
    ]);
    expect(settingsProblems(validSettings({ thresholds: { failAggregateRisk: 0.2, warnAggregateRisk: 0.3 } }))).toEqual([
      'warn-aggregate-risk (0.3) must not exceed fail-aggregate-risk (0.2).',
    ]);
    expect(settingsProblems(validSettings({ thresholds: { failFrequency: 1e-4, warnFrequency: 1e-3 } }))).toEqual([
      'warn-frequency (0.001) must not exceed fail-frequency (0.0001).',
    ]);
  });

  it('allows warn equal to fail, and warn or fail alone', () => {
    expect(settingsProblems(validSettings({ thresholds: { failWorstQueryRisk: 0.05, warnWorstQueryRisk: 0.05 } }))).toEqual([]);
    expect(settingsProblems(validSettings({ thresholds: { warnWorstQueryRisk: 0.9 } }))).toEqual([]);
  });

  it('thresholds must be probabilities in (0, 1]', () => {
    expect(settingsProblems(validSettings({ thresholds: { failFrequency: 0 } }))).toEqual([
      'fail-frequency (0) must be a probability in (0, 1].',
    ]);
    expect(settingsProblems(validSettings({ thresholds: { warnAggregateRisk: 1.5 } }))).toEqual([
      'warn-aggregate-risk (1.5) must be a probability in (0, 1].',
    ]);
  });

  it('fail-frequency/warn-frequency need τ in (0, 1)', () => {
    expect(settingsProblems(validSettings({ frequencyTau: 1, thresholds: { failFrequency: 0.01 } }))).toEqual([
      'frequency-tau (1) must be in (0, 1) (fail-frequency/warn-frequency count queries with p above τ).',
    ]);
    expect(settingsProblems(validSettings({ frequencyTau: 0 }))).toEqual(['frequency-tau (0) must be in (0, 1).']);
  });

  it.each([2, 3.5, 0, 1001])('tail-size %d is rejected (3 to 1000, whole)', (tailSize) => {
    expect(settingsProblems(validSettings({ tailSize }))).toEqual([`tail-size (${tailSize}) must be a whole number from 3 to 1000.`]);
  });

  it('tail-size 3 is the smallest accepted', () => {
    expect(settingsProblems(validSettings({ tailSize: 3 }))).toEqual([]);
  });

  it.each([0, 1, -0.1, Number.NaN])('confidence %d must be in (0, 1)', (confidence) => {
    expect(settingsProblems(validSettings({ confidence }))).toEqual([`confidence (${confidence}) must be in (0, 1), e.g. 0.9.`]);
  });

  it.each([0, 100, 100_000])('bootstrap %d is accepted', (bootstrap) => {
    expect(settingsProblems(validSettings({ bootstrap }))).toEqual([]);
  });

  it.each([1, 99, 100_001, 150.5])('bootstrap %d is rejected', (bootstrap) => {
    expect(settingsProblems(validSettings({ bootstrap }))).toEqual([
      `bootstrap (${bootstrap}) must be 0 (off) or a whole number from 100 to 100000.`,
    ]);
  });

  it('gate-on: upper works without the bootstrap: the worst-query interval is the pivot', () => {
    expect(settingsProblems(validSettings({ bootstrap: 0, gateOn: 'upper' }))).toEqual([]);
  });

  it.each([0, 0.5, -1, 1e16])('deployment-volume %d is rejected', (deploymentVolume) => {
    expect(settingsProblems(validSettings({ deploymentVolume }))).toEqual([
      `deployment-volume (${deploymentVolume}) must be a whole number from 1 to 1e15.`,
    ]);
  });

  it('results may be empty (artifact inputs say what to read); seed must fit 32 bits', () => {
    expect(settingsProblems(validSettings({ results: [] }))).toEqual([]);
    expect(settingsProblems(validSettings({ seed: 2 ** 32 }))).toEqual(['seed (4294967296) must be a whole number from 0 to 4294967295.']);
  });

  it('validateSettings throws one InputError listing every problem', () => {
    const bad = validSettings({ tailSize: 1, confidence: 2 });
    expect(() => validateSettings(bad)).toThrow(InputError);
    expect(() => validateSettings(bad)).toThrow(
      'tail-size (1) must be a whole number from 3 to 1000.\nconfidence (2) must be in (0, 1), e.g. 0.9.',
    );
  });
});

describe('settingsProblems on the policy', () => {
  const withPolicy = (policy: SettingsLike['policy'], thresholds: SettingsLike['thresholds'] = {}): SettingsLike =>
    validSettings({ policy, policyPath: 'tailgate.yml', thresholds });

  it('checks warn ≤ fail inside one behaviour entry, naming file and behaviour', () => {
    const policy = { defaults: {}, behaviors: { 'harmful-advice': { failWorstQueryRisk: 0.05, warnWorstQueryRisk: 0.1 } } };
    expect(settingsProblems(withPolicy(policy))).toEqual([
      'policy tailgate.yml: behaviors.harmful-advice: warn-worst-query-risk (0.1) must not exceed fail-worst-query-risk (0.05).',
    ]);
  });

  it('checks the effective thresholds across layers, saying where the other value comes from', () => {
    // The input warns at 0.01; the entry lowers fail to 0.005, so for this behaviour warn > fail.
    const policy = { defaults: {}, behaviors: { 'pii-*': { failWorstQueryRisk: 0.005 } } };
    expect(settingsProblems(withPolicy(policy, { warnWorstQueryRisk: 0.01 }))).toEqual([
      'policy tailgate.yml: behaviors.pii-*: warn-worst-query-risk (0.01, from the inputs) must not exceed fail-worst-query-risk (0.005).',
    ]);
    const viaDefaults = { defaults: { warnAggregateRisk: 0.5 }, behaviors: { x: { failAggregateRisk: 0.4 } } };
    expect(settingsProblems(withPolicy(viaDefaults))).toEqual([
      'policy tailgate.yml: behaviors.x: warn-aggregate-risk (0.5, from defaults) must not exceed fail-aggregate-risk (0.4).',
    ]);
  });

  it('checks the defaults layer against the inputs', () => {
    const policy = { defaults: { warnFrequency: 0.2 }, behaviors: {} };
    expect(settingsProblems(withPolicy(policy, { failFrequency: 0.1 }))).toEqual([
      'policy tailgate.yml: defaults: warn-frequency (0.2) must not exceed fail-frequency (0.1, from the inputs).',
    ]);
  });

  it('skips the defaults-alone order check when a `*` entry covers every behaviour', () => {
    const policy = { defaults: { warnFrequency: 0.2 }, behaviors: { '*': { failFrequency: 0.3 } } };
    expect(settingsProblems(withPolicy(policy, { failFrequency: 0.1 }))).toEqual([]);
  });

  it('reports a conflict among the inputs once, not again for each entry', () => {
    const policy = { defaults: {}, behaviors: { x: { failFrequency: 0.5 } } };
    expect(settingsProblems(withPolicy(policy, { failWorstQueryRisk: 0.1, warnWorstQueryRisk: 0.2 }))).toEqual([
      'warn-worst-query-risk (0.2) must not exceed fail-worst-query-risk (0.1).',
    ]);
  });

  it('checks τ and ranges set in the policy', () => {
    // τ = 1 is set in defaults and inherited by x: reported once, where it is written.
    const policy = { defaults: { tau: 1 }, behaviors: { x: { failFrequency: 2 } } };
    expect(settingsProblems(withPolicy(policy))).toEqual([
      'policy tailgate.yml: defaults: frequency-tau (1) must be in (0, 1).',
      'policy tailgate.yml: behaviors.x: fail-frequency (2) must be a probability in (0, 1].',
    ]);
  });
});
