#!/usr/bin/env node
/**
 * Power of the paired risk-increase rule against the unpaired one, and the
 * false-alarm rate on unchanged models with and without `adjust: holm`
 * (docs/method.md, "Comparing with a baseline on the same queries" and
 * "Many behaviours at once"). Calls the product's code compiled from src/ by
 * tsc: pairAll + pairedLevel (paired) and forecastBehavior + increaseLevel
 * (unpaired).
 *
 *   node bench/paired-power.mjs           200 evals per increase, 100 runs per family size
 *   node bench/paired-power.mjs --quick   40 and 20
 *
 * World: m = 1,000 queries answered by both models, n = 1e5, factor 3
 * (`fail-risk-increase: 3x`), confidence 0.9. Each query has a base score
 * ψ_i ~ Gumbel(μ = −6.23, β = 0.3), so the true worst-query risk at n is
 * about 1e-7; each model sees ψ_i + ε_i with retraining noise ε ~ N(0, 0.02²)
 * drawn per model, and the candidate adds a uniform shift δ chosen so that
 * the true ratio of worst-query risks at n is R:
 *   δ = −log(1 − ln R · e^{ψ_n}),  ψ_n = μ + β·(−log(−log(1 − 1/n))).
 * Probabilities are given (teacher-forced), so no binomial noise.
 *
 * Output: per R, the share of evals in which each rule fires at factor 3;
 * the smallest R on the grid detected in ≥ 80% of evals; then, with R = 1 for
 * K = 1, 10 and 50 independent behaviours, the share of runs in which any
 * behaviour fires, paired with adjust none and holm (at factor 3, and the
 * paired shift alone, which is what a factor of 1 would gate on), and unpaired.
 */
import { compileSource } from './lib/compile.mjs';
import { behaviorSample } from './lib/sample.mjs';
import { mulberry32 } from '../scripts/lib/random.mjs';

const quick = process.argv.includes('--quick');
const EVALS = quick ? 40 : 200;
const RUNS = quick ? 20 : 100;
const M = 1000;
const N = 1e5;
const FACTOR = 3;
const MU = -6.23;
const BETA = 0.3;
const NOISE = 0.02;
const RATIOS = [1, 2, 3, 5, 10, 20, 50, 100];
const FAMILIES = [1, 10, 50];

const { load } = compileSource();
const { pairAll } = await load('decisions/baseline/pair-all.js');
const { pairedLevel, increaseLevel } = await load('gate/risk-increase.js');
const { forecastBehavior } = await load('forecast/forecast-behavior.js');

const options = {
  deploymentVolume: N,
  tailSize: 10,
  confidence: 0.9,
  bootstrap: 1000,
  seed: 0,
  tau: 0.5,
  backtestSplits: 0,
  backtestRatio: 10,
};
// The unpaired rule's worst-query interval for given probabilities is the pivot's; a small bootstrap only feeds the other metrics.
const unpairedOptions = { ...options, bootstrap: 100 };
const psiN = MU + BETA * -Math.log(-Math.log1p(-1 / N));

function normal(rand) {
  let u = rand();
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Base and candidate samples of one behaviour whose true ratio at n is `ratio`. */
function pair(name, ratio, rand) {
  const delta = -Math.log(1 - Math.log(ratio) * Math.exp(psiN));
  const base = new Float64Array(M);
  const cur = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    let u = rand();
    while (u === 0) u = rand();
    const psi = MU - BETA * Math.log(-Math.log(u));
    base[i] = Math.exp(-Math.exp(-(psi + NOISE * normal(rand))));
    cur[i] = Math.exp(-Math.exp(-(psi + delta + NOISE * normal(rand))));
  }
  const zeros = new Float64Array(M);
  return { base: behaviorSample(name, base, zeros), cur: behaviorSample(name, cur, zeros) };
}

/** Which behaviours of a family fire under each rule. */
function judge(pairs, adjust) {
  const gated = () => true;
  const paired = pairAll(
    pairs.map((p) => p.cur),
    pairs.map((p) => p.base),
    { optionsFor: () => options, gated, adjust },
  );
  return pairs.map((p) => {
    const c = paired.get(p.cur.name);
    const pairedFires = c.shift !== null && pairedLevel(c.shift.up, c.ratio.estimate, { fail: FACTOR }) !== null;
    return { paired: pairedFires, up: c.shift?.up === true, ratio: c.ratio?.estimate ?? null };
  });
}

function unpairedFires(p) {
  const a = forecastBehavior(p.cur, unpairedOptions);
  const b = forecastBehavior(p.base, unpairedOptions);
  if (a.outcome !== 'forecast' || b.outcome !== 'forecast') return false;
  return increaseLevel({ lower: a.worstQueryRisk.lower }, { upper: b.worstQueryRisk.upper }, { fail: FACTOR }) !== null;
}

const started = Date.now();
console.log(`paired vs unpaired risk-increase rule: m = ${M} shared queries, n = ${N}, factor ${FACTOR}, ${EVALS} evals per ratio`);
console.log('true ratio | paired fires | paired moved up | unpaired fires | median paired ratio estimate');
const power = [];
for (const ratio of RATIOS) {
  const rand = mulberry32(1000 + ratio);
  let paired = 0;
  let up = 0;
  let unpaired = 0;
  const estimates = [];
  for (let e = 0; e < EVALS; e++) {
    const p = pair('b', ratio, rand);
    const [r] = judge([p], 'none');
    if (r.paired) paired += 1;
    if (r.up) up += 1;
    if (r.ratio !== null) estimates.push(r.ratio);
    if (unpairedFires(p)) unpaired += 1;
  }
  estimates.sort((x, y) => x - y);
  const median = estimates[Math.floor(estimates.length / 2)];
  power.push({ ratio, paired: paired / EVALS, up: up / EVALS, unpaired: unpaired / EVALS });
  const f = (x, w) => (x / EVALS).toFixed(3).padStart(w);
  console.log(`${String(ratio).padStart(10)} | ${f(paired, 12)} | ${f(up, 15)} | ${f(unpaired, 14)} | ${median.toPrecision(3)}`);
}
const at80 = (key) => power.find((p) => p.ratio > 1 && p[key] >= 0.8)?.ratio ?? 'none on the grid';
console.log(
  `smallest true ratio detected in ≥ 80% of evals: paired at factor 3 ${at80('paired')}×, paired shift alone ${at80('up')}×, unpaired ${at80('unpaired')}`,
);

console.log(`\nfalse alarms on unchanged models (R = 1), ${RUNS} runs per family: share of runs where any behaviour fires`);
console.log('(fires: at factor 3; moved up: the paired shift alone, i.e. a factor of 1)');
console.log('behaviours | fires, none | fires, holm | moved up, none | moved up, holm | unpaired fires');
for (const k of FAMILIES) {
  const rand = mulberry32(7000 + k);
  const count = { none: 0, holm: 0, upNone: 0, upHolm: 0, unpaired: 0 };
  for (let run = 0; run < RUNS; run++) {
    const pairs = Array.from({ length: k }, (_, i) => pair(`b${i}`, 1, rand));
    const none = judge(pairs, 'none');
    const holm = judge(pairs, 'holm');
    if (none.some((r) => r.paired)) count.none += 1;
    if (holm.some((r) => r.paired)) count.holm += 1;
    if (none.some((r) => r.up)) count.upNone += 1;
    if (holm.some((r) => r.up)) count.upHolm += 1;
    if (pairs.some(unpairedFires)) count.unpaired += 1;
  }
  const f = (x, w) => (x / RUNS).toFixed(3).padStart(w);
  console.log(
    `${String(k).padStart(10)} | ${f(count.none, 11)} | ${f(count.holm, 11)} | ${f(count.upNone, 14)} | ${f(count.upHolm, 14)} | ${f(count.unpaired, 14)}`,
  );
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`);
