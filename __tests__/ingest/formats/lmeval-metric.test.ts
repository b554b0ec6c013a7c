import type { MappingOptions } from '../../../src/domain/mapping.js';
import { lmevalReader } from '../../../src/ingest/formats/lmeval.js';
import { bytesSource } from '../../helpers/bytes.js';
import { readWith, type Collected } from '../../helpers/collecting-sink.js';

// Rows as lm_eval/evaluator.py logs them: one per (doc, filter), with
// `metrics` naming the keys process_results returned and those keys beside
// it (`example.update(metrics)`). The gsm8k case mirrors the real
// file: the same 10 generations score 1/10 under strict-match and 8/10 under
// flexible-extract (the two filters of gsm8k's default config).

const GSM8K = 'samples_gsm8k_2026-03-01T10-00-00.000000.jsonl';
const GEN = 'samples_truthy_gen_2026-03-01T10-00-00.000000.jsonl';

type Row = Record<string, unknown>;

function genRow(docId: number, filter: string, metrics: Row, gens: string[] = ['The answer is 4.']): Row {
  return {
    doc_id: docId,
    doc: { question: `q${docId}` },
    target: `#### ${docId}`,
    arguments: { gen_args_0: { arg_0: `Q: q${docId}\nA:`, arg_1: { until: ['Q:'], do_sample: false } } },
    resps: [gens],
    filtered_resps: [gens[0]],
    filter,
    metrics: Object.keys(metrics),
    doc_hash: 'h',
    prompt_hash: 'h',
    target_hash: 'h',
    ...metrics,
  };
}

const jsonl = (rows: Row[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** 10 docs × 2 filters: exact_match 1 for doc 0 under strict-match, for docs 0–7 under flexible-extract. */
function gsm8k(): string {
  const rows: Row[] = [];
  for (let d = 0; d < 10; d++) rows.push(genRow(d, 'strict-match', { exact_match: d === 0 ? 1.0 : 0.0 }));
  for (let d = 0; d < 10; d++) rows.push(genRow(d, 'flexible-extract', { exact_match: d < 8 ? 1.0 : 0.0 }));
  return jsonl(rows);
}

async function read(name: string, text: string, options: MappingOptions = {}): Promise<Collected> {
  return readWith(lmevalReader, bytesSource(name, text), options);
}

/** Per behaviour: [sum of hits, sum of k, number of queries]. */
function totals(c: Collected): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const [key, q] of c.queries) {
    const behavior = key.split(' | ')[0];
    const t = (out[behavior] ??= [0, 0, 0]);
    t[0] += q.hits;
    t[1] += q.k;
    t[2] += 1;
  }
  return out;
}

describe('lm-eval per-sample metric (scorer)', () => {
  it('scorer exact_match, two filters: the first filter, k = 1 per doc, the hit a wrong answer (0)', async () => {
    const c = await read(GSM8K, gsm8k(), { scorer: 'exact_match' });
    // strict-match: 1 of 10 right → 9 wrong answers of 10 docs, each doc one sample
    expect(totals(c)).toEqual({ gsm8k: [9, 10, 10] });
    expect(c.excluded).toEqual({ 'gsm8k:other-filter': 10 });
    expect(c.warnings.some((w) => w.includes("read 'strict-match' (the first seen") && w.includes('flexible-extract (10 rows)'))).toBe(
      true,
    );
  });

  it('the default with no mapping reads the only metric, the same as scorer exact_match', async () => {
    const byDefault = await read(GSM8K, gsm8k());
    const named = await read(GSM8K, gsm8k(), { scorer: 'exact_match' });
    expect(byDefault.queries).toEqual(named.queries);
    expect(totals(byDefault)).toEqual({ gsm8k: [9, 10, 10] });
  });

  it('filter picks flexible-extract: 8 of 10 right, 2 hits', async () => {
    const c = await read(GSM8K, gsm8k(), { filter: 'flexible-extract' });
    expect(totals(c)).toEqual({ gsm8k: [2, 10, 10] });
  });

  it('group-by filter: one behaviour per filter, never pooled (k stays 1 per doc per filter)', async () => {
    const c = await read(GSM8K, gsm8k(), { groupBy: 'filter' });
    expect(totals(c)).toEqual({ 'gsm8k/strict-match': [9, 10, 10], 'gsm8k/flexible-extract': [2, 10, 10] });
    expect(c.excluded).toEqual({});
  });

  it('hit-values 1 makes a 1 the hit (a metric that measures the behaviour)', async () => {
    const c = await read(GSM8K, gsm8k(), { hitValues: ['1'], filter: 'flexible-extract' });
    expect(totals(c)).toEqual({ gsm8k: [8, 10, 10] });
  });

  it('a generate_until file with one filter', async () => {
    const text = jsonl([
      genRow(0, 'none', { exact_match: 0 }),
      genRow(1, 'none', { exact_match: 1 }),
      genRow(2, 'none', { exact_match: true }),
    ]);
    const c = await read(GEN, text);
    expect(Object.fromEntries([...c.queries].map(([k, q]) => [k, `${q.hits}/${q.k}`]))).toEqual({
      'truthy_gen | truthy_gen/0': '1/1',
      'truthy_gen | truthy_gen/1': '0/1',
      'truthy_gen | truthy_gen/2': '0/1',
    });
    expect(c.warnings).toEqual([]);
  });

  it('scorer on a multiple-choice row reads acc instead of the softmax', async () => {
    const row = {
      doc_id: 0,
      doc: {},
      target: '1',
      arguments: { gen_args_0: { arg_0: 'Q', arg_1: ' A' }, gen_args_1: { arg_0: 'Q', arg_1: ' B' } },
      resps: [[['-1.0', 'False']], [['-2.0', 'False']]],
      filtered_resps: [
        ['-1.0', 'False'],
        ['-2.0', 'False'],
      ],
      filter: 'none',
      metrics: ['acc', 'acc_norm'],
      acc: 0.0,
      acc_norm: 1.0,
    };
    const c = await read('samples_mc_2026-03-01T10-00-00.000000.jsonl', jsonl([row]), { scorer: 'acc' });
    expect(c.given.size).toBe(0);
    expect([...c.queries.values()]).toEqual([{ hits: 1, k: 1 }]);
  });

  it('repeats with a per-generation metric list: h of k = the list', async () => {
    const gens = ['a', 'b', 'c', 'd', 'e'];
    const row = { ...genRow(0, 'take_all', { correct: [1, 0, 1, 1, 0] }, gens), filtered_resps: [gens] };
    const c = await read(GEN, jsonl([row]));
    // two 0s of five generations: 2 hits of k = 5
    expect([...c.queries.values()]).toEqual([{ hits: 2, k: 5 }]);
  });

  it('repeats collapsed by a filter: the one score is one sample, with a warning', async () => {
    const row = genRow(0, 'maj@4', { exact_match: 0 }, ['a', 'b', 'c', 'd']);
    const c = await read(GEN, jsonl([row]));
    expect([...c.queries.values()]).toEqual([{ hits: 1, k: 1 }]);
    expect(c.warnings.join('\n')).toMatch(/1 docs have several generations \(repeats\) but one 'exact_match' value/);
  });

  it('score-threshold reads a fraction (f1 0.4 < 0.5 is a 0, the hit)', async () => {
    const text = jsonl([genRow(0, 'none', { f1: 0.4 }), genRow(1, 'none', { f1: 0.9 })]);
    const c = await read(GEN, text, { scoreThreshold: 0.5 });
    expect([...c.queries.values()].map((q) => q.hits)).toEqual([1, 0]);
  });

  it('null or NaN metric values are excluded as metric-not-a-number', async () => {
    const text = jsonl([genRow(0, 'none', { exact_match: 1 }), genRow(1, 'none', { exact_match: null })]);
    const c = await read(GEN, text);
    expect(c.excluded).toEqual({ 'truthy_gen:metric-not-a-number': 1 });
  });
});

describe('lm-eval per-sample metric: bad input', () => {
  it('a fraction without score-threshold is refused, naming line, doc and metric', async () => {
    await expect(read(GEN, jsonl([genRow(0, 'none', { f1: 0.4 })]))).rejects.toThrow(
      /samples_truthy_gen_.*\.jsonl:1: doc 0: f1: 0\.4 is neither 1 nor 0, .*set score-threshold/,
    );
  });

  it('several metrics and no scorer: names them and says to set scorer', async () => {
    await expect(read(GEN, jsonl([genRow(0, 'none', { exact_match: 1, bleu: 0 })]))).rejects.toThrow(
      /:1: the rows carry several per-sample metrics \(exact_match, bleu\); set scorer/,
    );
  });

  it('a generate_until row with no metric and no matcher says to set one of them', async () => {
    await expect(read(GEN, jsonl([genRow(0, 'none', {})]))).rejects.toThrow(/:1: doc 0 comes from a sampled .* set scorer .* or matcher/);
  });

  it('a scorer no row carries is an error listing the metrics', async () => {
    await expect(read(GSM8K, gsm8k(), { scorer: 'acc' })).rejects.toThrow(
      /samples_gsm8k_.*\.jsonl: scorer 'acc' is not a per-sample metric of this file \(metrics in it: exact_match\); set scorer/,
    );
  });

  it('rows that lack the scorer among rows that have it are excluded as metric-missing', async () => {
    const text = jsonl([genRow(0, 'none', { exact_match: 0 }), genRow(1, 'none', { bleu: 0 })]);
    const c = await read(GEN, text, { scorer: 'exact_match' });
    expect(c.excluded).toEqual({ 'truthy_gen:metric-missing': 1 });
  });

  it('hit-values other than 1 or 0 with a metric', async () => {
    await expect(read(GSM8K, gsm8k(), { hitValues: ['yes'] })).rejects.toThrow(
      /:1: hit-values \["yes"\]: read by the metric 'exact_match', a hit is a 1 or a 0/,
    );
  });

  it('matcher and scorer together', async () => {
    await expect(read(GSM8K, gsm8k(), { matcher: 'x', scorer: 'exact_match' })).rejects.toThrow(/matcher and scorer are both set/);
  });

  it('a metric value that is text', async () => {
    await expect(
      read(GEN, jsonl([genRow(0, 'none', { exact_match: 1 }), { ...genRow(1, 'none', { exact_match: 1 }), exact_match: 'yes' }])),
    ).rejects.toThrow(/:2: doc 1: exact_match: expected a number \(1 or 0\), got "yes"/);
  });
});
