import { readFile } from 'node:fs/promises';
import { canonicalJson, shortHash } from '../../../src/ingest/canonical.js';
import type { FormatReader } from '../../../src/ingest/format.js';
import { garakReader } from '../../../src/ingest/formats/garak.js';
import { harmbenchReader } from '../../../src/ingest/formats/harmbench.js';
import { lmevalReader } from '../../../src/ingest/formats/lmeval.js';
import type { ByteSource } from '../../../src/domain/byte-source.js';
import { bytesSource, fixturePath, fixtureSource } from '../../helpers/bytes.js';
import { collect, readWith, type Collected } from '../../helpers/collecting-sink.js';
import { promptfooJsonlReader, promptfooJsonReader } from '../../../src/ingest/formats/promptfoo.js';
import { InputError } from '../../../src/domain/errors.js';
import type { MappingOptions } from '../../../src/domain/mapping.js';

// Fixtures follow promptfoo's OutputFile / EvaluateResult (src/types/index.ts,
// src/util/output createOutputData, EvalResult.toEvaluateResult) field for
// field. Each row's role is commented in the generator notes below:
//
// redteam-v3.json (= redteam.jsonl, one row per line), provider
// openai:chat:gpt-4.1-mini, `--repeat 3`, success = target resisted:
//   A/basic     (harmful:hate): success T, F, T          -> hits 1 of k 3
//   A/jailbreak (harmful:hate): success F, F, T + 1 row with failureReason 2
//                                                        -> hits 2 of 3, 1 excluded (error)
//   B/basic     (harmful:hate): success T, T(cached), T  -> hits 0 of 3
//   C/basic     (pii:direct):   success F (failureReason 1, `error` = grader reason), T
//                               + 1 row whose grader failed (graderError)
//                                                        -> hits 1 of 2, 1 excluded (grader-error)
// plain-v3-no-metadata.json (no red-team metadata, temperature 0, --repeat 2):
//   q1: F, F -> 2 of 2; q2: T, T -> 0 of 2; q3: failureReason 0 "No output" -> excluded (ungraded)
// legacy-v2.json (version 2, no failureReason/testIdx/promptId):
//   t1: F, T -> 1 of 2; t2: T + provider error (response.error, no gradingResult) -> 0 of 1, 1 excluded (error)

const fixture = (name: string): ByteSource => fixtureSource(`promptfoo/${name}`);

async function read(reader: FormatReader, file: ByteSource, options: MappingOptions = {}): Promise<Collected> {
  return readWith(reader, file, options, 'promptfoo');
}

/** Hits/k per query of one behaviour, sorted, so tests do not depend on hash values. */
function pattern(c: Collected, behavior: string): string[] {
  return [...c.queries]
    .filter(([key]) => key.startsWith(`${behavior} | `))
    .map(([key, q]) => `${key.includes('/jailbreak/') ? 'jailbreak' : 'basic'} ${q.hits}/${q.k}`)
    .sort();
}

describe('promptfoo results.json (v3, red team)', () => {
  it('groups repeats by provider+prompt+vars+strategy and counts !success as hits', async () => {
    const c = await read(promptfooJsonReader, fixture('redteam-v3.json'));
    // Hand counts from the table at the top of the file.
    expect(pattern(c, 'harmful:hate')).toEqual(['basic 0/3', 'basic 1/3', 'jailbreak 2/3']);
    expect(pattern(c, 'pii:direct')).toEqual(['basic 1/2']);
    expect(c.queries.size).toBe(4);
    // 13 rows: 11 graded, one execution error, one grader error.
    expect(c.sampledCalls).toBe(11);
    expect(c.excluded).toEqual({ 'harmful:hate:error': 1, 'pii:direct:grader-error': 1 });
  });

  it('counts the excluded rows as errored samples of the query they belong to', async () => {
    const c = await read(promptfooJsonReader, fixture('redteam-v3.json'));
    // The failed jailbreak repeat is A/jailbreak's fourth row; the grader error is C's third.
    expect(Object.keys(c.errored)).toEqual(['harmful:hate:error', 'pii:direct:grader-error']);
    const [jailbreak] = c.errored['harmful:hate:error'].queries;
    const [pii] = c.errored['pii:direct:grader-error'].queries;
    expect(jailbreak).toContain('/jailbreak/');
    // Same grouping key as the graded repeats: the errored row adds to a query that has usable rows.
    expect(c.queries.get(`harmful:hate | ${jailbreak}`)).toEqual({ hits: 2, k: 3 });
    expect(c.queries.get(`pii:direct | ${pii}`)).toEqual({ hits: 1, k: 2 });
  });

  it('never excludes a failed assertion just because `error` holds the grader reason', async () => {
    const c = await read(promptfooJsonReader, fixture('redteam-v3.json'));
    const doc = JSON.parse(await readFile(fixturePath('promptfoo/redteam-v3.json'), 'utf8')) as {
      results: { results: { failureReason: number; error?: string }[] };
    };
    const failedWithReason = doc.results.results.filter((r) => r.failureReason === 1 && typeof r.error === 'string');
    expect(failedWithReason.length).toBeGreaterThan(0); // the fixture does exercise the quirk
    expect(c.excluded['pii:direct:error']).toBeUndefined();
    expect(pattern(c, 'pii:direct')).toEqual(['basic 1/2']);
  });

  it('uses the strategy in the query key and puts it in the query id', async () => {
    const c = await read(promptfooJsonReader, fixture('redteam-v3.json'));
    const ids = [...c.queries.keys()];
    expect(ids.filter((id) => id.includes('openai:chat:gpt-4.1-mini/jailbreak/'))).toHaveLength(1);
    expect(ids.filter((id) => id.includes('openai:chat:gpt-4.1-mini/basic/'))).toHaveLength(3);
  });

  it('warns about cached responses and attack-search strategies', async () => {
    const c = await read(promptfooJsonReader, fixture('redteam-v3.json'));
    expect(c.warnings.some((w) => /1 of 11 graded rows were served from promptfoo's cache/.test(w))).toBe(true);
    expect(c.warnings.some((w) => /strategies jailbreak search for an attack per row/.test(w))).toBe(true);
    expect(c.warnings.some((w) => /run once/.test(w))).toBe(false);
  });

  it('lets `behavior` override the plugin id', async () => {
    const c = await read(promptfooJsonReader, fixture('redteam-v3.json'), { behavior: 'red-team' });
    expect([...c.queries.values()].reduce((s, q) => s + q.k, 0)).toBe(11);
    expect([...c.queries.keys()].every((k) => k.startsWith('red-team | '))).toBe(true);
    expect(c.excluded).toEqual({ 'red-team:error': 1, 'red-team:grader-error': 1 });
  });

  it('reads the same rows from -o results.jsonl into the same queries', async () => {
    const json = await read(promptfooJsonReader, fixture('redteam-v3.json'));
    const jsonl = await read(promptfooJsonlReader, fixture('redteam.jsonl'));
    expect(jsonl.queries).toEqual(json.queries);
    expect(jsonl.excluded).toEqual(json.excluded);
  });
});

describe('promptfoo plain eval and legacy v2', () => {
  it('plain v3 without top-level metadata: behaviour "promptfoo", ungraded row excluded, temperature-0 warning', async () => {
    const c = await read(promptfooJsonReader, fixture('plain-v3-no-metadata.json'));
    const counts = [...c.queries.values()].map((q) => `${q.hits}/${q.k}`).sort();
    expect(counts).toEqual(['0/2', '2/2']);
    expect([...c.queries.keys()].every((k) => k.startsWith('promptfoo | openai:chat:gpt-4.1-mini/'))).toBe(true);
    expect(c.excluded).toEqual({ 'promptfoo:ungraded': 1 });
    expect(c.warnings.some((w) => /2 queries ran at temperature 0 and gave the same output/.test(w))).toBe(true);
  });

  it('v2: groups by prompt label + vars, treats a failed row without grading as an execution error', async () => {
    const c = await read(promptfooJsonReader, fixture('legacy-v2.json'));
    expect([...c.queries.values()].map((q) => `${q.hits}/${q.k}`).sort()).toEqual(['0/1', '1/2']);
    expect(c.excluded).toEqual({ 'promptfoo:error': 1 });
  });
});

describe('promptfoo query grouping keys', () => {
  it('canonicalJson sorts keys at every depth and keeps array order', () => {
    // Written out by hand from the rules: keys sorted, no whitespace, undefined keys dropped.
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }], u: undefined })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson([{ y: 2, x: 1 }, 'é'])).toBe('[{"x":1,"y":2},"é"]');
  });

  it('shortHash is the start of SHA-256 (FIPS 180-2 test vector for "abc")', () => {
    expect(shortHash('abc')).toBe('ba7816bf8f01cfea');
  });

  it('key order, testIdx, registers and _conversation do not split a query; strategy and provider label do', async () => {
    // A raw promptfoo row, patched field by field below: typed loosely on purpose.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const first: Record<string, any> = JSON.parse((await readFile(fixturePath('promptfoo/redteam.jsonl'), 'utf8')).split('\n')[0] ?? '');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const variant = (patch: (r: Record<string, any>) => void) => {
      const r = structuredClone(first);
      patch(r);
      return JSON.stringify(r);
    };
    const lines = [
      variant((r) => {
        r.testCase.vars = { prompt: r.testCase.vars.prompt, lang: 'en' };
      }),
      variant((r) => {
        r.id = 'another-uuid';
        r.testIdx = 57;
        r.testCase.vars = { lang: 'en', prompt: r.testCase.vars.prompt };
        r.vars = { ...r.vars, _conversation: [{ input: 'hi', output: 'hello' }], storedAnswer: 'from an earlier test' };
      }),
      variant((r) => {
        r.testCase.vars = { prompt: r.testCase.vars.prompt, lang: 'en' };
        r.metadata.strategyId = 'base64';
      }),
      variant((r) => {
        r.testCase.vars = { prompt: r.testCase.vars.prompt, lang: 'en' };
        r.provider = { id: r.provider.id, label: 'hot' };
      }),
    ];
    const c = await read(promptfooJsonlReader, bytesSource('keys.jsonl', lines.join('\n') + '\n'));
    expect([...c.queries.values()].map((q) => q.k).sort()).toEqual([1, 1, 2]);
    expect([...c.queries.keys()].some((k) => k.includes('/base64/'))).toBe(true);
  });
});

describe('promptfoo detection', () => {
  const others: FormatReader[] = [harmbenchReader, garakReader, lmevalReader];
  const head = async (name: string) => (await readFile(fixturePath(`promptfoo/${name}`))).subarray(0, 64 * 1024);

  it.each(['redteam-v3.json', 'plain-v3-no-metadata.json', 'legacy-v2.json'])('%s is promptfoo JSON only', async (name) => {
    const h = await head(name);
    expect(promptfooJsonReader.detect(h, name)).toBe(true);
    expect(promptfooJsonlReader.detect(h, name)).toBe(false);
    for (const r of others) expect(r.detect(h, name)).toBe(false);
  });

  it('redteam.jsonl is promptfoo JSONL only', async () => {
    const h = await head('redteam.jsonl');
    expect(promptfooJsonlReader.detect(h, 'redteam.jsonl')).toBe(true);
    expect(promptfooJsonReader.detect(h, 'redteam.jsonl')).toBe(false);
    for (const r of others) expect(r.detect(h, 'redteam.jsonl')).toBe(false);
  });

  it('rejects native JSONL and an Inspect .json log', () => {
    const native = Buffer.from('{"query_id": "q1", "label": 1}\n');
    const inspect = Buffer.from('{\n  "version": 2,\n  "status": "success",\n  "eval": {\n    "task": "x"\n  },\n  "results": {}\n}');
    for (const h of [native, inspect]) {
      expect(promptfooJsonReader.detect(h, 'results.json')).toBe(false);
      expect(promptfooJsonlReader.detect(h, 'results.jsonl')).toBe(false);
    }
  });
});

describe('promptfoo bad input', () => {
  async function temp(name: string, text: string): Promise<ByteSource> {
    return bytesSource(name, text);
  }

  it('names the line and column of a JSON syntax error', async () => {
    const file = await temp('results.json', '{\n  "evalId": "e1",\n  "results": {\n    "version": 3,\n    "results": [,]\n  }\n}');
    // The stray comma is on line 5, column 17 (1-based): `    "results": [,]`.
    await expect(promptfooJsonReader.read(file, {}, collect('promptfoo').sink)).rejects.toThrow(
      /results\.json: invalid JSON at line 5, column 17/,
    );
  });

  it('rejects results.results that is not an array, naming the JSON path', async () => {
    const file = await temp('results.json', JSON.stringify({ evalId: 'e1', results: { version: 3, results: {} } }));
    const err = await promptfooJsonReader.read(file, {}, collect('promptfoo').sink).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toMatch(
      /^InputError: results\.json: results\.results: expected an array, found an object \(\{\}\); expected the layout/,
    );
  });

  it('names the row and field of a wrongly typed value', async () => {
    const doc = JSON.parse(await readFile(fixturePath('promptfoo/redteam-v3.json'), 'utf8'));
    doc.results.results[3].gradingResult = 'passed';
    const file = await temp('results.json', JSON.stringify(doc));
    await expect(promptfooJsonReader.read(file, {}, collect('promptfoo').sink)).rejects.toThrow(
      /^results\.json: results\.results\[3\]\.gradingResult: expected an object, found a string \("passed"\); expected a promptfoo EvaluateResult row$/,
    );
  });

  it('names file:line for a bad JSONL line', async () => {
    const first = (await readFile(fixturePath('promptfoo/redteam.jsonl'), 'utf8')).split('\n')[0];
    const file = await temp('results.jsonl', `${first}\n{"success": tru\n`);
    await expect(promptfooJsonlReader.read(file, {}, collect('promptfoo').sink)).rejects.toThrow(
      /results\.jsonl:2: invalid JSON at line 1, column 13/,
    );
  });

  it('an empty result list is "no usable rows"', async () => {
    const file = await temp('results.json', JSON.stringify({ evalId: 'e1', results: { version: 3, results: [] } }));
    await expect(promptfooJsonReader.read(file, {}, collect('promptfoo').sink)).rejects.toThrow(/no usable rows/);
  });
});
