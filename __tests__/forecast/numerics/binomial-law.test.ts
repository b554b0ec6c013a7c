/**
 * drawBinomial(binomialLaw(n, p)) must be binomial(rng, n, p) draw for draw:
 * the bootstrap switched to it, and every golden report depends on the same
 * random numbers giving the same hits. Two generators with the same seed run
 * side by side over each branch of binomial(): p = 0 and 1, the inversion
 * walk, the normal approximation (n·p ≥ 30), and p > ½ drawn as misses.
 */
import { binomial, binomialLaw, createRng, drawBinomial } from '../../../src/forecast/numerics/random.js';

const cases: [number, number][] = [
  [10, 0],
  [10, 1],
  [0, 0.3],
  [10, 0.1],
  [10, 0.5],
  [10, 0.7],
  [10, 0.9],
  [100, 0.29],
  [100, 0.31],
  [100, 0.71],
  [1000, 0.999],
  [1_000_000, 1e-6],
  [7, 1 - 1e-17],
];

test.each(cases)('Binomial(%d, %d): the same draws from the same seed', (n, p) => {
  const a = createRng(42);
  const b = createRng(42);
  const law = binomialLaw(n, p);
  const direct = Array.from({ length: 2000 }, () => binomial(a, n, p));
  const viaLaw = Array.from({ length: 2000 }, () => drawBinomial(b, law));
  expect(viaLaw).toEqual(direct);
  // Both consumed the same random numbers: the next one agrees.
  expect(b.next()).toBe(a.next());
});
