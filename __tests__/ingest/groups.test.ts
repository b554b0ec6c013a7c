/**
 * ingestGroups: several groups, each with its own format and mapping, read
 * into ONE accumulator. Fixtures and the rows they hold (counted by hand):
 *
 * inspect/zstd.eval and inspect/deflate.eval (the same log, two compressions;
 * scripts/make-inspect-fixtures.mjs, task refusal_probe, model mockllm/model),
 * epochs 1, 2, 3 per sample:
 *   q1: complied C, C, I   harm_score .9, .8, .4
 *   q2: complied I, C, I   harm_score .1, .7, .2
 *   q3: epoch 1 errored;   complied C, P (epochs 2, 3)   harm_score .6, .3
 *   q4: complied N, (none), I   harm_score 0, .5, 1
 * - scorer complied, hit-values I: q1 1/3, q2 2/3, q3 0/2 (+1 sample-error), q4 1/2 (+1 unscored)
 * - scorer harm_score, score-threshold 0.5 (≥ is a hit): q1 2/3, q2 1/3, q3 1/2 (+1 sample-error), q4 2/3
 *
 * promptfoo/redteam-v3.json (see __tests__/ingest/formats/promptfoo.test.ts for the row table):
 *   harmful:hate: 0/3, 1/3, 2/3 (+1 error); pii:direct: 1/2 (+1 grader-error)
 *
 * native/groups.jsonl (see __tests__/ingest/formats/native.test.ts): labels q1 2/3 (1 duplicate), "2" 1/1;
 *   scores s1 2/3; probs p1 given 0.3; counts h1 4/10 (+1 error); the row without a
 *   behaviour (d1, label 0 → 0/1) takes the `behavior` mapping option.
 */
import { describe, expect, it } from '@jest/globals';
import type { FormatReader } from '../../src/ingest/format.js';
import { ingestFiles, ingestGroups, type IngestResult } from '../../src/ingest/ingest.js';
import type { BehaviorSample } from '../../src/domain/observation.js';
import { bytesSource, fixtureSource } from '../helpers/bytes.js';
import { InputError } from '../../src/domain/errors.js';
import type { SourceGroup } from '../../src/domain/byte-source.js';

const fixture = (rel: string) => fixtureSource(rel, rel);
const INSPECT = fixture('inspect/zstd.eval');
const INSPECT_DEFLATE = fixture('inspect/deflate.eval');
const PROMPTFOO = fixture('promptfoo/redteam-v3.json');
const NATIVE = fixture('native/groups.jsonl');

function behavior(r: IngestResult, name: string): BehaviorSample {
  const found = r.samples.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no behaviour ${name} in ${r.samples.map((s) => s.name).join(', ')}`);
  return found;
}

/** "h/k" per query, sorted; given probabilities as "p=…" (k = 0 marks them). */
function estimates(s: BehaviorSample): string[] {
  return s.queryIds.map((_, i) => (s.samples[i] === 0 ? `p=${s.hits[i]}` : `${s.hits[i]}/${s.samples[i]}`)).sort();
}

/** h/k keyed by the query id's last path segment (Inspect ids are task/model/sample). */
function bySample(s: BehaviorSample): Record<string, string> {
  return Object.fromEntries(s.queryIds.map((id, i) => [id.split('/').pop() ?? id, `${s.hits[i]}/${s.samples[i]}`]));
}

describe('ingestGroups', () => {
  it('reads three groups, each with its own format and mapping, into one result', async () => {
    const r = await ingestGroups([
      {
        label: 'policy files[0]',
        files: [INSPECT],
        format: 'inspect',
        mapping: { scorer: 'complied', hitValues: ['I'], behavior: 'complied-with-harmful-request' },
      },
      { label: 'policy files[1]', files: [PROMPTFOO], format: 'promptfoo', mapping: {} },
      { label: 'results', files: [NATIVE], format: 'auto', mapping: { behavior: 'pii-leak' } },
    ]);
    expect(r.samples.map((s) => s.name)).toEqual([
      'complied-with-harmful-request',
      'counts',
      'harmful:hate',
      'labels',
      'pii-leak',
      'pii:direct',
      'probs',
      'scores',
    ]);

    // Inspect, complied with hit-values I: 1/3, 2/3, 0/2, 1/2; p̂ = 0.333…, 0.667, 0, 0.5.
    const complied = behavior(r, 'complied-with-harmful-request');
    expect(bySample(complied)).toEqual({ q1: '1/3', q2: '2/3', q3: '0/2', q4: '1/2' });
    expect(complied.exclusions).toEqual({ 'sample-error': 1, unscored: 1 });

    // promptfoo: the plugin ids name the behaviours (no `behavior` key in this group).
    expect(estimates(behavior(r, 'harmful:hate'))).toEqual(['0/3', '1/3', '2/3']);
    expect(behavior(r, 'harmful:hate').exclusions).toEqual({ error: 1 });
    expect(estimates(behavior(r, 'pii:direct'))).toEqual(['1/2']);

    // Native: the group's `behavior` names only the row without a behaviour column (d1 → 0/1).
    expect(estimates(behavior(r, 'pii-leak'))).toEqual(['0/1']);
    expect(estimates(behavior(r, 'labels'))).toEqual(['1/1', '2/3']);
    expect(estimates(behavior(r, 'counts'))).toEqual(['4/10']);
    expect(behavior(r, 'probs').hits[0]).toBeCloseTo(0.3, 15);

    // Each file says which group and format read it; rows: 12 epochs, 13 promptfoo rows, 13 native rows.
    expect(r.inputs).toEqual([
      { file: 'inspect/zstd.eval', format: 'inspect', rows: 12, group: 'policy files[0]' },
      { file: 'promptfoo/redteam-v3.json', format: 'promptfoo', rows: 13, group: 'policy files[1]' },
      { file: 'native/groups.jsonl', format: 'native-jsonl', rows: 13, group: 'results' },
    ]);
  });

  it('the same behaviour from two groups adds up: its queries are the union of both', async () => {
    const r = await ingestGroups([
      {
        label: 'policy files[0]',
        files: [INSPECT],
        format: 'auto',
        mapping: { scorer: 'complied', hitValues: ['I'], behavior: 'harmful:hate' },
      },
      { label: 'policy files[1]', files: [PROMPTFOO], format: 'auto', mapping: {} },
    ]);
    const hate = behavior(r, 'harmful:hate');
    // 4 Inspect queries (1/3, 2/3, 0/2, 1/2) + 3 promptfoo queries (0/3, 1/3, 2/3) = 7 queries, Σk = 10 + 9 = 19.
    expect(estimates(hate)).toEqual(['0/2', '0/3', '1/2', '1/3', '1/3', '2/3', '2/3']);
    expect(hate.samples.reduce((a, b) => a + b, 0)).toBe(19);
    // Exclusions add up too: Inspect's sample-error and unscored, promptfoo's error.
    expect(hate.exclusions).toEqual({ 'sample-error': 1, unscored: 1, error: 1 });
  });

  it('a query present in two groups merges its samples, as shards do', async () => {
    // The same log (two compressions, so two files) mapped two ways under one behaviour name:
    // q1 1/3 + 2/3 = 3/6, q2 2/3 + 1/3 = 3/6, q3 0/2 + 1/2 = 1/4, q4 1/2 + 2/3 = 3/5.
    const r = await ingestGroups([
      { label: 'a', files: [INSPECT], format: 'inspect', mapping: { scorer: 'complied', hitValues: ['I'], behavior: 'x' } },
      { label: 'b', files: [INSPECT_DEFLATE], format: 'inspect', mapping: { scorer: 'harm_score', scoreThreshold: 0.5, behavior: 'x' } },
    ]);
    const x = behavior(r, 'x');
    expect(bySample(x)).toEqual({ q1: '3/6', q2: '3/6', q3: '1/4', q4: '3/5' });
    expect(x.exclusions).toEqual({ 'sample-error': 2, unscored: 1 });
    // The epoch is the sample id, so group b's epochs repeat group a's and are counted as duplicates:
    // q1 3, q2 3, q3 2 (epochs 2, 3), q4 2 (epochs 1, 3; a had no epoch 2) = 10.
    expect(x.duplicates).toBe(10);
  });

  it('a file in two groups is an error naming the file and both groups, before anything is read', async () => {
    const run = ingestGroups([
      { label: 'results', files: [NATIVE], format: 'auto', mapping: {} },
      { label: 'policy files[0]', files: [PROMPTFOO], format: 'auto', mapping: {} },
      // Another source object with the same key (sources/ keys a file by its real path) is the same file.
      {
        label: 'policy files[1]',
        files: [bytesSource('native/groups.jsonl', '', NATIVE.key)],
        format: 'native-jsonl',
        mapping: {},
      },
    ]);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      'native/groups.jsonl: matched by both results and policy files[1]; reading it twice would count its rows twice (or map them two ways)',
    );
    // Checked before reading: a reader that records its calls is never called.
    const calls: string[] = [];
    const spy: FormatReader = {
      id: 'spy',
      description: 'records reads',
      detect: () => true,
      read: async (file) => (calls.push(file.name), { rows: 0 }),
    };
    const twice = { label: 'policy files[0]', files: [NATIVE], format: 'spy', mapping: {} };
    await expect(ingestGroups([twice, { ...twice, label: 'policy files[1]' }], { readers: [spy] })).rejects.toThrow(
      'native/groups.jsonl: matched by both policy files[0] and policy files[1]',
    );
    expect(calls).toEqual([]);
  });

  it("a group's file with no usable rows is the per-file error, with the group named", async () => {
    const bad = '{"query_id":"a","label":1,"error":"timeout"}\n{"query_id":"b","label":0,"error":"timeout"}\n';
    const groups: SourceGroup[] = [
      { label: 'results', files: [NATIVE], format: 'auto', mapping: {} },
      {
        label: 'policy files[0]',
        files: [bytesSource('evals/all-errors.jsonl', bad)],
        format: 'native-jsonl',
        mapping: {},
      },
    ];
    // Every row errored: no mapping can help, so the message asks for a run whose samples do not fail.
    await expect(ingestGroups(groups)).rejects.toThrow(
      'evals/all-errors.jsonl (policy files[0]): no usable observations as native-jsonl: every sample errored (error: 2); ' +
        'fix what made them fail (provider errors, rate limits, timeouts: see the errors in the file) and re-run the eval',
    );
    // Rows that are not errors but map to nothing point at the group's mapping instead.
    const blankGroups: SourceGroup[] = [
      { label: 'results', files: [NATIVE], format: 'auto', mapping: {} },
      {
        label: 'policy files[0]',
        files: [bytesSource('evals/blank.jsonl', '\n')],
        format: 'native-jsonl',
        mapping: {},
      },
    ];
    await expect(ingestGroups(blankGroups)).rejects.toThrow(
      'evals/blank.jsonl (policy files[0]): no usable observations as native-jsonl: 0 rows read, none scored; ' +
        'check the format and mapping policy files[0] reads with (behavior, scorer, hit values) or fix the errors in the file',
    );
    // Through ingestFiles (one group, no label) no group is named.
    await expect(ingestFiles([bytesSource('all-errors.jsonl', bad)], { format: 'auto', mapping: {} })).rejects.toThrow(
      'all-errors.jsonl: no usable observations as native-jsonl: every sample errored (error: 2); fix what made them fail',
    );
  });

  it('no group, or a group without files, is an error', async () => {
    await expect(ingestGroups([])).rejects.toThrow('results: no input files to read');
    await expect(ingestGroups([{ label: 'policy files[2]', files: [], format: 'auto', mapping: {} }])).rejects.toThrow(
      'policy files[2]: no input files to read',
    );
  });
});
