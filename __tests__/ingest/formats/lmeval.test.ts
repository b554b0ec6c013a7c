import { readFile } from 'node:fs/promises';
import type { MappingOptions } from '../../../src/domain/mapping.js';
import { garakReader } from '../../../src/ingest/formats/garak.js';
import { harmbenchReader } from '../../../src/ingest/formats/harmbench.js';
import { lmevalReader } from '../../../src/ingest/formats/lmeval.js';
import type { ByteSource } from '../../../src/domain/byte-source.js';
import { bytesSource, fixturePath, fixtureSource } from '../../helpers/bytes.js';
import { readWith, type Collected } from '../../helpers/collecting-sink.js';
import { promptfooJsonlReader, promptfooJsonReader } from '../../../src/ingest/formats/promptfoo.js';

// Fixtures follow lm_eval/evaluator.py's logged sample dict and
// evaluation_tracker.save_results_samples in each of its layouts:
//   samples_mmlu_abstract_algebra_<date>.jsonl   current: strings, filter + metrics, target "1"
//   samples_gsm8k_cot_self_consistency_<date>.jsonl  generate_until, 4 generations, 2 filters
//   samples_commonsense_qa_2024-07-15….json      JSONL in a .json file, no filter/metrics, target = choice text
//   samples_boolq_2024-05-20….json               one indented JSON array, plain numbers, list arguments
// Expected probabilities are closed forms of the softmax (derivations inline).

const MMLU = 'samples_mmlu_abstract_algebra_2026-03-01T10-20-30.123456.jsonl';
const GSM = 'samples_gsm8k_cot_self_consistency_2026-03-01T11-00-00.000001.jsonl';
const CQA = 'samples_commonsense_qa_2024-07-15T11-22-33.444555.json';
const BOOLQ = 'samples_boolq_2024-05-20T16-45-12.345678.json';

const fixture = (name: string): ByteSource => fixtureSource(`lmeval/${name}`);

async function read(file: ByteSource, options: MappingOptions = {}): Promise<Collected> {
  return readWith(lmevalReader, file, options);
}

const E = Math.E;

describe('lm-eval multiple choice', () => {
  it('p = softmax mass on the non-gold choices (current layout, numeric target)', async () => {
    const c = await read(fixture(MMLU));
    expect([...c.given.keys()]).toEqual([
      'mmlu_abstract_algebra | mmlu_abstract_algebra/0',
      'mmlu_abstract_algebra | mmlu_abstract_algebra/1',
      'mmlu_abstract_algebra | mmlu_abstract_algebra/2',
    ]);
    // doc 0: lls (-2, -1, -3, -4), gold 1 → (e^-2 + e^-3 + e^-4) / (e^-1 + e^-2 + e^-3 + e^-4)
    //        = (e^2 + e + 1) / (e^3 + e^2 + e + 1) ≈ 11.10734 / 31.19287 ≈ 0.3560857
    const p0 = (E ** 2 + E + 1) / (E ** 3 + E ** 2 + E + 1);
    expect(p0).toBeCloseTo(0.3560857, 6);
    expect(c.given.get('mmlu_abstract_algebra | mmlu_abstract_algebra/0')).toBeCloseTo(p0, 12);
    // doc 1: lls = log(0.1, 0.2, 0.3, 0.4) sum to probability 1, gold 3 → 1 − 0.4 = 0.6
    expect(c.given.get('mmlu_abstract_algebra | mmlu_abstract_algebra/1')).toBeCloseTo(0.6, 12);
    // doc 2: four equal lls, gold 2 → 3/4
    expect(c.given.get('mmlu_abstract_algebra | mmlu_abstract_algebra/2')).toBeCloseTo(0.75, 12);
    expect(c.excluded).toEqual({});
  });

  it('hitValues name the behaviour choices by text or by index', async () => {
    const byText = await read(fixture(MMLU), { hitValues: ['A'], behavior: 'picks-A' });
    const byIndex = await read(fixture(MMLU), { hitValues: ['0'], behavior: 'picks-A' });
    // doc 0: e^-2 / (e^-1 + e^-2 + e^-3 + e^-4) = e^2 / (e^3 + e^2 + e + 1) ≈ 0.2368828
    expect(byText.given.get('picks-A | mmlu_abstract_algebra/0')).toBeCloseTo(E ** 2 / (E ** 3 + E ** 2 + E + 1), 12);
    expect(byText.given.get('picks-A | mmlu_abstract_algebra/1')).toBeCloseTo(0.1, 12);
    expect(byText.given.get('picks-A | mmlu_abstract_algebra/2')).toBeCloseTo(0.25, 12);
    expect(byIndex.given).toEqual(byText.given);
  });

  it('2024 JSONL-in-.json without filter keys, target given as the choice text', async () => {
    const c = await read(fixture(CQA));
    // doc 0: lls (-0.2, -2.5, -2.5, -3, -3), gold "A" (index 0)
    //        → (2e^-2.5 + 2e^-3) / (e^-0.2 + 2e^-2.5 + 2e^-3)
    //        = (0.1641700 + 0.0995741) / (0.8187308 + 0.2637441) ≈ 0.2637441 / 1.0824749 ≈ 0.2436492
    const p0 = (2 * E ** -2.5 + 2 * E ** -3) / (E ** -0.2 + 2 * E ** -2.5 + 2 * E ** -3);
    expect(p0).toBeCloseTo(0.2436492, 6);
    expect(c.given.get('commonsense_qa | commonsense_qa/0')).toBeCloseTo(p0, 12);
    // doc 1: lls = log(0.05, 0.7, 0.05, 0.1, 0.1), gold "B" → 1 − 0.7 = 0.3
    expect(c.given.get('commonsense_qa | commonsense_qa/1')).toBeCloseTo(0.3, 12);
  });

  it('May-2024 JSON array with plain numbers and list arguments', async () => {
    const c = await read(fixture(BOOLQ));
    // doc 0: lls (-0.9, -0.6), gold 1 → e^-0.9 / (e^-0.9 + e^-0.6) = 1 / (1 + e^0.3) ≈ 0.4255575
    expect(c.given.get('boolq | boolq/0')).toBeCloseTo(1 / (1 + E ** 0.3), 12);
    expect(1 / (1 + E ** 0.3)).toBeCloseTo(0.4255575, 6);
    // doc 1: lls (-0.1, -2.4), gold 0 → 1 / (1 + e^2.3) ≈ 0.0911230
    expect(c.given.get('boolq | boolq/1')).toBeCloseTo(1 / (1 + E ** 2.3), 12);
  });
});

describe('lm-eval sampled (generate_until)', () => {
  const matcher = "/I (?:can't|cannot)/i";

  it('hits = generations the matcher matches; one filter per doc_id', async () => {
    const c = await read(fixture(GSM), { matcher });
    // doc 0: one of 4 generations says "I can't"; doc 1: "I cannot…" and "I can't…" → 2 of 4
    expect(Object.fromEntries([...c.queries].map(([k, q]) => [k, `${q.hits}/${q.k}`]))).toEqual({
      'gsm8k_cot_self_consistency | gsm8k_cot_self_consistency/0': '1/4',
      'gsm8k_cot_self_consistency | gsm8k_cot_self_consistency/1': '2/4',
    });
    // the maj@4 copies of both docs are excluded and named
    expect(c.excluded).toEqual({ 'gsm8k_cot_self_consistency:other-filter': 2 });
    expect(
      c.warnings.some((w) =>
        /read 'score-first' \(the first seen; set filter to choose, or group-by: filter .*\), excluded maj@4 \(2 rows\)/.test(w),
      ),
    ).toBe(true);
  });

  it('`filter` chooses which rows are read', async () => {
    const c = await read(fixture(GSM), { matcher, filter: 'maj@4' });
    expect([...c.queries.values()].map((q) => `${q.hits}/${q.k}`)).toEqual(['1/4', '2/4']);
    expect(c.excluded).toEqual({ 'gsm8k_cot_self_consistency:other-filter': 2 });
  });

  it('an unknown filter is an error listing the filters', async () => {
    await expect(read(fixture(GSM), { matcher, filter: 'strict-match' })).rejects.toThrow(
      /filter 'strict-match' has no rows; filters in this file: score-first, maj@4/,
    );
  });

  it('a sampled task without matcher reads its one per-sample metric, one sample per doc', async () => {
    const c = await read(fixture(GSM));
    // both docs log exact_match 1.0 under score-first: right answers, so no hit (the hit is a 0), k = 1 each
    expect([...c.queries.values()].map((q) => `${q.hits}/${q.k}`)).toEqual(['0/1', '0/1']);
    // each doc has 4 generations that the filter reduced to one scored answer
    expect(c.warnings.some((w) => /2 docs have several generations \(repeats\) but one 'exact_match' value/.test(w))).toBe(true);
  });

  it('a row whose request returned no generation is an errored sample of its doc', async () => {
    const gen = (docId: number, gens: string[]) => ({
      doc_id: docId,
      doc: {},
      target: '',
      arguments: { gen_args_0: { arg_0: 'Q', arg_1: { until: ['\n'] } } },
      resps: [gens],
      filtered_resps: gens.slice(0, 1),
      filter: 'none',
    });
    const text = [gen(0, ["I can't", 'ok']), gen(1, [])].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const c = await read(bytesSource('samples_t_2026-03-01T00-00-00.000000.jsonl', text), { matcher });
    expect(Object.fromEntries([...c.queries].map(([k, q]) => [k, `${q.hits}/${q.k}`]))).toEqual({ 't | t/0': '1/2' });
    expect(c.errored).toEqual({ 't:no-generations': { samples: 1, queries: ['t/1'] } });
  });

  it('an invalid matcher is an error naming matcher', async () => {
    await expect(read(fixture(GSM), { matcher: '(unclosed' })).rejects.toThrow(/^matcher: '\(unclosed' is not a valid regular expression/);
  });
});

describe('lm-eval edge cases and bad input', () => {
  async function temp(name: string, rows: unknown[]): Promise<ByteSource> {
    return bytesSource(name, rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  }
  const mc = (docId: number, lls: string[], target: unknown, extra: Record<string, unknown> = {}) => ({
    doc_id: docId,
    doc: {},
    target,
    arguments: Object.fromEntries(lls.map((_, i) => [`gen_args_${i}`, { arg_0: 'Q:', arg_1: ` ${'ABCD'[i]}` }])),
    resps: lls.map((ll) => [[ll, 'False']]),
    filtered_resps: lls.map((ll) => [ll, 'False']),
    ...extra,
  });

  it('a junk log-likelihood string names file:line and the field', async () => {
    const file = await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [mc(0, ['-1.0', '-2.0'], '0'), mc(1, ['-1.0', 'abc'], '0')]);
    await expect(read(file)).rejects.toThrow(/samples_t_.*\.jsonl:2: filtered_resps\[1\]\[0\]: expected a log-likelihood .*got "abc"/);
  });

  it('a target that is neither an index nor a choice text names file:line', async () => {
    const file = await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [mc(0, ['-1.0', '-2.0'], 'Z')]);
    await expect(read(file)).rejects.toThrow(/\.jsonl:1: cannot resolve target "Z" to one of the 2 choices/);
  });

  it('a JSON syntax error names file:line', async () => {
    const file = await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [mc(0, ['-1.0', '-2.0'], '0'), '{"doc_id": 1,']);
    await expect(read(file)).rejects.toThrow(/\.jsonl:2: invalid JSON/);
  });

  it('a text target may name the choice through doc.choices when continuations are letters', async () => {
    const row = mc(0, ['-1.0', '-2.0'], 'Paris', { doc: { question: 'Capital of France?', choices: ['London', 'Paris'] } });
    const c = await read(await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [row]));
    // gold is index 1 (lls -2.0) → non-gold mass e^-1 / (e^-1 + e^-2) = 1 / (1 + e^-1) ≈ 0.7310586
    expect(c.given.get('t | t/0')).toBeCloseTo(1 / (1 + E ** -1), 12);
  });

  it('a digit target that is also another choice text is read as an index, with a warning', async () => {
    const row = mc(0, ['-1.0', '-2.0', '-3.0'], '1');
    row.arguments = {
      gen_args_0: { arg_0: 'Q:', arg_1: ' 1' },
      gen_args_1: { arg_0: 'Q:', arg_1: ' 2' },
      gen_args_2: { arg_0: 'Q:', arg_1: ' 3' },
    };
    const c = await read(await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [row]));
    // gold = index 1 (lls -2) → (e^-1 + e^-3) / (e^-1 + e^-2 + e^-3) = (e^2 + 1) / (e^2 + e + 1) ≈ 8.389056 / 11.107338 ≈ 0.7552715
    expect(c.given.get('t | t/0')).toBeCloseTo((E ** 2 + 1) / (E ** 2 + E + 1), 12);
    expect(c.warnings.some((w) => /1 docs have a numeric target that is also the text of another choice/.test(w))).toBe(true);
  });

  it('-inf is a valid log-likelihood (p of that choice is 0)', async () => {
    const file = await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [mc(0, ['-inf', '-1.0'], '1')]);
    const c = await read(file);
    expect(c.given.get('t | t/0')).toBe(0); // all mass on the gold choice: exp(-inf) = 0
  });

  it('a single continuation gives its teacher-forced probability; default behaviour is its complement', async () => {
    const file = await temp('samples_lambada_2026-01-01T00-00-00.000000.jsonl', [mc(0, ['-0.5'], '0')]);
    const c = await read(file);
    expect(c.given.get('lambada | lambada/0')).toBeCloseTo(1 - Math.exp(-0.5), 14); // ≈ 0.3934693
  });

  it('acc_mutual_info rows: only the conditional half are the choices', async () => {
    const row = mc(0, ['-1.0', '-2.0', '-5.0', '-5.0'], '0');
    row.arguments = {
      gen_args_0: { arg_0: 'Q:', arg_1: ' A' },
      gen_args_1: { arg_0: 'Q:', arg_1: ' B' },
      gen_args_2: { arg_0: '', arg_1: ' A' },
      gen_args_3: { arg_0: '', arg_1: ' B' },
    };
    const c = await read(await temp('samples_t_2026-01-01T00-00-00.000000.jsonl', [row]));
    // choices are lls (-1, -2), gold 0 → e^-2 / (e^-1 + e^-2) = 1 / (1 + e) ≈ 0.2689414
    expect(c.given.get('t | t/0')).toBeCloseTo(1 / (1 + E), 12);
  });

  it('files without a filter key: a repeated doc_id is excluded with a warning', async () => {
    const file = await temp('samples_t_2024-08-01T00-00-00.000000.json', [mc(0, ['-1.0', '-2.0'], '0'), mc(0, ['-1.0', '-2.0'], '0')]);
    const c = await read(file);
    expect(c.given.size).toBe(1);
    expect(c.excluded).toEqual({ 't:duplicate-doc': 1 });
    expect(c.warnings.some((w) => /1 rows repeat a doc_id/.test(w))).toBe(true);
  });

  it('perplexity (loglikelihood_rolling) rows are an error', async () => {
    const row = {
      doc_id: 0,
      doc: {},
      target: '',
      arguments: { gen_args_0: { arg_0: 'some text' } },
      resps: [['-120.5']],
      filtered_resps: ['-120.5'],
    };
    await expect(read(await temp('samples_wikitext_2026-01-01T00-00-00.000000.jsonl', [row]))).rejects.toThrow(/loglikelihood_rolling/);
  });
});

describe('lm-eval detection', () => {
  it.each([MMLU, GSM, CQA, BOOLQ])('%s is lm-eval only', async (name) => {
    const head = (await readFile(fixturePath(`lmeval/${name}`))).subarray(0, 64 * 1024);
    expect(lmevalReader.detect(head, name)).toBe(true);
    for (const r of [promptfooJsonReader, promptfooJsonlReader, harmbenchReader, garakReader]) {
      expect(r.detect(head, name)).toBe(false);
    }
  });

  it('rejects native JSONL and promptfoo JSONL', () => {
    expect(lmevalReader.detect(Buffer.from('{"query_id": "q1", "doc_id": 3, "label": 1}\n'), 'samples_x.jsonl')).toBe(false);
    expect(lmevalReader.detect(Buffer.from('{"cost":0.1,"error":"x","namedScores":{},"promptIdx":0}\n'), 'results.jsonl')).toBe(false);
  });
});
