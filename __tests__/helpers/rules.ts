/** A rule book from a few settings, the rest at the inputs' defaults (action.yml). */
import { ruleBook, type RuleSettings } from '../../src/config/rules.js';
import type { SettingsLike } from '../../src/config/validate.js';
import type { RuleBook } from '../../src/domain/rules.js';

export const RULE_DEFAULTS: RuleSettings = {
  thresholds: {},
  frequencyTau: 0.5,
  policy: null,
  riskIncrease: {},
  errorBudget: { maxShare: 0.1, onBudget: 'fail' },
  gateOn: 'forecast',
  onInsufficientData: 'warn',
  onInconclusive: 'warn',
  deploymentVolume: 1e6,
  tailSize: 10,
  confidence: 0.9,
  bootstrap: 1000,
  seed: 0,
};

export function rules(over: Partial<RuleSettings> = {}): RuleBook {
  return ruleBook({ ...RULE_DEFAULTS, ...over });
}

/** A valid SettingsLike for settingsProblems (the documented defaults plus a volume); each test breaks one thing. */
export function validSettings(overrides: Partial<SettingsLike> = {}): SettingsLike {
  return {
    results: ['results/*.jsonl'],
    deploymentVolume: 1_000_000,
    thresholds: {},
    frequencyTau: 0.5,
    tailSize: 10,
    confidence: 0.9,
    bootstrap: 1000,
    seed: 0,
    errorBudget: { maxShare: 0.1, onBudget: 'fail' },
    gateOn: 'forecast',
    policy: null,
    policyPath: null,
    ...overrides,
  };
}
