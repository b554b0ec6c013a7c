import type { BehaviorSample } from '../domain/observation.js';
import { worstCaseSample } from './errors.js';
import { forecastBehavior } from './forecast-behavior.js';
import type { BehaviorForecast, ForecastOptions } from '../domain/forecast.js';

/**
 * `forecast` with its worst case filled in: the same Gumbel-tail forecast
 * after every errored sample is counted as a hit (errors.ts). It bounds how
 * much the errors could move the worst-query risk; it gates nothing. No
 * interval and no backtest: the point forecast is what the line shows.
 */
export function withWorstCase(forecast: BehaviorForecast, sample: BehaviorSample, opts: ForecastOptions): BehaviorForecast {
  const worst = worstCaseSample(sample);
  if (worst === undefined) return forecast;
  const f = forecastBehavior(worst, { ...opts, bootstrap: 0, backtestSplits: 0 });
  return {
    ...forecast,
    errors: {
      ...forecast.errors,
      worstCase: {
        outcome: f.outcome,
        worstQueryRisk: f.outcome === 'forecast' ? f.worstQueryRisk.forecast : null,
        observedMax: f.observedMax,
        queries: f.queries,
        reason: f.outcome === 'forecast' ? null : f.reason,
      },
    },
  };
}
