/**
 * Each threshold against what is known of its metric: clear, breach or
 * inconclusive (docs/method.md, "Decisions").
 *
 * With a forecast, the metric's interval is compared: clear when its upper
 * end is at or below the threshold, breach when its lower end is above it,
 * inconclusive when it straddles it. Without an interval (the bootstrap off,
 * for aggregate risk or frequency) both ends are the forecast.
 *
 * Without a forecast only bounds are known: the largest p̂ seen is a lower end
 * for the worst query (it breaches, never clears), and the exact bound on the
 * per-sample rate is an upper end for the aggregate risk (n·rate, a union
 * bound) and the frequency (rate/τ, Markov's inequality): they clear, never
 * breach.
 */
import { METRICS } from '../domain/rules.js';
import type { Thresholds } from '../domain/rules.js';
import type { BehaviorForecast, TailForecast } from '../domain/forecast.js';
import type { Decision, Level } from '../domain/gate.js';

type Ends = Pick<Decision, 'basis' | 'lower' | 'upper'>;

/** Every set threshold of the behaviour, fail level first, in METRICS order within a level. */
export function decide(f: BehaviorForecast, thresholds: Thresholds): Decision[] {
  const out: Decision[] = [];
  for (const level of ['fail', 'warn'] as const) {
    for (const m of METRICS) {
      const threshold = thresholds[level === 'fail' ? m.fail : m.warn];
      if (threshold === undefined) continue;
      const ends = endsOf(f, m.metric);
      out.push({ metric: m.metric, level, threshold, outcome: outcomeOf(ends, threshold), ...ends });
    }
  }
  return out;
}

/** Strict `>` for a breach, as everywhere in the gate: a value exactly at the threshold does not breach it. */
function outcomeOf(ends: Pick<Decision, 'lower' | 'upper'>, threshold: number): Decision['outcome'] {
  if (ends.lower !== null && ends.lower > threshold) return 'breach';
  if (ends.upper !== null && ends.upper <= threshold) return 'clear';
  return 'inconclusive';
}

function endsOf(f: BehaviorForecast, metric: Decision['metric']): Ends {
  if (f.outcome === 'forecast') {
    const interval =
      metric === 'worst-query-risk' ? f.worstQueryRisk : metric === 'aggregate-risk' ? f.aggregateRisk.interval : f.frequency.interval;
    if (interval !== null) return { basis: 'interval', lower: interval.lower, upper: interval.upper };
    const forecast = pointForecast(f, metric);
    return { basis: 'forecast', lower: forecast, upper: forecast };
  }
  if (metric === 'worst-query-risk') return { basis: 'observed', lower: f.observedMax, upper: null };
  const upper = metric === 'aggregate-risk' ? f.bound.aggregateRiskUpper : f.bound.frequencyUpper;
  return { basis: 'bound', lower: null, upper };
}

/** The paper's point forecast of one metric. */
export function pointForecast(f: TailForecast, metric: Decision['metric']): number {
  return metric === 'worst-query-risk'
    ? f.worstQueryRisk.forecast
    : metric === 'aggregate-risk'
      ? f.aggregateRisk.forecast
      : f.frequency.forecast;
}

/** The decisions at one level. */
export function atLevel(decisions: readonly Decision[], level: Level): Decision[] {
  return decisions.filter((d) => d.level === level);
}
