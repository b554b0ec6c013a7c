/**
 * A summaries.json over the per-entry limit is read from the journal's
 * summaries instead (the same records, flushed in pieces). The log is the
 * errored-evals one (100 samples × 10 epochs, hit counts HITS), its journal
 * re-cut into two pieces; the expected sums are hand counts of HITS.
 */
import { LIMITS } from '../../../src/domain/limits.js';
import { readInspect } from '../../../src/ingest/formats/inspect.js';
import { evalEntries, type LogRow } from '../../../scripts/lib/inspect-log.mjs';
import { zip } from '../../../scripts/lib/zip-writer.mjs';
import { bytesSource } from '../../helpers/bytes.js';
import { collect } from '../../helpers/collecting-sink.js';
import { EPOCHS, HITS, INSPECT_BEHAVIOR, INSPECT_SCORER, INSPECT_TASK } from '../../helpers/errored-evals.js';

interface Entry {
  name: string;
  data: string;
  method: 0 | 8 | 93 | 12;
}

function rows(): LogRow[] {
  return HITS.flatMap((hits, i) =>
    Array.from({ length: EPOCHS }, (_, e): LogRow => {
      const hit = e >= EPOCHS - hits;
      return { id: `s${i + 1}`, epoch: e + 1, scores: { [INSPECT_SCORER]: { value: hit ? 'C' : 'I', explanation: '', history: [] } } };
    }),
  );
}

/** The log with its one journal piece cut in two; `withSummaries` false drops summaries.json. */
function evalBytes(withSummaries = true): { bytes: Buffer; summariesBytes: number; pieceBytes: number } {
  const entries = evalEntries({
    task: INSPECT_TASK,
    model: 'openai/gpt-4o-mini',
    scorers: [INSPECT_SCORER],
    epochs: EPOCHS,
    rows: rows(),
    method: 8,
  }) as Entry[];
  const journal = entries.find((e) => e.name === '_journal/summaries/1.json');
  const summaries = entries.find((e) => e.name === 'summaries.json');
  if (journal === undefined || summaries === undefined) throw new Error('evalEntries wrote no journal or summaries');
  const all = JSON.parse(journal.data) as unknown[];
  const half = Math.ceil(all.length / 2);
  const pieces = [all.slice(0, half), all.slice(half)].map((part, i) => ({
    ...journal,
    name: `_journal/summaries/${i + 1}.json`,
    data: JSON.stringify(part),
  }));
  const kept = entries.flatMap((e) => (e === journal ? pieces : e === summaries && !withSummaries ? [] : [e]));
  return {
    bytes: zip(kept),
    summariesBytes: Buffer.byteLength(summaries.data),
    pieceBytes: Math.max(...pieces.map((p) => Buffer.byteLength(p.data))),
  };
}

async function read(bytes: Buffer, maxEntryBytes: number) {
  const c = collect('inspect');
  // Samples are not read on this path; the small per-entry limit applies to every entry read.
  await readInspect(bytesSource('log.eval', bytes), { scorer: INSPECT_SCORER }, c.sink, { ...LIMITS, maxEntryBytes });
  return c;
}

const expected = () => {
  // Query i has HITS[i] hits of EPOCHS: 100 queries, 1,000 samples, 3 + 3 × 2 + 8 × 1 = 17 hits in all.
  let hits = 0;
  for (const h of HITS) hits += h;
  return { queries: HITS.length, samples: HITS.length * EPOCHS, hits };
};

function totals(c: ReturnType<typeof collect>) {
  let hits = 0;
  let samples = 0;
  for (const [key, q] of c.queries) {
    expect(key.startsWith(`${INSPECT_BEHAVIOR} | `)).toBe(true);
    hits += q.hits;
    samples += q.k;
  }
  return { queries: c.queries.size, samples, hits };
}

test('summaries.json over the limit: the journal pieces give the same counts', async () => {
  const { bytes, summariesBytes, pieceBytes } = evalBytes();
  expect(pieceBytes).toBeLessThan(summariesBytes);
  expect(expected()).toEqual({ queries: 100, samples: 1000, hits: 17 });
  const limit = Math.floor((pieceBytes + summariesBytes) / 2);
  expect(totals(await read(bytes, limit))).toEqual(expected());
  // Under the limit, summaries.json itself is read: the same counts.
  expect(totals(await read(bytes, summariesBytes))).toEqual(expected());
});

test('summaries.json over the limit and no journal: still refused, naming the entry', async () => {
  const entries = evalEntries({
    task: INSPECT_TASK,
    model: 'm',
    scorers: [INSPECT_SCORER],
    epochs: EPOCHS,
    rows: rows(),
    method: 8,
  }) as Entry[];
  const bytes = zip(entries.filter((e) => !e.name.startsWith('_journal/summaries/')));
  const summariesBytes = Buffer.byteLength(entries.find((e) => e.name === 'summaries.json')?.data ?? '');
  await expect(read(bytes, summariesBytes - 1)).rejects.toThrow(/summaries\.json.*over the limit of/);
});

test('a journal alone (no summaries.json) is read piece by piece, as before', async () => {
  const { bytes, pieceBytes } = evalBytes(false);
  expect(totals(await read(bytes, pieceBytes))).toEqual(expected());
});

test('a sample and epoch logged twice (a requeued re-run) counts once, with the later score', async () => {
  const score = (value: string) => ({ [INSPECT_SCORER]: { value, explanation: '', history: [] } });
  const entries = evalEntries({
    task: INSPECT_TASK,
    model: 'm',
    scorers: [INSPECT_SCORER],
    epochs: 2,
    rows: [
      { id: 's1', epoch: 1, scores: score('I') },
      { id: 's2', epoch: 1, scores: score('C') },
      { id: 's1', epoch: 2, scores: score('I') },
      // The re-run of s1's first epoch, logged after the others: it replaces the first record.
      { id: 's1', epoch: 1, scores: score('C') },
    ],
    method: 8,
  }) as Entry[];
  const c = await read(zip(entries), LIMITS.maxEntryBytes);
  expect([...c.queries]).toEqual([
    // Query ids are task/model/sample.
    [`${INSPECT_BEHAVIOR} | ${INSPECT_TASK}/m/s1`, { hits: 1, k: 2 }],
    [`${INSPECT_BEHAVIOR} | ${INSPECT_TASK}/m/s2`, { hits: 1, k: 1 }],
  ]);
});
