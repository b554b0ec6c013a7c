import { Accumulator } from '../../src/ingest/accumulator.js';
import type { BehaviorSample } from '../../src/domain/observation.js';

function only(acc: Accumulator, name: string): BehaviorSample {
  const found = acc.finish().find((b) => b.name === name);
  if (found === undefined) throw new Error(`no behaviour ${name}`);
  return found;
}

/** Query id → [hits, samples], so assertions do not depend on insertion order. */
function table(b: BehaviorSample): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  b.queryIds.forEach((q, i) => (out[q] = [b.hits[i], b.samples[i]]));
  return out;
}

describe('Accumulator.sampled', () => {
  test('rows of the same query add up as repeated samples', () => {
    const acc = new Accumulator();
    // q1: labels 1,0,1 (three rows of k=1) plus a hits/k row 2 of 5 → 4 hits of 8.
    acc.sampled('b', 'q1', 1, 1);
    acc.sampled('b', 'q1', 0, 1);
    acc.sampled('b', 'q2', 0, 1);
    acc.sampled('b', 'q1', 1, 1);
    acc.sampled('b', 'q1', 2, 5);
    const b = only(acc, 'b');
    expect(table(b)).toEqual({ q1: [4, 8], q2: [0, 1] });
    expect(b.rows).toBe(5);
    expect(b.duplicates).toBe(0);
  });

  test('grows past the initial capacity without losing data', () => {
    const acc = new Accumulator();
    // 1000 queries, query i gets i % 3 hits of 3: the sums are closed-form.
    for (let i = 0; i < 1000; i++) acc.sampled('b', `q${i}`, i % 3, 3);
    const b = only(acc, 'b');
    expect(b.queryIds.length).toBe(1000);
    expect(b.hits.length).toBe(1000);
    // Σ i%3 over 0..999 = 333 full cycles of (0+1+2) + the last i=999 (999%3=0) = 999.
    expect(b.hits.reduce((s, x) => s + x, 0)).toBe(999);
    expect(b.samples.reduce((s, x) => s + x, 0)).toBe(3000);
    expect(table(b)['q998']).toEqual([2, 3]);
  });

  test.each([
    [2, 1, /hits/],
    [-1, 1, /hits/],
    [0.5, 1, /hits/],
    [0, 0, /samples k/],
    [1, 2.5, /samples k/],
    [Number.NaN, 1, /hits/],
  ])('rejects hits=%p k=%p', (h, k, msg) => {
    expect(() => new Accumulator().sampled('b', 'q', h, k)).toThrow(msg);
  });
});

describe('duplicate sample ids', () => {
  test('small integer ids (mask path): repeats are merged and counted', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q', 1, 1, '0');
    acc.sampled('b', 'q', 0, 1, '31');
    acc.sampled('b', 'q', 1, 1, '0'); // duplicate of (b, q, 0)
    acc.sampled('b', 'q', 0, 1, '31'); // duplicate of (b, q, 31)
    acc.sampled('b', 'q2', 0, 1, '0'); // other query: not a duplicate
    acc.sampled('c', 'q', 0, 1, '0'); // other behaviour: not a duplicate
    const b = only(acc, 'b');
    expect(b.duplicates).toBe(2);
    expect(table(b)).toEqual({ q: [2, 4], q2: [0, 1] }); // duplicates still count as samples
    expect(only(acc, 'c').duplicates).toBe(0);
    expect(acc.duplicates).toBe(2);
  });

  test('other ids (Set path): strings, 32 and non-canonical spellings', () => {
    const acc = new Accumulator();
    for (const id of ['32', 'epoch-a', '01', '1', 'epoch-a', '32', '01']) acc.sampled('b', 'q', 0, 1, id);
    // Distinct: 32, epoch-a, 01, 1 (01 and 1 are different ids); repeats: epoch-a, 32, 01.
    expect(only(acc, 'b').duplicates).toBe(3);
    expect(table(only(acc, 'b'))).toEqual({ q: [0, 7] });
  });

  test('rows without a sample id are never duplicates', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q', 0, 1);
    acc.sampled('b', 'q', 0, 1);
    expect(only(acc, 'b').duplicates).toBe(0);
  });
});

describe('Accumulator.given', () => {
  test('several given rows of a query average; samples is 0', () => {
    const acc = new Accumulator();
    acc.given('b', 'q1', 0.1);
    acc.given('b', 'q1', 0.3);
    acc.given('b', 'q2', 0.25);
    const b = only(acc, 'b');
    const t = table(b);
    expect(t.q1[0]).toBeCloseTo(0.2, 15); // (0.1 + 0.3) / 2
    expect(t.q1[1]).toBe(0);
    expect(t.q2).toEqual([0.25, 0]);
    expect(b.rows).toBe(3);
  });

  test.each([-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects p=%p', (p) => {
    expect(() => new Accumulator().given('b', 'q', p)).toThrow(/probability must be a finite number in \[0, 1\]/);
  });

  test('mixing given and sampled rows in one query is an error, both ways', () => {
    const a1 = new Accumulator();
    a1.given('b', 'q', 0.5);
    expect(() => a1.sampled('b', 'q', 1, 1)).toThrow(/query 'q' of behaviour 'b' mixes sampled rows/);
    const a2 = new Accumulator();
    a2.sampled('b', 'q', 1, 1);
    expect(() => a2.given('b', 'q', 0.5)).toThrow(/mixes/);
    // Different queries of one behaviour may use different kinds.
    a2.given('b', 'other', 0.5);
    expect(table(only(a2, 'b'))).toEqual({ q: [1, 1], other: [0.5, 0] });
  });
});

describe('exclusions, warnings and finish()', () => {
  test('exclusions are counted per behaviour and reason; exclusion-only behaviours appear', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q', 1, 1);
    acc.exclude('b', 'error');
    acc.exclude('b', 'error', 3);
    acc.exclude('b', 'nan-score', 2);
    acc.exclude('only-excluded', 'error');
    const [first, second] = acc.finish();
    expect(first.name).toBe('b');
    expect(first.exclusions).toEqual({ error: 4, 'nan-score': 2 });
    expect(first.rows).toBe(1);
    expect(second).toMatchObject({ name: 'only-excluded', queryIds: [], rows: 0, exclusions: { error: 1 } });
    expect(second.hits.length).toBe(0);
    expect(second.samples.length).toBe(0);
  });

  test('errored samples are exclusions that are also counted per reason and per query', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q1', 1, 3);
    acc.errored('b', 'sample-error', 'q1');
    acc.errored('b', 'sample-error', 'q2', 2);
    acc.errored('b', 'timeout', 'q2');
    acc.errored('b', 'timeout', undefined, 4);
    acc.exclude('b', 'unscored');
    const [b] = acc.finish();
    // Hand count: sample-error 1 + 2 = 3 samples in q1, q2; timeout 1 + 4 = 5 samples in q2 (the 4 name no query).
    expect(b.exclusions).toEqual({ 'sample-error': 3, timeout: 5, unscored: 1 });
    expect(b.errors.samples).toBe(8);
    expect(b.errors.judged).toBe(3); // the one sampled row's k
    expect(b.errors.byReason).toEqual({ 'sample-error': { samples: 3, queries: 2 }, timeout: { samples: 5, queries: 1 } });
    expect(b.errors.queryIds).toEqual(['q1', 'q2']);
    expect([...b.errors.counts]).toEqual([1, 3]);
    // A query with only errored samples is not one of the m evaluated queries.
    expect(b.queryIds).toEqual(['q1']);
    expect(b.rows).toBe(1);
  });

  test('judged samples: k per sampled row, one per given row (two epochs of one query are two)', () => {
    const acc = new Accumulator();
    acc.given('b', 'p', 0.2);
    acc.given('b', 'p', 0.4);
    acc.sampled('b', 's', 1, 5);
    expect(only(acc, 'b').errors.judged).toBe(7);
  });

  test('errored counts are checked like exclusion counts', () => {
    const acc = new Accumulator();
    expect(() => acc.errored('b', 'error', 'q', 1.5)).toThrow('exclusion count must be an integer ≥ 0, got 1.5');
  });

  test('a behaviour without errors reports none', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q', 0, 1);
    expect(only(acc, 'b').errors).toEqual({ samples: 0, judged: 1, byReason: {}, queryIds: [], counts: new Float64Array(0) });
  });

  test('a reason named __proto__ is an ordinary key', () => {
    const acc = new Accumulator();
    acc.exclude('b', '__proto__', 2);
    acc.errored('b', '__proto__', 'q');
    const { exclusions: ex, errors } = only(acc, 'b');
    expect(Object.keys(ex)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(ex)).toBe(Object.prototype);
    expect(Object.keys(errors.byReason)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(errors.byReason)).toBe(Object.prototype);
  });

  test('behaviours come out sorted by name (code-unit order)', () => {
    const acc = new Accumulator();
    for (const n of ['pii-leak', 'Zeta', 'harmful-advice', 'alpha']) acc.sampled(n, 'q', 0, 1);
    // Upper-case letters sort before lower-case in code-unit order: 'Z' (90) < 'a' (97).
    expect(acc.finish().map((b) => b.name)).toEqual(['Zeta', 'alpha', 'harmful-advice', 'pii-leak']);
  });

  test('finish() returns copies and can be called again', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q', 1, 2);
    const first = only(acc, 'b');
    first.hits[0] = 99;
    acc.sampled('b', 'q', 1, 2);
    expect(table(only(acc, 'b'))).toEqual({ q: [2, 4] });
  });

  test('warnings are de-duplicated in first-seen order and bounded', () => {
    const acc = new Accumulator();
    acc.warn('b');
    acc.warn('a');
    acc.warn('b');
    expect(acc.warnings()).toEqual(['b', 'a']);
    for (let i = 0; i < 500; i++) acc.warn(`w${i}`);
    const w = acc.warnings();
    // 200 kept (2 + 198 of the new ones), then one line for the 302 dropped.
    expect(w.length).toBe(201);
    expect(w[200]).toBe('… and 302 more distinct warnings not shown');
  });
});
