import { describe, expect, it } from '@jest/globals';
import { overBudget } from '../../src/gate/error-budget.js';
import { parsePolicy } from '../../src/config/policy.js';
import type { Policy } from '../../src/config/settings.js';
import type { ErrorBudget } from '../../src/domain/rules.js';
import { settingsProblems } from '../../src/config/validate.js';
import { errorOf } from '../helpers/input-error.js';
import { rules, validSettings } from '../helpers/rules.js';

const POLICY = [
  'defaults:',
  '  max-error-share: 20%',
  'behaviors:',
  '  harmful-advice:',
  '    on-error-budget: warn',
  '  "pii-*":',
  '    max-error-share: 0.5',
  '    on-error-budget: warn',
  '  pii-email:',
  '    fail-worst-query-risk: 0.1',
  '',
].join('\n');

describe('the error budget in the policy', () => {
  const policy = parsePolicy(POLICY, 'p.yml');

  it('reads max-error-share and on-error-budget from defaults and entries, apart from the thresholds', () => {
    expect(policy.errorBudget).toEqual({
      defaults: { maxShare: 0.2 },
      behaviors: { 'harmful-advice': { onBudget: 'warn' }, 'pii-*': { maxShare: 0.5, onBudget: 'warn' } },
    });
    // The threshold entries hold no budget field: a share is not a risk threshold.
    expect(policy.behaviors['pii-*']).toEqual({});
  });

  it('a file without the keys has no errorBudget field', () => {
    expect(parsePolicy('defaults:\n  fail-worst-query-risk: 0.1\n', 'p.yml').errorBudget).toBeUndefined();
  });

  it('layers inputs → defaults → the one entry that applies (same entry as the thresholds)', () => {
    const errorBudgetFor = (settings: { errorBudget: ErrorBudget; policy: Policy | null }, behavior: string) =>
      rules(settings).rulesFor(behavior).errorBudget;
    const settings = { errorBudget: { maxShare: 0.1, onBudget: 'fail' as const }, policy };
    expect(errorBudgetFor(settings, 'harmful-advice')).toEqual({ maxShare: 0.2, onBudget: 'warn' });
    expect(errorBudgetFor(settings, 'pii-phone')).toEqual({ maxShare: 0.5, onBudget: 'warn' });
    // pii-email's exact entry wins over `pii-*` and sets no budget: inputs, then defaults only.
    expect(errorBudgetFor(settings, 'pii-email')).toEqual({ maxShare: 0.2, onBudget: 'fail' });
    expect(errorBudgetFor({ ...settings, policy: null }, 'harmful-advice')).toEqual({ maxShare: 0.1, onBudget: 'fail' });
  });

  it('names file, line and key path of a bad value, and what is allowed', () => {
    const message = errorOf(() =>
      parsePolicy('behaviors:\n  x:\n    max-error-share: 1.5\n    on-error-budget: pass\n  y:\n    on-error-budget: 1\n', 'p.yml'),
    );
    expect(message.split('\n')).toEqual([
      'policy p.yml, line 3: behaviors.x.max-error-share: out of range; use a probability in [0, 1] such as 0.01, 1e-4 or 1%',
      'policy p.yml, line 4: behaviors.x.on-error-budget: use one of warn, fail, got "pass"',
      'policy p.yml, line 6: behaviors.y.on-error-budget: use one of warn, fail, got a number',
    ]);
  });
});

describe('overBudget', () => {
  const budget = (maxShare: number) => ({ maxShare, onBudget: 'fail' as const });

  it('is strict like a threshold: a share exactly at the budget is within it', () => {
    expect(overBudget({ samples: 10, share: 0.1 }, budget(0.1))).toBe(false);
    expect(overBudget({ samples: 11, share: 0.11 }, budget(0.1))).toBe(true);
    expect(overBudget({ samples: 0, share: 0 }, budget(0))).toBe(false);
    expect(overBudget({ samples: 1, share: 0.001 }, budget(0))).toBe(true);
  });

  it('every sample errored is over any budget, 1 included: nothing was judged', () => {
    expect(overBudget({ samples: 5, share: 1 }, budget(1))).toBe(true);
    expect(overBudget({ samples: 5, share: 0.99 }, budget(1))).toBe(false);
  });
});

describe('settingsProblems: max-error-share of a hand-built Settings', () => {
  const base = validSettings();

  it('is checked like the input', () => {
    expect(settingsProblems(base)).toEqual([]);
    expect(settingsProblems({ ...base, errorBudget: { maxShare: Number.NaN, onBudget: 'warn' } })).toEqual([
      'max-error-share (NaN) must be a share in [0, 1], e.g. 0.1 or 10%.',
    ]);
  });
});
