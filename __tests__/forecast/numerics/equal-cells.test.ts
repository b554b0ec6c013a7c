/**
 * EqualCells.draw(rng, n, i) must be binomial(rng, n, 1/(c − i)) draw for draw: the bootstrap's
 * multinomial over its candidates switched to it, and every golden report depends on the same random
 * numbers giving the same copies. Two generators with the same seed run side by side over each branch
 * binomial() takes: no draws left, the inversion walk (n·p < 30), the normal approximation (n·p ≥ 30),
 * and p > ½ (the last cell, p = 1, which the bootstrap never asks for but which must not differ).
 */
import { EqualCells } from '../../../src/forecast/numerics/equal-cells.js';
import { binomial, createRng, type Rng } from '../../../src/forecast/numerics/random.js';

test.each([1, 2, 3, 7, 500])('%p cells: every cell, n from 0 to 4c + 40, the same draws and random numbers', (c) => {
  const a = createRng(c);
  const b = createRng(c);
  const cells = new EqualCells(c);
  let differing = 0;
  let draws = 0;
  for (let i = 0; i < c; i += c > 50 ? 7 : 1) {
    for (let n = 0; n <= 4 * c + 40; n += c > 50 ? 13 : 1) {
      for (let k = 0; k < 5; k++) {
        if (cells.draw(b, n, i) !== binomial(a, n, 1 / (c - i))) differing += 1;
        draws += 1;
      }
    }
  }
  expect(draws).toBeGreaterThan(100);
  expect(differing).toBe(0);
  expect(b.next()).toBe(a.next());
});

test('huge n with a tiny cell share (the inversion from (1 − p)^n near e^−n·p) and the normal branch', () => {
  const c = 1_000_000;
  const a = createRng(9);
  const b = createRng(9);
  const cells = new EqualCells(c);
  let differing = 0;
  for (const n of [1, 29, 1000, 1_000_000, 29_999_999, 30_000_000, 50_000_000]) {
    for (let k = 0; k < 50; k++) if (cells.draw(b, n, 0) !== binomial(a, n, 1 / c)) differing += 1;
  }
  expect(differing).toBe(0);
  expect(b.next()).toBe(a.next());
});

/** A generator that returns `first`, then a seeded stream (the inversion walk's rare restart draws again). */
function startingAt(first: number): Rng {
  const rest = createRng(1);
  let used = false;
  return {
    next: () => {
      if (used) return rest.next();
      used = true;
      return first;
    },
  };
}

const word = new Float64Array(1);
const bits = new BigInt64Array(word.buffer);
/** The double next to x ≥ 0, upwards or downwards. */
function nextDouble(x: number, step: 1n | -1n): number {
  word[0] = x;
  bits[0] += step;
  return word[0];
}

test('at the exact uniforms where binomial() moves from x to x + 1 copies, the same decisions', () => {
  // Random draws almost never land within an ulp of a boundary, so a constant that differs in its last bit
  // (log(1 − p) for log1p(−p), say) would pass the tests above. Here the first uniform is set at the boundaries:
  // for each x the smallest u at which binomial() returns more than x (found by bisecting on the bits of u,
  // binomial() being non-decreasing in its first uniform), and the double below it.
  const c = 500;
  const cells = new EqualCells(c);
  let checked = 0;
  let differing = 0;
  for (const [i, n] of [
    [0, 500],
    [250, 260],
    [490, 12],
    [497, 80],
  ]) {
    const p = 1 / (c - i);
    const plain = (u: number): number => binomial(startingAt(u), n, p);
    for (let x = 0; x < 4; x++) {
      // Bisect on the bit patterns of [0, 1): both ends are non-negative doubles, ordered like their bits.
      word[0] = 0;
      let lo = bits[0];
      word[0] = 1;
      let hi = bits[0];
      if (plain(nextDouble(1, -1n)) <= x) continue;
      while (hi - lo > 1n) {
        const mid = (lo + hi) / 2n;
        bits[0] = mid;
        if (plain(word[0]) > x) hi = mid;
        else lo = mid;
      }
      bits[0] = hi;
      const edge = word[0];
      for (const u of [edge, nextDouble(edge, -1n)]) {
        checked += 1;
        if (cells.draw(startingAt(u), n, i) !== plain(u)) differing += 1;
      }
    }
  }
  expect(checked).toBeGreaterThan(20);
  expect(differing).toBe(0);
});
