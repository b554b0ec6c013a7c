import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormatReader, MappingOptions } from '../src/ingest/format.js';
import { garakReader } from '../src/ingest/garak.js';
import { harmbenchBehaviorReader, harmbenchReader } from '../src/ingest/harmbench.js';
import { readJsonFile } from '../src/ingest/json-file.js';
import { lmevalReader } from '../src/ingest/lmeval.js';
import type { ObservationSink, SourceFile } from '../src/ingest/observation.js';
import { promptfooJsonlReader, promptfooJsonReader } from '../src/ingest/promptfoo.js';

// results.json as HarmBench's evaluate_completions.py writes it
// (json.dump(results, indent=4); rows {test_case, generation, label, advbench_label}):
//   dimethylmercury_instructions_home: tcA label 1, tcA label 0, tcB label 0
//   bio_warfare_list_home:             tc1 label 0, tc2 label -1 (advbench_label 1)
//   password_hashed_rainbow_table_attack: tcP label 1
// Hand counts, each test case a query (behaviour "harmbench"):
//   tcA 1/2, tcB 0/1, tc1 0/1, tcP 1/1; one row excluded (label -1)
// Each behavior_id a query: dimethylmercury 1/3, bio 0/1 (+1 excluded), password 1/1
// With scoreKey advbench_label (no -1 there): tcA 1/2, tcB 0/1, tc1 0/1, tc2 1/1, tcP 1/1

const fixture: SourceFile = {
  path: fileURLToPath(new URL('./fixtures/harmbench/results.json', import.meta.url)),
  name: 'results.json',
};

interface Collected {
  sink: ObservationSink;
  queries: Map<string, { hits: number; k: number }>;
  excluded: Record<string, number>;
  warnings: string[];
}

function collect(): Collected {
  const c: Omit<Collected, 'sink'> = { queries: new Map(), excluded: {}, warnings: [] };
  const sink: ObservationSink = {
    sampled(behavior, queryId, hits, samples) {
      const q = c.queries.get(`${behavior} | ${queryId}`) ?? { hits: 0, k: 0 };
      q.hits += hits;
      q.k += samples;
      c.queries.set(`${behavior} | ${queryId}`, q);
    },
    given() {
      throw new Error('HarmBench rows are sampled, never given');
    },
    exclude(behavior, reason, count = 1) {
      c.excluded[`${behavior}:${reason}`] = (c.excluded[`${behavior}:${reason}`] ?? 0) + count;
    },
    warn(message) {
      c.warnings.push(message);
    },
  };
  return Object.assign(c, { sink });
}

async function read(reader: FormatReader, file: SourceFile, options: MappingOptions = {}): Promise<Collected> {
  const c = collect();
  await reader.read(file, options, c.sink);
  return c;
}

/** `behavior_id hits/k` per query, sorted (test-case hashes are left out). */
function byBehaviorId(c: Collected): string[] {
  return [...c.queries].map(([key, q]) => `${key.split(' | ')[1]?.split('/')[0]} ${q.hits}/${q.k}`).sort();
}

async function temp(text: string): Promise<SourceFile> {
  const path = join(await mkdtemp(join(tmpdir(), 'tailgate-harmbench-')), 'results.json');
  await writeFile(path, text);
  return { path, name: basename(path) };
}

describe('HarmBench results.json', () => {
  it('each test case is a query; repeated generations of one test case are its samples', async () => {
    const c = await read(harmbenchReader, fixture);
    expect(byBehaviorId(c)).toEqual([
      'bio_warfare_list_home 0/1',
      'dimethylmercury_instructions_home 0/1',
      'dimethylmercury_instructions_home 1/2',
      'password_hashed_rainbow_table_attack 1/1',
    ]);
    expect([...c.queries.keys()].every((k) => k.startsWith('harmbench | '))).toBe(true);
    expect(c.excluded).toEqual({ 'harmbench:label-minus-one': 1 });
  });

  it('harmbench-behavior: each behavior_id is a query', async () => {
    const c = await read(harmbenchBehaviorReader, fixture, { behavior: 'asr' });
    expect(Object.fromEntries([...c.queries].map(([k, q]) => [k, `${q.hits}/${q.k}`]))).toEqual({
      'asr | dimethylmercury_instructions_home': '1/3',
      'asr | bio_warfare_list_home': '0/1',
      'asr | password_hashed_rainbow_table_attack': '1/1',
    });
    expect(c.excluded).toEqual({ 'asr:label-minus-one': 1 });
  });

  it('scoreKey reads another label field (advbench_label)', async () => {
    const c = await read(harmbenchReader, fixture, { scoreKey: 'advbench_label' });
    expect(byBehaviorId(c)).toEqual([
      'bio_warfare_list_home 0/1',
      'bio_warfare_list_home 1/1',
      'dimethylmercury_instructions_home 0/1',
      'dimethylmercury_instructions_home 1/2',
      'password_hashed_rainbow_table_attack 1/1',
    ]);
    expect(c.excluded).toEqual({});
  });

  it('warns when every test case has one generation', async () => {
    const file = await temp(
      JSON.stringify({ b1: [{ test_case: 'x', generation: 'y', label: 1 }], b2: [{ test_case: 'z', generation: 'w', label: 0 }] }),
    );
    const c = await read(harmbenchReader, file);
    expect(c.warnings.some((w) => /every test case has a single generation/.test(w))).toBe(true);
    const fromFixture = await read(harmbenchReader, fixture);
    expect(fromFixture.warnings).toEqual([]); // tcA has two generations
  });

  it('skips keys whose value is not an array, with a warning', async () => {
    const file = await temp(JSON.stringify({ note: 'generated by run 7', b1: [{ test_case: 'x', generation: 'y', label: 1 }] }));
    const c = await read(harmbenchReader, file);
    expect(c.queries.size).toBe(1);
    expect(c.warnings.some((w) => /skipped 1 keys whose value is not an array: note/.test(w))).toBe(true);
  });
});

describe('HarmBench bad input', () => {
  it('a file without arrays is "no usable rows"', async () => {
    const file = await temp(JSON.stringify({ a: 1, b: { test_case: 'x' } }));
    await expect(harmbenchReader.read(file, {}, collect().sink)).rejects.toThrow(
      /results\.json: no usable rows: .*keys without an array: a, b/,
    );
  });

  it('names the JSON path of a bad label', async () => {
    const file = await temp(JSON.stringify({ b1: [{ test_case: 'x', generation: 'y', label: 1 }, { test_case: 'x', generation: 'y', label: 'yes' }] }));
    await expect(harmbenchReader.read(file, {}, collect().sink)).rejects.toThrow(
      /results\.json: b1\[1\]\.label: expected 1, 0 or -1, got "yes"/,
    );
  });

  it('names the JSON path of a missing test_case', async () => {
    const file = await temp(JSON.stringify({ 'odd id': [{ generation: 'y', label: 1 }] }));
    await expect(harmbenchReader.read(file, {}, collect().sink)).rejects.toThrow(/results\.json: \["odd id"\]\[0\]\.test_case: /);
  });

  it('reports a JSON syntax error with its line and column', async () => {
    const file = await temp('{\n    "b1": [\n        {"test_case": "x" "label": 1}\n    ]\n}');
    // Line 3 is `        {"test_case": "x" "label": 1}`: the missing comma is before `"label"`, column 27.
    await expect(harmbenchReader.read(file, {}, collect().sink)).rejects.toThrow(/results\.json: invalid JSON at line 3, column 27/);
  });

  it('a whole-file JSON read is bounded (LIMITS.maxJsonBytes, here lowered to 64 bytes)', async () => {
    const file = await temp(JSON.stringify({ b1: [{ test_case: 'x'.repeat(100), generation: 'y', label: 1 }] }));
    await expect(readJsonFile(file, 64)).rejects.toThrow(/results\.json: larger than 64 bytes, the limit for a JSON file read whole/);
    await expect(readJsonFile(file, 1024)).resolves.toHaveProperty('b1');
  });

  it('rejects a top-level array', async () => {
    const file = await temp('[]');
    await expect(harmbenchReader.read(file, {}, collect().sink)).rejects.toThrow(/expected an object mapping behavior_id/);
  });
});

describe('HarmBench detection', () => {
  it('the fixture is HarmBench only; harmbench-behavior is never auto-detected', async () => {
    const head = (await readFile(fixture.path)).subarray(0, 64 * 1024);
    expect(harmbenchReader.detect(head, 'results.json')).toBe(true);
    expect(harmbenchBehaviorReader.detect(head, 'results.json')).toBe(false);
    for (const r of [promptfooJsonReader, promptfooJsonlReader, garakReader, lmevalReader]) {
      expect(r.detect(head, 'results.json')).toBe(false);
    }
  });

  it('rejects promptfoo results.json and native JSONL', () => {
    const promptfoo = Buffer.from('{\n  "evalId": "e",\n  "results": {\n    "version": 3,\n    "results": [\n      {\n        "cost": 0');
    const native = Buffer.from('{"query_id": "q1", "label": 1}\n');
    expect(harmbenchReader.detect(promptfoo, 'results.json')).toBe(false);
    expect(harmbenchReader.detect(native, 'results.jsonl')).toBe(false);
  });
});
