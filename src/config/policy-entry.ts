/**
 * Which policy entry applies to a behaviour, and how layers combine: action
 * inputs → policy `defaults` → the behaviour's own entry (rules.ts resolves
 * every rule of a behaviour this way).
 *
 * A layer overrides only the fields it sets; a field it leaves out keeps the
 * lower layer's value. Exactly one policy entry applies per behaviour (entries
 * are not merged with each other):
 * 1. a key equal to the behaviour name wins;
 * 2. otherwise, among keys with `*` wildcards that match the whole name, the
 *    most specific wins: the one with the most literal (non-`*`) characters;
 * 3. ties go to the key with fewer `*`, then to the key written first in the file.
 * Matching is case-sensitive; `*` matches any run of characters, including none.
 */
import type { BehaviorPolicy, Policy } from './settings.js';
import type { Thresholds } from '../domain/rules.js';

/** Action input (and policy key) of each threshold field, for messages and for reading them. */
export const THRESHOLD_INPUTS: Readonly<Record<keyof Thresholds, string>> = {
  failWorstQueryRisk: 'fail-worst-query-risk',
  warnWorstQueryRisk: 'warn-worst-query-risk',
  failAggregateRisk: 'fail-aggregate-risk',
  warnAggregateRisk: 'warn-aggregate-risk',
  failFrequency: 'fail-frequency',
  warnFrequency: 'warn-frequency',
};

/** Later layers override earlier ones field by field; an undefined field never overrides. */
export function layerPolicies(layers: readonly BehaviorPolicy[]): BehaviorPolicy {
  const out: BehaviorPolicy = {};
  for (const layer of layers) {
    for (const key of Object.keys(layer)) {
      const value: unknown = Reflect.get(layer, key);
      if (value !== undefined) Reflect.set(out, key, value);
    }
  }
  return out;
}

/** The policy entry that applies to `behavior` and its key, or undefined when none matches (rules in the module comment). */
export function policyEntryFor(policy: Policy, behavior: string): { key: string; entry: BehaviorPolicy } | undefined {
  const exact = Object.hasOwn(policy.behaviors, behavior) ? policy.behaviors[behavior] : undefined;
  if (exact !== undefined) return { key: behavior, entry: exact };
  let best: { key: string; entry: BehaviorPolicy; literal: number; stars: number } | undefined;
  // Object.entries keeps file order here: wildcard keys are never integer-like, so JS does not reorder them.
  for (const [key, entry] of Object.entries(policy.behaviors)) {
    if (!key.includes('*') || !matchesPattern(key, behavior)) continue;
    const stars = key.split('*').length - 1;
    const literal = key.length - stars;
    if (best === undefined || literal > best.literal || (literal === best.literal && stars < best.stars)) {
      best = { key, entry, literal, stars };
    }
  }
  return best === undefined ? undefined : { key: best.key, entry: best.entry };
}

/**
 * Whole-name match of a `*` pattern, without building a regular expression
 * (a pattern like `*a*a*a*b` would backtrack polynomially in a regex).
 * The first segment must be a prefix, the last a suffix, and the middle
 * segments must appear in order; taking each middle segment at its leftmost
 * position is optimal because it leaves the most room for the rest.
 */
export function matchesPattern(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (first.length + last.length > name.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
