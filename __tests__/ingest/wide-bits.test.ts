/**
 * src/ingest/wide-bits.ts against a Set of (query, id) pairs: the pool must
 * answer "seen before?" exactly as the set does, whatever order queries and
 * ids arrive in (regions grown in place, moved to the end, queries far apart).
 */
import { describe, expect, it } from '@jest/globals';
import { WideBits } from '../../src/ingest/wide-bits.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('WideBits', () => {
  it.each([
    ['queries one after another (regions grow in place)', true],
    ['queries interleaved (regions move to the end)', false],
  ])('answers as a set of pairs does: %s', (_name, grouped) => {
    const random = lcg(grouped ? 7 : 11);
    const bits = new WideBits();
    const seen = new Set<string>();
    const mismatches: string[] = [];
    for (let step = 0; step < 20_000; step++) {
      const query = grouped ? Math.floor(step / 200) : Math.floor(random() * 60);
      // Mostly small ids, sometimes a large one, so regions grow by more than a doubling.
      const id = 32 + Math.floor(random() < 0.95 ? random() * 200 : random() * 40_000);
      const key = `${query}:${id}`;
      const expected = seen.has(key);
      seen.add(key);
      if (bits.seenBefore(query, id) !== expected) mismatches.push(`${key} at step ${step}`);
    }
    expect(mismatches).toEqual([]);
    // Repeats happened, so "seen" was exercised as well as "new".
    expect(seen.size).toBeLessThan(20_000);
  });

  it('keeps the bits of a query whose region moved, and of the query it moved past', () => {
    const bits = new WideBits();
    expect(bits.seenBefore(0, 40)).toBe(false);
    expect(bits.seenBefore(1, 33)).toBe(false);
    // Query 0 needs a larger region; it is not the last one, so it moves to the end.
    expect(bits.seenBefore(0, 5_000)).toBe(false);
    expect(bits.seenBefore(0, 40)).toBe(true);
    expect(bits.seenBefore(1, 33)).toBe(true);
    expect(bits.seenBefore(1, 40)).toBe(false);
    expect(bits.seenBefore(1_000, 32)).toBe(false);
    expect(bits.seenBefore(1_000, 32)).toBe(true);
  });
});
