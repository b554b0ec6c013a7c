import { bootstrap, candidateCount, resampleTop } from '../../../src/forecast/uncertainty/bootstrap.js';
import { sortedEstimates } from '../../../src/forecast/elicitation.js';
import { centredInterval, LOG_SCALE, percentile } from '../../../src/forecast/uncertainty/bootstrap-interval.js';
import { normalQuantile } from '../../../src/forecast/numerics/normal-quantile.js';
import { createRng } from '../../../src/forecast/numerics/random.js';
import { gumbelScores } from '../../helpers/prng.js';

function gumbelEstimates(m: number, seed: number) {
  const p = gumbelScores(m, -2, 0.5, seed).map((x) => Math.exp(-Math.exp(-x)));
  return sortedEstimates(p, new Array(m).fill(0));
}

describe('resampleTop draws a with-replacement resample of the top', () => {
  test('the top query appears in a resample with probability 1 − (1 − 1/m)^m', () => {
    // Given probabilities: no binomial layer, so the top copy's p* equals the top p̂ iff it was drawn.
    const m = 1000;
    const est = gumbelEstimates(m, 3);
    const rng = createRng(5);
    const trials = 4000;
    let present = 0;
    let copiesOfTop = 0;
    for (let r = 0; r < trials; r++) {
      const { drawn } = resampleTop(est, candidateCount(est.nonzero, 10), rng);
      for (const x of drawn) if (x === est.p[0]) copiesOfTop += 1;
      if (drawn[0] === est.p[0]) present += 1;
    }
    const expected = 1 - (1 - 1 / m) ** m; // 0.6323
    expect(Math.abs(present / trials - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / trials));
    // Copies of one query ~ Binomial(m, 1/m): mean 1, variance ≈ 1.
    expect(Math.abs(copiesOfTop / trials - 1)).toBeLessThan(4 * Math.sqrt(1 / trials));
  });

  test('sampled p̂ is redrawn binomially: one query with h = 1 of k = 4 gives p* = 0 with probability 0.75^4', () => {
    // m = 1 query: the resample holds exactly one copy of it.
    const est = sortedEstimates([1], [4]);
    const rng = createRng(9);
    let zeros = 0;
    const trials = 20_000;
    for (let r = 0; r < trials; r++) {
      const { drawn } = resampleTop(est, 1, rng);
      expect(drawn.length).toBe(1);
      if (drawn[0] === 0) zeros += 1;
    }
    expect(Math.abs(zeros / trials - 0.31640625)).toBeLessThan(4 * Math.sqrt((0.3164 * 0.6836) / trials));
  });

  test('a resample of m draws puts about m·(nonzero/m) draws on the nonzero queries', () => {
    const est = sortedEstimates([...new Array(100).fill(0.1), ...new Array(900).fill(0)], new Array(1000).fill(0));
    const rng = createRng(2);
    let total = 0;
    for (let r = 0; r < 2000; r++) total += resampleTop(est, 100, rng).onNonzero;
    // Binomial(1000, 0.1): mean 100, sd 9.49; the mean of 2000 has sd 0.21.
    expect(Math.abs(total / 2000 - 100)).toBeLessThan(1);
  });
});

describe('bootstrap', () => {
  const spec = { tailSize: 10, volumes: [1e5, 1e4], tau: 0.5 };

  test('is reproducible from its seed and changes with it', () => {
    const est = gumbelEstimates(2000, 1);
    const a = bootstrap(est, spec, 200, createRng(1));
    const b = bootstrap(est, spec, 200, createRng(1));
    const c = bootstrap(est, spec, 200, createRng(2));
    expect(Array.from(a.worst[0])).toEqual(Array.from(b.worst[0]));
    expect(Array.from(a.worst[0])).not.toEqual(Array.from(c.worst[0]));
    expect(a.successes + a.failures).toBe(200);
  });

  test('few samples per query widen the band: k = 4 against the same p̂ given as probabilities', () => {
    // Queries with p̂ = h/4; the same values as given probabilities have no binomial layer.
    const m = 2000;
    const hits = Array.from({ length: m }, (_, i) => (i < 40 ? 1 + (i % 3) : 0));
    const sampled = sortedEstimates(hits, new Array(m).fill(4));
    const given = sortedEstimates(
      hits.map((h) => h / 4),
      new Array(m).fill(0),
    );
    const width = (draws: Float64Array) => {
      const lower = percentile(draws, 0.05);
      const upper = percentile(draws, 0.95);
      return Math.log(-Math.log(lower)) - Math.log(-Math.log(upper));
    };
    const s = bootstrap(sampled, spec, 400, createRng(4));
    const g = bootstrap(given, spec, 400, createRng(4));
    expect(width(s.worst[0])).toBeGreaterThan(width(g.worst[0]));
  });

  test('resamples without enough nonzero queries are counted as failures, not fitted', () => {
    const est = sortedEstimates(
      [...Array.from({ length: 10 }, (_, i) => 0.5 - i * 0.01), ...new Array(990).fill(0)],
      new Array(1000).fill(0),
    );
    const draws = bootstrap(est, spec, 300, createRng(3));
    // Draws on the 10 nonzero queries ~ Binomial(1000, 0.01); fewer than t = 10 of them
    // (P = 0.4573, Python: sum(comb(1000, x)·0.01^x·0.99^(1000−x) for x ≤ 9)) leaves the fit without 10 points.
    // Ties of all 10 copies add a negligible share. sd of the share over 300: 0.029.
    expect(Math.abs(draws.failures / 300 - 0.4573)).toBeLessThan(4 * 0.029);
    expect(draws.successes + draws.failures).toBe(300);
    expect(draws.worst[0].length).toBe(draws.successes);
  });

  test('cost does not depend on m: the candidate set is capped', () => {
    expect(candidateCount(1_000_000, 10)).toBe(500);
    expect(candidateCount(120, 10)).toBe(120);
    expect(candidateCount(1_000_000, 20)).toBe(1000);
  });
});

describe('centredInterval', () => {
  // Draws whose log is c + z_i with z_i the (i + ½)/N quantiles of N(0, 1): on the log scale their
  // spread is a standard normal wherever c puts them. Centred on a point forecast of 1, the 90% interval
  // is exp(±1.6448536) (Python: NormalDist().inv_cdf(0.95) = 1.6448536269514722), whatever the bias c.
  const N = 20_001;
  const z = Array.from({ length: N }, (_, i) => normalQuantile((i + 0.5) / N));
  test.each([0, 3, -5])('removes a resampling bias of %p on the log scale and keeps the spread', (c) => {
    const draws = Float64Array.from(z, (x) => Math.exp(c + x));
    const { lower, upper } = centredInterval(draws, 1, 0.9, LOG_SCALE);
    expect(Math.log(upper)).toBeCloseTo(1.6448536269514722, 3);
    expect(Math.log(lower)).toBeCloseTo(-1.6448536269514722, 3);
  });
});
