/**
 * The paired comparison of every behaviour found on both sides with per-query
 * results, and the optional Holm adjustment across them (docs/method.md,
 * "Many behaviours at once").
 *
 * Each paired comparison alone calls "the tail moved up" at a false-alarm
 * rate of (1 − confidence)/2. With many behaviours gated, one of them moves
 * by chance; Holm's step-down (Holm 1979) holds the chance of any false alarm
 * across the gated behaviours to that level instead, at the cost of power.
 */
import type { BehaviorSample } from '../../domain/observation.js';
import type { PairedComparison } from '../../domain/report.js';
import type { ForecastOptions } from '../../domain/forecast.js';
import type { Adjust } from '../../domain/rules.js';
import { pairedComparison } from './paired.js';

export interface PairAllOptions {
  /** Each behaviour's forecast options (tail size, n, confidence, bootstrap, seed). */
  optionsFor: (behavior: string) => ForecastOptions;
  /** Behaviours with a risk-increase factor: the family Holm adjusts over. */
  gated: (behavior: string) => boolean;
  adjust: Adjust;
}

export function pairAll(
  current: readonly BehaviorSample[],
  baseline: readonly BehaviorSample[],
  opts: PairAllOptions,
): Map<string, PairedComparison> {
  const byName = new Map(baseline.map((b) => [b.name, b]));
  const out = new Map<string, PairedComparison>();
  for (const sample of current) {
    const base = byName.get(sample.name);
    if (base === undefined) continue;
    const o = opts.optionsFor(sample.name);
    // A bootstrap of 0 turns intervals off; the paired rule still needs resamples, so it keeps the default.
    const resamples = o.bootstrap > 0 ? o.bootstrap : 1000;
    out.set(
      sample.name,
      pairedComparison(sample, base, {
        tailSize: o.tailSize,
        deploymentVolume: o.deploymentVolume,
        confidence: o.confidence,
        resamples,
        seed: o.seed,
      }),
    );
  }
  if (opts.adjust === 'holm') holm([...out].filter(([name]) => opts.gated(name)).map(([, c]) => c));
  return out;
}

/**
 * Holm's step-down on the paired comparisons, in place: sorted by `notUp`
 * (the one-sided p-value), the i-th smallest of K is held to level/(K − i);
 * the first that does not pass stops the walk, and it and every later one
 * count as not moved.
 */
export function holm(comparisons: readonly PairedComparison[]): void {
  const tested = comparisons.filter((c) => c.shift !== null);
  tested.sort((x, y) => (x.shift?.notUp ?? 1) - (y.shift?.notUp ?? 1));
  const k = tested.length;
  let stopped = false;
  tested.forEach((c, i) => {
    const shift = c.shift;
    if (shift === null) return;
    shift.level = shift.level / (k - i);
    shift.up = !stopped && shift.notUp < shift.level;
    if (!shift.up) stopped = true;
  });
}
