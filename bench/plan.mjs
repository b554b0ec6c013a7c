#!/usr/bin/env node
/**
 * Does the sampling plan keep its word? For evals whose worst-query decision
 * is inconclusive, take the plan's eval size m′, draw a fresh eval of m′
 * queries from the same population, forecast again and count how often the
 * decision then settles (clear or breach), and how often it settles the way
 * the plan said. docs/method.md ("What would decide") quotes the result.
 *
 *   node bench/plan.mjs            200 trials per case
 *   node bench/plan.mjs --quick    50 trials
 *
 * Population: ψ ~ Gumbel(−2, 0.15), given probabilities; m = 300 and 900, n = 10·m and 100·m,
 * t = 10, confidence 0.9, gate-on: interval. Two thresholds, in ψ relative to
 * the true location of the maximum, μ + β·log n: +3.5β (above the Gumbel 95%
 * point 2.97β, so a perfect fit clears it) and −1.5β (below its 5% point
 * −1.10β, so a perfect fit breaches it).
 */
import { compileSource } from './lib/compile.mjs';
import { behaviorSample } from './lib/sample.mjs';
import { mulberry32 } from '../scripts/lib/random.mjs';

const args = process.argv.slice(2);
const trials = args.includes('--quick') ? 50 : 200;
const MU = -2;
const BETA = 0.15;
const base = { tailSize: 10, confidence: 0.9, bootstrap: 0, seed: 1, tau: 0.5, backtestSplits: 0, backtestRatio: 10 };

const { load } = compileSource();
const { forecastBehavior } = await load('forecast/forecast-behavior.js');
const { decide } = await load('gate/decide.js');
const { planForDecision } = await load('decisions/sampling-plan.js');
const { sortedEstimates } = await load('forecast/elicitation.js');

const pAt = (psi) => Math.exp(-Math.exp(-psi));

function optsFor(m, ratio) {
  return { ...base, deploymentVolume: ratio * m };
}

function evalOf(m, rand) {
  const hits = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let u = rand();
    while (u === 0) u = rand();
    hits[i] = pAt(MU - BETA * Math.log(-Math.log(u)));
  }
  return behaviorSample('x', hits, new Float64Array(m));
}

function decision(sample, threshold, opts) {
  const f = forecastBehavior(sample, opts);
  if (f.outcome !== 'forecast') return { f, d: null };
  return { f, d: decide(f, { failWorstQueryRisk: threshold })[0] };
}

function study(M, ratio, offset) {
  const opts = optsFor(M, ratio);
  const threshold = pAt(MU + BETA * Math.log(ratio * M) + offset * BETA);
  const out = { inconclusive: 0, planned: 0, noPlan: 0, settled: 0, asPlanned: 0, growth: [] };
  for (let s = 0; s < trials; s++) {
    const rand = mulberry32(7_919 * s + Math.round(offset * 1000) + 31 * ratio + M);
    const sample = evalOf(M, rand);
    const { f, d } = decision(sample, threshold, opts);
    if (d === null || d.outcome !== 'inconclusive') continue;
    out.inconclusive += 1;
    const plan = planForDecision(f, d, sortedEstimates(sample.hits, sample.samples), opts);
    if (plan.queries === null) {
      out.noPlan += 1;
      continue;
    }
    out.planned += 1;
    out.growth.push(plan.queries / M);
    const again = decision(evalOf(plan.queries, rand), threshold, opts).d;
    if (again !== null && again.outcome !== 'inconclusive') {
      out.settled += 1;
      if (again.outcome === plan.settlesAs) out.asPlanned += 1;
    }
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const share = (x, n) => (n === 0 ? '—' : (x / n).toFixed(2));

console.log(`Sampling plan: does an eval of the planned size settle an inconclusive decision? ${trials} trials per case.`);
console.log('| m | n/m | threshold (ψ above μ + β·log n) | inconclusive at m | with a plan | settled at m′ | as planned | median m′/m |');
console.log('|---|---|---|---|---|---|---|---|');
const started = Date.now();
let planned = 0;
let settled = 0;
for (const [M, ratio] of [
  [300, 10],
  [300, 100],
  [900, 10],
  [900, 100],
]) {
  for (const offset of [3.5, 5, 7, -1.5, -2.5, -3.5]) {
    const r = study(M, ratio, offset);
    planned += r.planned;
    settled += r.settled;
    console.log(
      `| ${M} | ${ratio} | ${offset > 0 ? '+' : ''}${offset}β | ${r.inconclusive} of ${trials} | ${r.planned} | ${share(r.settled, r.planned)} | ${share(r.asPlanned, r.planned)} | ${r.growth.length === 0 ? '—' : `${median(r.growth).toFixed(1)}×`} |`,
    );
  }
}
console.log(`\nPooled: a fresh eval of the planned size settled ${settled} of ${planned} planned decisions (${share(settled, planned)}).`);
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
