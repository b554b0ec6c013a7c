import { describe, expect, it } from '@jest/globals';
import { exitCodeFor } from '../../src/gate/exit.js';
import type { Mode, OnInsufficient } from '../../src/domain/rules.js';
import type { Verdict } from '../../src/domain/gate.js';

/**
 * Every (verdict, mode, on-insufficient-data / on-inconclusive) combination, written out from the
 * README's exit rule: "non-zero for `error`, for `fail` in enforce mode, for `insufficient` only with
 * `on-insufficient-data: fail` and for `inconclusive` only with `on-inconclusive: fail`". The one
 * option column sets both inputs, each read only by its own verdict.
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
    TABLE.push(['inconclusive', mode, option, option === 'fail' ? 1 : 0]);
    TABLE.push(['pass', mode, option, 0]);
  }
}

describe('exitCodeFor', () => {
  it('covers all 36 combinations', () => {
    expect(TABLE).toHaveLength(6 * 2 * 3);
  });

  it.each(TABLE)('%s, mode %s, on-insufficient-data / on-inconclusive %s → %d', (verdict, mode, option, code) => {
    expect(exitCodeFor(verdict, { mode, onInsufficientData: option, onInconclusive: option })).toBe(code);
  });
});
