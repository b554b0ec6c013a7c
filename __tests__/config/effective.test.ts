import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { matchesPattern, policyEntryFor } from '../../src/config/policy-entry.js';
import { BACKTEST_RATIO, BACKTEST_SPLITS } from '../../src/config/rules.js';
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../../src/config/policy.js';
import type { Policy, Settings } from '../../src/config/settings.js';
import type { Thresholds } from '../../src/domain/rules.js';

import { rules } from '../helpers/rules.js';

type Layers = Pick<Settings, 'thresholds' | 'frequencyTau' | 'policy'>;

/** The thresholds and τ the rule book resolves for `behavior`. */
function effectiveFor(settings: Layers, behavior: string): { thresholds: Thresholds; tau: number } {
  const resolved = rules(settings).rulesFor(behavior);
  return { thresholds: resolved.thresholds, tau: resolved.forecast.tau };
}

describe('matchesPattern', () => {
  it.each([
    ['pii-*', 'pii-email', true],
    ['pii-*', 'pii-', true], // `*` matches the empty run
    ['pii-*', 'xpii-email', false], // whole-name match, not substring
    ['*-email', 'pii-email', true],
    ['*', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false], // prefix and suffix may not overlap
    ['a*a*a*a*a*b', 'a'.repeat(5000), false], // linear time: would backtrack badly as a regex
    ['exact', 'exact', true],
    ['exact', 'Exact', false], // case-sensitive
    ['a.b*', 'a.bc', true], // dots are literal, not regex
    ['a.b*', 'axbc', false],
  ])('%j vs %j → %s', (pattern, name, expected) => {
    expect(matchesPattern(pattern, name)).toBe(expected);
  });
});

describe('policyEntryFor (wildcards.yml)', () => {
  const policy = parsePolicy(
    readFileSync(fileURLToPath(new URL('../fixtures/policy/wildcards.yml', import.meta.url)), 'utf8'),
    'wildcards.yml',
  );
  it.each([
    ['pii-work-email', 'pii-work-email'], // exact key beats every pattern, even a more specific one
    ['pii-home-email', 'pii-*-email'], // 10 literal characters beat `pii-*`'s 4
    ['pii-phone', 'pii-*'],
    ['other', '*'],
    // `a*` and `*a` both have 1 literal character and 1 `*`: the one written first in the file wins.
    ['aa', 'a*'],
    ['ba', '*a'],
  ])('%s → entry %j', (behavior, key) => {
    expect(policyEntryFor(policy, behavior)?.key).toBe(key);
  });

  it('prefers fewer `*` on equal literal length', () => {
    const p: Policy = { defaults: {}, behaviors: { 'a*b*': { failFrequency: 0.2 }, 'ab*': { failFrequency: 0.1 } } };
    // Both have literal text "ab" (2 characters); `ab*` has one `*`, `a*b*` two.
    expect(policyEntryFor(p, 'abc')?.key).toBe('ab*');
  });

  it('returns undefined when nothing matches', () => {
    expect(policyEntryFor({ defaults: {}, behaviors: { 'pii-*': {} } }, 'toxicity')).toBeUndefined();
  });
});

describe('ruleBook: thresholds and τ', () => {
  const base: Layers = {
    thresholds: { failWorstQueryRisk: 0.2, warnAggregateRisk: 0.3 },
    frequencyTau: 0.5,
    policy: null,
  };

  it('uses the inputs when there is no policy', () => {
    expect(effectiveFor(base, 'x')).toEqual({ thresholds: { failWorstQueryRisk: 0.2, warnAggregateRisk: 0.3 }, tau: 0.5 });
  });

  it('layers inputs → defaults → entry, each overriding only what it sets', () => {
    const settings: Layers = {
      ...base,
      policy: {
        defaults: { failWorstQueryRisk: 0.1, warnFrequency: 0.01 },
        behaviors: { 'harm-*': { warnFrequency: 0.02, tau: 0.9 }, other: { failAggregateRisk: 0.4 } },
      },
    };
    expect(effectiveFor(settings, 'harm-x')).toEqual({
      // fail-worst from defaults (over the input's 0.2), warn-aggregate from the input, warn-frequency from the entry.
      thresholds: { failWorstQueryRisk: 0.1, warnAggregateRisk: 0.3, warnFrequency: 0.02 },
      tau: 0.9,
    });
    expect(effectiveFor(settings, 'unmatched')).toEqual({
      thresholds: { failWorstQueryRisk: 0.1, warnAggregateRisk: 0.3, warnFrequency: 0.01 },
      tau: 0.5,
    });
  });

  it('does not merge several matching entries: only the winning one applies', () => {
    const settings: Layers = {
      ...base,
      policy: { defaults: {}, behaviors: { '*': { failFrequency: 0.5 }, 'pii-*': { warnFrequency: 0.1 } } },
    };
    expect(effectiveFor(settings, 'pii-email').thresholds).toEqual({ failWorstQueryRisk: 0.2, warnAggregateRisk: 0.3, warnFrequency: 0.1 });
  });

  it('ignores undefined fields in a layer instead of unsetting the lower value', () => {
    const settings: Layers = { ...base, policy: { defaults: { failWorstQueryRisk: undefined }, behaviors: {} } };
    expect(effectiveFor(settings, 'x').thresholds.failWorstQueryRisk).toBe(0.2);
  });
});

describe('ruleBook: resolved once, with the forecast options', () => {
  it('gives the same rules object every time a behaviour is asked for', () => {
    const book = rules({ policy: { defaults: {}, behaviors: { 'pii-*': { tau: 0.9 } } } });
    expect(book.rulesFor('pii-email')).toBe(book.rulesFor('pii-email'));
  });

  it('forecasts at the settings, with the τ of the behaviour and the backtest defaults (50 splits, fit on m/10)', () => {
    const book = rules({ deploymentVolume: 2e5, tailSize: 12, seed: 7, policy: { defaults: {}, behaviors: { 'pii-*': { tau: 0.9 } } } });
    expect(book.rulesFor('pii-email').forecast).toEqual({
      deploymentVolume: 2e5,
      tailSize: 12,
      confidence: 0.9,
      bootstrap: 1000,
      seed: 7,
      tau: 0.9,
      backtestSplits: 50,
      backtestRatio: 10,
    });
    expect([BACKTEST_SPLITS, BACKTEST_RATIO]).toEqual([50, 10]);
    expect(book.rulesFor('other').forecast.tau).toBe(0.5);
  });
});
