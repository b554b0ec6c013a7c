/**
 * What would decide an undecided behaviour (docs/method.md, "What would
 * decide"): the eval size m′ at which the expected interval would clear or
 * breach the threshold, the samples per top query k′ for hits-of-k data, or,
 * without a fit, what would produce one.
 *
 * "Expected interval" means today's fit with the interval constants of the
 * larger eval: the pivot at (t, m′, n) for the worst-query risk; for the
 * aggregate risk and frequency, whose intervals are the bootstrap's, today's
 * interval narrowed as 1/√m′ on its own scale (an approximation, said so in
 * the sentence). More data also moves the forecast itself, so a plan is a
 * sizing, not a promise: bench/plan.mjs measures how often it settles.
 */
import { bootstrap } from '../forecast/uncertainty/bootstrap.js';
import { elicitationScore, sortedEstimates, type Estimates } from '../forecast/elicitation.js';
import { forecastScore } from '../forecast/gumbel-tail.js';
import { CLOGLOG_SCALE, LOG_SCALE, type Scale } from '../forecast/uncertainty/bootstrap-interval.js';
import { createRng } from '../forecast/numerics/random.js';
import { countAtOrBelow } from '../forecast/numerics/sorted.js';
import type { BehaviorForecast, NoForecast, TailFit, TailForecast } from '../domain/forecast.js';
import { hybridInterval, pivotInterval, type IntervalSpec } from '../forecast/uncertainty/prediction-interval.js';
import { pivotFits, pivotLaw } from '../forecast/uncertainty/pivot.js';
import type { BehaviorGate, Decision } from '../domain/gate.js';
import type { BehaviorSample } from '../domain/observation.js';
import type { SamplingPlan } from '../domain/sampling-plan.js';

export interface PlanOptions {
  tailSize: number;
  deploymentVolume: number;
  confidence: number;
  bootstrap: number;
  seed: number;
}

/** An eval this many times larger than today's is the largest we call practical. */
export const MAX_GROWTH = 100;
/** k′ is searched up to this many times today's k. */
const MAX_K_GROWTH = 64;
/** Bootstrap resamples per candidate k′: enough for a 95% quantile to ±0.02 in ψ-units of β̂. */
const PLAN_RESAMPLES = 400;

/**
 * The plan for an `inconclusive` behaviour (its first inconclusive decision)
 * or an `insufficient` one (what would produce a fit); null for any other status.
 */
export function planFor(
  f: BehaviorForecast,
  gate: Pick<BehaviorGate, 'status' | 'decisions'>,
  sample: BehaviorSample,
  opts: PlanOptions,
): SamplingPlan | null {
  // `insufficient` is the status of a behaviour without a fit, `inconclusive` of one with a fit.
  if (f.outcome !== 'forecast') return gate.status === 'insufficient' ? planForFit(f, opts) : null;
  if (gate.status !== 'inconclusive') return null;
  const open = gate.decisions.find((d) => d.outcome === 'inconclusive');
  if (open === undefined) throw new Error(`internal: behaviour "${f.name}" is inconclusive without an inconclusive decision`);
  return planForDecision(f, open, sortedEstimates(sample.hits, sample.samples), opts);
}

/** The plan for a behaviour whose fit succeeded but whose decision is inconclusive. */
export function planForDecision(f: TailForecast, d: Decision, est: Estimates, opts: PlanOptions): SamplingPlan {
  const decision = { metric: d.metric, level: d.level, threshold: d.threshold };
  const sized = d.metric === 'worst-query-risk' ? worstQuerySize(f.fit, d.threshold, opts) : bootstrapSize(f, d);
  const k =
    d.metric === 'worst-query-risk' && f.worstQueryRisk.intervalMethod === 'pivot+bootstrap' ? samplesToSettle(f.fit, d, est, opts) : null;
  return {
    kind: 'decision',
    decision,
    ...sized,
    samplesPerTopQuery: k?.samplesPerTopQuery ?? null,
    resample: k?.resample ?? null,
    rateBound: null,
  };
}

interface Sized {
  queries: number | null;
  settlesAs: 'clear' | 'breach' | null;
  chance: number | null;
}

/** The plan asks that a fresh eval of the planned size settle the decision with at least this chance. */
export const PLAN_POWER = 0.8;

/**
 * Smallest m′ ≤ MAX_GROWTH·m at which a fresh eval of m′ queries settles the
 * threshold (clear or breach) with chance PLAN_POWER: doublings, then a
 * bisection in log m′ between the last two.
 */
function worstQuerySize(fit: TailFit, threshold: number, opts: PlanOptions): Sized {
  const m = fit.queries;
  const n = opts.deploymentVolume;
  const z = (elicitationScore(threshold) - forecastScore(fit, n)) / (-1 / fit.slope);
  const chance = (size: number) => settleChance(z, { tailSize: fit.tailSize, queries: m, volume: n, confidence: opts.confidence }, size);
  let low = m;
  let high = m;
  let at = chance(high);
  while (at.clear + at.breach < PLAN_POWER) {
    if (high >= MAX_GROWTH * m) return { queries: null, settlesAs: null, chance: at.clear + at.breach };
    low = high;
    high = Math.min(2 * high, MAX_GROWTH * m);
    at = chance(high);
  }
  // Four halvings of the last doubling in log m′: m′ to within ~5%.
  for (let i = 0; i < 4 && high - low > 1; i++) {
    const mid = Math.round(Math.sqrt(low * high));
    const c = chance(mid);
    if (c.clear + c.breach >= PLAN_POWER) [high, at] = [mid, c];
    else low = mid;
  }
  return { queries: high, settlesAs: at.clear >= at.breach ? 'clear' : 'breach', chance: at.clear + at.breach };
}

/**
 * The chance that a fresh eval of `size` queries clears or breaches a
 * threshold that today's fit puts z = (ψ_thr − Q̂)/β̂ scale units above its
 * forecast, computed with the pivot's standard-Gumbel refits and nothing else.
 *
 * Today's fit is itself noisy: with (e_Q, e_β) = (Q̂° − Q_p(n), β̂°) the
 * errors of a refit on standard Gumbels at (t, m), the threshold's true
 * distance from Q_p(n) in true scale units is z_true = e_Q + z·e_β (the pivot
 * inverted). Each of the R replicates gives one z_true; a fresh eval at
 * (t, m′) then clears when its upper end Q̂′ + c_hi·β̂′ lies at or below
 * Q_p(n) + z_true, and breaches when its lower end lies above it. Both ends
 * are sorted once, so each z_true costs a binary search. Planning on today's
 * fit as if it were the truth ignores how far it may be off, and measured,
 * such plans settled a fresh eval about a third of the time (bench/plan.mjs).
 */
export function settleChance(z: number, today: IntervalSpec, size: number): { clear: number; breach: number } {
  const n = today.volume;
  const logN = Math.log(n);
  const quantile = -Math.log(-Math.log1p(-1 / n));
  const tail = (1 - today.confidence) / 2;
  const future = pivotFits(today.tailSize, size);
  const law = pivotLaw({ tailSize: today.tailSize, queries: size, volume: n });
  const cLo = law.quantile(tail);
  const cHi = law.quantile(1 - tail);
  const R = future.slope.length;
  const upper = new Float64Array(R);
  const lower = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const a = future.slope[r];
    const centre = -(logN + future.intercept[r]) / a;
    upper[r] = centre - cHi / a - quantile;
    lower[r] = centre - cLo / a - quantile;
  }
  upper.sort();
  lower.sort();
  const now = pivotFits(today.tailSize, today.queries);
  let clear = 0;
  let breach = 0;
  for (let r = 0; r < now.slope.length; r++) {
    const a = now.slope[r];
    const zTrue = -(logN + now.intercept[r]) / a - quantile + z * (-1 / a);
    clear += countAtOrBelow(upper, zTrue) / R;
    breach += (R - countAtOrBelow(lower, zTrue)) / R;
  }
  return { clear: clear / now.slope.length, breach: breach / now.slope.length };
}

/** Aggregate risk or frequency: today's bootstrap interval narrowed as 1/√m′ on its own scale, around the forecast. */
function bootstrapSize(f: TailForecast, d: Decision): Sized {
  const scale: Scale = d.metric === 'aggregate-risk' ? CLOGLOG_SCALE : LOG_SCALE;
  const forecast = d.metric === 'aggregate-risk' ? f.aggregateRisk.forecast : f.frequency.forecast;
  if (d.lower === null || d.upper === null) return { queries: null, settlesAs: null, chance: null };
  const centre = scale.to(forecast);
  const target = scale.to(d.threshold);
  const halfWidth = target >= centre ? scale.to(d.upper) - centre : centre - scale.to(d.lower);
  const room = Math.abs(target - centre);
  if (!(room > 0) || !Number.isFinite(halfWidth)) return { queries: null, settlesAs: null, chance: null };
  const m = f.queries;
  const size = Math.ceil(m * (halfWidth / room) ** 2);
  if (size > MAX_GROWTH * m) return { queries: null, settlesAs: null, chance: null };
  return { queries: Math.max(size, m + 1), settlesAs: target >= centre ? 'clear' : 'breach', chance: null };
}

/**
 * Hits of k: the smallest k′ (doublings of today's largest k, up to
 * MAX_K_GROWTH·k) at which the hybrid interval, recomputed with the top
 * queries re-sampled k′ times at today's p̂, settles the threshold at today's m.
 */
function samplesToSettle(
  fit: TailFit,
  d: Decision,
  est: Estimates,
  opts: PlanOptions,
): { samplesPerTopQuery: number | null; resample: number | null } {
  const spec = { tailSize: fit.tailSize, queries: est.p.length, volume: opts.deploymentVolume, confidence: opts.confidence };
  const resample = Math.min(est.nonzero, 3 * fit.tailSize);
  let k = 0;
  for (let j = 0; j < resample; j++) k = Math.max(k, est.samples[j]);
  if (k === 0) return { samplesPerTopQuery: null, resample: null };
  const pivot = pivotInterval(fit, spec);
  for (let k2 = 2 * k; k2 <= MAX_K_GROWTH * k; k2 *= 2) {
    const scaled = withSamples(est, resample, k2);
    const rng = createRng(opts.seed);
    const draws = bootstrap(
      scaled,
      { tailSize: fit.tailSize, volumes: [opts.deploymentVolume], tau: 0.5, worstOnly: true },
      PLAN_RESAMPLES,
      rng,
    );
    const interval = hybridInterval(pivot, draws.lines, spec, rng);
    if (interval.lower > d.threshold || interval.upper <= d.threshold) return { samplesPerTopQuery: k2, resample };
  }
  return { samplesPerTopQuery: null, resample };
}

/** The estimates with the top `count` sampled queries at k′ samples and today's p̂ (hits scaled, fractional). */
function withSamples(est: Estimates, count: number, k2: number): Estimates {
  const hits = Float64Array.from(est.hits);
  const samples = Float64Array.from(est.samples);
  for (let j = 0; j < count; j++) {
    if (samples[j] === 0) continue;
    hits[j] = (hits[j] / samples[j]) * k2;
    samples[j] = k2;
  }
  return { ...est, hits, samples };
}

/** The plan for a behaviour without a fit: what would produce one. */
export function planForFit(f: NoForecast, opts: PlanOptions): SamplingPlan {
  const t = opts.tailSize;
  const none = { decision: null, settlesAs: null, samplesPerTopQuery: null, resample: null, rateBound: null, chance: null };
  if (f.outcome === 'degenerate') {
    const k = f.topQueries[0]?.samples ?? null;
    // Tied top scores: more samples per top query resolve p̂ finer than 1/k.
    return { ...none, kind: 'tie', queries: null, samplesPerTopQuery: k === null ? null : 4 * k, resample: k === null ? null : t };
  }
  if (f.nonzero > 0) return { ...none, kind: 'few-hits', queries: Math.ceil((f.queries * t) / f.nonzero) };
  const bound = f.bound;
  if (bound.rateUpperBound === null || bound.totalSamples === 0) {
    return { ...none, kind: 'zero-probabilities', queries: null };
  }
  // At the rate bound each query of k samples holds about k·rate hits; t of them need t/(k·rate) queries, at least.
  const k = Math.max(1, Math.round(bound.totalSamples / Math.max(1, f.queries)));
  return { ...none, kind: 'zero-hits', queries: Math.ceil(t / (bound.rateUpperBound * k)), rateBound: bound.rateUpperBound };
}
