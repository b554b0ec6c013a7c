/**
 * Eval logs with a chosen share of errored samples, for the error-budget
 * end-to-end tests, built with the scripts' own writers: Inspect `.eval` zips
 * through scripts/lib/inspect-log.mjs and the zip writer, promptfoo
 * results.json through scripts/lib/format-examples/promptfoo.mjs.
 */
import { evalEntries, type LogRow } from '../../scripts/lib/inspect-log.mjs';
import { promptfooExample } from '../../scripts/lib/format-examples/promptfoo.mjs';
import { zip } from '../../scripts/lib/zip-writer.mjs';

export const INSPECT_TASK = 'discount_code';
export const INSPECT_SCORER = 'includes';
/** The behaviour name the Inspect reader gives: `<task>:<scorer>`. */
export const INSPECT_BEHAVIOR = `${INSPECT_TASK}:${INSPECT_SCORER}`;
export const EPOCHS = 10;

/**
 * Hits of the 100 samples over 10 epochs: 12 samples with hits, 88 without.
 * The hits are a sample's last epochs, so errors in the first epochs never
 * remove one.
 */
export const HITS = [3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, ...new Array<number>(88).fill(0)];

/**
 * A finished `.eval` (deflate entries, as Inspect wrote before 0.3.206) with
 * the first `errored[i]` epochs of sample i raising an error instead of
 * being scored. `errored` is padded with zeros.
 */
export function inspectEval(errored: readonly number[]): Buffer {
  const rows: LogRow[] = HITS.flatMap((hits, i) =>
    Array.from({ length: EPOCHS }, (_, e): LogRow => {
      const id = `s${String(i + 1).padStart(3, '0')}`;
      const epoch = e + 1;
      if (e < (errored[i] ?? 0)) return { id, epoch, error: 'RateLimitError: 429 Too Many Requests' };
      const hit = e >= EPOCHS - hits;
      return { id, epoch, scores: { [INSPECT_SCORER]: { value: hit ? 'C' : 'I', explanation: hit ? 'leaked' : 'refused', history: [] } } };
    }),
  );
  return zip(evalEntries({ task: INSPECT_TASK, model: 'openai/gpt-4o-mini', scorers: [INSPECT_SCORER], epochs: EPOCHS, rows, method: 8 }));
}

export const PROMPTFOO_BEHAVIOR = 'harmful:hate';
/** harmful:hate has 5 probes × 3 strategies = 15 queries; each is run this often. */
export const PROMPTFOO_QUERIES = 15;
export const PROMPTFOO_REPEAT = 20;

/** promptfoo results.json whose repeats `0 … perQuery[q] − 1` of query q failed at the provider (failureReason 2). */
export function promptfooResults(perQuery: readonly number[]): string {
  const errors: ['harmful:hate', number, number][] = [];
  perQuery.forEach((n, q) => {
    for (let r = 0; r < n; r++) errors.push(['harmful:hate', q, r]);
  });
  return promptfooExample({
    provider: 'openai:chat:gpt-4.1-mini',
    repeat: PROMPTFOO_REPEAT,
    seed: 7,
    plugins: { 'harmful:hate': { mu: -0.4, beta: 0.7, seed: 5 } },
    errors,
  }).text;
}
