import { linearRegression } from 'simple-statistics';
import { aggregateRisk, tailLogIntegral } from '../aggregate.js';
import { elicitationScore, estimateProbability, type Estimates } from '../elicitation.js';
import { countAbove, fittedFrequency } from '../frequency.js';
import { worstQueryRisk, type TailLine } from '../gumbel-tail.js';
import { EqualCells } from '../numerics/equal-cells.js';
import { binomial, binomialLaw, drawBinomial, standardNormal, type BinomialLaw, type Rng } from '../numerics/random.js';

/**
 * Queries (by p̂) that a resample's top t is drawn from when hits are
 * resampled binomially. Ranks can then move, but a query far below the top
 * few hundred needs many lucky samples to overtake the resample's t-th
 * largest; the floor of 500 (or 50·t) keeps that chance negligible for the
 * tail sizes we allow while keeping each resample O(1) in m.
 */
export function candidateCount(nonzero: number, tailSize: number): number {
  return Math.min(nonzero, Math.max(500, 50 * tailSize));
}

/** Relative accuracy of each resample's tail integral: far below the spread of the draws. */
const BOOTSTRAP_TOLERANCE = 1e-8;

export interface BootstrapSpec {
  tailSize: number;
  /** Volumes to forecast the worst-query risk at; `volumes[0]` is n. */
  volumes: number[];
  tau: number;
  /** Skip the aggregate and frequency draws (the backtest needs the worst-query risk only). */
  worstOnly?: boolean;
}

/** Forecasts of every resample whose fit succeeded, per metric. */
export interface BootstrapDraws {
  /** worst[v][i]: worst-query risk at volumes[v] of successful resample i. */
  worst: Float64Array[];
  /** The refitted line of each successful resample (the hybrid prediction interval reads them). */
  lines: TailLine[];
  aggregate: Float64Array;
  frequency: Float64Array;
  successes: number;
  /** Resamples with too few nonzero queries or a degenerate fit. */
  failures: number;
}

/**
 * Bootstrap over queries (docs/method.md, "The interval"): resample m queries with
 * replacement, and for sampled p̂ also resample hits ~ Binomial(k, p̂) so small
 * k widens the band; refit; forecast. Fit parameters are never averaged; the
 * caller takes percentiles of the forecasts.
 *
 * Only the top of each resample matters, so the resample is never
 * materialised: the number of draws landing on the candidate set is
 * binomial, and the copies of each candidate follow by sequential
 * conditional binomials (a multinomial drawn one cell at a time).
 * Cost per resample is O(candidates), independent of m. The bulk below the
 * candidates enters the aggregate and frequency through its exact draw count
 * and a normal approximation of its log(1 − p̂) sum (it holds hundreds of
 * draws or none), without the binomial layer.
 */
export function bootstrap(est: Estimates, spec: BootstrapSpec, resamples: number, rng: Rng): BootstrapDraws {
  const m = est.p.length;
  const t = spec.tailSize;
  const c = candidateCount(est.nonzero, t);
  const rest = restSummary(est, c, spec.tau);
  const worst = spec.volumes.map(() => new Float64Array(resamples));
  const aggregate = new Float64Array(resamples);
  const frequency = new Float64Array(resamples);
  const lines: TailLine[] = [];
  let buffer: Float64Array = new Float64Array(Math.max(2 * c, 16));
  const laws = candidateLaws(c);
  const cells = new EqualCells(c);
  let successes = 0;
  const n = spec.volumes[0];

  for (let r = 0; r < resamples; r++) {
    const draw = resampleTop(est, c, rng, buffer, laws, cells);
    buffer = draw.buffer;
    const drawn = draw.drawn;
    const size = drawn.length;
    const { onNonzero, onCandidates } = draw;
    const line = fitTop(drawn, m, t);
    if (!line) continue;
    lines.push(line);
    for (let v = 0; v < spec.volumes.length; v++) worst[v][successes] = worstQueryRisk(line, spec.volumes[v]);
    if (spec.worstOnly) {
      successes += 1;
      continue;
    }

    const restDraws = onNonzero - onCandidates;
    let bulk = 0;
    for (let j = t; j < size; j++) bulk += Math.log1p(-drawn[j]);
    if (restDraws > 0) bulk += restDraws * rest.meanLog + Math.sqrt(restDraws * rest.varLog) * standardNormal(rng);
    aggregate[successes] = aggregateRisk(bulk / m + tailLogIntegral(line, t / m, BOOTSTRAP_TOLERANCE), n);

    const fittedShare = fittedFrequency(line, spec.tau);
    frequency[successes] =
      fittedShare < t / m ? fittedShare : (countAbove(drawn, spec.tau) + binomial(rng, restDraws, rest.shareAboveTau)) / m;
    successes += 1;
  }
  return {
    worst: worst.map((w) => w.slice(0, successes)),
    lines,
    aggregate: aggregate.slice(0, successes),
    frequency: frequency.slice(0, successes),
    successes,
    failures: resamples - successes,
  };
}

/** One resample's candidate copies, p* descending, and how many draws landed where. */
export interface ResampledTop {
  drawn: Float64Array;
  /** Draws (of m) that landed on nonzero queries. */
  onNonzero: number;
  /** Of those, draws on the candidate set (all of which are in `drawn`). */
  onCandidates: number;
  /** The (possibly grown) scratch buffer `drawn` views. */
  buffer: Float64Array;
}

/**
 * Draw one resample's copies of the top `candidates` queries without
 * materialising the other draws: a multinomial over m cells drawn one cell at
 * a time as conditional binomials.
 */
export function resampleTop(
  est: Estimates,
  candidates: number,
  rng: Rng,
  scratch?: Float64Array,
  laws: (BinomialLaw | null)[] = candidateLaws(candidates),
  cells: EqualCells = new EqualCells(candidates),
): ResampledTop {
  const m = est.p.length;
  let buffer = scratch ?? new Float64Array(Math.max(2 * candidates, 16));
  // Draws on the candidates are Binomial(m, c/m), a multinomial's marginal. Drawing the nonzero
  // count first would walk all nonzero queries; the draws on the rest only enter through a normal
  // approximation of their log(1 − p̂) sum and a share above τ, so their count is drawn after.
  const onCandidates = binomial(rng, m, candidates / m);
  const restShare = m > candidates ? (est.nonzero - candidates) / (m - candidates) : 0;
  const onNonzero = onCandidates + binomial(rng, m - onCandidates, restShare);
  let remaining = onCandidates;
  let size = 0;
  for (let i = 0; i < candidates && remaining > 0; i++) {
    const copies = i === candidates - 1 ? remaining : cells.draw(rng, remaining, i);
    remaining -= copies;
    for (let copy = 0; copy < copies; copy++) {
      if (size === buffer.length) buffer = grow(buffer);
      buffer[size++] = redraw(est, i, laws, rng);
    }
  }
  return { drawn: buffer.subarray(0, size).sort().reverse(), onNonzero, onCandidates, buffer };
}

/**
 * Each candidate's Binomial(k, h/k), set up on its first redraw: a candidate
 * is redrawn about once per resample, so the set-up is paid once instead of
 * a thousand times. The draws are the same as `binomial(rng, k, h/k)`.
 */
function candidateLaws(candidates: number): (BinomialLaw | null)[] {
  return new Array<BinomialLaw | null>(candidates).fill(null);
}

/** p* of one copy of sorted query i: binomial redraw of its hits for sampled p̂, p̂ itself for a given probability. */
function redraw(est: Estimates, i: number, laws: (BinomialLaw | null)[], rng: Rng): number {
  const k = est.samples[i];
  if (k === 0) return est.p[i];
  const law = (laws[i] ??= binomialLaw(k, est.hits[i] / k));
  return estimateProbability(drawBinomial(rng, law), k).p;
}

/** OLS on the top t of a descending resample, or null when it has too few nonzero or tied scores. */
function fitTop(drawn: Float64Array, m: number, t: number): TailLine | null {
  if (drawn.length < t || !(drawn[t - 1] > 0) || drawn[0] === drawn[t - 1]) return null;
  const data: number[][] = [];
  for (let j = 0; j < t; j++) data.push([elicitationScore(drawn[j]), Math.log((j + 1) / m)]);
  const line = linearRegression(data);
  return line.m < 0 ? { slope: line.m, intercept: line.b } : null;
}

/** Mean and variance of log(1 − p̂), and the share above τ, over the nonzero queries below the candidates. */
function restSummary(est: Estimates, c: number, tau: number): { meanLog: number; varLog: number; shareAboveTau: number } {
  const count = est.nonzero - c;
  if (count <= 0) return { meanLog: 0, varLog: 0, shareAboveTau: 0 };
  let sum = 0;
  let sumSq = 0;
  let above = 0;
  for (let i = c; i < est.nonzero; i++) {
    const l = Math.log1p(-est.p[i]);
    sum += l;
    sumSq += l * l;
    if (est.p[i] > tau) above += 1;
  }
  const meanLog = sum / count;
  return { meanLog, varLog: Math.max(0, sumSq / count - meanLog * meanLog), shareAboveTau: above / count };
}

function grow(buffer: Float64Array): Float64Array {
  const bigger = new Float64Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}
