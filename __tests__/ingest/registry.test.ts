import type { FormatReader } from '../../src/ingest/format.js';
import { chooseReader, DETECT_BYTES, FORMATS, formatIds } from '../../src/ingest/registry.js';
import { InputError } from '../../src/domain/errors.js';
import { bytesSource as tmp, exampleSource, missingSource } from '../helpers/bytes.js';

describe('registry', () => {
  test('formatIds lists every registered reader, the native ones included', () => {
    expect(formatIds()).toEqual(expect.arrayContaining(['native-jsonl', 'native-csv', 'inspect']));
    expect(FORMATS.map((r) => r.id)).toEqual(formatIds());
  });

  test('auto detects the examples: JSONL and CSV', async () => {
    const jsonl = await chooseReader(exampleSource('pass/results.jsonl'), 'auto');
    expect(jsonl.id).toBe('native-jsonl');
    const csv = await chooseReader(exampleSource('insufficient/results.csv'), 'auto');
    expect(csv.id).toBe('native-csv');
  });

  test('detection is structural, not by file name', async () => {
    expect((await chooseReader(tmp('data.txt', 'query_id,label\n1,0\n'), 'auto')).id).toBe('native-csv');
    expect((await chooseReader(tmp('data.csv', '{"query_id":"1","label":0}\n'), 'auto')).id).toBe('native-jsonl');
  });

  test('an undetectable file is an InputError naming it and listing the formats', async () => {
    const err = await chooseReader(tmp('mystery.json', '{"results": []}'), 'auto').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const msg = String(err);
    expect(msg).toContain('mystery.json: could not detect the format from the first 64 KiB');
    expect(msg).toContain('  - native-jsonl: ');
    expect(msg).toContain('  - native-csv: ');
  });

  test('a named format returns that reader without reading the file', async () => {
    const r = await chooseReader(missingSource('x'), 'native-csv');
    expect(r.id).toBe('native-csv');
  });

  test('an unknown format name lists the allowed names', async () => {
    await expect(chooseReader(tmp('a.jsonl', '{}'), 'inspect-ai')).rejects.toThrow(
      `format: unknown format 'inspect-ai'; allowed: auto, ${formatIds().join(', ')}`,
    );
  });

  test('detect sees at most the first 64 KiB, and the first reader that says yes wins', async () => {
    const seen: number[] = [];
    const probe = (id: string, answer: boolean): FormatReader => ({
      id,
      description: id,
      detect: (head) => (seen.push(head.length), answer),
      read: async () => ({ rows: 0 }),
    });
    const big = tmp('big.bin', Buffer.alloc(DETECT_BYTES + 1000, 0x20));
    const r = await chooseReader(big, 'auto', [probe('no', false), probe('yes', true), probe('later', true)]);
    expect(r.id).toBe('yes');
    expect(seen).toEqual([65_536, 65_536]); // 'later' is never asked
    seen.length = 0;
    await chooseReader(tmp('small.bin', 'abc'), 'auto', [probe('yes', true)]);
    expect(seen).toEqual([3]);
  });

  test('auto on a missing file is an InputError naming it', async () => {
    await expect(chooseReader(missingSource('gone.jsonl'), 'auto')).rejects.toThrow(/^gone\.jsonl: cannot read the file: ENOENT/);
  });
});
