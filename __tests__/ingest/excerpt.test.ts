/** Excerpts of untrusted text for messages: short, honest about the cut, and never recursive. */
import { clip, clipList, EXCERPT_CHARS, preview } from '../../src/ingest/excerpt.js';

describe('clip', () => {
  test('short text is kept; long text is cut and says how long it was', () => {
    expect(clip('pii-leak')).toBe('pii-leak');
    expect(clip('x'.repeat(EXCERPT_CHARS))).toBe('x'.repeat(EXCERPT_CHARS));
    // 14 MiB name: 79 characters and the ellipsis, then the real length.
    expect(clip('n'.repeat(14 * 1024 * 1024))).toBe(`${'n'.repeat(79)}… (14680064 characters)`);
  });

  test('never splits a surrogate pair', () => {
    // '😀' is two UTF-16 units; at max 4 the cut falls after 3 units, inside the second emoji, so only one is kept.
    expect(clip('😀😀😀', 4)).toBe('😀… (6 characters)');
  });

  test('clipList shows ten names, each clipped, then how many more', () => {
    const names = Array.from({ length: 12 }, (_, i) => `d${i}`);
    expect(clipList(names)).toBe('d0, d1, d2, d3, d4, d5, d6, d7, d8, d9 and 2 more');
    expect(clipList(['a'.repeat(100)])).toBe(`${'a'.repeat(79)}… (100 characters)`);
  });
});

describe('preview', () => {
  test('JSON-like text for small values', () => {
    expect(preview({ a: [1, 'x'], b: null })).toBe('{"a":[1,"x"],"b":null}');
    expect(preview(NaN)).toBe('NaN');
    expect(preview(undefined)).toBe('nothing');
    expect(preview([])).toBe('[]');
  });

  test('cut at the bound, whatever the size or depth of the value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(preview(deep, 10)).toBe('[[[[[[[[[…');
    const wide = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(preview(wide, 12)).toBe('[0,1,2,3,4,…');
    expect(preview('q'.repeat(10_000), 6)).toBe('"qqqq…');
  });
});
