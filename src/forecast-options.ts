/**
 * Forecast options for one behaviour from the settings, shared by the
 * pipeline, the baseline (result files forecast with the same settings) and
 * the red-team comparison. Per behaviour because a policy entry may set its
 * own τ (`frequency-tau`).
 */
import { effectiveFor } from './config/effective.js';
import type { Settings } from './config/settings.js';
import type { ForecastOptions } from './domain/forecast.js';

/** Self-check backtest defaults (DESIGN §1): 50 splits, fit on m/10. */
export const BACKTEST_SPLITS = 50;
export const BACKTEST_RATIO = 10;

export type OptionSettings = Pick<
  Settings,
  'deploymentVolume' | 'tailSize' | 'confidence' | 'bootstrap' | 'seed' | 'thresholds' | 'frequencyTau' | 'policy'
>;

export function forecastOptions(settings: OptionSettings, behavior: string, over: Partial<ForecastOptions> = {}): ForecastOptions {
  return {
    deploymentVolume: settings.deploymentVolume,
    tailSize: settings.tailSize,
    confidence: settings.confidence,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
    tau: effectiveFor(settings, behavior).tau,
    backtestSplits: BACKTEST_SPLITS,
    backtestRatio: BACKTEST_RATIO,
    ...over,
  };
}
