/**
 * Range and cross-field rules over a Settings-like object. Pure: the action
 * (via readSettings) and the CLI both run them, so a Settings built by hand
 * gets the same checks as one read from inputs. Every message names the
 * action inputs (or the policy file and key) involved.
 */
import { InputError } from '../domain/errors.js';
import { MAX_VOLUME } from './parse.js';
import type { BehaviorPolicy, Settings } from './settings.js';
import { layerPolicies, THRESHOLD_INPUTS } from './policy-entry.js';
import { baselineProblems } from './validate-baseline.js';
import type { Thresholds } from '../domain/rules.js';
import { METRICS } from '../domain/rules.js';

/** Single-field bounds, shared with inputs.ts so parse errors and these rules agree. */
export const BOUNDS = {
  /** t: the OLS fit needs at least 3 points to have a residual (2 points always fit exactly). */
  tailSize: { min: 3, max: 1_000 },
  /** B: 0 disables the interval; fewer than 100 resamples cannot place a 5th/95th percentile sensibly. */
  bootstrap: { min: 100, max: 100_000 },
  /** The generator (forecast/numerics/random.ts) folds the seed to 32 bits; larger seeds would silently alias. */
  seed: { min: 0, max: 0xffff_ffff },
} as const;

export type SettingsLike = Pick<
  Settings,
  | 'results'
  | 'deploymentVolume'
  | 'thresholds'
  | 'frequencyTau'
  | 'tailSize'
  | 'confidence'
  | 'bootstrap'
  | 'seed'
  | 'gateOn'
  | 'errorBudget'
  | 'policy'
  | 'policyPath'
  | 'baseline'
  | 'riskIncrease'
>;

/** Throws one InputError listing every problem (one per line), so a user fixes them in one round. */
export function validateSettings(settings: SettingsLike): void {
  const problems = settingsProblems(settings);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

/** Every rule that `settings` breaks, as messages naming the inputs; empty when valid. */
export function settingsProblems(s: SettingsLike): string[] {
  const out: string[] = [];
  const wholeIn = (v: number, min: number, max: number): boolean => Number.isSafeInteger(v) && v >= min && v <= max;
  // An empty `results` is allowed: with artifact inputs it only filters; main.ts requires one of the two.
  if (!wholeIn(s.deploymentVolume, 1, MAX_VOLUME)) {
    out.push(`deployment-volume (${s.deploymentVolume}) must be a whole number from 1 to 1e15.`);
  }
  out.push(...thresholdProblems(s.thresholds, ''));
  const frequencyGated = s.thresholds.failFrequency !== undefined || s.thresholds.warnFrequency !== undefined;
  if (!(s.frequencyTau > 0 && s.frequencyTau < 1)) {
    const why = frequencyGated ? ' (fail-frequency/warn-frequency count queries with p above τ)' : '';
    out.push(`frequency-tau (${s.frequencyTau}) must be in (0, 1)${why}.`);
  }
  const t = BOUNDS.tailSize;
  if (!wholeIn(s.tailSize, t.min, t.max)) out.push(`tail-size (${s.tailSize}) must be a whole number from ${t.min} to ${t.max}.`);
  if (!(s.confidence > 0 && s.confidence < 1)) out.push(`confidence (${s.confidence}) must be in (0, 1), e.g. 0.9.`);
  const b = BOUNDS.bootstrap;
  if (s.bootstrap !== 0 && !wholeIn(s.bootstrap, b.min, b.max)) {
    out.push(`bootstrap (${s.bootstrap}) must be 0 (off) or a whole number from ${b.min} to ${b.max}.`);
  }
  const share = s.errorBudget.maxShare;
  if (!(share >= 0 && share <= 1)) out.push(`max-error-share (${share}) must be a share in [0, 1], e.g. 0.1 or 10%.`);
  const seed = BOUNDS.seed;
  if (!wholeIn(s.seed, seed.min, seed.max)) out.push(`seed (${s.seed}) must be a whole number from ${seed.min} to ${seed.max}.`);
  out.push(...policyProblems(s));
  out.push(...baselineProblems(s));
  return out;
}

/** Range of each threshold and warn ≤ fail per metric. `prefix` locates the layer in messages. */
function thresholdProblems(layer: Thresholds, prefix: string, origin?: (field: keyof Thresholds) => string, order = true): string[] {
  const out: string[] = [];
  const show = (field: keyof Thresholds, value: number): string => `${THRESHOLD_INPUTS[field]} (${value}${origin?.(field) ?? ''})`;
  for (const { fail, warn } of METRICS) {
    const f = layer[fail];
    const w = layer[warn];
    for (const field of [fail, warn]) {
      const value = layer[field];
      // A value from a lower layer had its range checked there; report it once.
      const own = origin === undefined || origin(field) === '';
      if (value !== undefined && own && !(value > 0 && value <= 1))
        out.push(`${prefix}${show(field, value)} must be a probability in (0, 1].`);
    }
    // Equal is allowed: a warn level at the fail level simply never fires on its own.
    if (order && f !== undefined && w !== undefined && w > f) out.push(`${prefix}${show(warn, w)} must not exceed ${show(fail, f)}.`);
  }
  return out;
}

/**
 * warn ≤ fail on the thresholds each policy layer produces after layering
 * (inputs → defaults → entry), checked only for metrics the layer itself
 * sets, so a conflict among the inputs alone is reported once, not per entry.
 */
function policyProblems(s: SettingsLike): string[] {
  if (s.policy === null) return [];
  const file = `policy ${s.policyPath ?? '(no path)'}: `;
  const inputs: BehaviorPolicy = { ...s.thresholds };
  const out: string[] = [];
  const check = (where: string, lower: BehaviorPolicy[], own: BehaviorPolicy, order = true): void => {
    const merged = layerPolicies([...lower, own]);
    if (own.tau !== undefined && !(own.tau > 0 && own.tau < 1)) out.push(`${file}${where}: frequency-tau (${own.tau}) must be in (0, 1).`);
    const ownSets = (field: keyof Thresholds): boolean => own[field] !== undefined;
    const sets = METRICS.filter((m) => ownSets(m.fail) || ownSets(m.warn));
    const subset: Thresholds = {};
    for (const m of sets) {
      if (merged[m.fail] !== undefined) subset[m.fail] = merged[m.fail];
      if (merged[m.warn] !== undefined) subset[m.warn] = merged[m.warn];
    }
    const origin = (field: keyof Thresholds): string => {
      if (ownSets(field)) return '';
      return lower.length > 1 && lower[1]?.[field] !== undefined ? ', from defaults' : ', from the inputs';
    };
    out.push(...thresholdProblems(subset, `${file}${where}: `, origin, order));
  };
  // The defaults layer alone applies only to behaviours no entry matches. A key made only of `*` matches
  // every name, so then warn ≤ fail on defaults alone never takes effect and is not checked (ranges still are).
  const catchAll = Object.keys(s.policy.behaviors).some((key) => /^\*+$/.test(key));
  check('defaults', [inputs], s.policy.defaults, !catchAll);
  for (const [name, entry] of Object.entries(s.policy.behaviors)) {
    check(`behaviors.${name}`, [inputs, s.policy.defaults], entry);
  }
  return out;
}
