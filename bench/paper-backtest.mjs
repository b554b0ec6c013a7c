#!/usr/bin/env node
/**
 * The paper's backtest protocol (`tailgate backtest`, src/forecast/paper-backtest.ts, compiled from src/
 * by tsc) on synthetic data whose shape is known: does the Gumbel tail win where it is the true model,
 * and lose to the log-normal baseline where that one is?
 *
 *   node bench/paper-backtest.mjs            8 data seeds per world, 60 splits each
 *   node bench/paper-backtest.mjs --quick    1 data seed per world (what the unit tests measured)
 *
 * Worlds, with the bounds the unit tests held them to before they moved here:
 * - gumbel: ψ ~ Gumbel(μ = −2.56, β = 0.1), 40,000 queries, fit on 300, score the worst of 30,000
 *   (p ≈ 1e-2, like the paper's misuse evals). The OLS slope on t = 10 has a relative sd of about
 *   1/√10, so ψ_n is off by about 0.15 (sd) against the ±0.4 that "within 10×" allows at p ≈ 1e-2;
 *   with the intercept and the realised maximum random too, bound: within 10× in ≥ 70% of splits
 *   (the paper: 86% on real data, 900 → 90,000), and a smaller median error than the baseline.
 * - lognormal: ψ ~ Normal(−3, 0.6), 12,000 queries, cells 100 → 5,000 and 200 → 10,000. A normal's
 *   log-survival is concave in ψ, so the Gumbel line over-predicts: bound: the baseline's median error
 *   is smaller in every cell, and the Gumbel tail under-estimates in fewer than 50% of splits (a
 *   perfect quantile forecast would be under the realised max in about 1 − 1/e ≈ 63%).
 */
import { compileSource } from './lib/compile.mjs';
import { mulberry32 } from '../scripts/lib/random.mjs';

const args = process.argv.slice(2);
const dataSeeds = args.includes('--quick') ? 1 : 8;
const SPLITS = 60;

const { load } = compileSource();
const { paperBacktest } = await load('forecast/paper-backtest.js');
const { sortedEstimates } = await load('forecast/elicitation.js');
const { createRng } = await load('forecast/numerics/random.js');

const clamp = (u) => Math.min(Math.max(u, 1e-300), 1 - 1e-16);
const gumbelScores = (count, mu, beta, seed) => {
  const u = mulberry32(seed);
  return Array.from({ length: count }, () => mu - beta * Math.log(-Math.log(clamp(u()))));
};
/** Box–Muller. */
const normalScores = (count, mu, sigma, seed) => {
  const u = mulberry32(seed);
  return Array.from({ length: count }, () => mu + sigma * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
};
const givenEstimates = (psi) =>
  sortedEstimates(
    Float64Array.from(psi, (x) => Math.exp(-Math.exp(-x))),
    new Float64Array(psi.length),
  );

const WORLDS = [
  {
    name: 'gumbel',
    data: (s) => givenEstimates(gumbelScores(40_000, -2.56, 0.1, 41 + 100 * s)),
    cells: [{ fitSize: 300, volume: 30_000 }],
    rng: (s) => createRng(7 + s),
    check: (r) => r.gumbel.withinTenfold >= 0.7 && r.gumbel.medianAbsLog10Error < r.lognormal.medianAbsLog10Error,
    bound: 'Gumbel within 10× ≥ 70% and its median error below the baseline’s',
  },
  {
    name: 'lognormal',
    data: (s) => givenEstimates(normalScores(12_000, -3, 0.6, 43 + 100 * s)),
    cells: [
      { fitSize: 100, volume: 5_000 },
      { fitSize: 200, volume: 10_000 },
    ],
    rng: (s) => createRng(11 + s),
    check: (r) => r.lognormal.medianAbsLog10Error < r.gumbel.medianAbsLog10Error && r.gumbel.underestimated < 0.5,
    bound: 'baseline’s median error below the Gumbel tail’s, Gumbel under-estimates < 50%',
  },
];

const pct = (x) => `${(100 * x).toFixed(0)}%`;
const started = Date.now();
console.log(`The paper's backtest on synthetic data, t = 10, ${SPLITS} splits per cell, ${dataSeeds} data seed(s) per world.`);
for (const world of WORLDS) {
  console.log(`${world.name} (bound: ${world.bound}):`);
  let met = 0;
  let rows = 0;
  for (let s = 0; s < dataSeeds; s++) {
    const est = world.data(s);
    for (const row of paperBacktest(est, { cells: world.cells, splits: SPLITS, tailSize: 10 }, world.rng(s))) {
      if (row.kind !== 'scored') throw new Error(`${world.name}: a cell was not scored (${row.kind})`);
      rows += 1;
      if (world.check(row)) met += 1;
      const f = (m) =>
        `within 10× ${pct(m.withinTenfold)}, under ${pct(m.underestimated)}, median |log10 error| ${m.medianAbsLog10Error.toFixed(2)}`;
      console.log(`  seed ${s}, ${row.fitSize} → ${row.volume}: Gumbel ${f(row.gumbel)}; log-normal ${f(row.lognormal)}`);
    }
  }
  console.log(`  bound met in ${met} of ${rows} cells`);
}
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
