/**
 * Which error budget applies to one behaviour (docs/errors.md): the inputs
 * `max-error-share` and `on-error-budget`, then the policy's `defaults`, then
 * the behaviour's own policy entry, field by field, as for the thresholds
 * (effective.ts). The entry is chosen by the same rule
 * ({@link policyEntryFor}), so one entry governs a behaviour's thresholds,
 * factors and error budget alike.
 */
import { policyEntryFor } from './effective.js';
import { nameOf, type Checked } from './parse.js';
import type { Settings } from './settings.js';
import type { ErrorBudget, OnErrorBudget } from '../domain/rules.js';

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

export type ErrorBudgetSettings = Pick<Settings, 'errorBudget' | 'policy'>;

export function errorBudgetFor(settings: ErrorBudgetSettings, behavior: string): ErrorBudget {
  const out: ErrorBudget = { ...settings.errorBudget };
  const policy = settings.policy;
  if (policy === null || policy.errorBudget === undefined) return out;
  const entry = policyEntryFor(policy, behavior);
  const own = entry === undefined ? undefined : policy.errorBudget.behaviors[entry.key];
  for (const layer of [policy.errorBudget.defaults, own ?? {}]) {
    if (layer.maxShare !== undefined) out.maxShare = layer.maxShare;
    if (layer.onBudget !== undefined) out.onBudget = layer.onBudget;
  }
  return out;
}

/**
 * Over budget: more errored samples than the budget allows (strictly, as a
 * threshold: a share exactly at `maxShare` is within it), or every sample
 * errored, which no budget allows because nothing was judged at all.
 */
export function overBudget(errors: { samples: number; share: number }, budget: ErrorBudget): boolean {
  return errors.share > budget.maxShare || (errors.samples > 0 && errors.share === 1);
}
