import { median } from 'simple-statistics';
import { elicitationScore, type Estimates } from './elicitation.js';
import { fitGumbelTail, worstQueryRisk } from './gumbel-tail.js';
import { lognormalWorstQuery } from './lognormal.js';
import type { Rng } from './numerics/random.js';

/** One (m, n) cell of the grid: fit on m queries, forecast the worst of n others. */
export interface BacktestCell {
  /** m, the evaluation set size the tail is fitted on. */
  fitSize: number;
  /** n, the held-out deployment set whose largest p̂ is forecast. */
  volume: number;
}

export interface PaperBacktestSpec {
  cells: BacktestCell[];
  /** Random splits per cell. */
  splits: number;
  /** t, the number of top scores fitted. */
  tailSize: number;
}

/** How one method did over the scored splits of a cell; errors are log10(forecast / realised). */
export interface MethodScore {
  /** Share of scored splits with |error| ≤ 1 (within one order of magnitude). */
  withinTenfold: number;
  /** Share of scored splits with error < 0 (forecast below the realised maximum). */
  underestimated: number;
  medianAbsLog10Error: number;
}

export type PaperBacktestRow = BacktestCell &
  (
    | {
        kind: 'scored';
        /** Splits drawn. */
        splits: number;
        /** Splits with a Gumbel-tail fit and a hit among the n held-out queries: both methods are scored on these. */
        scored: number;
        /** Splits whose m queries had fewer than t nonzero p̂ or a degenerate (tied or non-decreasing) top. */
        noFit: number;
        /** Splits whose n held-out queries all had p̂ = 0: there is no realised maximum to compare with. */
        noHit: number;
        gumbel: MethodScore;
        lognormal: MethodScore;
      }
    | { kind: 'unscored'; splits: number; noFit: number; noHit: number }
    | { kind: 'too-few-queries'; needed: number; available: number }
  );

/**
 * The paper's backtest (Jones et al. 2025, arXiv 2502.16797, §4: forecast
 * the worst-query risk of a larger held-out deployment set from a smaller
 * evaluation set drawn from the same queries, e.g. fit on 900 and forecast
 * 90,000, and count the forecasts within one order of magnitude of the
 * realised risk), run on the user's own queries.
 *
 * For each cell (m, n) with m + n ≤ M (the queries available), each split
 * draws m + n distinct queries uniformly at random: the first m are the
 * evaluation set, the other n the deployment set, so the two never share a
 * query. The Gumbel tail (top t of the m) and the log-normal baseline (all
 * nonzero of the m) each forecast Q_p(n); the realised value is the largest
 * p̂ among the n. error = log10(forecast / realised). Both methods are scored
 * on the same splits: those with a Gumbel fit and at least one hit among the
 * n (the rest are counted as `noFit` / `noHit`, never scored as misses).
 *
 * Departures from the paper, forced by using the eval as its own ground
 * truth: the realised maximum is the capped p̂ (h/k, or the given
 * probability), not a probability estimated from many more samples, so low k
 * adds noise to the realised side; and the splits are of one finite pool, so
 * for n close to M the deployment sets of different splits overlap heavily.
 *
 * Queries are identified by their position in the descending order of `est`,
 * so a set of positions, sorted ascending, lists its p̂ in descending order.
 *
 * Cost per split: O(m + n) for the draw plus O(m log m) to order the
 * evaluation set; nothing is O(M) per split.
 */
export function paperBacktest(est: Estimates, spec: PaperBacktestSpec, rng: Rng): PaperBacktestRow[] {
  const available = est.p.length;
  const positions = new Uint32Array(available);
  for (let i = 0; i < available; i++) positions[i] = i;
  return spec.cells.map((cell) => {
    const needed = cell.fitSize + cell.volume;
    if (needed > available) return { ...cell, kind: 'too-few-queries', needed, available };
    return scoreCell(est, cell, spec, positions, rng);
  });
}

function scoreCell(est: Estimates, cell: BacktestCell, spec: PaperBacktestSpec, positions: Uint32Array, rng: Rng): PaperBacktestRow {
  const { fitSize: m, volume: n } = cell;
  const gumbel: number[] = [];
  const lognormal: number[] = [];
  let noFit = 0;
  let noHit = 0;
  const fitP = new Float64Array(m);
  for (let s = 0; s < spec.splits; s++) {
    shuffleFront(positions, m + n, rng);
    // The deployment set's largest p̂ sits at its smallest position.
    let best = Infinity;
    for (let i = m; i < m + n; i++) if (positions[i] < best) best = positions[i];
    const realised = est.p[best];
    const fitPositions = positions.slice(0, m).sort();
    for (let j = 0; j < m; j++) fitP[j] = est.p[fitPositions[j]];
    const fit = fitGumbelTail(fitP, m, spec.tailSize);
    if (fit.kind !== 'ok') {
      noFit += 1;
      continue;
    }
    if (!(realised > 0)) {
      noHit += 1;
      continue;
    }
    gumbel.push(Math.log10(worstQueryRisk(fit.fit, n) / realised));
    const psi: number[] = [];
    for (let j = 0; j < m && fitP[j] > 0; j++) psi.push(elicitationScore(fitP[j]));
    // A log-normal forecast of 0 (n·π ≤ 1) gives −∞: an infinitely low forecast, counted as such.
    lognormal.push(Math.log10(lognormalWorstQuery(psi, m, n) / realised));
  }
  if (gumbel.length === 0) return { ...cell, kind: 'unscored', splits: spec.splits, noFit, noHit };
  return {
    ...cell,
    kind: 'scored',
    splits: spec.splits,
    scored: gumbel.length,
    noFit,
    noHit,
    gumbel: summarise(gumbel),
    lognormal: summarise(lognormal),
  };
}

/**
 * Puts a uniform random k-subset of `positions` in its first k slots
 * (partial Fisher–Yates). The array is not reset between splits: each swap
 * picks uniformly among the slots not yet chosen, whatever their order, so
 * every split is still a uniform draw, independent of the previous one, at
 * O(k) instead of O(M).
 */
function shuffleFront(positions: Uint32Array, k: number, rng: Rng): void {
  const total = positions.length;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (total - i));
    const tmp = positions[i];
    positions[i] = positions[j];
    positions[j] = tmp;
  }
}

function summarise(errors: number[]): MethodScore {
  return {
    withinTenfold: errors.filter((e) => Math.abs(e) <= 1).length / errors.length,
    underestimated: errors.filter((e) => e < 0).length / errors.length,
    medianAbsLog10Error: median(errors.map(Math.abs)),
  };
}
