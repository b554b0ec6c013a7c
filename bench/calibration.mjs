#!/usr/bin/env node
/**
 * Calibration study of the worst-query interval, on the paper's protocol:
 * fit on m queries, predict the worst of n = (n/m)·m deployment queries,
 * and check the prediction against the real worst query of a fresh draw of
 * n queries from the same population. docs/method.md explains the interval;
 * the README's table is this script's output.
 *
 *   node bench/calibration.mjs            400 splits per population and configuration
 *   node bench/calibration.mjs --quick    50 splits (a smoke run, under a minute)
 *   node bench/calibration.mjs --splits N
 *
 * Each split runs the product's own forecastBehavior (compiled from src/ by
 * tsc) with the default confidence 0.9, so the upper end is the 95% bound.
 * Populations, each with the exact law of its maximum (so the truth costs O(1)
 * per split at any n):
 * - gumbel-rare, gumbel-mid, gumbel-high: ψ of p is Gumbel(μ, β), the tail the
 *   method assumes (well specified), p given to the forecast as a probability;
 * - hits-k100: p from gumbel-mid, observed as h/k with k = 100 samples per query
 *   (well specified; the hybrid interval), truth the worst *true* p;
 * - kumaraswamy: p ~ Kumaraswamy(0.5, 30), a beta-like law (misspecified);
 * - logit-normal: logit p ~ Normal(−6, 1.5) (misspecified, lighter than Gumbel in ψ).
 */
import { compileSource } from './lib/compile.mjs';
import { behaviorSample } from './lib/sample.mjs';
import { mulberry32, binomial } from '../scripts/lib/random.mjs';

const args = process.argv.slice(2);
const splits = args.includes('--splits') ? Number(args[args.indexOf('--splits') + 1]) : args.includes('--quick') ? 50 : 400;
const CONFIDENCE = 0.9;
const EVAL_SIZES = [300, 900, 3000];
const RATIOS = [100, 1000];

const { load } = compileSource();
const { forecastBehavior } = await load('forecast/forecast-behavior.js');
const { normalQuantile } = await load('forecast/numerics/normal-quantile.js');

/** A uniform in (0, 1): both logs of a Gumbel draw stay finite. */
const open01 = (rand) => {
  let u = rand();
  while (u === 0) u = rand();
  return u;
};
const fromPsi = (psi) => Math.exp(-Math.exp(-psi));

function gumbelWorld(name, mu, beta) {
  return {
    name,
    wellSpecified: true,
    draw: (rand) => ({ p: fromPsi(mu - beta * Math.log(-Math.log(open01(rand)))) }),
    // The maximum of n Gumbel(μ, β) is Gumbel(μ + β·log n, β).
    worst: (rand, n) => fromPsi(mu + beta * Math.log(n) - beta * Math.log(-Math.log(open01(rand)))),
  };
}

// Worst query at n = 90,000 about 1e-4 (rare), 0.2 (mid) and 0.99 (high).
const mid = gumbelWorld('gumbel-mid', -2, 0.15);
const WORLDS = [
  gumbelWorld('gumbel-rare', -3, 0.08),
  mid,
  gumbelWorld('gumbel-high', -1, 0.3),
  {
    name: 'hits-k100',
    wellSpecified: true,
    draw: (rand) => {
      const { p } = mid.draw(rand);
      return { p, hits: binomial(rand, 100, p), k: 100 };
    },
    worst: mid.worst,
  },
  {
    name: 'kumaraswamy',
    wellSpecified: false,
    // Quantile function p = (1 − (1 − u)^{1/b})^{1/a}; the maximum of n is it at u = V^{1/n}.
    draw: (rand) => ({ p: kumaraswamy(1 - open01(rand)) }),
    worst: (rand, n) => kumaraswamy(-Math.expm1(Math.log(open01(rand)) / n)),
  },
  {
    name: 'logit-normal',
    wellSpecified: false,
    draw: (rand) => ({ p: logistic(-6 + 1.5 * normalQuantile(open01(rand))) }),
    // The maximum of n normals is −Φ⁻¹(q) with q = 1 − V^{1/n}, the upper-tail probability, kept exact with expm1.
    worst: (rand, n) => logistic(-6 - 1.5 * normalQuantile(-Math.expm1(Math.log(open01(rand)) / n))),
  },
];

/** Kumaraswamy(0.5, 30) at upper-tail probability q = 1 − u, computed without cancellation. */
function kumaraswamy(q) {
  return Math.exp(Math.log(-Math.expm1(Math.log(q) / 30)) / 0.5);
}
function logistic(x) {
  return 1 / (1 + Math.exp(-x));
}

function sample(world, m, rand) {
  const hits = new Float64Array(m);
  const samples = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const d = world.draw(rand);
    hits[i] = d.k === undefined ? d.p : d.hits;
    samples[i] = d.k ?? 0;
  }
  return behaviorSample(world.name, hits, samples);
}

function study(world, m, ratio) {
  const n = m * ratio;
  const out = { covered: 0, lowerCovered: 0, ratios: [], unusable: 0, methods: new Set() };
  for (let s = 0; s < splits; s++) {
    const rand = mulberry32(1_000_003 * m + 7919 * ratio + 104_729 * WORLDS.indexOf(world) + s);
    const f = forecastBehavior(sample(world, m, rand), {
      deploymentVolume: n,
      tailSize: 10,
      confidence: CONFIDENCE,
      // The bootstrap only matters for hits of k (the hybrid); given probabilities use the pivot alone.
      bootstrap: world.name === 'hits-k100' ? 1000 : 0,
      seed: s,
      tau: 0.5,
      backtestSplits: 0,
      backtestRatio: 10,
    });
    if (f.outcome !== 'forecast') {
      out.unusable += 1;
      continue;
    }
    const { upper, lower, intervalMethod } = f.worstQueryRisk;
    out.methods.add(intervalMethod);
    const truth = world.worst(rand, n);
    if (truth <= upper) out.covered += 1;
    if (truth >= lower) out.lowerCovered += 1;
    out.ratios.push(upper / truth);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x) => x.toFixed(3);

console.log(
  `Calibration of the worst-query interval (confidence ${CONFIDENCE}: the upper end is a 95% bound), t = 10, ${splits} splits per cell.`,
);
console.log('Cover = share of splits whose real worst query is at or below the upper end (target ≥ 0.95 where well specified);');
console.log('lower = share at or above the lower end (target ≥ 0.95); ratio = median of upper end ÷ real worst query.\n');
const started = Date.now();
const rows = [];
for (const m of EVAL_SIZES) {
  for (const ratio of RATIOS) {
    const cells = WORLDS.map((w) => ({ world: w, r: study(w, m, ratio) }));
    const well = cells.filter((c) => c.world.wellSpecified);
    const pooledN = well.reduce((s, c) => s + c.r.ratios.length, 0);
    const pooled = well.reduce((s, c) => s + c.r.covered, 0) / pooledN;
    rows.push({ m, ratio, pooled, cells });
    const detail = cells
      .map(
        (c) =>
          `${c.world.name} ${pct(c.r.covered / c.r.ratios.length)}/${pct(c.r.lowerCovered / c.r.ratios.length)} ×${median(c.r.ratios).toFixed(1)}${c.r.unusable ? ` (${c.r.unusable} unfit)` : ''}`,
      )
      .join('; ');
    console.log(`m = ${m}, n/m = ${ratio}: pooled well-specified cover ${pct(pooled)} (${pooledN} splits). ${detail}`);
  }
}

const names = WORLDS.map((w) => `${w.name}${w.wellSpecified ? '' : ' (misspecified)'}`);
console.log(`\n| m | n/m | pooled, well specified | ${names.join(' | ')} |`);
console.log(`|---|---|---|${names.map(() => '---|').join('')}`);
for (const { m, ratio, pooled, cells } of rows) {
  const cell = ({ r }) => `${pct(r.covered / r.ratios.length)} (${median(r.ratios).toFixed(1)}×)`;
  console.log(`| ${m} | ${ratio} | ${pct(pooled)} | ${cells.map(cell).join(' | ')} |`);
}
console.log('Each cell: upper-end cover (median of upper end ÷ real worst query).');
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
