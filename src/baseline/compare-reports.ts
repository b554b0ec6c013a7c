/**
 * Two finished reports compared without forecasting again, for the CLI
 * (`tailgate compare --baseline old.json new.json`): the same per-behaviour
 * rows, risk-increase breaches and warnings as the pipeline's baseline step.
 * The current report's own verdict is not recomputed; the caller decides how
 * to combine it with the breaches returned here.
 */
import type { Settings } from '../config/settings.js';
import type { Breach } from '../domain/gate.js';
import { increaseBreach } from '../gate/gate.js';
import type { ReportBaseline } from '../domain/report.js';
import { compareWithBaseline, type NamedSide } from './compare.js';
import { fromReport } from './from-report.js';
import type { StoredReport } from './report-schema.js';
import type { RiskIncrease } from '../domain/rules.js';

export interface ReportComparison {
  section: ReportBaseline;
  /** Risk-increase breaches only (the current report already holds its threshold breaches). */
  breaches: Breach[];
  warnings: string[];
}

/**
 * `label` names the baseline in the section (its path). Risk-increase factors
 * come from `riskIncrease` and, per behaviour, from `policy` as in the action.
 */
export function compareReports(
  current: StoredReport,
  baseline: StoredReport,
  opts: { label: string; riskIncrease?: RiskIncrease; policy?: Settings['policy'] },
): ReportComparison {
  const settings = {
    deploymentVolume: current.deploymentVolume,
    confidence: current.settings.confidence,
    tailSize: current.settings.tailSize,
  };
  const base = fromReport(baseline, { description: opts.label, runId: null, runUrl: null, sha: null }, settings);
  const increase = { riskIncrease: opts.riskIncrease ?? {}, policy: opts.policy ?? null };
  const byName = new Map(base.behaviors.map((b) => [b.name, b]));
  const sides = current.behaviors.map((b): NamedSide => {
    const w = b.worstQueryRisk;
    return {
      name: b.name,
      outcome: b.outcome,
      queries: b.queries,
      forecast: w.forecast,
      lower: w.lower,
      upper: w.upper,
      observedMax: w.observedMax,
    };
  });
  const breaches: Breach[] = [];
  for (const side of sides) {
    const other = byName.get(side.name);
    const breach = other === undefined ? undefined : increaseBreach(side.name, side, other, increase);
    if (breach !== undefined) breaches.push(breach);
  }
  return { section: compareWithBaseline(sides, base, increase), breaches, warnings: base.warnings };
}
