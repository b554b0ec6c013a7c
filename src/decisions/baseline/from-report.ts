/**
 * A baseline report's worst-query risks, moved to this run's deployment
 * volume n.
 *
 * Same n: the report's numbers as they are. Another n: the report's
 * forecast-vs-volume curve holds forecast and interval at a few volumes
 * (powers of ten and its own n), so if n is one of them, that point is used;
 * otherwise the point forecast is recomputed from the report's fitted line
 * (Q_p(n) = exp(−exp(−ψ_n)), ψ_n = −(log n + b)/a), but its interval cannot
 * be, so the risk-increase gate cannot judge that behaviour and a warning
 * says so. Differences in confidence level or tail size are warned about.
 */
import type { Settings } from '../../config/settings.js';
import { worstQueryRisk } from '../../forecast/gumbel-tail.js';
import { formatLevel } from '../../report/numbers.js';
import type { BaselineOrigin, Baseline, BaselineBehavior } from '../../domain/baseline.js';
import type { StoredReport } from './report-schema.js';

type ReportBehavior = StoredReport['behaviors'][number];

export function fromReport(
  report: StoredReport,
  origin: BaselineOrigin,
  settings: Pick<Settings, 'deploymentVolume' | 'confidence' | 'tailSize'>,
): Baseline {
  const n = settings.deploymentVolume;
  const warnings: string[] = [];
  const noInterval: string[] = [];
  const behaviors = report.behaviors.map((b): BaselineBehavior => {
    const at = atVolume(b, report.deploymentVolume, n);
    if (b.worstQueryRisk.forecast !== null && at.lower === null) noInterval.push(b.name);
    return {
      name: b.name,
      outcome: b.outcome,
      queries: b.queries,
      observedMax: b.worstQueryRisk.observedMax,
      fingerprint: b.fingerprint,
      ...at,
    };
  });
  if (report.deploymentVolume !== n) {
    warnings.push(
      `baseline: the baseline report was forecast at n = ${report.deploymentVolume}, this run at n = ${n}; its numbers are taken at n = ${n} from its forecast curve or fitted tail.`,
    );
  }
  if (noInterval.length > 0) {
    const names = noInterval.slice(0, 5).join(', ') + (noInterval.length > 5 ? ` and ${noInterval.length - 5} more` : '');
    warnings.push(
      `baseline: no baseline interval at n = ${n} for ${names}, so the risk-increase gate cannot judge ${noInterval.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (report.settings.confidence !== settings.confidence) {
    warnings.push(
      `baseline: the baseline's intervals are at ${formatLevel(report.settings.confidence)}, this run's at ${formatLevel(settings.confidence)}; overlap and the risk-increase gate mix the two levels.`,
    );
  }
  if (report.settings.tailSize !== settings.tailSize) {
    warnings.push(
      `baseline: the baseline was fit on the top ${report.settings.tailSize} scores, this run on the top ${settings.tailSize}; part of any change may come from that.`,
    );
  }
  const sha = origin.sha ?? report.context?.sha ?? null;
  return {
    kind: 'report',
    origin: { ...origin, sha, runUrl: origin.runUrl ?? report.context?.runUrl ?? null },
    generatedAt: report.generatedAt,
    deploymentVolume: report.deploymentVolume,
    confidence: report.settings.confidence,
    behaviors,
    samples: [],
    warnings,
  };
}

function atVolume(b: ReportBehavior, reportN: number, n: number): Pick<BaselineBehavior, 'forecast' | 'lower' | 'upper'> {
  const w = b.worstQueryRisk;
  if (reportN === n || w.forecast === null) return { forecast: w.forecast, lower: w.lower, upper: w.upper };
  const point = b.curve.find((pt) => pt.n === n);
  // Without bootstrap draws the curve's band is the forecast itself (zero width), not an interval:
  // trust the band only when the report had an interval at its own n.
  if (point !== undefined) {
    return w.lower === null
      ? { forecast: point.forecast, lower: null, upper: null }
      : { forecast: point.forecast, lower: point.lower, upper: point.upper };
  }
  if (b.fit !== null) return { forecast: worstQueryRisk({ slope: b.fit.slope, intercept: b.fit.intercept }, n), lower: null, upper: null };
  return { forecast: null, lower: null, upper: null };
}
