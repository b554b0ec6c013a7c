import { sortedEstimates } from '../src/forecast/elicitation.js';
import { paperBacktest, type PaperBacktestRow } from '../src/forecast/paper-backtest.js';
import { createRng, type Rng } from '../src/forecast/numerics/random.js';
import { gumbelScores, mulberry32, relErr } from './helpers/prng.js';

/** Given probabilities (k = 0) from elicitation scores: p = exp(−exp(−ψ)). */
function givenEstimates(psi: number[]) {
  const p = Float64Array.from(psi, (x) => Math.exp(-Math.exp(-x)));
  return sortedEstimates(p, new Float64Array(psi.length));
}

/** ψ ~ Normal(μ, σ) by Box–Muller from the test-only generator. */
function normalScores(count: number, mu: number, sigma: number, seed: number): number[] {
  const u = mulberry32(seed);
  return Array.from({ length: count }, () => mu + sigma * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
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

describe('paperBacktest: the protocol on synthetic data with a known shape', () => {
  // Sizes are kept small: ts-jest's ESM code runs this loop far slower than plain Node, and each split
  // draws m + n queries.
  test('exactly Gumbel ψ: the Gumbel tail is within 10× in most splits and beats the log-normal baseline', () => {
    // ψ ~ Gumbel(μ = −2.56, β = 0.1) for 40,000 queries, so log S(ψ) = −(ψ − μ)/β in the tail: the fitted line
    // is the truth and only sampling noise remains. μ is chosen so the worst of n = 30,000 has p ≈ 1e-2 (like
    // the paper's misuse evals) rather than p near 1, where every forecast is trivially within 10×.
    // Why ≥ 70%: the OLS slope on t = 10 order statistics has a relative sd of about 1/√10 ≈ 0.32, so ψ_n,
    // extrapolated β·log(n/m) ≈ 0.46 beyond the fit, is off by about 0.15 (sd); within 10× at p ≈ 1e-2 allows
    // a ψ error of about ±0.4 (−log p ≈ 4.6 may move by a factor e^{±0.4} before p moves 10×), i.e. ~2.7 sd.
    // Slope noise alone would give ~99%; the intercept and the realised maximum are random too, hence the
    // margin down to 70% (the paper reports 86% on real data for 900 → 90,000; eight data seeds of this
    // set-up gave 80–93% with 60 splits).
    const est = givenEstimates(gumbelScores(40_000, -2.56, 0.1, 41));
    const [row] = paperBacktest(est, { cells: [{ fitSize: 300, volume: 30_000 }], splits: 60, tailSize: 10 }, createRng(7));
    const r = scored(row);
    expect(r.scored).toBe(60);
    expect(r.gumbel.withinTenfold).toBeGreaterThanOrEqual(0.7);
    expect(r.gumbel.medianAbsLog10Error).toBeLessThan(r.lognormal.medianAbsLog10Error);
  });

  test('log-normal ψ: the log-normal baseline (now the true model) beats the Gumbel tail, which over-predicts', () => {
    // ψ ~ Normal(−3, 0.6) for 12,000 queries: every p > 0 (no truncation bias in the baseline's fit). A
    // normal's log-survival is concave in ψ, so the straight Gumbel line through the top t over-states the
    // survival further out and over-predicts: fewer than half of its forecasts fall below the realised max,
    // although a perfect quantile forecast would be below it in about 1 − 1/e ≈ 63% of splits (the max of n
    // exceeds the top-1/n quantile with probability 1 − (1 − 1/n)^n). Tolerance: a strictly smaller median
    // error for the baseline in every cell, and Gumbel underestimation below 50% (eight data seeds gave
    // 12–33%).
    const est = givenEstimates(normalScores(12_000, -3, 0.6, 43));
    const cells = [
      { fitSize: 100, volume: 5_000 },
      { fitSize: 200, volume: 10_000 },
    ];
    const rows = paperBacktest(est, { cells, splits: 60, tailSize: 10 }, createRng(11));
    for (const row of rows) {
      const r = scored(row);
      expect(r.lognormal.medianAbsLog10Error).toBeLessThan(r.gumbel.medianAbsLog10Error);
      expect(r.gumbel.underestimated).toBeLessThan(0.5);
    }
  });

  test('seeded: the same seed gives the same rows, another seed other splits', () => {
    const est = givenEstimates(gumbelScores(5_000, -2.68, 0.1, 5));
    const spec = { cells: [{ fitSize: 100, volume: 1_000 }], splits: 30, tailSize: 10 };
    const first = paperBacktest(est, spec, createRng(1));
    expect(paperBacktest(est, spec, createRng(1))).toEqual(first);
    expect(paperBacktest(est, spec, createRng(2))).not.toEqual(first);
  });
});
