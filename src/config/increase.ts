/**
 * Which risk-increase factors apply to one behaviour: the inputs, then the
 * policy's `defaults`, then the behaviour's own policy entry, field by field,
 * exactly as for the thresholds (effective.ts). The entry is chosen by the
 * same rule ({@link policyEntryFor}: exact name, else the most specific
 * wildcard), so one policy entry governs both a behaviour's thresholds and
 * its factors.
 */
import { policyEntryFor } from './effective.js';
import type { Settings } from './settings.js';
import type { RiskIncrease } from '../domain/rules.js';

export type IncreaseSettings = Pick<Settings, 'riskIncrease' | 'policy'>;

export function riskIncreaseFor(settings: IncreaseSettings, behavior: string): RiskIncrease {
  const out: RiskIncrease = { ...settings.riskIncrease };
  const policy = settings.policy;
  if (policy === null || policy.riskIncrease === undefined) return out;
  const entry = policyEntryFor(policy, behavior);
  const own = entry === undefined ? undefined : policy.riskIncrease.behaviors[entry.key];
  for (const layer of [policy.riskIncrease.defaults, own ?? {}]) {
    if (layer.fail !== undefined) out.fail = layer.fail;
    if (layer.warn !== undefined) out.warn = layer.warn;
  }
  return out;
}

/** Whether any risk-increase factor is set, in the inputs or anywhere in the policy. */
export function anyRiskIncrease(settings: IncreaseSettings): boolean {
  const set = (r: RiskIncrease | undefined): boolean => r !== undefined && (r.fail !== undefined || r.warn !== undefined);
  const policy = settings.policy?.riskIncrease;
  return set(settings.riskIncrease) || (policy !== undefined && (set(policy.defaults) || Object.values(policy.behaviors).some(set)));
}
