import { sortedEstimates } from '../../src/forecast/elicitation.js';
import { paperBacktest, type PaperBacktestRow } from '../../src/forecast/paper-backtest.js';
import { createRng, type Rng } from '../../src/forecast/numerics/random.js';
import { gumbelScores, relErr } from '../helpers/prng.js';

/** Given probabilities (k = 0) from elicitation scores: p = exp(−exp(−ψ)). */
function givenEstimates(psi: number[]) {
  const p = Float64Array.from(psi, (x) => Math.exp(-Math.exp(-x)));
  return sortedEstimates(p, new Float64Array(psi.length));
}

function scored(row: PaperBacktestRow) {
  if (row.kind !== 'scored') throw new Error(`expected a scored row, got ${row.kind}`);
  return row;
}

/** A generator stuck at 0: every partial Fisher–Yates swap is a no-op, so the evaluation set is the top m and the deployment set the next n. */
const frozen: Rng = { next: () => 0 };

describe('paperBacktest: exact case (split fixed by a generator that always returns 0)', () => {
  // Evaluation set = the 4 largest: ψ = 1, 1, −1, −1 (all nonzero, so π = 1). Deployment set: one query with
  // p = 0.05 then zeros; n = 500, so M = 504.
  //
  // Gumbel tail, t = 3: points (ψ, log S) = (1, log 1/4), (1, log 2/4), (−1, log 3/4). By hand, with x̄ = 1/3:
  //   Sxx = 2·(2/3)² + (4/3)² = 8/3, Sxy = Σ(x − x̄)·y = (2/3)·(y1 + y2 − 2·y3) = (2/3)·log(2/9),
  //   a = Sxy/Sxx = log(2/9)/4, b = ȳ − a·x̄ = (log(6/64) − a)/3,
  //   ψ_n = −(log n + b)/a, Q = exp(−exp(−ψ_n)).
  // Log-normal: μ = 0, σ_ML = 1, π = 4/4, ψ_n = Φ⁻¹(1 − 1/500) = 2.878161739095483
  //   (Python: statistics.NormalDist().inv_cdf(0.998)), Q = exp(−exp(−ψ_n)).
  const psi = [1, 1, -1, -1];
  const p = [...psi.map((x) => Math.exp(-Math.exp(-x))), 0.05, ...new Array(499).fill(0)];
  const est = sortedEstimates(Float64Array.from(p), new Float64Array(p.length));
  const a = Math.log(2 / 9) / 4;
  const b = (Math.log(6 / 64) - a) / 3;
  const gumbelQ = Math.exp(-Math.exp((Math.log(500) + b) / a));
  const lognormalQ = Math.exp(-Math.exp(-2.878161739095483));

  test('errors are log10(forecast / largest p̂ of the deployment set), survival relative to m', () => {
    const [row] = paperBacktest(est, { cells: [{ fitSize: 4, volume: 500 }], splits: 3, tailSize: 3 }, frozen);
    const r = scored(row);
    expect(r).toMatchObject({ fitSize: 4, volume: 500, splits: 3, scored: 3, noFit: 0, noHit: 0 });
    expect(relErr(r.gumbel.medianAbsLog10Error, Math.log10(gumbelQ / 0.05))).toBeLessThan(1e-9);
    expect(relErr(r.lognormal.medianAbsLog10Error, Math.log10(lognormalQ / 0.05))).toBeLessThan(1e-9);
    // Both forecast above 0.05 by more than 10× (Q ≈ 1 and 0.945): no split within 10×, none underestimated.
    expect(r.gumbel).toMatchObject({ withinTenfold: 0, underestimated: 0 });
    expect(r.lognormal).toMatchObject({ withinTenfold: 0, underestimated: 0 });
  });

  test('a deployment set without any hit is counted as noHit, not scored', () => {
    // n = 1 takes only position 4; make it a zero by moving the 0.05 query out of reach (M = 6).
    const zeros = sortedEstimates(Float64Array.from([...psi.map((x) => Math.exp(-Math.exp(-x))), 0, 0]), new Float64Array(6));
    const [row] = paperBacktest(zeros, { cells: [{ fitSize: 4, volume: 1 }], splits: 5, tailSize: 3 }, frozen);
    expect(row).toEqual({ fitSize: 4, volume: 1, kind: 'unscored', splits: 5, noFit: 0, noHit: 5 });
  });

  test('an evaluation set with fewer than t nonzero p̂ is counted as noFit', () => {
    const [row] = paperBacktest(est, { cells: [{ fitSize: 4, volume: 500 }], splits: 2, tailSize: 5 }, frozen);
    expect(row).toEqual({ fitSize: 4, volume: 500, kind: 'unscored', splits: 2, noFit: 2, noHit: 0 });
  });

  test('cells needing more than the available queries are reported, not drawn', () => {
    const rows = paperBacktest(
      est,
      {
        cells: [
          { fitSize: 4, volume: 500 },
          { fitSize: 4, volume: 501 },
        ],
        splits: 1,
        tailSize: 3,
      },
      frozen,
    );
    expect(rows[0].kind).toBe('scored');
    // 4 + 501 = 505 > 504 queries.
    expect(rows[1]).toEqual({ fitSize: 4, volume: 501, kind: 'too-few-queries', needed: 505, available: 504 });
  });
});

// Whether the Gumbel tail wins where it is the true model and loses to the log-normal baseline where
// that one is (within-10× shares, median errors over splits) is a Monte-Carlo study: bench/paper-backtest.mjs.
describe('paperBacktest: seeded splits', () => {
  test('seeded: the same seed gives the same rows, another seed other splits', () => {
    const est = givenEstimates(gumbelScores(5_000, -2.68, 0.1, 5));
    const spec = { cells: [{ fitSize: 100, volume: 1_000 }], splits: 30, tailSize: 10 };
    const first = paperBacktest(est, spec, createRng(1));
    expect(paperBacktest(est, spec, createRng(1))).toEqual(first);
    expect(paperBacktest(est, spec, createRng(2))).not.toEqual(first);
  });
});
