import { median } from 'simple-statistics';
import type { Estimates } from './elicitation.js';
import { fitGumbelTail, worstQueryRisk } from './gumbel-tail.js';
import { bootstrap } from './bootstrap.js';
import { centredInterval, SCORE_SCALE } from './interval.js';
import type { Rng } from './random.js';
import type { BacktestResult } from './types.js';

export interface BacktestSpec {
  tailSize: number;
  splits: number;
  /** r: fit on ⌊m/r⌋ queries, forecast the max of the rest. */
  ratio: number;
  /** Resamples per split for the upper-end coverage (0 skips it). */
  resamples: number;
  confidence: number;
}

/**
 * Self-check backtest on the user's own eval set (DESIGN §1, beyond the
 * paper; the paper's own protocol is fit on 900, forecast 90,000).
 *
 * Each split fits the Gumbel tail on a random ⌊m/r⌋ queries and forecasts the
 * worst-query risk of the other m − ⌊m/r⌋, then compares with the realised
 * maximum p̂ there: error = log10(forecast / realised). Splits where the fit
 * fails or the rest has no hit are skipped and counted. With `resamples` > 0
 * it also measures how often the realised max stays at or below the
 * bootstrap upper end (bootstrap intervals on extremes tend to under-cover).
 *
 * Queries are identified by their position in the descending order, so a
 * subset's positions, sorted, are its p̂ in descending order.
 */
export function backtest(est: Estimates, spec: BacktestSpec, rng: Rng): BacktestResult | { kind: 'skipped'; reason: string } {
  const m = est.p.length;
  const fitSize = Math.floor(m / spec.ratio);
  if (fitSize < spec.tailSize || m - fitSize < 1) {
    return { kind: 'skipped', reason: `m/${spec.ratio} = ${fitSize} queries is fewer than the tail size ${spec.tailSize}` };
  }
  const positions = new Uint32Array(m);
  const picked = new Uint8Array(m);
  const errors: number[] = [];
  let skipped = 0;
  let covered = 0;
  for (let s = 0; s < spec.splits; s++) {
    const subset = drawSubset(positions, fitSize, rng).sort();
    for (const pos of subset) picked[pos] = 1;
    let firstOut = 0;
    while (firstOut < m && picked[firstOut]) firstOut += 1;
    const realised = firstOut < m ? est.p[firstOut] : 0;
    const sub = subEstimates(est, subset);
    for (const pos of subset) picked[pos] = 0;
    const fit = fitGumbelTail(sub.p, fitSize, spec.tailSize);
    if (fit.kind !== 'ok' || realised === 0) {
      skipped += 1;
      continue;
    }
    const forecast = worstQueryRisk(fit.fit, m - fitSize);
    errors.push(Math.log10(forecast / realised));
    if (spec.resamples > 0) {
      const draws = bootstrap(sub, { tailSize: spec.tailSize, volumes: [m - fitSize], tau: 0.5, worstOnly: true }, spec.resamples, rng);
      if (draws.successes > 0 && realised <= centredInterval(draws.worst[0], forecast, spec.confidence, SCORE_SCALE).upper) covered += 1;
    }
  }
  if (errors.length === 0) return { kind: 'skipped', reason: `no split of ${spec.splits} had a usable fit and a hit in the rest` };
  return {
    splits: errors.length,
    skipped,
    ratio: spec.ratio,
    medianAbsLog10Error: median(errors.map(Math.abs)),
    withinTenfold: errors.filter((e) => Math.abs(e) <= 1).length / errors.length,
    underestimated: errors.filter((e) => e < 0).length / errors.length,
    upperCoverage: spec.resamples > 0 ? covered / errors.length : null,
  };
}

/** k distinct positions of 0..m−1, uniformly (partial Fisher–Yates on a reusable array). */
function drawSubset(positions: Uint32Array, k: number, rng: Rng): Uint32Array {
  const m = positions.length;
  for (let i = 0; i < m; i++) positions[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (m - i));
    const tmp = positions[i];
    positions[i] = positions[j];
    positions[j] = tmp;
  }
  return positions.slice(0, k);
}

function subEstimates(est: Estimates, subset: Uint32Array): Estimates {
  const k = subset.length;
  const out: Estimates = {
    p: new Float64Array(k),
    hits: new Float64Array(k),
    samples: new Float64Array(k),
    index: subset,
    capped: 0,
    nonzero: 0,
  };
  for (let j = 0; j < k; j++) {
    const pos = subset[j];
    out.p[j] = est.p[pos];
    out.hits[j] = est.hits[pos];
    out.samples[j] = est.samples[pos];
    if (est.p[pos] > 0) out.nonzero += 1;
  }
  return out;
}
