/**
 * Red-teamer choice (Jones et al. 2025, §6 "forecasts improve automated
 * red-teaming"; docs/method.md, "Red-teamer choice"): given query sources with a cost per query and a
 * budget, forecast for each source the worst-query risk at the number of
 * queries the budget buys, n_s = floor(budget / cost_s), and rank them. The
 * source with the highest forecast is the one expected to find the riskiest
 * query for the money. A higher largest-p̂ today does not decide it: a source
 * whose tail grows faster overtakes one with a higher current maximum once
 * it buys enough more queries (the paper's Sonnet vs 10× more Haiku).
 *
 * Whether the choice matters is read from the bootstrap intervals: when the
 * best source's interval overlaps the runner-up's, the data cannot tell them
 * apart at this budget.
 *
 * Pure: per-source samples in, ranking out. The caller ingests the files.
 */
import type { BehaviorSample } from '../../domain/observation.js';
import { forecastBehavior } from '../../forecast/forecast-behavior.js';
import { queriesBought } from '../../config/queries-bought.js';
import type { ForecastOptions } from '../../domain/forecast.js';
import type { BehaviorChoice, RedTeamResult, SourceForecast } from '../../domain/red-team.js';

export interface SourceSamples {
  name: string;
  costPerQuery: number;
  /** Per behaviour, as ingest produces them. */
  samples: BehaviorSample[];
}

export interface SourceChoiceOptions {
  budget: number;
  /** Decide on this behaviour only; default every behaviour any source has. */
  behavior?: string;
  /** Forecast options for `behavior` at volume `n` (tail size, bootstrap, seed, τ from the settings). */
  options: (behavior: string, n: number) => ForecastOptions;
  /** Level of the intervals, as in `options` (recorded in the result for the renderers). */
  confidence: number;
}

export function chooseSource(sources: readonly SourceSamples[], opts: SourceChoiceOptions): RedTeamResult {
  if (sources.length === 0) throw new Error('chooseSource: no source to choose from');
  const bought = sources.map((s) => ({
    name: s.name,
    costPerQuery: s.costPerQuery,
    queriesBought: queriesBought(opts.budget, s.costPerQuery),
  }));
  const names =
    opts.behavior !== undefined ? [opts.behavior] : [...new Set(sources.flatMap((s) => s.samples.map((x) => x.name)))].sort(byName);
  const behaviors = names.map((behavior) =>
    choice(
      behavior,
      sources.map((s, i) => sourceForecast(s, bought[i].queriesBought, behavior, opts)),
    ),
  );
  const bests = new Set(behaviors.map((b) => b.best));
  const only = bests.size === 1 ? [...bests][0] : null;
  return {
    budget: opts.budget,
    confidence: opts.confidence,
    sources: bought,
    behaviors,
    bestSource: only ?? null,
  };
}

function sourceForecast(source: SourceSamples, n: number, behavior: string, opts: SourceChoiceOptions): Omit<SourceForecast, 'rank'> {
  const base = { source: source.name, costPerQuery: source.costPerQuery, queriesBought: n };
  const sample = source.samples.find((s) => s.name === behavior);
  if (sample === undefined) {
    return {
      ...base,
      queries: 0,
      nonzero: 0,
      outcome: 'insufficient',
      reason: 'no queries of this behaviour in its results',
      forecast: null,
      lower: null,
      upper: null,
      observedMax: 0,
    };
  }
  // The choice needs the worst-query risk and its interval only; the self-check backtest is skipped.
  const f = forecastBehavior(sample, { ...opts.options(behavior, n), deploymentVolume: n, backtestSplits: 0 });
  const counts = { ...base, queries: f.queries, nonzero: f.nonzero };
  if (f.outcome !== 'forecast') {
    return { ...counts, outcome: f.outcome, reason: f.reason, forecast: null, lower: null, upper: null, observedMax: f.observedMax };
  }
  const w = f.worstQueryRisk;
  return { ...counts, outcome: f.outcome, reason: null, forecast: w.forecast, lower: w.lower, upper: w.upper, observedMax: f.observedMax };
}

function choice(behavior: string, forecasts: Omit<SourceForecast, 'rank'>[]): BehaviorChoice {
  const ranked = forecasts
    .filter((f) => f.forecast !== null)
    .sort((x, y) => (y.forecast ?? 0) - (x.forecast ?? 0) || byName(x.source, y.source))
    .map((f, i) => ({ ...f, rank: i + 1 }));
  const rest = forecasts
    .filter((f) => f.forecast === null)
    .sort((x, y) => y.observedMax - x.observedMax || byName(x.source, y.source))
    .map((f) => ({ ...f, rank: null }));
  const [best, second] = ranked;
  return {
    behavior,
    ranking: [...ranked, ...rest],
    best: best?.source ?? null,
    runnerUp: second?.source ?? null,
    separation: separation(best, second),
  };
}

function separation(best: SourceForecast | undefined, second: SourceForecast | undefined): BehaviorChoice['separation'] {
  if (best === undefined || second === undefined || best.lower === null || second.upper === null) return 'unknown';
  return best.lower > second.upper ? 'clear' : 'overlap';
}

/** Code-unit order, independent of the runner's locale. */
function byName(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
