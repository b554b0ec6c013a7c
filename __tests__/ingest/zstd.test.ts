/**
 * The streaming zstd decoder sees compressed bytes in whatever pieces the zip
 * stream hands over. Frames built by hand (RFC 8878 §3.1) are fed whole and
 * one byte at a time: the output, and every refusal, must be the same.
 */
import { InputError } from '../../src/domain/errors.js';
import { ZstdDecoder } from '../../src/ingest/zstd.js';
import { decodeZstd } from '../helpers/zstd.js';

/** Magic 28 B5 2F FD; descriptor 0x20 = single segment, 1-byte content size `n`; one raw block of `n` bytes of `byte`. */
function rawFrame(n: number, byte: number): Buffer {
  const h = (n << 3) | 1; // raw block (type 0), last
  return Buffer.concat([
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, n, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]),
    Buffer.alloc(n, byte),
  ]);
}

/** A skippable frame (magic 0x184D2A50) with a 3-byte payload. */
const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);

/** Decodes `raw` pushed in pieces of `size` bytes. */
function inPieces(raw: Buffer, bound: number, size: number): Buffer {
  const out = Buffer.alloc(bound);
  const decoder = new ZstdDecoder(out, 'x');
  for (let i = 0; i < raw.length; i += size) decoder.push(raw.subarray(i, i + size));
  decoder.push(new Uint8Array(0), true);
  return out.subarray(0, decoder.written);
}

test('two frames and a skippable one decode the same whole and byte by byte', () => {
  const raw = Buffer.concat([rawFrame(100, 0x61), skippable, rawFrame(50, 0x62)]);
  // 100 × 'a' then 50 × 'b'; the skippable frame contributes nothing.
  const expected = Buffer.concat([Buffer.alloc(100, 0x61), Buffer.alloc(50, 0x62)]);
  expect(decodeZstd(raw, 150, 'x')).toEqual(expected);
  expect(inPieces(raw, 150, 1)).toEqual(expected);
  expect(inPieces(raw, 150, 7)).toEqual(expected);
});

test('the declared sizes of all frames together are checked against the bound', () => {
  const raw = Buffer.concat([rawFrame(100, 0x61), rawFrame(50, 0x62)]);
  expect(() => inPieces(raw, 149, 1)).toThrow(/zstd frames declare 150 bytes, more than the 149/);
});

test('data cut anywhere but between frames is refused as corrupt', () => {
  const first = rawFrame(100, 0x61);
  const raw = Buffer.concat([first, rawFrame(50, 0x62)]);
  for (let cut = 1; cut < raw.length; cut++) {
    if (cut === first.length) continue;
    expect(() => inPieces(raw.subarray(0, cut), 150, 3)).toThrow(InputError);
  }
  // Cut between frames, the rest is whole zstd; the zip reader refuses it by size (100 of the 150 declared).
  expect(inPieces(raw.subarray(0, first.length), 150, 3)).toHaveLength(100);
  expect(() => inPieces(raw.subarray(0, 3), 150, 1)).toThrow(/zstd data is corrupt \(truncated frame header\)/);
  expect(() => inPieces(raw.subarray(0, 6), 150, 1)).toThrow(/zstd data is corrupt \(truncated block header\)/);
  expect(() => inPieces(raw.subarray(0, 50), 150, 1)).toThrow(/zstd data is corrupt \(truncated frame\)/);
});

test('a window larger than the entry is refused before the decoder allocates it', () => {
  // Descriptor 0x00: window descriptor follows; 0xF8 = exponent 10 + 31, a 2^41-byte window.
  const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0x00, 0x00]);
  expect(() => inPieces(frame, 1000, 1)).toThrow(/zstd window of 2199023255552 bytes is larger than the entry/);
});
