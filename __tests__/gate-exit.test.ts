import { describe, expect, it } from '@jest/globals';
import { exitCodeFor, shouldWarn } from '../src/gate/exit.js';
import type { Mode, OnInsufficient } from '../src/config/settings.js';
import type { Verdict } from '../src/gate/types.js';

/**
 * Every (verdict, mode, on-insufficient-data) combination, written out from
 * DESIGN §3: "non-zero for `error`, for `fail` in enforce mode, and for
 * `insufficient` only with `on-insufficient-data: fail`".
 */
const TABLE: Array<[Verdict, Mode, OnInsufficient, 0 | 1]> = [];
const MODES: Mode[] = ['enforce', 'advisory'];
const OPTIONS: OnInsufficient[] = ['pass', 'warn', 'fail'];
for (const mode of MODES) {
  for (const option of OPTIONS) {
    TABLE.push(['error', mode, option, 1]);
    TABLE.push(['fail', mode, option, mode === 'enforce' ? 1 : 0]);
    TABLE.push(['warn', mode, option, 0]);
    TABLE.push(['insufficient', mode, option, option === 'fail' ? 1 : 0]);
    TABLE.push(['pass', mode, option, 0]);
  }
}

describe('exitCodeFor', () => {
  it('covers all 30 combinations', () => {
    expect(TABLE).toHaveLength(5 * 2 * 3);
  });

  it.each(TABLE)('%s, mode %s, on-insufficient-data %s → %d', (verdict, mode, onInsufficientData, code) => {
    expect(exitCodeFor(verdict, { mode, onInsufficientData })).toBe(code);
  });
});

describe('shouldWarn', () => {
  const cases: Array<[Verdict, Mode, OnInsufficient, boolean]> = [
    ['pass', 'enforce', 'warn', false],
    ['warn', 'enforce', 'warn', true],
    ['fail', 'enforce', 'warn', false], // the step fails instead
    ['fail', 'advisory', 'warn', true],
    ['insufficient', 'enforce', 'warn', true],
    ['insufficient', 'enforce', 'fail', false], // the step fails instead
    ['error', 'advisory', 'pass', false],
  ];
  it.each(cases)('%s, %s, %s → %s', (verdict, mode, onInsufficientData, expected) => {
    expect(shouldWarn(verdict, { mode, onInsufficientData })).toBe(expected);
  });
});
