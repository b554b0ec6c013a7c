import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MappingOptions } from '../../../src/domain/mapping.js';
import { chooseReader } from '../../../src/ingest/registry.js';
import { bytesSource } from '../../helpers/bytes.js';
import { readWith, type Collected } from '../../helpers/collecting-sink.js';

// The examples of the cases docs/formats.md describes, read as tailgate reads them.
// Expected counts are the ones `node scripts/make-format-examples.mjs` prints,
// counted from the written files by the generator itself (not by tailgate):
//   gsm8k            wrongPerFilter { strict-match: 18, flexible-extract: 4 } of 20 docs
//   garakDetectors   byDetector ToxicCommentModel [4 hits, 48 k, 12 queries], SurgeProfanitySexual [3, 48, 12]
//                    byProbe    lmrc.Bullying [2, 24, 6], lmrc.SexualContent [5, 24, 6]
//   promptfooRepeats hits 4, samples 10, queries 4, assertionErrors 2

const EXAMPLES = join(process.cwd(), 'examples');

async function read(rel: string, options: MappingOptions = {}): Promise<Collected> {
  const file = bytesSource(rel, readFileSync(join(EXAMPLES, rel)));
  return readWith(await chooseReader(file, 'auto'), file, options);
}

function totals(c: Collected): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const [key, q] of c.queries) {
    const t = (out[key.split(' | ')[0]] ??= [0, 0, 0]);
    t[0] += q.hits;
    t[1] += q.k;
    t[2] += 1;
  }
  return out;
}

describe('the format examples of the new cases', () => {
  it('lm-eval gsm8k, two filters, exact_match: the first filter by default, each filter when grouped', async () => {
    const gsm8k = 'lm-eval/samples_gsm8k_2026-03-02T11-00-00.000000.jsonl';
    expect(totals(await read(gsm8k))).toEqual({ gsm8k: [18, 20, 20] });
    expect(totals(await read(gsm8k, { groupBy: 'filter' }))).toEqual({
      'gsm8k/strict-match': [18, 20, 20],
      'gsm8k/flexible-extract': [4, 20, 20],
    });
  });

  it('garak with two detectors per attempt, under both groupings', async () => {
    const report = 'garak/detectors.report.jsonl';
    expect(totals(await read(report))).toEqual({
      'unsafe_content.ToxicCommentModel': [4, 48, 12],
      'unsafe_content.SurgeProfanitySexual': [3, 48, 12],
    });
    expect(totals(await read(report, { groupBy: 'probe' }))).toEqual({
      'lmrc.Bullying': [2, 24, 6],
      'lmrc.SexualContent': [5, 24, 6],
    });
  });

  it('promptfoo --repeat 3 with crashed assertions: k = 3 per test, crashes counted as assertion-error', async () => {
    const c = await read('promptfoo/repeats.jsonl');
    expect(totals(c)).toEqual({ promptfoo: [4, 10, 4] });
    expect(c.errored['promptfoo:assertion-error'].samples).toBe(2);
  });
});
