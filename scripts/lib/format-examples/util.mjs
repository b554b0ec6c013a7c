/**
 * Small helpers shared by the format example builders
 * (scripts/make-format-examples.mjs). Randomness always comes from a
 * caller's seeded stream (scripts/lib/random.mjs), never Math.random.
 */
import { binomial, gumbelP, mulberry32 } from '../random.mjs';

/**
 * Per-query hit counts: for each of `m` queries, p is drawn with ψ ~ Gumbel(μ, β)
 * and h ~ Binomial(k, p), both from one mulberry32(seed) stream in that order
 * (p of query 0, h of query 0, p of query 1, …), so the counts in the
 * generator's header can be re-derived from (m, k, μ, β, seed) alone.
 */
export function drawHits({ m, k, mu, beta, seed }) {
  const rand = mulberry32(seed);
  const hits = [];
  for (let q = 0; q < m; q++) hits.push(binomial(rand, k, gumbelP(rand, mu, beta)));
  return hits;
}

/** Fisher–Yates shuffle of a copy of `items`, driven by `rand`. */
export function shuffled(rand, items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `k` booleans, exactly `h` of them true, in an order drawn from `rand`: which samples of a query were hits. */
export function hitPattern(rand, h, k) {
  return shuffled(
    rand,
    Array.from({ length: k }, (_, i) => i < h),
  );
}

/** `n` lowercase hex digits from `rand` (ids, hashes: look-alikes, not real digests). */
export function hex(rand, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

/** A version-4-shaped UUID from `rand`. */
export function uuid(rand) {
  const h = hex(rand, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Picks one element of `items` with `rand`. */
export function pick(rand, items) {
  return items[Math.floor(rand() * items.length)];
}

/** Nonzero count and top values of per-query hit counts, for the generator's summary. */
export function describeHits(hits) {
  const sorted = [...hits].sort((a, b) => b - a);
  return { queries: hits.length, nonzero: hits.filter((h) => h > 0).length, top10: sorted.slice(0, 10) };
}

/** A number Python wrote as a float (`1.0`, not `1`): wrap it so pyDumps keeps the `.0`. */
export class PyFloat {
  constructor(value) {
    this.value = value;
  }
}

/**
 * Python's `json.dumps(value, ensure_ascii=False)`: separators `, ` and `: `,
 * floats as repr (JS prints the same shortest round-trip digits for the
 * magnitudes used here), non-ASCII kept as is.
 */
export function pyDumps(value) {
  if (value instanceof PyFloat) return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyDumps).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pyDumps(v)}`)
    .join(', ')}}`;
}
