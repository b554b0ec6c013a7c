import type { FormatReader } from '../../src/ingest/format.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { InputError } from '../../src/domain/errors.js';
import { bytesSource as tmp, exampleSource } from '../helpers/bytes.js';

const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

describe('ingestFiles', () => {
  test('examples/pass: three behaviours with the shapes the generator wrote', async () => {
    const r = await ingestFiles([exampleSource('pass/results.jsonl')], { format: 'auto', mapping: {} });
    expect(r.inputs).toEqual([{ file: 'pass/results.jsonl', format: 'native-jsonl', rows: 2000 + 2000 + 500 * 8 }]);
    expect(r.samples.map((s) => s.name)).toEqual(['harmful-advice', 'pii-leak', 'self-harm']);
    const [harm, pii, selfHarm] = r.samples;
    expect(harm.queryIds).toHaveLength(2000);
    expect(sum(harm.samples)).toBe(40000);
    expect(harm.exclusions).toEqual({});
    expect(pii.queryIds).toHaveLength(1997);
    expect(sum(pii.samples)).toBe(0);
    expect(pii.exclusions).toEqual({ error: 3 });
    expect(selfHarm.queryIds).toHaveLength(500);
    expect(selfHarm.rows).toBe(3995);
    expect(sum(selfHarm.samples)).toBe(3995);
    expect(selfHarm.exclusions).toEqual({ error: 5 });
    expect(selfHarm.duplicates).toBe(0);
    expect(r.warnings).toEqual([]);
  });
  test('examples/insufficient: 300 queries, hits on 3 of them (1 + 2 + 1)', async () => {
    const r = await ingestFiles([exampleSource('insufficient/results.csv')], { format: 'auto', mapping: {} });
    const [jb] = r.samples;
    expect(jb.name).toBe('jailbreak');
    expect(jb.queryIds).toHaveLength(300);
    expect(sum(jb.hits)).toBe(4);
    expect(jb.hits.filter((h) => h > 0)).toHaveLength(3);
    expect(sum(jb.samples)).toBe(1200);
  });

  test('examples/bad: the malformed line is reported as file:3', async () => {
    await expect(ingestFiles([exampleSource('bad/results.jsonl')], { format: 'auto', mapping: {} })).rejects.toThrow(
      /^bad\/results\.jsonl:3: invalid JSON/,
    );
  });

  test('files share one accumulator: the same query in two files adds up', async () => {
    const a = tmp('shard-a.jsonl', '{"query_id":"q","hits":1,"k":4}\n');
    const b = tmp('shard-b.csv', 'query_id,hits,k\nq,2,4\nr,0,4\n');
    const r = await ingestFiles([a, b], { format: 'auto', mapping: { behavior: 'x' } });
    expect(r.inputs).toEqual([
      { file: 'shard-a.jsonl', format: 'native-jsonl', rows: 1 },
      { file: 'shard-b.csv', format: 'native-csv', rows: 2 },
    ]);
    const [x] = r.samples;
    expect(x.queryIds).toEqual(['q', 'r']);
    expect([...x.hits]).toEqual([3, 0]); // 1 + 2
    expect([...x.samples]).toEqual([8, 4]);
  });

  test('a file whose every row errored is an error naming the file, the errors and the way out', async () => {
    const good = tmp('good.jsonl', '{"query_id":"q","label":1}\n');
    const bad = tmp('all-errors.jsonl', '{"query_id":"q","error":"timeout"}\n{"query_id":"r","error":"oom"}\n');
    const err = await ingestFiles([good, bad], { format: 'auto', mapping: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toContain('all-errors.jsonl: no usable observations as native-jsonl: every sample errored (error: 2); ');
    expect(String(err)).toContain('re-run the eval');
  });

  test('errored rows are counted per behaviour, reason and query beside the exclusions', async () => {
    // q: 1 usable + 1 errored; r: 2 errored (k = 2 on an errored hits/k row); one errored row names no query.
    const file = tmp(
      'mixed.jsonl',
      '{"query_id":"q","label":1}\n{"query_id":"q","label":0,"error":"timeout"}\n' +
        '{"query_id":"r","hits":1,"k":2,"error":"429"}\n{"error":"crashed"}\n',
    );
    const r = await ingestFiles([file], { format: 'auto', mapping: {} });
    const [x] = r.samples;
    expect(x.queryIds).toEqual(['q']);
    expect(x.exclusions).toEqual({ error: 4 });
    expect(x.errors.samples).toBe(4);
    expect(x.errors.judged).toBe(1);
    expect(x.errors.byReason).toEqual({ error: { samples: 4, queries: 2 } });
    expect(x.errors.queryIds).toEqual(['q', 'r']);
    expect([...x.errors.counts]).toEqual([1, 2]);
  });

  test('an empty (or blank-only) file is an error naming the file', async () => {
    const blank = tmp('blank.jsonl', '\n\n');
    await expect(ingestFiles([blank], { format: 'native-jsonl', mapping: {} })).rejects.toThrow(
      'blank.jsonl: no usable observations as native-jsonl: 0 rows read, none scored',
    );
  });

  test('no files is an error', async () => {
    await expect(ingestFiles([], { format: 'auto', mapping: {} })).rejects.toThrow('results: no input files to read');
  });

  test('custom readers: warnings and exclusions flow through the counting sink', async () => {
    const fake: FormatReader = {
      id: 'fake',
      description: 'test reader',
      detect: () => true,
      read: async (_file, _opts, sink) => {
        sink.warn('temperature 0: samples are not independent');
        sink.warn('temperature 0: samples are not independent');
        sink.exclude('b', 'nan-score', 2);
        sink.given('b', 'q', 0.25);
        return { rows: 3 };
      },
    };
    const r = await ingestFiles([tmp('any.bin', 'x')], { format: 'auto', mapping: {}, readers: [fake] });
    expect(r.warnings).toEqual(['temperature 0: samples are not independent']);
    expect(r.samples[0]).toMatchObject({ name: 'b', exclusions: { 'nan-score': 2 }, rows: 1 });
    expect(r.inputs).toEqual([{ file: 'any.bin', format: 'fake', rows: 3 }]);
  });
});
