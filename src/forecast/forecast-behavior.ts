import type { BehaviorSample } from '../ingest/observation.js';
import { aggregateRisk, meanLogNonOccurrence } from './aggregate.js';
import { backtest } from './backtest.js';
import { binomialUpperBound } from './binomial-bound.js';
import { bootstrap, type BootstrapDraws } from './bootstrap.js';
import { curveVolumes } from './curve.js';
import { elicitationScore, sortedEstimates, type Estimates } from './elicitation.js';
import { errorSummary } from './errors.js';
import { frequencyShare } from './frequency.js';
import { fitGumbelTail, worstQueryRisk } from './gumbel-tail.js';
import { centredInterval, CLOGLOG_SCALE, LOG_SCALE, SCORE_SCALE, type Scale } from './interval.js';
import { lognormalWorstQuery } from './lognormal.js';
import { createRng } from './random.js';
import type { BehaviorForecast, ForecastOptions, InsufficientBound, TailFit } from './types.js';
import { fitWarnings } from './warnings.js';

/** Fewer successful resamples than this and the interval is not reported. */
const MIN_RESAMPLES = 20;
/** Resamples per backtest split for the upper-end coverage: a share over ~50 splits needs no more. */
const BACKTEST_RESAMPLES = 100;

/**
 * Every forecast for one behaviour (DESIGN §1): the Gumbel-tail fit, the
 * worst-query risk with its log-normal baseline, the aggregate risk and the
 * frequency above τ at the deployment volume n, bootstrap intervals, the
 * self-check backtest and the forecast-vs-volume curve. When the tail cannot
 * be fit it says why and gives the largest p̂ and an exact binomial bound.
 */
export function forecastBehavior(sample: BehaviorSample, opts: ForecastOptions): BehaviorForecast {
  const est = sortedEstimates(sample.hits, sample.samples);
  const m = est.p.length;
  const n = opts.deploymentVolume;
  const base = baseFields(sample, est, opts.tau);
  const fitResult =
    m === 0 ? { kind: 'insufficient' as const, reason: 'no usable queries', nonzero: 0 } : fitGumbelTail(est.p, m, opts.tailSize);
  if (fitResult.kind !== 'ok') {
    return { ...base, outcome: fitResult.kind, reason: fitResult.reason, bound: bound(est, opts.confidence) };
  }
  const fit = fitResult.fit;
  const rng = createRng(opts.seed);
  const volumes = curveVolumes(m, n);
  const draws =
    opts.bootstrap > 0 ? bootstrap(est, { tailSize: opts.tailSize, volumes: [n, ...volumes], tau: opts.tau }, opts.bootstrap, rng) : null;
  const usable = draws !== null && draws.successes >= MIN_RESAMPLES ? draws : null;
  const interval = (values: Float64Array | undefined, point: number, scale: Scale) =>
    usable && values ? centredInterval(values, point, opts.confidence, scale) : { lower: null, upper: null };

  const worst = worstQueryRisk(fit, n);
  const aggregate = aggregateRisk(meanLogNonOccurrence(fit, est.p, opts.tailSize), n);
  const share = frequencyShare(fit, est.p, m, opts.tailSize, opts.tau);
  const psiNonzero = Array.from(est.p.subarray(0, est.nonzero), elicitationScore);
  const check =
    opts.backtestSplits > 0
      ? backtest(
          est,
          {
            tailSize: opts.tailSize,
            splits: opts.backtestSplits,
            ratio: opts.backtestRatio,
            resamples: Math.min(opts.bootstrap, BACKTEST_RESAMPLES),
            confidence: opts.confidence,
          },
          rng,
        )
      : null;

  const warnings = [...base.warnings, ...fitWarnings(fit, est, worst, n)];
  if (draws && draws.failures > 0.1 * opts.bootstrap) {
    warnings.push(
      `${draws.failures} of ${opts.bootstrap} bootstrap resamples had too few nonzero or distinct top scores to fit; the interval describes the rest`,
    );
  }
  if (check && 'kind' in check) warnings.push(`self-check backtest skipped: ${check.reason}`);

  return {
    ...base,
    outcome: 'forecast',
    reason: null,
    fit,
    worstQueryRisk: {
      ...base.worstQueryRisk,
      forecast: worst,
      ...interval(usable?.worst[0], worst, SCORE_SCALE),
      lognormal: lognormalWorstQuery(psiNonzero, m, n),
    },
    aggregateRisk: { forecast: aggregate, ...interval(usable?.aggregate, aggregate, CLOGLOG_SCALE) },
    frequency: { tau: opts.tau, forecast: share, ...interval(usable?.frequency, share, LOG_SCALE), expectedCount: n * share },
    backtest: check && !('kind' in check) ? check : null,
    curve: curve(fit, volumes, usable, opts.confidence),
    warnings,
  };
}

function baseFields(sample: BehaviorSample, est: Estimates, tau: number): BehaviorForecast {
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
    outcome: 'insufficient',
    reason: null,
    fit: null,
    worstQueryRisk: { forecast: null, lower: null, upper: null, lognormal: null, observedMax: observedMax(est) },
    aggregateRisk: { forecast: null, lower: null, upper: null },
    frequency: { tau, forecast: null, lower: null, upper: null, expectedCount: null },
    backtest: null,
    bound: null,
    curve: [],
    warnings,
    errors: errorSummary(sample),
  };
}

/** Largest uncapped p̂: what the eval itself saw. */
function observedMax(est: Estimates): number {
  if (est.p.length === 0) return 0;
  return est.samples[0] === 0 ? est.hits[0] : est.hits[0] / est.samples[0];
}

/** What can honestly be said without a fit (DESIGN §1 "Zeros and low k"), at the interval's upper level. */
function bound(est: Estimates, confidence: number): InsufficientBound {
  let hits = 0;
  let totalSamples = 0;
  for (let i = 0; i < est.p.length; i++) {
    if (est.samples[i] > 0) {
      hits += est.hits[i];
      totalSamples += est.samples[i];
    }
  }
  const level = (1 + confidence) / 2;
  return {
    largestP: observedMax(est),
    hits,
    totalSamples,
    rateUpperBound: totalSamples > 0 ? binomialUpperBound(hits, totalSamples, level) : null,
    confidence: level,
  };
}

function curve(fit: TailFit, volumes: number[], draws: BootstrapDraws | null, confidence: number) {
  return volumes.map((v, i) => {
    const forecast = worstQueryRisk(fit, v);
    const band = draws ? centredInterval(draws.worst[i + 1], forecast, confidence, SCORE_SCALE) : { lower: forecast, upper: forecast };
    return { n: v, forecast, ...band };
  });
}
