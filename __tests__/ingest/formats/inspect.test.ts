import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MappingOptions } from '../../../src/domain/mapping.js';
import { inspectReader, isInspectEval, isInspectJson, readInspect } from '../../../src/ingest/formats/inspect.js';
import { LIMITS } from '../../../src/domain/limits.js';
import type { ObservationSink } from '../../../src/domain/observation.js';
import { InputError } from '../../../src/domain/errors.js';
import { bytesSource, fixtureSource } from '../../helpers/bytes.js';

// Fixtures: scripts/make-inspect-fixtures.mjs, where each log's rows are listed
// in completion order. The expected h/k below are counted by hand from those rows.
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/inspect/${name}`, import.meta.url));

/** A collecting sink: h and k summed per behaviour|query, exclusions per behaviour|reason. */
function fakeSink() {
  const counts: Record<string, { hits: number; samples: number }> = {};
  const epochs: Record<string, string[]> = {};
  const exclusions: Record<string, number> = {};
  /** One entry per errored sample: behaviour|query|reason. */
  const errored: string[] = [];
  const warnings: string[] = [];
  const sink: ObservationSink = {
    sampled(behavior, queryId, hits, samples, sampleId) {
      const key = `${behavior}|${queryId}`;
      counts[key] = { hits: (counts[key]?.hits ?? 0) + hits, samples: (counts[key]?.samples ?? 0) + samples };
      epochs[key] = [...(epochs[key] ?? []), sampleId ?? '?'];
    },
    given() {
      throw new Error('not expected in score mode');
    },
    exclude(behavior, reason, count = 1) {
      exclusions[`${behavior}|${reason}`] = (exclusions[`${behavior}|${reason}`] ?? 0) + count;
    },
    errored(behavior, reason, queryId, count = 1) {
      exclusions[`${behavior}|${reason}`] = (exclusions[`${behavior}|${reason}`] ?? 0) + count;
      errored.push(`${behavior}|${queryId ?? '?'}|${reason}`);
    },
    warn(message) {
      warnings.push(message);
    },
  };
  return { sink, counts, epochs, exclusions, errored, warnings };
}

async function read(name: string, options: MappingOptions, source = fixtureSource(`inspect/${name}`)) {
  const s = fakeSink();
  const summary = await readInspect(source, options, s.sink);
  return { ...s, rows: summary.rows };
}

const Q = (task: string, model: string, scorer: string) => (id: string) => `${task}:${scorer}|${task}/${model}/${id}`;

describe('Inspect .eval logs', () => {
  const complied = Q('refusal_probe', 'mockllm/model', 'complied');

  it.each(['zstd.eval', 'deflate.eval'])('reads %s: epochs grouped per sample, errored and unscored epochs excluded', async (name) => {
    // Scorer complied, default mapping (C is a hit; I, P, N are not):
    //   q1: C C I → 2/3   q2: I C I → 1/3
    //   q3: error, C, P → 1/2 (+1 sample-error)   q4: N, (no complied score), I → 0/2 (+1 unscored)
    const r = await read(name, { scorer: 'complied' });
    expect(r.counts).toEqual({
      [complied('q1')]: { hits: 2, samples: 3 },
      [complied('q2')]: { hits: 1, samples: 3 },
      [complied('q3')]: { hits: 1, samples: 2 },
      [complied('q4')]: { hits: 0, samples: 2 },
    });
    expect(r.exclusions).toEqual({ 'refusal_probe:complied|sample-error': 1, 'refusal_probe:complied|unscored': 1 });
    // The errored epoch is q3's, and only it is an error: the unscored one was the scorer's choice.
    expect(r.errored).toEqual([`${complied('q3')}|sample-error`]);
    expect(r.epochs[complied('q1')]?.sort()).toEqual(['1', '2', '3']);
    expect(r.rows).toBe(12);
    expect(r.warnings).toEqual([]);
  });

  it('applies scoreThreshold to numeric scores, counting a value equal to the threshold as a hit', async () => {
    // harm_score ≥ 0.5:  q1 .9 .8 .4 → 2/3   q2 .1 .7 .2 → 1/3   q3 error .6 .3 → 1/2   q4 0 .5 1 → 2/3
    const r = await read('zstd.eval', { scorer: 'harm_score', scoreThreshold: 0.5, behavior: 'harm' });
    const q = (id: string) => `harm|refusal_probe/mockllm/model/${id}`;
    expect(r.counts).toEqual({
      [q('q1')]: { hits: 2, samples: 3 },
      [q('q2')]: { hits: 1, samples: 3 },
      [q('q3')]: { hits: 1, samples: 2 },
      [q('q4')]: { hits: 2, samples: 3 },
    });
    expect(r.exclusions).toEqual({ 'harm|sample-error': 1 });
  });

  it('refuses partial-credit numeric scores without a threshold, and reads them with one', async () => {
    await expect(read('zstd.eval', { scorer: 'harm_score' })).rejects.toThrow(
      /scorer 'harm_score' gives partial-credit scores between 0 and 1 \(e\.g\. .*\); set score-threshold/,
    );
    // only q4's third epoch (1.0) reaches 1
    const r = await read('zstd.eval', { scorer: 'harm_score', scoreThreshold: 1 });
    const q = Q('refusal_probe', 'mockllm/model', 'harm_score');
    expect(r.counts[q('q4')]).toEqual({ hits: 1, samples: 3 });
    expect(r.counts[q('q1')]).toEqual({ hits: 0, samples: 3 });
  });

  it('uses hitValues for the inverse polarity', async () => {
    // hit = I:  q1 C C I → 1/3   q2 I C I → 2/3   q3 C P → 0/2   q4 N I → 1/2
    const r = await read('zstd.eval', { scorer: 'complied', hitValues: ['I'] });
    expect(r.counts).toEqual({
      [complied('q1')]: { hits: 1, samples: 3 },
      [complied('q2')]: { hits: 2, samples: 3 },
      [complied('q3')]: { hits: 0, samples: 2 },
      [complied('q4')]: { hits: 1, samples: 2 },
    });
  });

  it('keeps the last of duplicate entries (header and summaries)', async () => {
    // The later header names task dup_task and status success; the later summaries give s1 C, s2 I.
    const r = await read('duplicate.eval', {});
    expect(r.counts).toEqual({
      'dup_task:match|dup_task/mockllm/model/s1': { hits: 1, samples: 1 },
      'dup_task:match|dup_task/mockllm/model/s2': { hits: 0, samples: 1 },
    });
    expect(r.warnings).toEqual([]);
  });

  it('excludes NaN and ±Infinity scores and picks the only scorer', async () => {
    // judge ≥ 0.5:  1: .9, NaN → 1/1   2: Inf, .2 → 0/1   3: -Inf, .7 → 1/1   (3 non-finite)
    const r = await read('nan.eval', { scoreThreshold: 0.5 });
    const q = Q('judge_probe', 'mockllm/model', 'judge');
    expect(r.counts).toEqual({
      [q('1')]: { hits: 1, samples: 1 },
      [q('2')]: { hits: 0, samples: 1 },
      [q('3')]: { hits: 1, samples: 1 },
    });
    expect(r.exclusions).toEqual({ 'judge_probe:judge|non-finite-score': 3 });
  });

  it('reads a chunked log (no samples/{id}_epoch_{n}.json) from summaries.json', async () => {
    // match: 7: C C → 2/2   8: I C → 1/2
    const r = await read('chunked.eval', {});
    const q = Q('inspect_evals/chunky', 'openai/gpt-4o-mini', 'match');
    expect(r.counts).toEqual({ [q('7')]: { hits: 2, samples: 2 }, [q('8')]: { hits: 1, samples: 2 } });
  });

  it('reads the chunked sample shells when logprobs are asked for', async () => {
    // The four shells are read; they have no choices, so nothing is usable.
    await expect(read('chunked.eval', { useLogprobs: true, hitValues: ['A'] })).rejects.toThrow(
      /no sample gives option logprobs \(no-choices ×4\)/,
    );
  });
});

describe('Inspect .json logs', () => {
  it('reads samples[] with int ids, errors and NaN scores', async () => {
    // includes:  1: C C → 2/2   2: I, error → 0/1   3: NaN, C → 1/1
    const r = await read('log.json', {});
    const q = Q('popularity', 'openai/gpt-4o-mini', 'includes');
    expect(r.counts).toEqual({
      [q('1')]: { hits: 2, samples: 2 },
      [q('2')]: { hits: 0, samples: 1 },
      [q('3')]: { hits: 1, samples: 1 },
    });
    expect(r.exclusions).toEqual({ 'popularity:includes|sample-error': 1, 'popularity:includes|non-finite-score': 1 });
  });

  it('warns on a status other than success, on invalidated logs and on epochs at temperature 0', async () => {
    const doc = JSON.parse((await readFile(fixture('log.json'), 'utf8')).replaceAll('NaN', 'null'));
    doc.status = 'cancelled';
    doc.invalidated = true;
    doc.plan.config.temperature = 0;
    const r = await read('warn.json', {}, bytesSource('warn.json', JSON.stringify(doc)));
    expect(r.warnings).toEqual([
      expect.stringMatching(/warn\.json: Inspect log status is 'cancelled'/),
      expect.stringMatching(/warn\.json: the Inspect log is marked invalidated/),
      expect.stringMatching(/warn\.json: 2 epochs at temperature 0 are not independent samples/),
    ]);
  });

  it('rejects a .json log over maxJsonBytes before parsing it', async () => {
    const s = fakeSink();
    await expect(
      readInspect(fixtureSource('inspect/log.json'), {}, s.sink, {
        ...LIMITS,
        maxJsonBytes: 1000,
      }),
    ).rejects.toThrow(/log\.json: \d+ bytes, over the 1000-byte limit/);
  });
});

describe('bad Inspect logs', () => {
  it.each<[string, MappingOptions, RegExp]>([
    [
      'in-progress.eval',
      {},
      /^in-progress\.eval: in-progress Inspect log \(no header\.json; only _journal\/ entries\) — wait for the eval to finish$/,
    ],
    ['corrupt.eval', {}, /corrupt\.eval: not a readable zip/],
    ['truncated.eval', {}, /truncated\.eval: not a readable zip/],
    ['bzip2.eval', { scorer: 'complied' }, /bzip2\.eval \(zip entry summaries\.json\): compression method 12 is not supported/],
    ['syntax.eval', { scorer: 'complied' }, /syntax\.eval \(summaries\.json\): invalid JSON at line 4, column 4/],
    ['bad.json', {}, /bad\.json: invalid JSON at line 4, column 3/],
    ['empty.eval', { scorer: 'complied' }, /empty\.eval: the Inspect log has no samples/],
    ['no-scorer.eval', {}, /no-scorer\.eval: this Inspect log has no scorer/],
    ['zstd.eval', {}, /zstd\.eval: this Inspect log has several scorers \(complied, harm_score\); set scorer/],
    [
      'zstd.eval',
      { scorer: 'refusal' },
      /zstd\.eval: scorer 'refusal' is not in this Inspect log \(scorers in this log: complied, harm_score\)/,
    ],
    ['lying-zstd.eval', { scorer: 'complied' }, /decodes to more than the 100 bytes/],
  ])('%s %j → named InputError', async (name, options, message) => {
    const attempt = read(name, options);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(read(name, options)).rejects.toThrow(message);
  });

  it('rejects hit values that never occur (wrong polarity or a typo), listing the values seen', async () => {
    // complied values over the 10 scored epochs: C ×4, I ×4, P ×1, N ×1
    const attempt = read('zstd.eval', { scorer: 'complied', hitValues: ['yes'] });
    await expect(attempt).rejects.toThrow(
      /hit-values \["yes"\] match none of scorer 'complied''s values \(values seen: C ×4, I ×4, .*P ×1.*\)/,
    );
    await expect(read('zstd.eval', { scorer: 'complied', hitValues: ['yes'] })).rejects.toThrow(/N ×1/);
  });

  it('leaves the sink untouched when a guard fails', async () => {
    const s = fakeSink();
    await expect(readInspect(fixtureSource('inspect/zstd.eval'), { scorer: 'complied', hitValues: ['yes'] }, s.sink)).rejects.toThrow();
    expect(s.counts).toEqual({});
    expect(s.exclusions).toEqual({});
  });
});

describe('detection', () => {
  const head = async (name: string) => (await readFile(fixture(name))).subarray(0, 64 * 1024);

  it('claims .eval zips by name and zip magic', async () => {
    expect(isInspectEval(await head('zstd.eval'), 'run.eval')).toBe(true);
    expect(isInspectEval(await head('zstd.eval'), 'run.zip')).toBe(false);
    expect(isInspectEval(Buffer.from('{"version":2}'), 'run.eval')).toBe(false);
    expect(inspectReader.detect(await head('chunked.eval'), 'logs/x.eval')).toBe(true);
  });

  it('claims JSON EvalLogs and not other tools’ JSON', async () => {
    expect(isInspectJson(await head('log.json'))).toBe(true);
    expect(inspectReader.detect(await head('log.json'), 'log.json')).toBe(true);
    const others = [
      '{"evalId":"eval-1","results":{"version":3,"results":[]},"config":{}}', // promptfoo
      '{"behavior_id_1":[{"test_case":"x","generation":"y","label":1}]}', // HarmBench
      '{"query_id":"q1","behavior":"b","label":1}', // native JSONL
      '{"version": 2, "eval": {"task": "t"}}', // no status: not EvalLog's field order
    ];
    for (const text of others) expect(isInspectJson(Buffer.from(text))).toBe(false);
  });
});
