import { jsonPath } from '../json-file.js';
import { preview } from '../excerpt.js';
import { ChoiceNames, conditionalCount, parseLogLikelihood, resolveGold, resolveHitValues, type SampleRow } from './lmeval-schema.js';
import { InputError } from '../../domain/errors.js';

/**
 * lm-eval multiple choice (loglikelihood requests): a given probability, the
 * softmax of the per-choice log-likelihoods `filtered_resps[i][0]` (the
 * model's choice distribution restricted to the options), summed over the
 * behaviour's choices: by default the non-gold ones, i.e. "the model answers
 * wrong"; with `hit-values` the choices the user names (indices or texts). A
 * single scored continuation (no alternatives) gives its teacher-forced
 * probability exp(ll) instead.
 */

/** Where a row is and what the file's reading collects about choices. */
export interface ChoiceContext {
  where: string;
  base: string;
  hitValues: string[] | undefined;
  /** Hit values that named a choice somewhere, so the file can flag the rest. */
  matchedHitValues: Set<string>;
  /** Called for a numeric target that is also another choice's text. */
  ambiguous: () => void;
}

export function choiceProbability(row: SampleRow, args: unknown[][] | undefined, at: ChoiceContext): number {
  const { where, base } = at;
  let lls = row.filtered_resps.map((resp, i) => {
    const value: unknown = Array.isArray(resp) ? resp[0] : resp;
    const ll = parseLogLikelihood(value);
    if (ll === undefined) {
      const path = jsonPath(base, Array.isArray(resp) ? ['filtered_resps', i, 0] : ['filtered_resps', i]);
      throw new InputError(
        `${where}: ${path}: expected a log-likelihood (a number or a numeric string such as "-1.25"), ` + `got ${preview(value)}`,
      );
    }
    return ll;
  });
  if (lls.length === 0) throw new InputError(`${where}: ${jsonPath(base, ['filtered_resps'])}: no choices`);
  if (args !== undefined && args.length !== lls.length) {
    throw new InputError(`${where}: ${args.length} requests in 'arguments' but ${lls.length} in 'filtered_resps'`);
  }
  lls = lls.slice(0, conditionalCount(args, lls.length));
  const names = new ChoiceNames(args, row.doc, lls.length);
  let chosen: Set<number>;
  if (at.hitValues !== undefined) {
    chosen = resolveHitValues(at.hitValues, names, at.matchedHitValues);
  } else {
    const gold = resolveGold(row.target, names);
    if (gold === undefined) {
      throw new InputError(
        `${where}: cannot resolve target ${preview(row.target)} to one of the ` +
          `${lls.length} choices (neither an index nor a choice text); set hit-values to name the choices instead`,
      );
    }
    if (gold.ambiguous) at.ambiguous();
    chosen = new Set(lls.map((_, i) => i).filter((i) => !gold.choices.has(i)));
  }
  return choiceMass(lls, chosen);
}

/**
 * Probability mass of `chosen` under the softmax of `lls`, by log-sum-exp:
 * subtracting the largest log-likelihood before exp keeps every term in
 * (0, 1], and summing the chosen terms directly (not 1 − the rest) keeps
 * small probabilities exact. A single continuation has no alternatives to
 * normalise against; its teacher-forced probability exp(ll) is used, with
 * −expm1(ll) for its complement (no cancellation near ll = 0).
 */
function choiceMass(lls: number[], chosen: Set<number>): number {
  if (lls.length === 1) {
    const ll = lls[0] ?? -Infinity;
    return clamp01(chosen.has(0) ? Math.exp(ll) : -Math.expm1(ll));
  }
  const max = Math.max(...lls);
  if (max === -Infinity) throw new Error('every choice has log-likelihood -inf');
  let total = 0;
  let mass = 0;
  lls.forEach((ll, i) => {
    const term = Math.exp(ll - max);
    total += term;
    if (chosen.has(i)) mass += term;
  });
  return clamp01(mass / total);
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}
