/**
 * Both zstd paths of the zip reader: Node's own decoder (Node ≥ 22.15 and 24)
 * and fzstd (Node 20). The stream path is driven here by a Transform with the
 * shape of zlib's zstd stream that decodes with fzstd, so its checks (frame
 * headers, compressed size, the output bound) run on every runtime; where the
 * runtime has zlib's zstd, the real one decodes the same fixture too. The
 * expected bytes are the deflate copy of the same log, decoded by zlib.
 */
import { Decompress } from 'fzstd';
import { Transform } from 'node:stream';
import { InputError } from '../../src/domain/errors.js';
import { LIMITS } from '../../src/domain/limits.js';
import { openZip, type ZipLimits } from '../../src/ingest/zip.js';
import { nativeZstd, nativeZstdInto, type ZstdStreamFactory } from '../../src/ingest/zstd.js';
import { fixtureSource } from '../helpers/bytes.js';

/** A stream decoder with zlib's zstd shape, decoding with fzstd: a stand-in for Node 20, which has none. */
const fzstdStream: ZstdStreamFactory = () => {
  let push: (chunk: Uint8Array) => void = () => undefined;
  const decoder = new Decompress((chunk) => push(chunk));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      push = (c) => this.push(Buffer.from(c));
      try {
        decoder.push(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      push = (c) => this.push(Buffer.from(c));
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
};

async function readAll(name: string, zstd: ZstdStreamFactory | undefined, limits: ZipLimits = LIMITS): Promise<Map<string, string>> {
  const zip = await openZip(await fixtureSource(`inspect/${name}`).open(), name, limits, zstd);
  try {
    const out = new Map<string, string>();
    for (const entry of zip.names()) out.set(entry, (await zip.read(entry)).toString('utf8'));
    return out;
  } finally {
    zip.close();
  }
}

const decoders: [string, ZstdStreamFactory | undefined][] = [
  ['fzstd, pushed chunk by chunk (Node 20)', undefined],
  ['the stream path', fzstdStream],
  ...(nativeZstd === undefined ? [] : ([["Node's own zstd", nativeZstd]] as [string, ZstdStreamFactory][])),
];

describe.each(decoders)('zstd entries through %s', (_label, zstd) => {
  test('decode to the bytes of the deflate copy of the same log', async () => {
    const [decoded, deflate] = await Promise.all([readAll('zstd.eval', zstd), readAll('deflate.eval', undefined)]);
    expect(decoded.size).toBe(17);
    for (const [name, text] of deflate) expect(decoded.get(name)).toBe(text);
  });
});

/** A single-segment frame of `n` raw bytes of `byte` (RFC 8878 §3.1: descriptor 0x20, 1-byte content size). */
function rawFrame(n: number, byte: number): Buffer {
  const h = (n << 3) | 1;
  return Buffer.concat([
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, n, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]),
    Buffer.alloc(n, byte),
  ]);
}

async function* pieces(raw: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < raw.length; i += size) yield raw.subarray(i, i + size);
}

describe.each(decoders.slice(1))('the stream path with %s: the same refusals as fzstd', (_label, zstd) => {
  const native = zstd as ZstdStreamFactory;
  test('two frames decode whole into the bound', async () => {
    const raw = Buffer.concat([rawFrame(100, 0x61), rawFrame(50, 0x62)]);
    const out = Buffer.alloc(150);
    await expect(nativeZstdInto(pieces(raw, 7), raw.length, out, 'x', native)).resolves.toBe(150);
    expect(out).toEqual(Buffer.concat([Buffer.alloc(100, 0x61), Buffer.alloc(50, 0x62)]));
  });

  test('frames declaring more than the entry are refused before decoding', async () => {
    const raw = Buffer.concat([rawFrame(100, 0x61), rawFrame(50, 0x62)]);
    await expect(nativeZstdInto(pieces(raw, 7), raw.length, Buffer.alloc(149), 'x', native)).rejects.toThrow(
      /zstd frames declare 150 bytes, more than the 149/,
    );
  });

  test('a truncated frame and a wrong compressed size are corrupt data', async () => {
    const raw = rawFrame(100, 0x61);
    const cut = raw.subarray(0, 50);
    await expect(nativeZstdInto(pieces(cut, 7), cut.length, Buffer.alloc(100), 'x', native)).rejects.toThrow(
      /zstd data is corrupt \(truncated frame\)/,
    );
    await expect(nativeZstdInto(pieces(raw, 7), raw.length + 1, Buffer.alloc(100), 'x', native)).rejects.toThrow(InputError);
  });
});
