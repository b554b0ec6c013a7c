import type { ByteSource } from '../../src/domain/byte-source.js';
import { InputError } from '../../src/domain/errors.js';
import { forEachLine } from '../../src/ingest/lines.js';
import { bytesSource, missingSource } from '../helpers/bytes.js';

/** `content` as the bytes of `shown` (default `name`), as messages name it. */
function file(name: string, content: string | Buffer, shown = name): ByteSource {
  return bytesSource(shown, content);
}

async function collect(src: ByteSource, max = 1 << 20, chunkBytes?: number): Promise<{ lines: [number, string][]; n: number }> {
  const lines: [number, string][] = [];
  const n = await forEachLine(src, max, (line, no) => lines.push([no, line]), { chunkBytes });
  return { lines, n };
}

describe('forEachLine', () => {
  test('numbers lines from 1, keeps blank lines, no extra line after a final newline', async () => {
    const { lines, n } = await collect(file('a.txt', 'one\n\nthree\n'));
    expect(lines).toEqual([
      [1, 'one'],
      [2, ''],
      [3, 'three'],
    ]);
    expect(n).toBe(3);
  });

  test('delivers a last line without newline; an empty file has no lines', async () => {
    expect((await collect(file('b.txt', 'x\ny'))).lines).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    expect(await collect(file('empty.txt', ''))).toEqual({ lines: [], n: 0 });
  });

  test('strips CR of CRLF and the BOM of line 1 only', async () => {
    const { lines } = await collect(file('c.txt', '\uFEFFa\r\nb\r\n\uFEFFc\r\n'));
    // The BOM on line 3 is data, not a BOM: kept.
    expect(lines).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, '\uFEFFc'],
    ]);
  });

  test.each([1, 2, 3, 5, 7, 64])('same lines for every chunk size (%p bytes), across multi-byte UTF-8', async (chunk) => {
    // "é" is 2 bytes and "€" 3 bytes in UTF-8: small chunks split them mid-character.
    const text = 'héllo\n€uro\r\n\nlast line €';
    const { lines } = await collect(file(`d${chunk}.txt`, text), 1 << 20, chunk);
    expect(lines).toEqual([
      [1, 'héllo'],
      [2, '€uro'],
      [3, ''],
      [4, 'last line €'],
    ]);
  });

  test('lines straddling the default 1 MiB chunk and the 64 KiB boundary', async () => {
    // Line lengths chosen so that boundaries at 65,536 and 1,048,576 bytes fall inside lines.
    const a = 'a'.repeat(65_530);
    const b = 'b'.repeat(1_000_000);
    const c = 'c'.repeat(10);
    const { lines } = await collect(file('e.txt', `${a}\n${b}\n${c}`));
    expect(lines.map(([no, l]) => [no, l.length, l[0]])).toEqual([
      [1, 65_530, 'a'],
      [2, 1_000_000, 'b'],
      [3, 10, 'c'],
    ]);
  });

  test('a line over the bound throws an InputError naming file and line', async () => {
    const p = file('long.txt', `short\n${'x'.repeat(101)}\nafter\n`, 'results/long.jsonl');
    const err = await forEachLine(p, 100, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toHaveProperty(
      'message',
      'results/long.jsonl:2: line longer than 100 bytes; split the record or check that the file really is line-delimited',
    );
    // Exactly at the bound (100 bytes, CRLF not counted) is accepted.
    const ok = await collect(file('ok.txt', `${'x'.repeat(100)}\r\n`), 100);
    expect(ok.lines[0][1].length).toBe(100);
  });

  test('the bound counts UTF-8 bytes, not characters', async () => {
    // 40 × "€" = 40 characters but 120 bytes.
    const p = file('euro.txt', '€'.repeat(40));
    await expect(forEachLine(p, 100, () => undefined)).rejects.toThrow(/:1: line longer than 100 bytes/);
  });

  test('stops before buffering a huge newline-free file', async () => {
    // 8 MiB without a newline, bound 1 KiB, 4 KiB chunks: must fail on the first chunks.
    const p = file('nonl.txt', Buffer.alloc(8 << 20, 0x61));
    let calls = 0;
    await expect(forEachLine(p, 1024, () => calls++, { chunkBytes: 4096 })).rejects.toThrow(/:1: line longer than 1024/);
    expect(calls).toBe(0);
  });

  test('an error thrown by onLine propagates unchanged and stops reading', async () => {
    const p = file('stop.txt', 'a\nb\nc\nd\n');
    const seen: number[] = [];
    const boom = new Error('boom');
    await expect(
      forEachLine(p, 100, (_l, no) => {
        seen.push(no);
        if (no === 2) throw boom;
      }),
    ).rejects.toBe(boom);
    expect(seen).toEqual([1, 2]);
  });

  test('a missing file is an InputError naming it', async () => {
    await expect(forEachLine(missingSource('nope.jsonl'), 100, () => undefined)).rejects.toThrow(
      /^nope\.jsonl: cannot read the file: ENOENT/,
    );
  });
});
