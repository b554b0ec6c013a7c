/**
 * Seeded pseudo-random numbers for the bootstrap and the backtest, so a run
 * is reproducible from its `seed` input.
 *
 * Generator: xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/),
 * seeded through splitmix32 so that nearby seeds give unrelated streams.
 * Uniforms use 53 bits (two outputs) because binomial inversion with
 * probabilities near 1e-6 needs more resolution than 2^-32.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
}

export function createRng(seed: number): Rng {
  let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    next: () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992,
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Binomial(n, p) draw for the bootstrap.
 *
 * Exact inversion (Kachitvichyanukul & Schmeiser 1988, "BINV") when
 * n·min(p, 1 − p) < 30, whose cost is O(n·p). Above that, the normal
 * approximation N(np, np(1 − p)), rounded and clipped to [0, n], in O(1):
 * with a mean of 30 or more its error (skewness ≤ 1/√30 of a standard
 * deviation) is far below the resampling noise the bootstrap measures, and
 * an exact sampler there (counting waiting times) made resample cost grow
 * with the candidates' p̂ (4x from m = 1e4 to 1e6 in the benchmark).
 * p > ½ is drawn as n − Binomial(n, 1 − p).
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p < 30) return inversion(rng, n, p);
  const x = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * standardNormal(rng));
  return Math.min(n, Math.max(0, x));
}

/** Standard normal draw (Box–Muller). */
export function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function inversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  // q^n via log1p: n can be 10^6 with p near 10^-6.
  let r = Math.exp(n * Math.log1p(-p));
  let u = rng.next();
  let x = 0;
  while (u > r) {
    u -= r;
    x += 1;
    if (x > n) return n;
    r *= a / x - s;
    // Rounding can leave u a hair above the remaining mass: restart (rare).
    if (r <= 0) {
      u = rng.next();
      x = 0;
      r = Math.exp(n * Math.log1p(-p));
    }
  }
  return x;
}
