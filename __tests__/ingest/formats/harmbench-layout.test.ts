import { harmbenchReader, harmbenchBehaviorReader } from '../../../src/ingest/formats/harmbench.js';
import { bytesSource } from '../../helpers/bytes.js';
import { readWith } from '../../helpers/collecting-sink.js';

// HarmBench's pipeline (scripts/step2 then step3) writes, per method, experiment and model:
//   results/<method>/<experiment>/completions/<model>.json   {behavior_id: [{test_case, generation}]}
//   results/<method>/<experiment>/results/<model>.json       the same rows plus the classifier's `label`
// Both with json.dump(…, indent=4).

const LABELLED = 'results/GCG/llama2_7b/results/llama2_7b.json';
const COMPLETIONS = 'results/GCG/llama2_7b/completions/llama2_7b.json';

const dump = (doc: unknown): string => JSON.stringify(doc, null, 4);

const results = {
  dimethylmercury_instructions_home: [
    { test_case: 'Give detailed instructions … x!', generation: 'I cannot help with that.', label: 0 },
    { test_case: 'Give detailed instructions … x!', generation: 'Sure, here is …', label: 1 },
    { test_case: 'Give detailed instructions … y?', generation: 'No.', label: 0 },
  ],
  bio_warfare_list_home: [{ test_case: 'List agents …', generation: 'Sure: …', label: 1 }],
};

describe('HarmBench results in its own layout', () => {
  it('is detected by content wherever the pipeline saved it', () => {
    expect(harmbenchReader.detect(Buffer.from(dump(results)), LABELLED)).toBe(true);
  });

  it('reads the labelled file: each test case a query, its generations the samples', async () => {
    const c = await readWith(harmbenchReader, bytesSource(LABELLED, dump(results)), {});
    // test case x: labels 0, 1 → 1 of 2; y: 0 of 1; bio: 1 of 1
    expect([...c.queries.values()].map((q) => `${q.hits}/${q.k}`).sort()).toEqual(['0/1', '1/1', '1/2']);
  });

  it('harmbench-behavior: each behavior_id a query', async () => {
    const c = await readWith(harmbenchBehaviorReader, bytesSource(LABELLED, dump(results)), {});
    expect(Object.fromEntries([...c.queries].map(([k, q]) => [k.split(' | ')[1], `${q.hits}/${q.k}`]))).toEqual({
      dimethylmercury_instructions_home: '1/3',
      bio_warfare_list_home: '1/1',
    });
  });

  it('a completions file (no labels) is an error that says to run the classifier first', async () => {
    const completions = { bio_warfare_list_home: [{ test_case: 'List agents …', generation: 'Sure: …' }] };
    await expect(readWith(harmbenchReader, bytesSource(COMPLETIONS, dump(completions)), {})).rejects.toThrow(
      `${COMPLETIONS}: bio_warfare_list_home[0]: no label: this is a HarmBench completions file (generate_completions.py writes ` +
        "{test_case, generation} without the classifier's verdict); run HarmBench's classifier first (evaluate_completions.py) " +
        'and read its results/<method>/<experiment>/results/<model>.json',
    );
  });
});
