/**
 * The comparison half of the baseline step, after the forecasts: the rows of
 * every behaviour, the paired comparisons where both sides have per-query
 * results (Holm-adjusted with `adjust: holm`), and the like-with-like check
 * of the fingerprints and the baseline's age.
 */
import type { Settings } from '../../config/settings.js';
import type { Baseline } from '../../domain/baseline.js';
import type { BehaviorForecast } from '../../domain/forecast.js';
import type { BehaviorSample } from '../../domain/observation.js';
import type { Fingerprint, ReportBaseline } from '../../domain/report.js';
import type { RuleBook } from '../../domain/rules.js';
import { checkLikeWithLike } from './like-with-like.js';
import { pairAll } from './pair-all.js';
import { compareWithBaseline, worstQuerySide } from './rows.js';

export interface Compared {
  section: ReportBaseline;
  warnings: string[];
}

export function compareStep(
  forecasts: readonly BehaviorForecast[],
  samples: readonly BehaviorSample[],
  baseline: Baseline,
  ctx: { settings: Settings; rules: RuleBook; fingerprints: ReadonlyMap<string, Fingerprint>; now: Date },
): Compared {
  const { settings, rules } = ctx;
  const paired = pairAll(samples, baseline.samples, {
    optionsFor: (name) => rules.rulesFor(name).forecast,
    gated: (name) => {
      const f = rules.rulesFor(name).riskIncrease;
      return f.fail !== undefined || f.warn !== undefined;
    },
    adjust: settings.adjust ?? 'none',
  });
  const section = compareWithBaseline(
    forecasts.map((f) => ({ name: f.name, ...worstQuerySide(f) })),
    baseline,
    (behavior) => rules.rulesFor(behavior).riskIncrease,
    (name) => paired.get(name),
  );
  const like = settings.baseline ?? { onMismatch: 'warn', maxAgeDays: null };
  const warnings = checkLikeWithLike(section, baseline, ctx.fingerprints, like, ctx.now);
  return { section, warnings };
}
