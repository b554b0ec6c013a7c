#!/usr/bin/env node
/**
 * Red-teamer choice (the paper's §6) on synthetic sources whose tails are
 * known exactly: how often the product's chooseSource (compiled from src/ by
 * tsc) picks the truly better source, and whether it says "overlap" when two
 * sources are the same.
 *
 *   node bench/source-choice.mjs            2,000 seeds, 40 twin pairs
 *   node bench/source-choice.mjs --quick    200 seeds, 8 twin pairs (what the unit tests measured)
 *
 * Each source draws ψ = c + E/λ with E ~ Exp(1): an exact exponential tail
 * in ψ, what the Gumbel-tail method fits; the top-1/n quantile is then
 * ψ_n = c + ln(n)/λ. The paper's Sonnet vs 10× more Haiku queries: "sonnet"
 * (c = −2.82, λ = 4, cost 10) has the higher maximum on an eval of m = 1000
 * but a thin tail; "haiku" (c = −6.70, λ = 1.5, cost 1) the heavier tail.
 * Budget 100,000: sonnet buys 10,000 queries (Q = 0.187), haiku 100,000
 * (Q = 0.686), so haiku is the right choice.
 *
 * Figures, with the bounds the unit tests held them to before they moved here:
 * - share of seeds choosing haiku. Reference: an independent numpy
 *   implementation (np.polyfit of log(j/m) on the top 10 ψ, 20,000 seeds)
 *   86.7%; bound ≥ 80% (3 sd below at 200 seeds; the paper reports 79% on
 *   real red-team data).
 * - share where "the higher maximum now" picks sonnet (wrong). Reference
 *   82.5%; bound ≥ 70%: the scenario is one where today's maximum misleads.
 * - twins (two sources from one distribution, same cost, bootstrap 100):
 *   share of pairs whose intervals overlap. Two independent 90% intervals
 *   miss each other about 2% of the time, about 7% at an effective 80%;
 *   bound ≥ 6 of 8 pairs (75%).
 */
import { compileSource } from './lib/compile.mjs';
import { behaviorSample } from './lib/sample.mjs';
import { mulberry32 } from '../scripts/lib/random.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seeds = quick ? 200 : 2000;
const twinPairs = quick ? 8 : 40;

const { load } = compileSource();
const { chooseSource } = await load('decisions/red-team/choose-source.js');

const SONNET = { c: -2.82, lambda: 4, cost: 10 };
const HAIKU = { c: -6.7, lambda: 1.5, cost: 1 };
const BUDGET = 100_000;
const M = 1000;

/** m given probabilities with ψ = c + E/λ. */
function exponentialTail(m, c, lambda, seed) {
  const u = mulberry32(seed);
  const p = Float64Array.from({ length: m }, () => Math.exp(-Math.exp(-(c - Math.log(1 - u()) / lambda))));
  return behaviorSample('harm', p, new Float64Array(m));
}

const options =
  (bootstrap, seed = 1) =>
  (_behavior, n) => ({
    deploymentVolume: n,
    tailSize: 10,
    confidence: 0.9,
    bootstrap,
    seed,
    tau: 0.5,
    backtestSplits: 0,
    backtestRatio: 10,
  });

const started = Date.now();
let correct = 0;
let naiveWrong = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const sources = [
    { name: 'sonnet', costPerQuery: SONNET.cost, samples: [exponentialTail(M, SONNET.c, SONNET.lambda, 2 * seed)] },
    { name: 'haiku', costPerQuery: HAIKU.cost, samples: [exponentialTail(M, HAIKU.c, HAIKU.lambda, 2 * seed + 1)] },
  ];
  const [choice] = chooseSource(sources, { budget: BUDGET, confidence: 0.9, options: options(0) }).behaviors;
  if (choice.best === 'haiku') correct += 1;
  const max = Object.fromEntries(choice.ranking.map((s) => [s.source, s.observedMax]));
  if (max.sonnet > max.haiku) naiveWrong += 1;
}
let overlaps = 0;
for (let seed = 1; seed <= twinPairs; seed++) {
  const twins = [
    { name: 'a', costPerQuery: 1, samples: [exponentialTail(M, SONNET.c, SONNET.lambda, 100 + 2 * seed)] },
    { name: 'b', costPerQuery: 1, samples: [exponentialTail(M, SONNET.c, SONNET.lambda, 101 + 2 * seed)] },
  ];
  const [choice] = chooseSource(twins, { budget: 10_000, confidence: 0.9, options: options(100, seed) }).behaviors;
  if (choice.separation === 'overlap') overlaps += 1;
}

const pct = (x, n) => `${((100 * x) / n).toFixed(1)}%`;
const met = (ok) => (ok ? 'met' : 'MISSED');
console.log(`Red-team choice on known tails (sonnet vs haiku at budget ${BUDGET}, m = ${M}), ${seeds} seeds.`);
console.log(
  `  chooses the truly better source: ${pct(correct, seeds)} (numpy reference 86.7%; bound ≥ 80%: ${met(correct >= 0.8 * seeds)})`,
);
console.log(
  `  "higher maximum now" picks the wrong one: ${pct(naiveWrong, seeds)} (reference 82.5%; bound ≥ 70%: ${met(naiveWrong >= 0.7 * seeds)})`,
);
console.log(
  `  twins (same distribution): intervals overlap in ${overlaps} of ${twinPairs} pairs (${pct(overlaps, twinPairs)}; bound ≥ 75%: ${met(overlaps >= 0.75 * twinPairs)})`,
);
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
