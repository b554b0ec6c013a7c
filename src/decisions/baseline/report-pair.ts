/**
 * Two finished reports compared without forecasting again, for the CLI
 * (`tailgate compare --baseline old.json new.json`): the same per-behaviour
 * rows, risk-increase breaches and warnings as the pipeline's baseline step.
 * The current report's own verdict is not recomputed; the caller decides how
 * to combine it with the breaches returned here.
 */
import type { Breach } from '../../domain/gate.js';
import { increaseBreach } from '../../gate/risk-increase.js';
import type { ReportBaseline } from '../../domain/report.js';
import { compareWithBaseline, type FactorsFor, type NamedSide } from './rows.js';
import { fromReport } from './from-report.js';
import type { StoredReport } from './report-schema.js';

export interface ReportComparison {
  section: ReportBaseline;
  /** Risk-increase breaches only (the current report already holds its threshold breaches). */
  breaches: Breach[];
  warnings: string[];
}

/**
 * `label` names the baseline in the section (its path); `factorsFor` gives
 * each behaviour's risk-increase factors, from its rules as in the action.
 */
export function compareReports(
  current: StoredReport,
  baseline: StoredReport,
  opts: { label: string; factorsFor: FactorsFor },
): ReportComparison {
  const settings = {
    deploymentVolume: current.deploymentVolume,
    confidence: current.settings.confidence,
    tailSize: current.settings.tailSize,
  };
  const base = fromReport(baseline, { description: opts.label, runId: null, runUrl: null, sha: null }, settings);
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
  const section = compareWithBaseline(sides, base, opts.factorsFor);
  const breaches: Breach[] = [];
  for (const row of section.behaviors) {
    const breach = row.presence === 'both' ? increaseBreach(row, opts.factorsFor(row.name)) : undefined;
    if (breach !== undefined) breaches.push(breach);
  }
  return { section, breaches, warnings: base.warnings };
}
