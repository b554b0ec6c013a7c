import type { BehaviorSample } from '../domain/observation.js';
import { aggregateRisk, meanLogNonOccurrence } from './aggregate.js';
import { binomialUpperBound } from './numerics/binomial-bound.js';
import { bootstrap, type BootstrapDraws } from './uncertainty/bootstrap.js';
import { curveVolumes } from './curve.js';
import { elicitationScore, sortedEstimates, type Estimates } from './elicitation.js';
import { errorSummary } from './errors.js';
import { frequencyShare } from './frequency.js';
import { fitGumbelTail, worstQueryRisk } from './gumbel-tail.js';
import { centredInterval, CLOGLOG_SCALE, LOG_SCALE, type Scale } from './uncertainty/bootstrap-interval.js';
import { lognormalWorstQuery } from './lognormal.js';
import { createRng, type Rng } from './numerics/random.js';
import type {
  BehaviorForecast,
  ForecastCounts,
  ForecastOptions,
  InsufficientBound,
  Interval,
  TailFit,
  TopQuery,
} from '../domain/forecast.js';
import { hybridInterval, pivotInterval, type IntervalSpec, type WorstQueryInterval } from './uncertainty/prediction-interval.js';
import { checkTailShape } from './uncertainty/tail-shape.js';
import { unseenModeBound } from './unseen-mode.js';
import { fitWarnings } from './warnings.js';

/** Fewer successful resamples than this and the interval is not reported. */
const MIN_RESAMPLES = 20;

/**
 * Every forecast for one behaviour (docs/method.md): the Gumbel-tail fit, the
 * worst-query risk with its log-normal baseline, the aggregate risk and the
 * frequency above τ at the deployment volume n, bootstrap intervals, the
 * self-check of the tail shape with its backtest, the unseen-mode limit and
 * the forecast-vs-volume curve. When the tail cannot
 * be fit it says why and gives the largest p̂ and an exact binomial bound.
 */
export function forecastBehavior(sample: BehaviorSample, opts: ForecastOptions): BehaviorForecast {
  const est = sortedEstimates(sample.hits, sample.samples);
  const m = est.p.length;
  const n = opts.deploymentVolume;
  const base = counts(sample, est, opts);
  const fitResult =
    m === 0 ? { kind: 'insufficient' as const, reason: 'no usable queries', nonzero: 0 } : fitGumbelTail(est.p, m, opts.tailSize);
  if (fitResult.kind !== 'ok') {
    return { ...base, outcome: fitResult.kind, reason: fitResult.reason, bound: bound(est, opts) };
  }
  const fit = fitResult.fit;
  const rng = createRng(opts.seed);
  const volumes = curveVolumes(m, n);
  const draws =
    opts.bootstrap > 0 ? bootstrap(est, { tailSize: opts.tailSize, volumes: [n, ...volumes], tau: opts.tau }, opts.bootstrap, rng) : null;
  const usable = draws !== null && draws.successes >= MIN_RESAMPLES ? draws : null;
  const interval = (values: Float64Array | undefined, point: number, scale: Scale): Interval | null =>
    usable && values ? centredInterval(values, point, opts.confidence, scale) : null;
  const predict = (volume: number) => worstQueryInterval(fit, est, usable, { ...spec, volume }, rng);
  const spec = { tailSize: opts.tailSize, queries: m, volume: n, confidence: opts.confidence };

  const worst = worstQueryRisk(fit, n);
  const prediction = predict(n);
  const aggregate = aggregateRisk(meanLogNonOccurrence(fit, est.p, opts.tailSize), n);
  const share = frequencyShare(fit, est.p, m, opts.tailSize, opts.tau);
  const psiNonzero = Array.from(est.p.subarray(0, est.nonzero), elicitationScore);
  const shape = checkTailShape(est, fit, opts, rng);

  const warnings = [...base.warnings, ...fitWarnings(fit, est, worst, n), ...shape.warnings];
  if (draws && draws.failures > 0.1 * opts.bootstrap) {
    warnings.push(
      `${draws.failures} of ${opts.bootstrap} bootstrap resamples had too few nonzero or distinct top scores to fit; the interval describes the rest`,
    );
  }
  if (prediction.method === 'pivot' && est.samples[0] > 0 && opts.bootstrap === 0) {
    warnings.push('bootstrap is 0, so the worst-query interval leaves out the sampling noise of h/k; set bootstrap to include it');
  }

  return {
    ...base,
    outcome: 'forecast',
    fit,
    worstQueryRisk: {
      forecast: worst,
      lower: prediction.lower,
      upper: prediction.upper,
      medianMax: prediction.medianMax,
      intervalMethod: prediction.method,
      lognormal: lognormalWorstQuery(psiNonzero, m, n),
    },
    aggregateRisk: { forecast: aggregate, interval: interval(usable?.aggregate, aggregate, CLOGLOG_SCALE) },
    frequency: { tau: opts.tau, forecast: share, interval: interval(usable?.frequency, share, LOG_SCALE), expectedCount: n * share },
    backtest: shape.backtest,
    selfCheck: shape.selfCheck,
    curve: volumes.map((v) => {
      const band = predict(v);
      return { n: v, forecast: worstQueryRisk(fit, v), lower: band.lower, upper: band.upper };
    }),
    warnings,
  };
}

function counts(sample: BehaviorSample, est: Estimates, opts: ForecastOptions): ForecastCounts {
  let samples = 0;
  for (const k of sample.samples) samples += k === 0 ? 1 : k;
  const excluded = Object.values(sample.exclusions).reduce((sum, c) => sum + c, 0);
  // Caps, exclusions and duplicates are counted in their own fields; the report words them.
  const warnings: string[] = [];
  return {
    name: sample.name,
    queries: est.p.length,
    samples,
    nonzero: est.nonzero,
    capped: est.capped,
    duplicates: sample.duplicates,
    excluded,
    exclusions: { ...sample.exclusions },
    observedMax: observedMax(est),
    unseenModeBound: unseenModeBound(est.p.length, opts.deploymentVolume),
    topQueries: topQueries(sample, est, opts.tailSize),
    warnings,
    errors: errorSummary(sample),
  };
}

/** Largest uncapped p̂: what the eval itself saw. */
function observedMax(est: Estimates): number {
  if (est.p.length === 0) return 0;
  return est.samples[0] === 0 ? est.hits[0] : est.hits[0] / est.samples[0];
}

/** What can honestly be said without a fit (docs/method.md, "Zero hits and too few hits"), at the interval's upper level. */
function bound(est: Estimates, opts: ForecastOptions): InsufficientBound {
  let hits = 0;
  let totalSamples = 0;
  for (let i = 0; i < est.p.length; i++) {
    if (est.samples[i] > 0) {
      hits += est.hits[i];
      totalSamples += est.samples[i];
    }
  }
  const level = (1 + opts.confidence) / 2;
  const rate = totalSamples > 0 ? binomialUpperBound(hits, totalSamples, level) : null;
  const n = opts.deploymentVolume;
  return {
    largestP: observedMax(est),
    hits,
    totalSamples,
    rateUpperBound: rate,
    confidence: level,
    expectedHitsAtN: rate === null ? null : n * rate,
    aggregateRiskUpper: rate === null ? null : Math.min(1, n * rate),
    frequencyUpper: rate === null ? null : Math.min(1, rate / opts.tau),
  };
}

/** The top t queries by p̂ with p̂ > 0, ids as the source wrote them. */
function topQueries(sample: BehaviorSample, est: Estimates, t: number): TopQuery[] {
  const out: TopQuery[] = [];
  for (let j = 0; j < Math.min(t, est.nonzero); j++) {
    const k = est.samples[j];
    out.push({
      id: sample.queryIds[est.index[j]],
      p: k === 0 ? est.hits[j] : est.hits[j] / k,
      hits: k === 0 ? null : est.hits[j],
      samples: k === 0 ? null : k,
    });
  }
  return out;
}

/**
 * The calibrated interval for the worst of `spec.volume` queries: the pivot,
 * widened by the bootstrap refits when any top query's p̂ is h/k (binomial
 * noise the pivot does not see). Given probabilities use the pivot alone.
 */
function worstQueryInterval(fit: TailFit, est: Estimates, draws: BootstrapDraws | null, spec: IntervalSpec, rng: Rng): WorstQueryInterval {
  const pivot = pivotInterval(fit, spec);
  let sampled = false;
  for (let j = 0; j < fit.tailSize && !sampled; j++) sampled = est.samples[j] > 0;
  return sampled && draws ? hybridInterval(pivot, draws.lines, spec, rng) : pivot;
}
