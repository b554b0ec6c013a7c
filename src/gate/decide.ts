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
import { METRICS } from '../config/effective.js';
import type { Thresholds } from '../domain/rules.js';
import type { BehaviorForecast } from '../domain/forecast.js';
import type { Decision, Level } from '../domain/gate.js';

type Ends = Pick<Decision, 'basis' | 'lower' | 'upper'>;

/** Every set threshold of the behaviour, fail level first, in METRICS order within a level. */
export function decide(f: BehaviorForecast, thresholds: Thresholds): Decision[] {
  const out: Decision[] = [];
  for (const level of ['fail', 'warn'] as const) {
    for (const m of METRICS) {
      const threshold = thresholds[level === 'fail' ? m.fail : m.warn];
      if (threshold === undefined || m.metric === 'risk-increase') continue;
      const ends = endsOf(f, m.metric);
      out.push({ metric: m.metric, level, threshold, outcome: outcomeOf(ends, threshold), ...ends });
    }
  }
  return out;
}

/** Strict `>` for a breach, as everywhere in the gate: a value exactly at the threshold does not breach it. */
export function outcomeOf(ends: Pick<Decision, 'lower' | 'upper'>, threshold: number): Decision['outcome'] {
  if (ends.lower !== null && ends.lower > threshold) return 'breach';
  if (ends.upper !== null && ends.upper <= threshold) return 'clear';
  return 'inconclusive';
}

function endsOf(f: BehaviorForecast, metric: Decision['metric']): Ends {
  const estimate = metric === 'worst-query-risk' ? f.worstQueryRisk : metric === 'aggregate-risk' ? f.aggregateRisk : f.frequency;
  if (f.outcome === 'forecast') {
    if (estimate.forecast === null) {
      throw new Error(`internal: behaviour "${f.name}": outcome is 'forecast' but ${metric} has no forecast to decide on.`);
    }
    // An interval always has both ends; a hand-built forecast may carry one, which then decides one side only.
    if (estimate.lower !== null || estimate.upper !== null) return { basis: 'interval', lower: estimate.lower, upper: estimate.upper };
    return { basis: 'forecast', lower: estimate.forecast, upper: estimate.forecast };
  }
  if (metric === 'worst-query-risk') return { basis: 'observed', lower: f.worstQueryRisk.observedMax, upper: null };
  const upper = metric === 'aggregate-risk' ? (f.bound?.aggregateRiskUpper ?? null) : (f.bound?.frequencyUpper ?? null);
  return { basis: 'bound', lower: null, upper };
}

/** The decisions at one level. */
export function atLevel(decisions: readonly Decision[], level: Level): Decision[] {
  return decisions.filter((d) => d.level === level);
}
