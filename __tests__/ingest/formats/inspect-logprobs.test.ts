import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MappingOptions } from '../../../src/domain/mapping.js';
import { readInspect } from '../../../src/ingest/formats/inspect.js';
import { answerCharacter, optionProbability } from '../../../src/ingest/formats/inspect-logprobs.js';
import type { ObservationSink } from '../../../src/domain/observation.js';
import { InputError } from '../../../src/domain/errors.js';
import { bytesSource, fixtureSource } from '../../helpers/bytes.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/inspect/${name}`, import.meta.url));

function fakeSink() {
  const given: Array<[string, string, number]> = [];
  const exclusions: Record<string, number> = {};
  /** behaviour|query of each errored sample. */
  const errored: string[] = [];
  const warnings: string[] = [];
  const sink: ObservationSink = {
    sampled() {
      throw new Error('not expected in logprob mode');
    },
    given: (behavior, queryId, prob) => void given.push([behavior, queryId, prob]),
    exclude: (behavior, reason, count = 1) =>
      void (exclusions[`${behavior}|${reason}`] = (exclusions[`${behavior}|${reason}`] ?? 0) + count),
    errored: (behavior, reason, queryId, count = 1) => {
      exclusions[`${behavior}|${reason}`] = (exclusions[`${behavior}|${reason}`] ?? 0) + count;
      errored.push(`${behavior}|${queryId ?? '?'}`);
    },
    warn: (message) => void warnings.push(message),
  };
  return { sink, given, exclusions, errored, warnings };
}

async function read(options: MappingOptions, source = fixtureSource('inspect/mc-logprobs.eval')) {
  const s = fakeSink();
  const summary = await readInspect(source, { useLogprobs: true, ...options }, s.sink);
  return { ...s, rows: summary.rows };
}

const e = Math.exp;
const q = (id: string) => `mc_probe/openai/gpt-4o/${id}`;

describe('multiple-choice logprobs from a .eval log', () => {
  it('gives p(option A) per epoch as a softmax over the option tokens', async () => {
    // mc-logprobs.eval, first-token logprobs (see scripts/make-inspect-fixtures.mjs):
    //   mc1 e1: B -0.5, A -1.2, C -2.3, D -3.0
    //           p = e^-1.2 / (e^-0.5 + e^-1.2 + e^-2.3 + e^-3.0) = 0.30119 / 1.05777 = 0.28474
    //   mc1 e2: A -0.1, " A" -3.0 (same option), B -2.5, C -4.0, D -5.0
    //           p = (e^-0.1 + e^-3.0) / (that + e^-2.5 + e^-4 + e^-5) = 0.95462 / 1.06176 = 0.89910
    //   mc2 e1: B -0.05, A -3.5, C -4.1, "The" (not an option); D absent
    //           p = e^-3.5 / (e^-0.05 + e^-3.5 + e^-4.1) = 0.030197 / 0.997999 = 0.030258 (upper bound)
    //   mc2 e2: error → excluded
    //   mc3 e1: B -0.3, C -1.5, D -2.0; A absent → p = 0 (lower bound)
    //   mc3 e2: first token "ANSWER", no option token → excluded
    const r = await read({ hitValues: ['A'] });
    const behavior = 'mc_probe:logprobs';
    expect(r.given.map(([b, id]) => [b, id])).toEqual([
      [behavior, q('mc1')],
      [behavior, q('mc1')],
      [behavior, q('mc2')],
      [behavior, q('mc3')],
    ]);
    const p = r.given.map(([, , prob]) => prob);
    expect(p[0]).toBeCloseTo(e(-1.2) / (e(-0.5) + e(-1.2) + e(-2.3) + e(-3.0)), 12);
    expect(p[0]).toBeCloseTo(0.28474, 4);
    expect(p[1]).toBeCloseTo((e(-0.1) + e(-3.0)) / (e(-0.1) + e(-3.0) + e(-2.5) + e(-4.0) + e(-5.0)), 12);
    expect(p[1]).toBeCloseTo(0.8991, 4);
    expect(p[2]).toBeCloseTo(e(-3.5) / (e(-0.05) + e(-3.5) + e(-4.1)), 12);
    expect(p[3]).toBe(0);
    expect(r.exclusions).toEqual({ [`${behavior}|sample-error`]: 1, [`${behavior}|no-option-logprobs`]: 1 });
    expect(r.rows).toBe(6);
    expect(r.warnings).toEqual([
      expect.stringMatching(/p is an upper bound for 1 sample\(s\) because options D were absent from top_logprobs/),
      expect.stringMatching(/p is a lower bound for 1 sample\(s\) because hit options A were absent from top_logprobs/),
    ]);
  });

  it('sums several hit options', async () => {
    // mc1 e1 with A and B: (e^-1.2 + e^-0.5) / 1.05777 = 0.85815
    const r = await read({ hitValues: ['A', 'B'], behavior: 'mc' });
    expect(r.given[0]?.[2]).toBeCloseTo((e(-1.2) + e(-0.5)) / (e(-0.5) + e(-1.2) + e(-2.3) + e(-3.0)), 12);
    // mc2 e1 still misses only D (not a hit) and mc3 e1 only A (a hit)
    expect(r.warnings).toEqual([
      expect.stringMatching(/upper bound for 1 sample\(s\) because options D/),
      expect.stringMatching(/lower bound for 1 sample\(s\) because hit options A/),
    ]);
  });

  it.each<[MappingOptions, RegExp]>([
    [{}, /use-logprobs needs hit-values: the option letters/],
    [{ hitValues: ['yes'] }, /hit-values \["yes"\] are not option letters/],
    [{ hitValues: ['E'] }, /hit-values \["E"\] are not options of any sample/],
  ])('rejects %j', async (options, message) => {
    await expect(read(options)).rejects.toThrow(InputError);
    await expect(read(options)).rejects.toThrow(message);
  });
});

describe('multiple-choice logprobs from a .json log', () => {
  /** log.json with first-token logprobs on sample 1 epoch 1 (samples[0]) and, optionally, samples[3]. */
  async function mcJson(third?: boolean) {
    const doc = JSON.parse((await readFile(fixture('log.json'), 'utf8')).replaceAll('NaN', 'null'));
    const lp = (top: Array<[string, number]>) => ({
      content: [{ token: top[0]?.[0], logprob: top[0]?.[1], top_logprobs: top.map(([token, logprob]) => ({ token, logprob })) }],
    });
    doc.samples[0].choices = ['yes', 'no'];
    doc.samples[0].output.choices[0].logprobs = lp([
      ['A', -0.2],
      ['B', -1.7],
    ]);
    if (third) {
      doc.samples[3].choices = ['x', 'y', 'z'];
      doc.samples[3].output.choices[0].logprobs = lp([['A', -0.1]]);
    }
    return bytesSource('mc.json', JSON.stringify(doc));
  }

  it('reads samples[] the same way', async () => {
    // sample 1 epoch 1: A -0.2, B -1.7 → p = e^-0.2 / (e^-0.2 + e^-1.7) = 1 / (1 + e^-1.5) = 0.81757.
    // The other four scored samples have no choices; sample 2 epoch 2 errored.
    const r = await read({ hitValues: ['A'] }, await mcJson());
    expect(r.given).toHaveLength(1);
    expect(r.given[0]?.[1]).toBe('popularity/openai/gpt-4o-mini/1');
    expect(r.given[0]?.[2]).toBeCloseTo(1 / (1 + e(-1.5)), 12);
    expect(r.exclusions).toEqual({ 'popularity:logprobs|no-choices': 4, 'popularity:logprobs|sample-error': 1 });
  });

  it('says when p is neither bound', async () => {
    // samples[3] (sample 1 epoch 2) lists only A of A, B, C. With hits A and B,
    // B (a hit) and C (not) are both absent: p = 1 is neither bound.
    const r = await read({ hitValues: ['A', 'B'] }, await mcJson(true));
    expect(r.given.map(([, , p]) => p)).toEqual([1, 1]);
    expect(r.warnings).toEqual([
      expect.stringMatching(/mc\.json: p is neither an upper nor a lower bound for 1 sample\(s\) because options B, C were absent/),
    ]);
  });
});

describe('optionProbability', () => {
  it('stays exact where naive exponentiation underflows', () => {
    // e^-1000 underflows to 0 in doubles; the answer is 1 / (1 + e^-1) = 0.7310585786300049.
    const r = optionProbability(
      {
        token: 'A',
        logprob: -1000,
        top_logprobs: [
          { token: 'A', logprob: -1000 },
          { token: 'B', logprob: -1001 },
        ],
      },
      ['A', 'B'],
      new Set(['A']),
    );
    expect(r?.p).toBeCloseTo(0.7310585786300049, 14);
    expect(r?.missingHit).toEqual([]);
    expect(r?.missingOther).toEqual([]);
  });

  it('is undefined when no option token is listed', () => {
    expect(optionProbability({ token: 'The', logprob: -0.1, top_logprobs: [] }, ['A', 'B'], new Set(['A']))).toBeUndefined();
  });
});

describe('helpers', () => {
  it('answerCharacter follows inspect_ai _util/answer.py', () => {
    // 0 → A, 25 → Z, then str(index - 25): 26 → "1"
    expect([0, 1, 25, 26, 27].map(answerCharacter)).toEqual(['A', 'B', 'Z', '1', '2']);
  });
});
