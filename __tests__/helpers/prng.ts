/**
 * Test-only generator, independent of src/forecast/numerics/random.ts so that test
 * data does not share code with what it tests. mulberry32 (Tommy Ettinger, public domain).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ψ ~ Gumbel(μ, β) by inversion: ψ = μ − β·log(−log U). */
export function gumbelScores(count: number, mu: number, beta: number, seed: number): number[] {
  const u = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = Math.min(Math.max(u(), 1e-300), 1 - 1e-16);
    out.push(mu - beta * Math.log(-Math.log(x)));
  }
  return out;
}

export function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
