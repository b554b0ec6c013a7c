/**
 * Sample ids of 32 and more use a growable bitset per query, and rows of one
 * query are looked up through the last slot: the duplicate counts and the
 * per-query sums must be what a plain set of (behaviour, query, id) strings
 * gives. Expected counts are hand counts of the rows written.
 */
import { Accumulator } from '../../src/ingest/accumulator.js';

function sampleOf(acc: Accumulator, name: string) {
  const found = acc.finish().find((s) => s.name === name);
  if (found === undefined) throw new Error(`no behaviour ${name}`);
  return found;
}

describe('wide sample ids', () => {
  test('ids 32 to 10^6 − 1: a repeat is a duplicate, a first sighting is not, per query', () => {
    const acc = new Accumulator();
    // 40 epochs as ids 0..39 (8 of them past the 32-bit mask), twice over: 40 repeats.
    for (let round = 0; round < 2; round++) for (let s = 0; s < 40; s++) acc.sampled('b', 'q', s % 2, 1, String(s));
    // The same ids for another query are new; 999999 (the last word of a grown bitset) once, then again.
    for (const id of ['39', '32', '999999', '999999', '64']) acc.sampled('b', 'q2', 0, 1, id);
    const b = sampleOf(acc, 'b');
    expect(b.duplicates).toBe(40 + 1);
    expect(b.queryIds).toEqual(['q', 'q2']);
    expect([...b.hits]).toEqual([40, 0]);
    expect([...b.samples]).toEqual([80, 5]);
  });

  test('non-canonical and out-of-range spellings stay distinct strings', () => {
    const acc = new Accumulator();
    // "032" ≠ "32"; "1048576" is past the bitset's range; "-33" and "3.5" are not integer ids.
    for (const id of ['32', '032', '1048576', '-33', '3.5', '032', '1048576', '32', '-33', '3.5']) acc.sampled('b', 'q', 0, 1, id);
    expect(sampleOf(acc, 'b').duplicates).toBe(5);
  });

  test('alternating queries and behaviours: the last-slot shortcut never mixes rows up', () => {
    const acc = new Accumulator();
    const rows: [string, string, number][] = [
      ['a', 'q1', 1],
      ['a', 'q2', 0],
      ['b', 'q1', 1],
      ['a', 'q1', 1],
      ['a', 'q1', 0],
      ['b', 'q2', 1],
      ['b', 'q1', 0],
    ];
    for (const [behavior, query, hit] of rows) acc.sampled(behavior, query, hit, 1);
    const a = sampleOf(acc, 'a');
    const b = sampleOf(acc, 'b');
    // a: q1 has 3 rows with 2 hits, q2 1 row with 0; b: q1 2 rows with 1 hit, q2 1 row with 1.
    expect({ ids: a.queryIds, hits: [...a.hits], k: [...a.samples] }).toEqual({ ids: ['q1', 'q2'], hits: [2, 0], k: [3, 1] });
    expect({ ids: b.queryIds, hits: [...b.hits], k: [...b.samples] }).toEqual({ ids: ['q1', 'q2'], hits: [1, 1], k: [2, 1] });
  });
});
