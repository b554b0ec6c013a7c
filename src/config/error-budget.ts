/**
 * `on-error-budget` values (docs/errors.md), as an input and as a policy
 * value. Which budget applies to a behaviour is resolved in rules.ts.
 */
import { nameOf, type Checked } from './parse.js';
import type { OnErrorBudget } from '../domain/rules.js';

/** Allowed values of `on-error-budget`, in the input and in the policy. */
export const ON_ERROR_BUDGET: readonly OnErrorBudget[] = ['warn', 'fail'];

/** `on-error-budget` as a policy value (the input goes through parseEnum). */
export function checkOnErrorBudget(raw: unknown): Checked<OnErrorBudget> {
  const hit = ON_ERROR_BUDGET.find((v) => v === raw);
  if (hit !== undefined) return { ok: true, value: hit };
  return {
    ok: false,
    problem: `use one of ${ON_ERROR_BUDGET.join(', ')}, got ${typeof raw === 'string' ? JSON.stringify(raw) : nameOf(raw)}`,
  };
}
