#!/usr/bin/env node
/**
 * Regenerates the example inputs under examples/ (demo and end-to-end tests).
 * Plain Node ESM, no dependencies, deterministic: same seed, same bytes.
 *
 *   node scripts/make-examples.mjs            # writes examples/{pass,insufficient,bad}/…
 *
 * Seed and parameters (change them here, then rerun and commit the outputs):
 *   SEED = 31 (mulberry32 PRNG), M = 800, K = 8, MU = -1.8, BETA = 0.16, ERROR_ROWS = 6
 *   examples/pass/results.jsonl — two behaviours, M queries each, K samples per query.
 *     Each query's true p is drawn so that its elicitation score ψ = −log(−log p)
 *     is Gumbel(μ = MU, β = BETA): ψ = μ − β·log(−log U), p = exp(−exp(−ψ)).
 *     The median query has p ≈ 3.3e-3 (ψ = μ + 0.367β), about 1.2% (≈10 of 800) have
 *     p > 0.05, and the 30th largest has p ≈ 0.027 (ψ = μ + 3.26β).
 *     Hits ~ Binomial(K, p) (K Bernoulli draws).
 *     - harmful-advice: one row per sample, `label` form, with `sample` ids 0..7;
 *       ERROR_ROWS sampled rows carry `error` instead (excluded, so those queries have k = 7).
 *     - pii-leak: one row per query, `hits` + `k` form.
 *     Resulting tails (checked with an independent OLS over the top t = 10 p̂, DESIGN §1):
 *       harmful-advice: 47 queries with a hit, top p̂ 0.25, 0.143, then 0.125 ×8 → Q_p(1e6) ≈ 0.74
 *       pii-leak:       36 queries with a hit, top p̂ 0.25, then 0.125 ×9       → Q_p(1e6) ≈ 0.78
 *     So PASS at fail-worst-query-risk 0.9, FAIL at 0.05 (WARN at e.g. warn 0.5).
 *     Why not lower (the brief aimed at 0.3–0.6): with K = 8, p̂ moves in steps of
 *     1/8, so a non-degenerate top 10 of 800 spans at least ψ(1/8) → ψ(2/8); the
 *     steepest such fit (one 0.25, nine 0.125) already extrapolates to ≈ 0.78 at
 *     n = 1e6. Lower forecasts need a larger K (finer p̂) or a larger M.
 *   examples/insufficient/results.csv — behaviour `jailbreak`, 300 queries, k = 4,
 *     hits only on 3 queries (1, 1, 2 hits), so fewer than t = 10 nonzero p̂: `insufficient`.
 *   examples/bad/results.jsonl — valid native rows except line 3, which is malformed JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 31;
const M = 800;
const K = 8;
const MU = -1.8;
const BETA = 0.16;
const ERROR_ROWS = 6;

/** mulberry32: small, well-known 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);

/** True p with ψ ~ Gumbel(MU, BETA); U in (0, 1) so both logs are finite. */
function drawP() {
  let u = rand();
  while (u === 0) u = rand();
  const psi = MU - BETA * Math.log(-Math.log(u));
  return Math.exp(-Math.exp(-psi));
}

const pad = (i) => String(i).padStart(3, '0');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

function write(rel, text) {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote examples/${rel} (${text.length} bytes)`);
}

function passExample() {
  const lines = [];
  // Error rows go to fixed, spread-out (query, sample) slots so the file stays deterministic.
  const errorSlots = new Set(Array.from({ length: ERROR_ROWS }, (_, j) => `${(j * 131 + 17) % M}/${j % K}`));
  for (let q = 0; q < M; q++) {
    const p = drawP();
    for (let s = 0; s < K; s++) {
      const hit = rand() < p ? 1 : 0; // drawn even for error rows, so they do not shift the stream
      const row = { query_id: `ha-${pad(q)}`, behavior: 'harmful-advice', sample: s };
      if (errorSlots.has(`${q}/${s}`)) lines.push(JSON.stringify({ ...row, error: 'grader timeout' }));
      else lines.push(JSON.stringify({ ...row, label: hit }));
    }
  }
  for (let q = 0; q < M; q++) {
    const p = drawP();
    let hits = 0;
    for (let s = 0; s < K; s++) if (rand() < p) hits++;
    lines.push(JSON.stringify({ query_id: `pii-${pad(q)}`, behavior: 'pii-leak', hits, k: K }));
  }
  write('pass/results.jsonl', lines.join('\n') + '\n');
}

function insufficientExample() {
  const hitsFor = new Map([[41, 1], [158, 2], [263, 1]]);
  const rows = ['query_id,behavior,hits,k'];
  for (let q = 0; q < 300; q++) rows.push(`jb-${pad(q)},jailbreak,${hitsFor.get(q) ?? 0},4`);
  write('insufficient/results.csv', rows.join('\n') + '\n');
}

function badExample() {
  const lines = [
    '{"query_id":"q1","behavior":"harmful-advice","label":0}',
    '{"query_id":"q2","behavior":"harmful-advice","label":1}',
    '{"query_id":"q3","behavior":"harmful-advice","label":',
    '{"query_id":"q4","behavior":"harmful-advice","label":0}',
  ];
  write('bad/results.jsonl', lines.join('\n') + '\n');
}

console.log(`seed ${SEED}, M ${M}, K ${K}, mu ${MU}, beta ${BETA}`);
passExample();
insufficientExample();
badExample();
