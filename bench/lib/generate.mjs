/**
 * Seeded generators for the benchmark inputs. Everything is written under a
 * temp dir chosen by run.mjs; nothing large lives in the repo.
 *
 * Native rows: `queries` query ids, each with `samples` label rows, in
 * query-major order. Behaviour alternates by query (two behaviours, half the
 * queries each), so the number of (behaviour, query) keys the reader must
 * keep is `queries` whatever the number of rows. A query's true elicitation
 * probability has a Gumbel elicitation score, ψ = μ − β·log(−log U) (the
 * shape the method assumes, as in scripts/make-examples.mjs), and each label
 * is a Bernoulli(p) draw, so the tail is realistic: mostly zeros, a few
 * queries with several hits.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import { mulberry32 } from '../../scripts/lib/random.mjs';

export { mulberry32 };

/** The two behaviours and their Gumbel(μ, β) elicitation scores. */
export const BEHAVIOURS = [
  { name: 'harmful-advice', mu: -2.3, beta: 0.32 },
  { name: 'pii-leak', mu: -1.9, beta: 0.3 },
];

/** p for each query, from one seeded stream (the same for every row count, so 1M and 4M rows share their queries). */
export function queryProbabilities(queries, seed) {
  const u = mulberry32(seed);
  const p = new Float64Array(queries);
  for (let q = 0; q < queries; q++) {
    const b = BEHAVIOURS[q % 2];
    const psi = b.mu - b.beta * Math.log(-Math.log(Math.max(u(), 1e-300)));
    p[q] = Math.exp(-Math.exp(-psi));
  }
  return p;
}

export const queryId = (q) => `q${String(q).padStart(7, '0')}`;

/** Writes `queries × samples` native rows as JSONL or CSV; resolves to the row count. */
export async function writeNative(path, { queries, samples, seed, format }) {
  const p = queryProbabilities(queries, seed);
  // A separate stream for the labels, seeded from the row count too, so 4M rows are not 1M rows repeated.
  const u = mulberry32(seed * 7919 + samples);
  const out = createWriteStream(path);
  if (format === 'csv') out.write('query_id,behavior,sample,label\n');
  let buf = '';
  for (let q = 0; q < queries; q++) {
    const id = queryId(q);
    const behavior = BEHAVIOURS[q % 2].name;
    for (let s = 0; s < samples; s++) {
      const label = u() < p[q] ? 1 : 0;
      buf +=
        format === 'csv'
          ? `${id},${behavior},${s},${label}\n`
          : `{"query_id":"${id}","behavior":"${behavior}","sample":${s},"label":${label}}\n`;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return queries * samples;
}
