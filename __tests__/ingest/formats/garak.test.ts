import { readFile } from 'node:fs/promises';
import type { MappingOptions } from '../../../src/domain/mapping.js';
import { garakReader } from '../../../src/ingest/formats/garak.js';
import { harmbenchReader } from '../../../src/ingest/formats/harmbench.js';
import { lmevalReader } from '../../../src/ingest/formats/lmeval.js';
import type { ByteSource } from '../../../src/domain/byte-source.js';
import { bytesSource, fixturePath, fixtureSource } from '../../helpers/bytes.js';
import { collect, readWith, type Collected } from '../../helpers/collecting-sink.js';
import { promptfooJsonlReader, promptfooJsonReader } from '../../../src/ingest/formats/promptfoo.js';

// report.jsonl follows garak 0.14 (Attempt.as_dict, harness, evaluator): setup,
// init, each attempt twice (status 1 without detector results, then status 2),
// eval lines, completion, digest. run.generations = 3.
//   lmrc.QuackMedicine      lmrc.QuackMedicine [0, 1, 0]              -> 1 hit of 3
//   promptinject.Hijack…    AttackRogueString  [1, 1, 0]  (prompt P)
//                           AttackRogueString  [0, null, 0.5] (same P) -> P: 2 + 1 (0.5 ≥ 0.5) = 3 of 2 + 2 = 5,
//                                                                        1 output unscored (excluded)
//   dan.Dan_11_0            dan.DAN [0, 1, 1], MitigationBypass [1, 1, 0]
//                           any detector ≥ 0.5: [1, 1, 1]               -> 3 of 3
//                           scoreKey dan.DAN                            -> 2 of 3
// report-0.9.jsonl (garak 0.9: prompt and outputs are strings):
//   lmrc.Profanity          riskywords.SurgeProfanitySexual [0, 1]      -> 1 of 2

const fixture = (name: string): ByteSource => fixtureSource(`garak/${name}`);

// These tests read one behaviour per probe (group-by probe); __tests__/ingest/formats/garak-group-by.test.ts covers the default.
async function read(file: ByteSource, options: MappingOptions = {}): Promise<Collected> {
  return readWith(garakReader, file, { groupBy: 'probe', ...options }, 'garak outputs');
}

/** `behaviour hits/k` per query (the prompt hash left out). */
function counts(c: Collected): string[] {
  return [...c.queries].map(([key, q]) => `${key.split(' | ')[0]} ${q.hits}/${q.k}`).sort();
}

async function temp(lines: unknown[]): Promise<ByteSource> {
  return bytesSource('report.jsonl', lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
}

describe('garak report.jsonl', () => {
  it('reads status-2 attempts only and pools attempts of one probe+prompt', async () => {
    const c = await read(fixture('report.jsonl'));
    expect(counts(c)).toEqual(['dan.Dan_11_0 3/3', 'lmrc.QuackMedicine 1/3', 'promptinject.HijackHateHumans 3/5']);
    expect(c.sampledCalls).toBe(4); // 4 attempts at status 2; the 4 status-1 copies add nothing
    expect(c.excluded).toEqual({ 'promptinject.HijackHateHumans:no-score': 1 });
    expect(c.warnings).toEqual([]);
  });

  it('an unscored output is an errored sample of its query; an attempt without detector results errs all its outputs', async () => {
    const c = await read(fixture('report.jsonl'));
    const [hijack] = [...c.queries.keys()].filter((k) => k.startsWith('promptinject.')).map((k) => k.split(' | ')[1]);
    expect(c.errored).toEqual({ 'promptinject.HijackHateHumans:no-score': { samples: 1, queries: [hijack] } });

    const attempt = (detector_results: Record<string, number[]>, outputs: unknown) => ({
      entry_type: 'attempt',
      status: 2,
      probe_classname: 'p.P',
      prompt: 'hi',
      outputs,
      detector_results,
    });
    const t = await temp([attempt({ 'd.D': [1, 0] }, ['a', 'b']), attempt({}, ['a', null, 'c']), attempt({}, null)]);
    const r = await read(t);
    // 3 listed outputs, then one for the attempt that lists none.
    expect(r.errored['p.P:no-detector-results'].samples).toBe(4);
    expect(counts(r)).toEqual(['p.P 1/2']);
  });

  it('query ids are probe/prompt-hash; both Hijack attempts share one', async () => {
    const c = await read(fixture('report.jsonl'));
    const ids = [...c.queries.keys()].map((k) => k.split(' | ')[1]);
    expect(ids.every((id) => /^[\w.]+\/[0-9a-f]{16}$/.test(id ?? ''))).toBe(true);
    expect(ids.filter((id) => id?.startsWith('promptinject.HijackHateHumans/'))).toHaveLength(1);
  });

  it('scoreKey picks one detector; attempts without it are excluded', async () => {
    const c = await read(fixture('report.jsonl'), { scoreKey: 'dan.DAN' });
    expect(counts(c)).toEqual(['dan.Dan_11_0 2/3']);
    expect(c.excluded).toEqual({
      'lmrc.QuackMedicine:detector-missing': 1,
      'promptinject.HijackHateHumans:detector-missing': 2,
    });
  });

  it('scoreThreshold moves the hit boundary (0.5 is not a hit at 0.6)', async () => {
    const c = await read(fixture('report.jsonl'), { scoreThreshold: 0.6, behavior: 'garak' });
    // P: [1, 1, 0] -> 2, [0, null, 0.5] -> 0; Quack 1 of 3; DAN any: 3 of 3
    expect(counts(c)).toEqual(['garak 1/3', 'garak 2/5', 'garak 3/3']);
  });

  it('reads the garak 0.9 layout (string prompt and outputs)', async () => {
    const c = await read(fixture('report-0.9.jsonl'));
    expect(counts(c)).toEqual(['lmrc.Profanity 1/2']);
  });

  it('a structured prompt and the same prompt as a string are one query; notes and lang do not split it', async () => {
    const text = 'Say something rude.';
    const msg = (lang: string) => ({ text, lang, data_path: null, data_type: null, data_checksum: null, notes: {} });
    const base = { entry_type: 'attempt', status: 2, probe_classname: 'p.P', probe_params: {}, targets: [], outputs: [] };
    const file = await temp([
      { ...base, uuid: 'u1', seq: 0, prompt: text, detector_results: { d: [1] } },
      { ...base, uuid: 'u2', seq: 1, prompt: { turns: [{ role: 'user', content: msg('en') }], notes: {} }, detector_results: { d: [0] } },
      {
        ...base,
        uuid: 'u3',
        seq: 2,
        prompt: { turns: [{ role: 'user', content: msg('*') }], notes: { x: 1 } },
        detector_results: { d: [0] },
      },
    ]);
    const c = await read(file);
    expect(counts(c)).toEqual(['p.P 1/3']);
  });

  it('warns about attempts that never reached status 2', async () => {
    const base = { entry_type: 'attempt', probe_classname: 'p.P', prompt: 'x', outputs: ['a'] };
    const file = await temp([
      { ...base, uuid: 'u1', status: 1, detector_results: {} },
      { ...base, uuid: 'u1', status: 2, detector_results: { d: [0.9] } },
      { ...base, uuid: 'u2', status: 1, detector_results: {} },
    ]);
    const c = await read(file);
    expect(counts(c)).toEqual(['p.P 1/1']);
    expect(c.warnings.some((w) => /1 attempts never reached status 2/.test(w))).toBe(true);
  });
});

describe('garak bad input', () => {
  it('a line that is not JSON names file:line', async () => {
    const file = await temp([{ entry_type: 'init', garak_version: '0.14.0' }, '{"entry_type": "attempt", "status": 2,']);
    await expect(garakReader.read(file, {}, collect('garak outputs').sink)).rejects.toThrow(/report\.jsonl:2: invalid JSON/);
  });

  it('a malformed detector score names file:line and the field', async () => {
    const file = await temp([{ entry_type: 'attempt', status: 2, probe_classname: 'p.P', prompt: 'x', detector_results: { d: ['high'] } }]);
    await expect(garakReader.read(file, {}, collect('garak outputs').sink)).rejects.toThrow(/report\.jsonl:1: detector_results\.d\[0\]: /);
  });

  it('no status-2 attempt is "no usable rows"', async () => {
    const file = await temp([{ entry_type: 'attempt', status: 1, probe_classname: 'p.P', prompt: 'x', detector_results: {} }]);
    await expect(garakReader.read(file, {}, collect('garak outputs').sink)).rejects.toThrow(
      /no usable rows: 1 attempt entries but none with status 2/,
    );
  });

  it('an unknown scoreKey lists the detectors found', async () => {
    await expect(garakReader.read(fixture('report.jsonl'), { scoreKey: 'nope' }, collect('garak outputs').sink)).rejects.toThrow(
      /scoreKey 'nope' is not a detector in this report; detectors found: dan\.DAN, lmrc\.QuackMedicine, mitigation\.MitigationBypass, promptinject\.AttackRogueString/,
    );
  });
});

describe('garak detection', () => {
  it.each(['report.jsonl', 'report-0.9.jsonl'])('%s is garak only', async (name) => {
    const head = (await readFile(fixturePath(`garak/${name}`))).subarray(0, 64 * 1024);
    expect(garakReader.detect(head, name)).toBe(true);
    for (const r of [promptfooJsonReader, promptfooJsonlReader, harmbenchReader, lmevalReader]) {
      expect(r.detect(head, name)).toBe(false);
    }
  });

  it('rejects native JSONL', () => {
    expect(garakReader.detect(Buffer.from('{"query_id": "q1", "label": 1}\n'), 'x.jsonl')).toBe(false);
  });
});
