#!/usr/bin/env node
/**
 * Flag rates of the self-check of the tail shape, and its cost. Each eval is
 * m queries drawn from a known population and forecast by the product's own
 * forecastBehavior (compiled from src/ by tsc) with the default backtest (50
 * splits, fit on m/10); the figure is the share of evals whose `selfCheck`
 * is flagged (p < 0.05). docs/method.md explains the check; its table is
 * this script's output. It also prints two figures of the null law the
 * p-values are read from: the 5% point of the combined statistic and the
 * mean null PIT.
 *
 *   node bench/self-check.mjs             1,000 evals per population and m
 *   node bench/self-check.mjs --quick     200 evals (the brief's minimum)
 *   node bench/self-check.mjs --evals N
 *
 * Populations (ψ = −log(−log p), p given to the forecast as a probability
 * unless said otherwise):
 * - gumbel: ψ ~ Gumbel(−2, 0.15), the tail the method assumes. Target ≤ 7%.
 * - second-mode +sβ: gumbel plus a rare mode, share 3/m (about 3 queries per
 *   eval, absent from e^−3 ≈ 5% of evals), ψ ~ Normal(top + s·β, β/2) with
 *   top = −2 + 0.15·log m the gumbel's typical maximum at m: a cluster of
 *   queries above the rest, which the gumbel tail alone would reach only at
 *   about e^s·m queries. s = 10 is a clear mode (target ≥ 95%), s = 6 the
 *   edge of what the check sees (information). Counted over evals that hold
 *   at least one mode query; the evals that hold none are shown apart: no
 *   check can see a mode the eval does not contain.
 * - heavier: ψ = −2 + 0.15·((−log U)^−ξ − 1)/ξ with ξ = 0.2, a Fréchet-type
 *   tail in ψ, heavier than Gumbel (information).
 * - hits-k100, hits-k10: gumbel's p observed as h/k (ties among the top p̂:
 *   the tie rule leaves the backtest PIT alone; information).
 */
import { compileSource } from './lib/compile.mjs';
import { behaviorSample } from './lib/sample.mjs';

const args = process.argv.slice(2);
const evals = args.includes('--evals') ? Number(args[args.indexOf('--evals') + 1]) : args.includes('--quick') ? 200 : 1000;
const EVAL_SIZES = [300, 900, 3000];
const MU = -2;
const BETA = 0.15;

const { load } = compileSource();
const { forecastBehavior } = await load('forecast/forecast-behavior.js');
const { checkTailShape } = await load('forecast/uncertainty/tail-shape.js');
const { sortedEstimates } = await load('forecast/elicitation.js');
const { fitGumbelTail } = await load('forecast/gumbel-tail.js');
const { createRng } = await load('forecast/numerics/random.js');
const { normalQuantile } = await load('forecast/numerics/normal-quantile.js');
const { selfCheckNull } = await load('forecast/uncertainty/self-check-null.js');

/**
 * The evals' random numbers: xoshiro128** seeded through splitmix32 (src/forecast/numerics/random.ts), 53-bit
 * uniforms. Not scripts/lib/random.mjs's mulberry32: over 6,000 Gumbel evals at m = 300, evals drawn
 * with it were flagged 6.2% of the time against 5.5% with xoshiro and 5.2% with Math.random (±0.3 each),
 * its top order statistics are not random enough for this study.
 */
const generator = (seed) => {
  const rng = createRng(seed);
  return () => rng.next();
};
const open01 = (rand) => {
  let u = rand();
  while (u === 0) u = rand();
  return u;
};
const fromPsi = (psi) => Math.exp(-Math.exp(-psi));
const gumbelPsi = (rand) => MU - BETA * Math.log(-Math.log(open01(rand)));
function binomial(rand, k, p) {
  let h = 0;
  for (let s = 0; s < k; s++) if (rand() < p) h += 1;
  return h;
}

/** Each population draws one eval of m queries: { hits, samples, modeCount? }. */
const POPULATIONS = [
  { name: 'gumbel', target: '≤ 7%', draw: (rand, m) => given(m, () => fromPsi(gumbelPsi(rand))) },
  secondMode(10, '≥ 95%'),
  secondMode(6, 'information'),
  {
    name: 'heavier',
    target: 'information',
    draw: (rand, m) => given(m, () => fromPsi(MU + (BETA * (Math.pow(-Math.log(open01(rand)), -0.2) - 1)) / 0.2)),
  },
  { name: 'hits-k100', target: 'information', draw: (rand, m) => sampled(m, 100, () => fromPsi(gumbelPsi(rand)), rand) },
  { name: 'hits-k10', target: 'information', draw: (rand, m) => sampled(m, 10, () => fromPsi(gumbelPsi(rand)), rand) },
];

/**
 * The gumbel population plus a rare mode: share 3/m, ψ ~ Normal(top + s·β, β/2)
 * with top = −2 + 0.15·log m, the gumbel's typical maximum at m. The gumbel
 * tail itself would reach the mode's centre only at about e^s·m queries.
 */
function secondMode(s, target) {
  return {
    name: `second-mode +${s}β`,
    target,
    mode: true,
    draw: (rand, m) => {
      const centre = MU + BETA * (Math.log(m) + s);
      let modeCount = 0;
      const e = given(m, () => {
        if (rand() < 3 / m) {
          modeCount += 1;
          return fromPsi(centre + 0.5 * BETA * normalQuantile(open01(rand)));
        }
        return fromPsi(gumbelPsi(rand));
      });
      return { ...e, modeCount };
    },
  };
}

function given(m, p) {
  return { hits: Float64Array.from({ length: m }, p), samples: new Float64Array(m) };
}
function sampled(m, k, p, rand) {
  return { hits: Float64Array.from({ length: m }, () => binomial(rand, k, p())), samples: new Float64Array(m).fill(k) };
}

const OPTIONS = {
  deploymentVolume: 1e6,
  tailSize: 10,
  confidence: 0.9,
  bootstrap: 0,
  seed: 0,
  tau: 0.5,
  backtestSplits: 50,
  backtestRatio: 10,
};

function study(population, m) {
  const out = { flagged: 0, counted: 0, absentFlagged: 0, absent: 0, unfit: 0, unchecked: 0, tests: {} };
  for (let e = 0; e < evals; e++) {
    const rand = generator(7_919 * m + 104_729 * POPULATIONS.indexOf(population) + e);
    const data = population.draw(rand, m);
    const f = forecastBehavior(behaviorSample(population.name, data.hits, data.samples), { ...OPTIONS, seed: e });
    if (f.outcome !== 'forecast' || f.selfCheck === null) {
      out.unfit += 1;
      continue;
    }
    if (data.modeCount === 0) {
      out.absent += 1;
      if (f.selfCheck.flagged) out.absentFlagged += 1;
      continue;
    }
    out.counted += 1;
    if (f.selfCheck.flagged) out.flagged += 1;
    if (f.selfCheck.pValue === null) out.unchecked += 1;
    for (const [test, p] of Object.entries(f.selfCheck.tests)) if (p < 0.05) out.tests[test] = (out.tests[test] ?? 0) + 1;
  }
  return out;
}

/** Cost of the check for one behaviour: cold (its null law simulated) and warm (cached), in ms. */
function cost(m) {
  const data = POPULATIONS[0].draw(generator(m), m);
  const est = sortedEstimates(data.hits, data.samples);
  const fit = fitGumbelTail(est.p, m, 10).fit;
  const time = () => {
    const t0 = process.hrtime.bigint();
    checkTailShape(est, fit, OPTIONS, createRng(1));
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const cold = time();
  const warm = Math.min(time(), time(), time());
  return { cold, warm };
}

const pct = (x, n) => (n === 0 ? '—' : `${((100 * x) / n).toFixed(1)}%`);
console.log(
  `Self-check of the tail shape: share of evals flagged (p < 0.05), ${evals} evals per cell, t = 10, backtest 50 splits on m/10.`,
);
const started = Date.now();
const rows = [];
for (const m of EVAL_SIZES) {
  const cells = POPULATIONS.map((pop) => ({ pop, r: study(pop, m) }));
  rows.push({ m, cells });
  const detail = cells
    .map(({ pop, r }) => {
      const tests = Object.entries(r.tests)
        .map(([t, c]) => `${t} ${pct(c, r.counted)}`)
        .join(', ');
      const absent = pop.mode ? `; mode absent from ${r.absent}: ${pct(r.absentFlagged, r.absent)} flagged` : '';
      const unchecked = r.unchecked ? `; ${r.unchecked} not checked (every test skipped)` : '';
      return `  ${pop.name}: ${pct(r.flagged, r.counted)} of ${r.counted} (each test at 5%: ${tests || 'none'})${absent}${unchecked}${r.unfit ? `; ${r.unfit} without a fit` : ''}`;
    })
    .join('\n');
  console.log(`m = ${m}:\n${detail}`);
}

console.log(`\n| m | ${POPULATIONS.map((p) => `${p.name} (${p.target})`).join(' | ')} | second mode absent from the eval |`);
console.log(`|---|${POPULATIONS.map(() => '---:|').join('')}---:|`);
for (const { m, cells } of rows) {
  const modes = cells.filter((c) => c.pop.mode).map((c) => c.r);
  const absent = modes.reduce((s, r) => s + r.absent, 0);
  const absentFlagged = modes.reduce((s, r) => s + r.absentFlagged, 0);
  console.log(`| ${m} | ${cells.map(({ r }) => pct(r.flagged, r.counted)).join(' | ')} | ${pct(absentFlagged, absent)} of ${absent} |`);
}
const margin = (1.96 * Math.sqrt(0.05 * 0.95)) / Math.sqrt(evals);
console.log(`A 5% rate over ${evals} evals has a 95% Monte-Carlo margin of ±${(100 * margin).toFixed(1)} points.`);

// The simulated null law itself (the table every p-value is read from), at t = 10, m = 900, backtest 50 splits on 90.
// Two figures a unit test checked before they moved here, with its bounds.
const law = selfCheckNull({ tailSize: 10, queries: 900, backtest: { fitSize: 90, splits: 50 } });
const mins = Array.from({ length: law.replicates }, (_, r) =>
  Math.min(law.pValues.r2[r], law.pValues.topGap[r], law.pValues.curvature[r], law.pValues.backtestPit[r]),
).sort((a, b) => a - b);
const fifth = mins[Math.floor(0.05 * law.replicates)];
const pit = Array.from(law.pit);
const pitMean = pit.reduce((s, x) => s + x, 0) / pit.length;
const pitSd = Math.sqrt(pit.reduce((s, x) => s + (x - pitMean) ** 2, 0) / pit.length);
const pitBound = (4 * pitSd) / Math.sqrt(pit.length);
const met = (ok) => (ok ? 'met' : 'MISSED');
console.log(`\nThe null law (t = 10, m = 900, backtest 50 splits on 90; ${law.replicates} replicates, fixed seed):`);
console.log(
  `  5% point of the smallest of the four p-values: ${fifth.toFixed(4)} (independent numpy figure 0.017; bound ±0.004: ${met(Math.abs(fifth - 0.017) < 0.004)})`,
);
console.log(
  `  mean backtest PIT: ${pitMean.toFixed(4)} (uniform under the null: ½; bound ±4 sd/√R = ±${pitBound.toFixed(4)}: ${met(Math.abs(pitMean - 0.5) < pitBound)})`,
);

console.log('\nCost of the check per behaviour (backtest + statistics + null law), ms:');
// Sizes the study did not use, so the first call simulates its null law.
for (const m of [500, 5000, 100_000]) {
  const c = cost(m);
  console.log(`  m = ${m}: ${c.cold.toFixed(0)} ms the first time at this m (null law simulated), ${c.warm.toFixed(1)} ms after (cached)`);
}
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
