/**
 * Each behaviour's rules, resolved once per run: the thresholds and τ, the
 * risk-increase factors, the error budget and the forecast options
 * (docs/design.md, "config/"). Every layered value follows the same order:
 * the inputs, then the policy's `defaults`, then the behaviour's own policy
 * entry, field by field; one entry governs all of a behaviour's rules
 * (policy-entry.ts says which). The gate, the report, the forecast and the
 * decisions read these rules and never the layers.
 */
import type { ForecastOptions } from '../domain/forecast.js';
import type { BehaviorRules, ErrorBudget, RiskIncrease, RuleBook } from '../domain/rules.js';
import { layerPolicies, policyEntryFor } from './policy-entry.js';
import type { BehaviorPolicy, Settings } from './settings.js';

/** Self-check backtest defaults (docs/method.md, "The self-check of the tail shape"): 50 splits, fit on m/10. */
export const BACKTEST_SPLITS = 50;
export const BACKTEST_RATIO = 10;

export type RuleSettings = Pick<
  Settings,
  | 'thresholds'
  | 'frequencyTau'
  | 'policy'
  | 'riskIncrease'
  | 'errorBudget'
  | 'gateOn'
  | 'onInsufficientData'
  | 'onInconclusive'
  | 'deploymentVolume'
  | 'tailSize'
  | 'confidence'
  | 'bootstrap'
  | 'seed'
>;

/** The run's rule book: each behaviour's rules are resolved on first use and kept, so every reader sees the same ones. */
export function ruleBook(settings: RuleSettings): RuleBook {
  const resolved = new Map<string, BehaviorRules>();
  return {
    gateOn: settings.gateOn,
    onInsufficientData: settings.onInsufficientData,
    onInconclusive: settings.onInconclusive,
    rulesFor(behavior) {
      let rules = resolved.get(behavior);
      if (rules === undefined) {
        rules = resolveRules(settings, behavior);
        resolved.set(behavior, rules);
      }
      return rules;
    },
  };
}

function resolveRules(settings: RuleSettings, behavior: string): BehaviorRules {
  const policy = settings.policy;
  const entry = policy === null ? undefined : policyEntryFor(policy, behavior);
  const layers: BehaviorPolicy[] = [{ ...settings.thresholds, tau: settings.frequencyTau }];
  if (policy !== null) layers.push(policy.defaults, ...(entry === undefined ? [] : [entry.entry]));
  const { tau, ...thresholds } = layerPolicies(layers);
  const riskIncrease: RiskIncrease = { ...settings.riskIncrease };
  if (policy?.riskIncrease !== undefined) {
    const own = entry === undefined ? undefined : policy.riskIncrease.behaviors[entry.key];
    for (const layer of [policy.riskIncrease.defaults, own ?? {}]) {
      if (layer.fail !== undefined) riskIncrease.fail = layer.fail;
      if (layer.warn !== undefined) riskIncrease.warn = layer.warn;
    }
  }
  const creep: RiskIncrease = {};
  if (policy?.creep !== undefined) {
    const own = entry === undefined ? undefined : policy.creep.behaviors[entry.key];
    for (const layer of [policy.creep.defaults, own ?? {}]) {
      if (layer.fail !== undefined) creep.fail = layer.fail;
      if (layer.warn !== undefined) creep.warn = layer.warn;
    }
  }
  const errorBudget: ErrorBudget = { ...settings.errorBudget };
  if (policy?.errorBudget !== undefined) {
    const own = entry === undefined ? undefined : policy.errorBudget.behaviors[entry.key];
    for (const layer of [policy.errorBudget.defaults, own ?? {}]) {
      if (layer.maxShare !== undefined) errorBudget.maxShare = layer.maxShare;
      if (layer.onBudget !== undefined) errorBudget.onBudget = layer.onBudget;
    }
  }
  // tau is always set: the first layer sets it, and later layers only override defined values.
  return { thresholds, riskIncrease, creep, errorBudget, forecast: forecastOptions(settings, tau ?? settings.frequencyTau) };
}

function forecastOptions(settings: RuleSettings, tau: number): ForecastOptions {
  return {
    deploymentVolume: settings.deploymentVolume,
    tailSize: settings.tailSize,
    confidence: settings.confidence,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
    tau,
    backtestSplits: BACKTEST_SPLITS,
    backtestRatio: BACKTEST_RATIO,
  };
}

/** Whether any risk-increase factor is set, in the inputs or anywhere in the policy. */
export function anyRiskIncrease(settings: Pick<Settings, 'riskIncrease' | 'policy'>): boolean {
  const set = (r: RiskIncrease | undefined): boolean => r !== undefined && (r.fail !== undefined || r.warn !== undefined);
  const policy = settings.policy?.riskIncrease;
  return set(settings.riskIncrease) || (policy !== undefined && (set(policy.defaults) || Object.values(policy.behaviors).some(set)));
}
