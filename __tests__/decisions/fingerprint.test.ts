import { describe, expect, it } from '@jest/globals';
import { fingerprint, fingerprintChanges, mappingText, queryIdHash } from '../../src/decisions/fingerprint.js';
import { checkLikeWithLike } from '../../src/decisions/baseline/like-with-like.js';
import { InputError } from '../../src/domain/errors.js';
import type { BehaviorSample } from '../../src/domain/observation.js';
import type { Fingerprint, ReportBaseline } from '../../src/domain/report.js';
import type { Baseline } from '../../src/domain/baseline.js';

function sample(ids: string[], k: number[]): BehaviorSample {
  return {
    name: 'harm',
    queryIds: ids,
    hits: new Float64Array(ids.length),
    samples: Float64Array.from(k),
    rows: ids.length,
    duplicates: 0,
    exclusions: {},
    errors: { samples: 0, judged: 0, byReason: {}, queryIds: [], counts: new Float64Array(0) },
  };
}

describe('fingerprint', () => {
  it('hashes the sorted query ids, whatever their order', () => {
    // python3: hashlib.sha256(b'q1\nq10\nq2\n').hexdigest()[:16] (code-unit order: q1 < q10 < q2)
    expect(queryIdHash(['q2', 'q1', 'q10'])).toBe('8e71da4255a130b9');
    expect(queryIdHash(['q10', 'q2', 'q1'])).toBe('8e71da4255a130b9');
  });

  it('records format, mapping, tail size and k per query (min, lower median, max)', () => {
    const print = fingerprint(sample(['a', 'b', 'c', 'd'], [5, 20, 10, 0]), {
      formats: ['inspect', 'inspect'],
      mapping: { scorer: 'refusal', hitValues: ['C', 'P'] },
      tailSize: 10,
    });
    // k of the sampled queries: 5, 10, 20 (0 marks a given probability).
    expect(print).toEqual({
      queryIds: queryIdHash(['a', 'b', 'c', 'd']),
      queries: 4,
      formats: ['inspect'],
      mapping: 'scorer=refusal; hitValues=C,P',
      tailSize: 10,
      samplesPerQuery: { min: 5, median: 10, max: 20 },
    });
    expect(fingerprint(sample(['a'], [0]), { formats: [], mapping: {}, tailSize: 10 }).samplesPerQuery).toBeNull();
    expect(mappingText({})).toBe('');
  });

  it('names each thing that changed', () => {
    const base: Fingerprint = {
      queryIds: 'aaaa',
      queries: 100,
      formats: ['inspect'],
      mapping: 'scorer=refusal',
      tailSize: 10,
      samplesPerQuery: { min: 5, median: 5, max: 5 },
    };
    expect(fingerprintChanges(base, { ...base })).toEqual([]);
    expect(
      fingerprintChanges(base, {
        queryIds: 'bbbb',
        queries: 120,
        formats: ['promptfoo'],
        mapping: '',
        tailSize: 20,
        samplesPerQuery: { min: 5, median: 10, max: 10 },
      }),
    ).toEqual([
      'the query ids differ (100 queries in the baseline, 120 now)',
      'format inspect → promptfoo',
      'mapping "scorer=refusal" → "format defaults"',
      'tail size 10 → 20',
      'samples per query (min/median/max) k 5/5/5 → k 5/10/10',
    ]);
  });
});

describe('checkLikeWithLike', () => {
  const print: Fingerprint = {
    queryIds: 'aaaa',
    queries: 100,
    formats: ['native-jsonl'],
    mapping: '',
    tailSize: 10,
    samplesPerQuery: null,
  };
  const baseline = (tailSize: number): Baseline => ({
    kind: 'report',
    origin: { description: 'base.json', runId: null, runUrl: null, sha: null },
    generatedAt: '2026-11-01T00:00:00.000Z',
    deploymentVolume: 1e6,
    confidence: 0.9,
    behaviors: [
      {
        name: 'harm',
        outcome: 'forecast',
        queries: 100,
        forecast: 0.1,
        lower: 0.05,
        upper: 0.2,
        observedMax: 0.1,
        fingerprint: { ...print, tailSize },
      },
    ],
    samples: [],
    warnings: [],
  });
  const section = (): ReportBaseline => ({
    status: 'compared',
    source: 'base.json',
    kind: 'report',
    runId: null,
    runUrl: null,
    sha: null,
    generatedAt: '2026-11-01T00:00:00.000Z',
    ageDays: null,
    deploymentVolume: 1e6,
    confidence: 0.9,
    reason: null,
    behaviors: [
      {
        name: 'harm',
        presence: 'both',
        baseline: null,
        current: null,
        ratio: null,
        overlap: null,
        increase: null,
        riskIncrease: {},
        comparison: null,
        mismatch: [],
        note: null,
      },
    ],
  });
  const current = new Map([['harm', print]]);
  // 2026-11-01 to 2026-11-16T12:00: 15.5 days.
  const now = new Date('2026-11-16T12:00:00.000Z');

  it('warns, naming the behaviour and what changed, and records it on the row', () => {
    const s = section();
    const warnings = checkLikeWithLike(s, baseline(20), current, { onMismatch: 'warn', maxAgeDays: null }, now);
    expect(s.behaviors[0].mismatch).toEqual(['tail size 20 → 10']);
    expect(warnings).toEqual([
      'The baseline measured something else, so part of any change may come from that: harm: tail size 20 → 10. Set `baseline-mismatch: fail` to stop on this, or `ignore` to silence it.',
    ]);
    expect(s.ageDays).toBe(15.5);
  });

  it('ends the run with baseline-mismatch: fail, and stays silent with ignore', () => {
    expect(() => checkLikeWithLike(section(), baseline(20), current, { onMismatch: 'fail', maxAgeDays: null }, now)).toThrow(InputError);
    expect(() => checkLikeWithLike(section(), baseline(20), current, { onMismatch: 'fail', maxAgeDays: null }, now)).toThrow(
      'The baseline measured something else (baseline-mismatch: fail): harm: tail size 20 → 10.',
    );
    const s = section();
    expect(checkLikeWithLike(s, baseline(20), current, { onMismatch: 'ignore', maxAgeDays: null }, now)).toEqual([]);
    expect(s.behaviors[0].mismatch).toEqual([]);
  });

  it('warns on a baseline older than baseline-max-age', () => {
    expect(checkLikeWithLike(section(), baseline(10), current, { onMismatch: 'warn', maxAgeDays: 30 }, now)).toEqual([]);
    expect(checkLikeWithLike(section(), baseline(10), current, { onMismatch: 'warn', maxAgeDays: 7 }, now)).toEqual([
      "The baseline is 15.5 days old (written 2026-11-01), older than `baseline-max-age` (7 days): refresh it by re-running the base branch's eval.",
    ]);
  });
});
