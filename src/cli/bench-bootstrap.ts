import { bootstrap } from '../forecast/uncertainty/bootstrap.js';
import { sortedEstimates } from '../forecast/elicitation.js';
import { binomial, createRng } from '../forecast/numerics/random.js';
import { parseEnum, parseInteger } from '../config/parse.js';
import { parseArgs } from './args.js';
import type { CliIo } from './io.js';

/**
 * `tailgate bench-bootstrap` (maintainers; used by `npm run bench`): times
 * the bootstrap in process, inside the same bundle the action ships, so the
 * benchmark needs no TypeScript compile step.
 *
 * Data (`--data`), drawn the same way at every m so only m changes: ψ of
 * each query's p is Gumbel(−2.3, 0.32) (as bench/lib/generate.mjs), then
 * - `sampled` (default): hits ~ Binomial(k, p) with k = 100, a rare
 *   behaviour (about 15% of queries nonzero). k = 100 rather than 10 so the
 *   top 10 of 10^6 queries are not all tied at the cap (with k = 10 most
 *   resamples at m = 10^6 are degenerate and skip their refit, which would
 *   flatter the large m);
 * - `given`: p itself as a given probability, so every query is nonzero and
 *   the candidate set is full at any m ≥ 500: the per-resample refit work
 *   alone. The estimates
 * are built (and sorted) before the clock starts: the figure is the cost of
 * the resamples and refits alone. Prints one JSON line: the best of
 * `repeat` runs, in ms for the given number of resamples.
 */
/** k of the sampled data set. */
const SAMPLES = 100;

export function runBenchBootstrap(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, 'bench-bootstrap', [{ name: 'queries' }, { name: 'resamples' }, { name: 'repeat' }, { name: 'data' }]);
  const get = (name: string, fallback: string): string => args.values.get(name)?.[0] ?? fallback;
  const queries = parseInteger('queries', get('queries', '1000'), 100, 10_000_000);
  const resamples = parseInteger('resamples', get('resamples', '1000'), 1, 100_000);
  const repeat = parseInteger('repeat', get('repeat', '3'), 1, 100);
  const data = parseEnum('data', get('data', 'sampled'), ['sampled', 'given'] as const);

  const rng = createRng(12345);
  const hits = new Float64Array(queries);
  const samples = new Float64Array(queries).fill(data === 'sampled' ? SAMPLES : 0);
  for (let i = 0; i < queries; i++) {
    const psi = -2.3 - 0.32 * Math.log(-Math.log(Math.max(rng.next(), 1e-300)));
    const p = Math.exp(-Math.exp(-psi));
    hits[i] = data === 'sampled' ? binomial(rng, SAMPLES, p) : p;
  }
  const est = sortedEstimates(hits, samples);
  const spec = { tailSize: 10, volumes: [1e6], tau: 0.5 };
  let best = Infinity;
  let successes = 0;
  for (let r = 0; r < repeat; r++) {
    const started = process.hrtime.bigint();
    successes = bootstrap(est, spec, resamples, createRng(r)).successes;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  io.stdout.write(`${JSON.stringify({ data, queries, nonzero: est.nonzero, resamples, successes, ms: best })}\n`);
  return 0;
}
