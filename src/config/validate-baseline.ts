/**
 * Range and cross-field rules of the baseline and the risk increase, part
 * of settingsProblems. Pure, so a Settings built by hand (the CLI) gets the
 * same checks as one read from inputs; messages name the inputs or the
 * policy key involved.
 */
import { MAX_FACTOR } from './factor.js';
import type { Settings } from './settings.js';
import type { RiskIncrease } from '../domain/rules.js';

export type BaselineSettingsLike = Pick<Settings, 'bootstrap' | 'policy' | 'policyPath' | 'baseline' | 'riskIncrease'>;

export function baselineProblems(s: BaselineSettingsLike): string[] {
  const out: string[] = [];
  const file = `policy ${s.policyPath ?? '(no path)'}: `;
  const layers: { where: string; inc: RiskIncrease }[] = [{ where: '', inc: s.riskIncrease ?? {} }];
  const policy = s.policy?.riskIncrease;
  if (policy !== undefined) {
    layers.push({ where: `${file}defaults: `, inc: policy.defaults });
    for (const [key, inc] of Object.entries(policy.behaviors)) layers.push({ where: `${file}behaviors.${key}: `, inc });
  }
  for (const { where, inc } of layers) {
    for (const [level, value] of [
      ['fail', inc.fail],
      ['warn', inc.warn],
    ] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value >= 1 && value <= MAX_FACTOR)) {
        out.push(`${where}${level}-risk-increase (${value}) must be a factor from 1 to ${MAX_FACTOR}, e.g. 3x.`);
      }
    }
  }
  // warn ≤ fail on what applies to a behaviour: the inputs, then defaults, then the entry (each checked where it sets a level).
  const inputs = s.riskIncrease ?? {};
  const merged = (...ls: RiskIncrease[]): RiskIncrease => {
    const r: RiskIncrease = {};
    for (const l of ls) {
      if (l.fail !== undefined) r.fail = l.fail;
      if (l.warn !== undefined) r.warn = l.warn;
    }
    return r;
  };
  const order = (where: string, own: RiskIncrease, effective: RiskIncrease): void => {
    const { fail, warn } = effective;
    if ((own.fail !== undefined || own.warn !== undefined) && fail !== undefined && warn !== undefined && warn > fail) {
      out.push(`${where}warn-risk-increase (${warn}) must not exceed fail-risk-increase (${fail}).`);
    }
  };
  order('', inputs, inputs);
  if (policy !== undefined) {
    order(`${file}defaults: `, policy.defaults, merged(inputs, policy.defaults));
    for (const [key, inc] of Object.entries(policy.behaviors))
      order(`${file}behaviors.${key}: `, inc, merged(inputs, policy.defaults, inc));
  }
  const source = s.baseline?.source;
  if (source !== undefined && source.patterns.length === 0)
    out.push('baseline: give at least one glob of the baseline report or result files.');
  if (source?.kind === 'run' && !(Number.isSafeInteger(source.runId) && source.runId >= 1))
    out.push(`baseline-run-id (${source.runId}) must be a whole number ≥ 1.`);
  if (source !== undefined && source.kind !== 'path' && source.artifact.trim() === '') out.push('baseline-artifact must name an artifact.');
  return out;
}
