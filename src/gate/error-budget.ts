import type { ErrorBudget } from '../domain/rules.js';

/**
 * Over budget (docs/errors.md): more errored samples than the budget allows
 * (strictly, as a threshold: a share exactly at `maxShare` is within it), or
 * every sample errored, which no budget allows because nothing was judged at
 * all.
 */
export function overBudget(errors: { samples: number; share: number }, budget: ErrorBudget): boolean {
  return errors.share > budget.maxShare || (errors.samples > 0 && errors.share === 1);
}
