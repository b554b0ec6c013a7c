/**
 * Seeded generators for the data our scripts and benchmarks write (examples/,
 * bench inputs). Plain .mjs so that scripts/ and bench/ share one copy;
 * __tests__/helpers/prng.ts keeps its own on purpose, so test data never
 * shares code with what it tests.
 */

/** mulberry32 (Tommy Ettinger, public domain): small, seeded, good enough for test data; floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** True p with ψ ~ Gumbel(mu, beta), the shape the method assumes; U in (0, 1) so both logs are finite. */
export function gumbelP(rand, mu, beta) {
  let u = rand();
  while (u === 0) u = rand();
  const psi = mu - beta * Math.log(-Math.log(u));
  return Math.exp(-Math.exp(-psi));
}

/** Hits among k Bernoulli(p) draws. */
export function binomial(rand, k, p) {
  let hits = 0;
  for (let s = 0; s < k; s++) if (rand() < p) hits++;
  return hits;
}
