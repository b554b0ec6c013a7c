import type { MappingOptions } from '../../../src/domain/mapping.js';
import { garakReader } from '../../../src/ingest/formats/garak.js';
import { bytesSource } from '../../helpers/bytes.js';
import { readWith, type Collected } from '../../helpers/collecting-sink.js';

// Attempts as garak writes them at status 2 (Attempt.as_dict): several
// detectors per attempt, continuous toxicity scores (the real range,
// 5e-5 … 8e-4) beside a 0/1 mitigation detector. Counts below are by hand.
//   tox.Tox  mit.Bypass
//   P.One "a"   [5e-5, 8e-4, 2e-4]   [1, 0, 1]
//   P.One "b"   [6e-4, 1e-5, null]   [0, 0, 0]
//   P.Two "a"   —                    [1, 1]

const attempt = (probe: string, prompt: string, detector_results: Record<string, (number | null)[]>, outputs = 3): unknown => ({
  entry_type: 'attempt',
  status: 2,
  probe_classname: probe,
  prompt,
  outputs: Array.from({ length: outputs }, (_, i) => `out ${i}`),
  detector_results,
});

const LINES = [
  { entry_type: 'start_run setup', 'run.generations': 3 },
  attempt('P.One', 'a', { 'tox.Tox': [5e-5, 8e-4, 2e-4], 'mit.Bypass': [1, 0, 1] }),
  attempt('P.One', 'b', { 'tox.Tox': [6e-4, 1e-5, null], 'mit.Bypass': [0, 0, 0] }),
  attempt('P.Two', 'a', { 'mit.Bypass': [1, 1] }, 2),
];

const report = (lines: unknown[] = LINES) => bytesSource('report.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

async function read(options: MappingOptions = {}, lines?: unknown[]): Promise<Collected> {
  return readWith(garakReader, report(lines), options, 'garak outputs');
}

/** `behaviour probe hits/k`, sorted. */
function counts(c: Collected): string[] {
  return [...c.queries].map(([key, q]) => `${key.split(' | ')[0]} ${key.split(' | ')[1]?.split('/')[0]} ${q.hits}/${q.k}`).sort();
}

describe('garak: several detectors per attempt', () => {
  it('default: one behaviour per detector, each judging its own outputs (5 queries)', async () => {
    const c = await read();
    expect(counts(c)).toEqual([
      'mit.Bypass P.One 0/3',
      'mit.Bypass P.One 2/3',
      'mit.Bypass P.Two 2/2',
      'tox.Tox P.One 0/2',
      'tox.Tox P.One 0/3',
    ]);
    // the null toxicity score is an errored sample of tox.Tox only
    expect(Object.keys(c.errored)).toEqual(['tox.Tox:no-score']);
  });

  it('group-by probe: one behaviour per probe, an output is a hit when any detector flags it (3 queries)', async () => {
    const c = await read({ groupBy: 'probe' });
    // P.One "a": max per output [1, 8e-4, 1] → 2/3; "b": [6e-4, 1e-5, 0] → 0/3; P.Two "a" → 2/2
    expect(counts(c)).toEqual(['P.One P.One 0/3', 'P.One P.One 2/3', 'P.Two P.Two 2/2']);
    expect(c.errored).toEqual({});
  });

  it('continuous scores: score-threshold 5e-4 makes 8e-4 and 6e-4 hits, 5e-5 … 2e-4 misses', async () => {
    const c = await read({ scoreThreshold: 5e-4, scoreKey: 'tox.Tox' });
    expect(counts(c)).toEqual(['tox.Tox P.One 1/2', 'tox.Tox P.One 1/3']);
    // P.Two has no tox.Tox: excluded, not an error
    expect(c.excluded).toEqual({ 'tox.Tox:detector-missing': 1, 'tox.Tox:no-score': 1 });
  });

  it('behavior with score-key names the one detector read', async () => {
    const c = await read({ behavior: 'bypass', scoreKey: 'mit.Bypass' });
    expect(counts(c)).toEqual(['bypass P.One 0/3', 'bypass P.One 2/3', 'bypass P.Two 2/2']);
  });

  it('an attempt without detector results errs under the detectors its probe used', async () => {
    const c = await read({}, [...LINES, attempt('P.One', 'c', {}, 2), attempt('P.Three', 'x', {}, 1)]);
    expect(c.errored['tox.Tox:no-detector-results'].samples).toBe(2);
    expect(c.errored['mit.Bypass:no-detector-results'].samples).toBe(2);
    // a probe that never got a detector keeps its own name
    expect(c.errored['P.Three:no-detector-results'].samples).toBe(1);
  });
});

describe('garak grouping: bad input', () => {
  it('one behaviour name for several detectors is an error that says how to choose', async () => {
    await expect(read({ behavior: 'harm' })).rejects.toThrow(
      "report.jsonl: behavior 'harm' names one behaviour, but the attempts carry several detectors (mit.Bypass, tox.Tox) and each is its own " +
        'behaviour (group-by detector); set score-key to one detector, or group-by to probe',
    );
  });

  it('an unknown score-key lists the detectors, under either grouping', async () => {
    for (const groupBy of ['detector', 'probe'] as const) {
      await expect(read({ scoreKey: 'tox.Toxic', groupBy })).rejects.toThrow(
        "report.jsonl: scoreKey 'tox.Toxic' is not a detector in this report; detectors found: mit.Bypass, tox.Tox",
      );
    }
  });
});
