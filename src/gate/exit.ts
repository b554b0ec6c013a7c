/**
 * Verdict → process exit code: non-zero for `error`, for `fail` in enforce
 * mode, for `insufficient` only with `on-insufficient-data: fail` and for
 * `inconclusive` only with `on-inconclusive: fail` (in either mode: those
 * options ask for a failing step when the data cannot decide, and advisory
 * mode is about breaches, not missing evidence).
 */
import type { Verdict } from '../domain/gate.js';
import type { GateChoices, Mode } from '../domain/rules.js';

export type ExitSettings = Pick<GateChoices, 'onInsufficientData' | 'onInconclusive'> & { mode: Mode };

export function exitCodeFor(verdict: Verdict, settings: ExitSettings): 0 | 1 {
  switch (verdict) {
    case 'error':
      return 1;
    case 'fail':
      return settings.mode === 'enforce' ? 1 : 0;
    case 'insufficient':
      return settings.onInsufficientData === 'fail' ? 1 : 0;
    case 'inconclusive':
      return settings.onInconclusive === 'fail' ? 1 : 0;
    case 'warn':
    case 'pass':
      return 0;
  }
}
