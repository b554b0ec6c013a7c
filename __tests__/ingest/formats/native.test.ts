import { Accumulator } from '../../../src/ingest/accumulator.js';
import type { FormatReader } from '../../../src/ingest/format.js';
import { LIMITS } from '../../../src/domain/limits.js';
import { makeNativeCsv, nativeCsv } from '../../../src/ingest/formats/native-csv.js';
import { nativeJsonl } from '../../../src/ingest/formats/native-jsonl.js';
import type { ByteSource } from '../../../src/domain/byte-source.js';
import type { BehaviorSample } from '../../../src/domain/observation.js';
import { bytesSource, exampleSource, fixturePath, fixtureSource, missingSource } from '../../helpers/bytes.js';
import { InputError } from '../../../src/domain/errors.js';
import type { MappingOptions } from '../../../src/domain/mapping.js';

const tmp = bytesSource;

async function read(reader: FormatReader, file: ByteSource, options: MappingOptions = {}) {
  const acc = new Accumulator();
  const summary = await reader.read(file, options, acc);
  const byName: Record<string, BehaviorSample> = {};
  for (const b of acc.finish()) byName[b.name] = b;
  return { summary, byName, acc };
}

/** Query id → [hits, samples] of one behaviour. */
function table(b: BehaviorSample | undefined): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  b?.queryIds.forEach((q, i) => (out[q] = [b.hits[i], b.samples[i]]));
  return out;
}

/**
 * Both fixtures hold the same 13 data rows (groups.jsonl adds one blank line,
 * groups.csv a BOM, CRLF line ends and one blank line). By hand:
 * - labels: q1 = labels 1, false, true → 2 hits of 3 (sample 0 repeats: 1 duplicate); "2" = label "1" → 1 of 1
 * - scores: s1 = 0.7 ≥ 0.5 hit, 0.5 ≥ 0.5 hit, 0.49 < 0.5 miss → 2 of 3
 * - probs:  p1 = mean(0.2, 0.4) = 0.3, samples 0
 * - counts: h1 = 3/8 + 1/2 → 4 of 10; h2 has `error` → excluded (error: 1)
 * - default: d1 = label 0 → 0 of 1 (no behavior column value)
 */
describe.each([
  ['JSONL', nativeJsonl, 'groups.jsonl'],
  ['CSV', nativeCsv, 'groups.csv'],
])('%s value groups', (_kind, reader, fixture) => {
  test('map to the hand-computed hits/k', async () => {
    const { summary, byName } = await read(reader, fixtureSource(`native/${fixture}`));
    expect(summary.rows).toBe(13); // data rows; blank lines and the CSV header are not rows
    expect(Object.keys(byName).sort()).toEqual(['counts', 'default', 'labels', 'probs', 'scores']);
    expect(table(byName.labels)).toEqual({ q1: [2, 3], '2': [1, 1] });
    expect(byName.labels.duplicates).toBe(1);
    expect(table(byName.scores)).toEqual({ s1: [2, 3] });
    expect(byName.probs.samples[0]).toBe(0);
    expect(byName.probs.hits[0]).toBeCloseTo(0.3, 15);
    expect(table(byName.counts)).toEqual({ h1: [4, 10] });
    expect(byName.counts.exclusions).toEqual({ error: 1 });
    expect(byName.counts.rows).toBe(2);
    expect(table(byName.default)).toEqual({ d1: [0, 1] });
  });

  test('detect() accepts its own fixture', async () => {
    const { readFileSync } = await import('node:fs');
    expect(reader.detect(readFileSync(fixturePath(`native/${fixture}`)), fixture)).toBe(true);
  });
});

describe('mapping options', () => {
  test('behavior option is the default for rows without one; score-threshold fills a missing threshold', async () => {
    const f = tmp('opts.jsonl', '{"query_id":"a","score":0.8}\n{"query_id":"a","score":0.6}\n{"query_id":"b","behavior":"x","label":1}\n');
    const { byName } = await read(nativeJsonl, f, { behavior: 'toxicity', scoreThreshold: 0.7 });
    // a: 0.8 ≥ 0.7 hit, 0.6 < 0.7 miss → 1 of 2. Row b names its own behaviour.
    expect(table(byName.toxicity)).toEqual({ a: [1, 2] });
    expect(table(byName.x)).toEqual({ b: [1, 1] });
  });
});

test('JSONL with BOM, CRLF and blank lines', async () => {
  const f = tmp('bomcrlf.jsonl', '\uFEFF{"query_id":"a","label":1}\r\n\r\n  \r\n{"query_id":"a","label":0}\r\n');
  const { byName, summary } = await read(nativeJsonl, f);
  expect(summary.rows).toBe(2);
  expect(table(byName.default)).toEqual({ a: [1, 2] });
});

describe('JSONL errors carry file:line', () => {
  test('malformed JSON on line 3 of examples/bad', async () => {
    const file = exampleSource('bad/results.jsonl');
    const err = await read(nativeJsonl, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toMatch(/^InputError: bad\/results\.jsonl:3: invalid JSON \(.+\); fix or remove the line$/);
  });

  test.each([
    ['[1,2]', 'expected a JSON object per line, got an array'],
    ['"text"', 'expected a JSON object per line, got a string'],
    ['null', 'expected a JSON object per line, got null'],
    ['{"label":1}', "missing 'query_id'"],
    ['{"query_id":"q"}', 'no value column (found: none)'],
    ['{"query_id":"q","label":1,"prob":0.5}', 'more than one value column (found: label, prob)'],
    ['{"query_id":"q","hits":1}', "'hits' needs a 'k' column"],
    ['{"query_id":"q","k":4}', 'no value column (found: k)'],
    ['{"query_id":"q","score":0.3}', "'score' needs a 'threshold' column or the score-threshold input"],
    ['{"query_id":"q","score":"abc","threshold":0.5}', "'score' must be a finite number, got 'abc'"],
    ['{"query_id":"q","label":2}', "'label' must be 0, 1, true or false, got 2"],
    ['{"query_id":"q","hits":5,"k":4}', 'hits must be an integer between 0 and k = 4, got 5'],
    ['{"query_id":"q","prob":1.5}', 'probability must be a finite number in [0, 1], got 1.5'],
    ['{"query_id":{"a":1},"label":1}', "'query_id' must be a string or a number"],
  ])('line 2 = %s', async (line, message) => {
    const f = tmp('err.jsonl', `{"query_id":"ok","label":0}\n${line}\n`);
    await expect(read(nativeJsonl, f)).rejects.toThrow(`err.jsonl:2: ${message}`);
  });

  test('error field: non-empty strings and non-false values exclude; null, false and "" do not', async () => {
    const rows = [
      '{"query_id":"a","label":1,"error":null}',
      '{"query_id":"a","label":1,"error":false}',
      '{"query_id":"a","label":1,"error":""}',
      '{"query_id":"a","label":1,"error":"  "}',
      '{"query_id":"a","error":"boom"}',
      '{"query_id":"a","label":1,"error":true}',
      '{"error":{"code":500}}',
    ];
    const { byName } = await read(nativeJsonl, tmp('errfield.jsonl', rows.join('\n')));
    expect(table(byName.default)).toEqual({ a: [4, 4] });
    expect(byName.default.exclusions).toEqual({ error: 3 });
  });

  test('an over-long line is a bounded error (LIMITS.maxLineBytes)', async () => {
    const long = `{"query_id":"q","label":1,"pad":"${'x'.repeat(LIMITS.maxLineBytes)}"}`;
    const f = tmp('long.jsonl', `{"query_id":"q","label":0}\n${long}\n`);
    await expect(read(nativeJsonl, f)).rejects.toThrow(`long.jsonl:2: line longer than ${LIMITS.maxLineBytes} bytes`);
  });
});

describe('CSV specifics', () => {
  test('quoted fields with commas, escaped quotes and newlines', async () => {
    const { byName, summary } = await read(nativeCsv, fixtureSource('native/quoted.csv'));
    expect(summary.rows).toBe(3);
    expect(table(byName['harm, with comma'])).toEqual({ 'q,1': [1, 4] });
    expect(table(byName.plain)).toEqual({ 'q "2"': [0, 4], 'multi\nline': [2, 4] });
  });

  test('a wrong column count names file and line', async () => {
    const f = tmp('cols.csv', 'query_id,hits,k\nq1,1,4\nq2,1,4,9\n');
    await expect(read(nativeCsv, f)).rejects.toThrow(/^cols\.csv:3: Invalid Record Length/);
  });

  test('a mapping error names the CSV line (header is line 1)', async () => {
    const f = tmp('map.csv', 'query_id,label\nq1,1\n\nq2,maybe\n');
    await expect(read(nativeCsv, f)).rejects.toThrow("map.csv:4: 'label' must be 0, 1, true or false, got 'maybe'");
    // Lines 2–3 are one record (a quoted id with a newline), so the bad record is on line 5, not record 3 + 1.
    const quoted = tmp('multi.csv', 'query_id,label\n"q1\nsecond line",1\nq2,0\nq3,maybe\n');
    await expect(read(nativeCsv, quoted)).rejects.toThrow("multi.csv:5: 'label' must be 0, 1, true or false, got 'maybe'");
  });

  test('duplicate header columns are refused', async () => {
    const f = tmp('dup.csv', 'query_id,label,label\nq1,1,0\n');
    await expect(read(nativeCsv, f)).rejects.toThrow("dup.csv:1: duplicate column 'label'");
  });

  test('an over-long record is a bounded error', async () => {
    // A 1000-byte bound instead of LIMITS.maxLineBytes: csv-parse takes seconds to fill 16 MiB under jest.
    const f = tmp('long.csv', `query_id,label\nq1,1\n${'x'.repeat(1010)},1\nq2,1\n`);
    await expect(read(makeNativeCsv(1000), f)).rejects.toThrow(
      /^long\.csv:3: Max Record Size: record exceed the maximum number of tolerated bytes of 1000/,
    );
  });

  test('a missing file is an InputError naming it', async () => {
    await expect(read(nativeCsv, missingSource('nope.csv'))).rejects.toThrow(/^nope\.csv: cannot read the file: ENOENT/);
  });
});

describe('detect()', () => {
  const head = (s: string) => Buffer.from(s, 'utf8');
  test.each([
    ['JSONL with query_id after blank lines', nativeJsonl, '\n\n{"query_id":1,"label":0}\n', true],
    ['JSONL with BOM', nativeJsonl, '\uFEFF{"query_id":1,"label":0}', true],
    ['JSONL without query_id', nativeJsonl, '{"doc_id":1}\n', false],
    ['JSONL array line', nativeJsonl, '[{"query_id":1}]\n', false],
    ['JSONL given a CSV', nativeJsonl, 'query_id,label\n1,0\n', false],
    ['CSV', nativeCsv, 'query_id,label\n', true],
    ['CSV quoted header with BOM and CRLF', nativeCsv, '\uFEFF"behavior","query_id"\r\nx,1\r\n', true],
    ['CSV header with a space before a quote (csv-parse refuses it too)', nativeCsv, 'behavior, "query_id"\n', false],
    ['CSV without query_id', nativeCsv, 'id,label\nquery_id,1\n', false],
    ['CSV given a JSONL line', nativeCsv, '{"query_id":1,"label":0}\n', false],
  ])('%s', (_what, reader, text, expected) => {
    expect(reader.detect(head(text), 'results')).toBe(expected);
  });
});
