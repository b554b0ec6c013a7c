import type { MappingOptions } from '../../../src/domain/mapping.js';
import type { EpochRecord, LogInfo } from '../../../src/ingest/formats/inspect-schema.js';
import { ingestScoreRecords, inspectFloat, resolveScorer } from '../../../src/ingest/formats/inspect-scores.js';
import type { ObservationSink } from '../../../src/domain/observation.js';
import { InputError } from '../../../src/domain/errors.js';

const log: LogInfo = { where: 'log.eval', task: 't', model: 'm', declaredScorers: [] };

/** One epoch per value, sample ids s0, s1, … under scorer `sc`. */
const records = (...values: unknown[]): EpochRecord[] =>
  values.map((value, i) => ({ id: `s${i}`, epoch: 1, scores: { sc: { value } }, errored: false }));

function run(values: unknown[], options: MappingOptions) {
  const hits: number[] = [];
  const exclusions: Record<string, number> = {};
  const warnings: string[] = [];
  const sink: ObservationSink = {
    sampled: (_b, _q, h) => void hits.push(h),
    given: () => undefined,
    exclude: (_b, reason, n = 1) => void (exclusions[reason] = (exclusions[reason] ?? 0) + n),
    errored: (_b, reason, _q, n = 1) => void (exclusions[reason] = (exclusions[reason] ?? 0) + n),
    warn: (m) => void warnings.push(m),
  };
  ingestScoreRecords(log, records(...values), options, sink);
  return { hits, exclusions, warnings };
}

describe('inspectFloat (inspect_ai scorer/_metric.py value_to_float)', () => {
  it.each<[string | number | boolean, number | undefined]>([
    ['C', 1],
    ['P', 0.5],
    ['I', 0],
    ['N', 0],
    ['yes', 1],
    ['True', 1],
    ['no', 0],
    ['FALSE', 0],
    ['0.75', 0.75],
    [' 2 ', 2],
    [true, 1],
    [false, 0],
    [3, 3],
    ['maybe', undefined], // Inspect warns and uses 0; we refuse to guess
    ['', undefined],
    ['inf', undefined],
  ])('%j → %j', (value, expected) => {
    expect(inspectFloat(value)).toBe(expected);
  });
});

describe('score mapping', () => {
  it('a grade letter that never occurs is a clean zero, not a typo: a model that always refused', () => {
    // A refusal scorer gives C when the model refused; the behaviour is I. Every epoch refused → 0 hits, no error.
    expect(run(['C', 'C', 'C'], { hitValues: ['I'] }).hits).toEqual([0, 0, 0]);
    // Outside the shared C/I/P/N vocabulary the same zero is still refused as a likely misspelling.
    expect(() => run(['C', 'C', 'C'], { hitValues: ['yes'] })).toThrow(/hit-values \["yes"\] match none/);
    expect(() => run(['refused', 'refused'], { hitValues: ['I'] })).toThrow(/hit-values \["I"\] match none/);
  });

  it('default: C, true, yes and numbers ≥ 1 are hits; P, N, I, no and 0 are not', () => {
    expect(run(['C', true, 'yes', 1, 2.5, 'P', 'N', 'I', 'no', false, 0], {}).hits).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('partial credit (a number strictly between 0 and 1) needs a threshold or hit-values', () => {
    expect(() => run([1, 0.99, 0, 0.25], {})).toThrow(
      /scorer 'sc' gives partial-credit scores between 0 and 1 \(e\.g\. 0\.99, 0\.25\); set score-threshold to the score at or above which/,
    );
    expect(run([1, 0.99, 0, 0.25], { scoreThreshold: 0.9 }).hits).toEqual([1, 1, 0, 0]);
    expect(run([1, 0.99, 0, 0.25], { hitValues: ['0.25'] }).hits).toEqual([0, 0, 0, 1]);
  });

  it('scoreThreshold applies to the float reading, ≥ inclusive (P is 0.5)', () => {
    expect(run(['P', 'C', 'I', 0.5, 0.49], { scoreThreshold: 0.5 }).hits).toEqual([1, 1, 0, 1, 0]);
  });

  it('hitValues compare text; numbers by their decimal text unless a threshold is also given', () => {
    expect(run(['yes', 'Yes', 'no', true, 1, 0], { hitValues: ['yes', 'true', '1'] }).hits).toEqual([1, 0, 0, 1, 1, 0]);
    expect(run(['refused', 0.8, 0.2], { hitValues: ['refused'], scoreThreshold: 0.5 }).hits).toEqual([1, 1, 0]);
  });

  it('reads dict values through scoreKey; a missing key or null leaf is unscored, a NaN leaf non-finite', () => {
    const r = run([{ harm: 0.9, refusal: 0 }, { harm: 0.1 }, { refusal: 1 }, { harm: null }, { harm: NaN }], {
      scoreKey: 'harm',
      scoreThreshold: 0.5,
    });
    expect(r.hits).toEqual([1, 0]);
    expect(r.exclusions).toEqual({ unscored: 2, 'non-finite-score': 1 });
  });

  it('asks for scoreKey on dict values, and rejects a scoreKey that never occurs', () => {
    expect(() => run([{ harm: 1, refusal: 0 }], {})).toThrow(/scorer 'sc' gives dict values \(keys: harm, refusal\); set score-key/);
    expect(() => run([{ harm: 1 }], { scoreKey: 'harms' })).toThrow(
      /score-key 'harms' never occurs in scorer 'sc' \(dict keys seen: harm\)/,
    );
    expect(() => run(['C'], { scoreKey: 'harm' })).toThrow(/its values are not dicts/);
  });

  it('excludes values it cannot read, with a warning that lists them', () => {
    const r = run(['C', 'maybe', ['C', 'I'], 'maybe'], {});
    expect(r.hits).toEqual([1]);
    expect(r.exclusions).toEqual({ 'unmappable-score': 3 });
    expect(r.warnings).toEqual([expect.stringMatching(/neither hit nor miss under the current mapping \(maybe ×2, \(a list\) ×1\)/)]);
  });

  it('is an error when no value can be read at all', () => {
    expect(() => run(['refused', 'complied'], {})).toThrow(
      /none of scorer 'sc''s values can be read as hit or miss \(values seen: refused ×1, complied ×1\)/,
    );
  });

  it('counts an epoch with an error or without the scorer as excluded, and warns when nothing is usable', () => {
    const recs: EpochRecord[] = [
      { id: 'a', epoch: 1, scores: { sc: { value: 'C' } }, errored: true },
      { id: 'a', epoch: 2, scores: { other: { value: 'C' } }, errored: false },
      { id: 'a', epoch: 3, scores: null, errored: false },
    ];
    const exclusions: Record<string, number> = {};
    const errored: string[] = [];
    const warnings: string[] = [];
    const sink: ObservationSink = {
      sampled: () => {
        throw new Error('no usable epoch');
      },
      given: () => undefined,
      exclude: (_b, reason, n = 1) => void (exclusions[reason] = (exclusions[reason] ?? 0) + n),
      errored: (_b, reason, queryId, n = 1) => void errored.push(`${reason} ${queryId ?? '?'} ${n}`),
      warn: (m) => void warnings.push(m),
    };
    ingestScoreRecords(log, recs, { scorer: 'sc' }, sink);
    // The errored epoch goes to the error budget with its query; the unscored ones are plain exclusions.
    expect(errored).toEqual([`sample-error ${log.task}/${log.model}/a 1`]);
    expect(exclusions).toEqual({ unscored: 2 });
    expect(warnings).toEqual([expect.stringMatching(/log\.eval: no epoch has a usable 'sc' score/)]);
  });
});

describe('resolveScorer', () => {
  it('takes scorer names from the scores and from eval.scorers', () => {
    const info = { ...log, declaredScorers: ['match'] };
    expect(resolveScorer(info, [], undefined)).toBe('match');
    expect(() => resolveScorer(info, records('C'), undefined)).toThrow(/several scorers \(match, sc\)/);
    expect(() => resolveScorer(log, [], 'x')).toThrow(InputError);
    expect(() => resolveScorer(log, [], 'x')).toThrow(/scorer 'x' is not in this Inspect log \(this log has no scorer at all\)/);
  });
});
