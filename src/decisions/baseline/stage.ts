/**
 * The baseline step of the pipeline: locate (unless the caller already did,
 * e.g. main.ts after downloading an artifact), load, and settle what a
 * missing baseline means.
 *
 * A baseline that cannot be found is never a silent pass: it is a run warning
 * (shown in the comment, the summary and as an annotation) and the report's
 * baseline section says `missing`, or, with `baseline-required: true`, an
 * InputError that ends the run as `error`.
 */
import type { Settings } from '../../config/settings.js';
import { anyRiskIncrease } from '../../config/rules.js';
import type { RuleBook } from '../../domain/rules.js';
import { InputError } from '../../domain/errors.js';
import type { ReportBaseline } from '../../domain/report.js';
import { loadBaseline, type LoadSettings } from './load.js';
import { locateBaseline } from './locate.js';
import type { Baseline, BaselineOrigin, LocatedBaseline, BaselinePorts, LocateContext } from '../../domain/baseline.js';

export interface BaselineStep {
  /** What the gate compares with; null when there is none. */
  baseline: Baseline | null;
  /** The report's section for a missing baseline (a found one is compared after the forecasts, see compare.ts). */
  missing: ReportBaseline | null;
  /** Run-level warnings to add to the report. */
  warnings: string[];
}

export type StageSettings = LoadSettings & Pick<Settings, 'baseline' | 'riskIncrease' | 'policy'>;

/**
 * `located`: the caller's result of {@link locateBaseline} (main.ts, with the
 * GitHub ports); when absent it is located here with `ports` (default: files
 * only, which serves path baselines and refuses artifact ones by name).
 */
export async function baselineStep(
  settings: StageSettings,
  rules: RuleBook,
  opts: { located?: LocatedBaseline; ports: BaselinePorts; context: LocateContext },
): Promise<BaselineStep> {
  const config = settings.baseline ?? null;
  if (config === null) {
    const warnings = anyRiskIncrease(settings)
      ? [
          'The policy sets fail-risk-increase/warn-risk-increase, but no baseline is configured (`baseline` or `baseline-artifact`), so the risk-increase gate is off.',
        ]
      : [];
    return { baseline: null, missing: null, warnings };
  }
  const located = opts.located ?? (await locateBaseline(config.source, opts.ports, opts.context));
  if (located.kind === 'missing') {
    if (config.required) {
      throw new InputError(
        `Baseline not found: ${located.reason}. \`baseline-required\` is true, so the run stops here; check the baseline inputs, or set \`baseline-required: false\` to continue with a warning.`,
      );
    }
    return {
      baseline: null,
      missing: missingSection(located.reason, located.origin),
      warnings: [`Baseline not found: ${located.reason}. Nothing was compared and the risk-increase gate did not run.`],
    };
  }
  const baseline = await loadBaseline(located.files, located.origin, settings, rules);
  return { baseline, missing: null, warnings: [...located.warnings, ...baseline.warnings] };
}

function missingSection(reason: string, origin: BaselineOrigin | null): ReportBaseline {
  return {
    status: 'missing',
    source: origin?.description ?? '',
    kind: null,
    runId: origin?.runId ?? null,
    runUrl: origin?.runUrl ?? null,
    sha: null,
    generatedAt: null,
    ageDays: null,
    deploymentVolume: null,
    confidence: null,
    reason,
    behaviors: [],
  };
}
