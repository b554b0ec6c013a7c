import { Decompress } from 'fzstd';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { InputError } from '../domain/errors.js';

/** Node's own streaming zstd decoder (22.15+ and 24); @types/node 20 does not declare it. */
export type ZstdStreamFactory = (options: { chunkSize: number }) => Transform;

/** Node's zstd where the runtime has it (C, on the thread pool); undefined on Node 20, where fzstd decodes. */
export const nativeZstd: ZstdStreamFactory | undefined = (zlib as { createZstdDecompress?: ZstdStreamFactory }).createZstdDecompress;

/**
 * A zstd entry decoded by `native` into `out`, under the same checks as
 * {@link ZstdDecoder}: every frame and block header passes {@link ZstdFrameCheck}
 * before the decoder sees it, there must be exactly `compressedSize` bytes,
 * and output past `out.length` is a bomb. Resolves to the bytes written.
 */
export async function nativeZstdInto(
  stream: AsyncIterable<unknown>,
  compressedSize: number,
  out: Uint8Array,
  where: string,
  native: ZstdStreamFactory,
): Promise<number> {
  const check = new ZstdFrameCheck(out.length, where);
  let filled = 0;
  const checked = async function* (source: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
    let read = 0;
    for await (const chunk of source) {
      if (!(chunk instanceof Uint8Array)) throw new Error('zip entry stream yielded a non-byte chunk');
      read += chunk.length;
      if (read > compressedSize) throw new Error(`more than the ${compressedSize} compressed bytes the zip declares`);
      check.push(chunk);
      yield chunk;
    }
    if (read !== compressedSize) throw new Error(`${read} of ${compressedSize} compressed bytes`);
    check.finish();
  };
  try {
    await pipeline(stream, checked, native({ chunkSize: 1024 * 1024 }), async (decoded: AsyncIterable<unknown>) => {
      for await (const chunk of decoded) {
        if (!(chunk instanceof Uint8Array)) throw new Error('zstd yielded a non-byte chunk');
        if (filled + chunk.length > out.length) {
          throw new InputError(
            `${where}: zstd data decodes to more than the ${out.length} bytes the zip declares (corrupt, or a zip bomb)`,
          );
        }
        out.set(chunk, filled);
        filled += chunk.length;
      }
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${where}: zstd data is corrupt (${err instanceof Error ? err.message : String(err)}); re-download the log`);
  }
  return filled;
}

/**
 * zstd (zip method 93, what Inspect writes) decoded by fzstd, in plain JS, as
 * the compressed bytes arrive, into a buffer whose length is the bound: the
 * decoder of Node 20, which has no zstd of its own.
 *
 * fzstd allocates a frame's window (up to 2 GB by the format) before it
 * produces any output, and its one-shot `decompress()` trusts the declared
 * content size. So every frame and block header (RFC 8878 §3.1) is checked
 * by {@link ZstdFrameCheck} before the decoder is handed the same bytes, and
 * the decoder's output is counted against the bound: the bound holds even
 * when the headers lie. Streaming, the compressed entry is never held whole.
 */
export class ZstdDecoder {
  private readonly check: ZstdFrameCheck;
  private readonly decoder: Decompress;
  /** Bytes written to `out` so far. */
  written = 0;

  constructor(
    private readonly out: Uint8Array,
    private readonly where: string,
  ) {
    this.check = new ZstdFrameCheck(out.length, where);
    this.decoder = new Decompress((chunk) => {
      if (this.written + chunk.length > out.length) {
        throw new InputError(`${where}: zstd data decodes to more than the ${out.length} bytes the zip declares (corrupt, or a zip bomb)`);
      }
      out.set(chunk, this.written);
      this.written += chunk.length;
    });
  }

  /** Decodes the next compressed bytes; `final` on the last call (it may be empty). */
  push(chunk: Uint8Array, final = false): void {
    this.check.push(chunk);
    if (final) this.check.finish();
    try {
      this.decoder.push(chunk, final);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(
        `${this.where}: zstd data is corrupt (${err instanceof Error ? err.message : String(err)}); re-download the log`,
      );
    }
  }
}

/** Windows up to this size are always allowed: encoders round windows up (level 3 streams use 2 MiB). */
const MIN_WINDOW_LIMIT = 8 * 1024 * 1024;
const ZSTD_MAGIC = 0xfd2fb528;

/**
 * Walks zstd frame and block headers as bytes arrive, without decoding:
 * headers (at most 18 bytes) are gathered byte by byte, payloads skipped in
 * bulk. Throws when a frame declares more content than the bound, asks for a
 * window larger than the entry, or the data is not zstd.
 */
class ZstdFrameCheck {
  private declared = 0;
  /** Payload bytes to pass over before the next header. */
  private skip = 0;
  /** The header being gathered. */
  private header: number[] = [];
  /** What the next header is: a frame's (or a skippable frame's), or a block's. */
  private next: 'frame' | 'block' = 'frame';
  /** Bytes of content checksum after the current frame's last block. */
  private checksum = 0;

  constructor(
    private readonly bound: number,
    private readonly where: string,
  ) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      this.header.push(chunk[i++]);
      if (this.next === 'frame') this.frameHeader();
      else this.blockHeader();
    }
  }

  /** At the end of the data: anything left half-read is a truncation. */
  finish(): void {
    if (this.skip > 0) throw this.bad('truncated frame');
    if (this.next === 'block') throw this.bad('truncated block header');
    if (this.header.length > 0) throw this.bad('truncated frame header');
  }

  private frameHeader(): void {
    const h = this.header;
    if (h.length < 4) return;
    const magic = le(h, 0, 4);
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      // A skippable frame: 4-byte magic, 4-byte size, payload.
      if (h.length < 8) return;
      this.skip = le(h, 4, 4);
      this.header = [];
      return;
    }
    if (magic !== ZSTD_MAGIC) throw this.bad('bad frame magic');
    if (h.length < 5) return;
    const fhd = h[4];
    const single = (fhd >> 5) & 1;
    const fcsBytes = [single, 2, 4, 8][fhd >> 6];
    const dictBytes = [0, 1, 2, 4][fhd & 3];
    if (h.length < 5 + (single ? 0 : 1) + dictBytes + fcsBytes) return;
    let p = 5;
    let window = 0;
    if (!single) {
      const wd = h[p++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    p += dictBytes;
    if (fcsBytes > 0) {
      const size = le(h, p, fcsBytes) + (fcsBytes === 2 ? 256 : 0); // the 2-byte field is offset by 256
      this.declared += size;
      if (single) window = size;
    }
    if (this.declared > this.bound) {
      throw new InputError(
        `${this.where}: zstd frames declare ${this.declared} bytes, more than the ${this.bound} the zip declares (corrupt, or a zip bomb)`,
      );
    }
    if (window > Math.max(this.bound, MIN_WINDOW_LIMIT)) {
      throw new InputError(
        `${this.where}: zstd window of ${window} bytes is larger than the entry (${this.bound} bytes); refusing to allocate it`,
      );
    }
    this.checksum = ((fhd >> 2) & 1) * 4;
    this.header = [];
    this.next = 'block';
  }

  private blockHeader(): void {
    if (this.header.length < 3) return;
    const value = le(this.header, 0, 3);
    const type = (value >> 1) & 3;
    if (type === 3) throw this.bad('reserved block type');
    this.skip = type === 1 ? 1 : value >>> 3; // an RLE block stores one byte whatever its size
    this.header = [];
    if (value & 1) {
      this.skip += this.checksum;
      this.next = 'frame';
    }
  }

  private bad(what: string): InputError {
    return new InputError(`${this.where}: zstd data is corrupt (${what}); re-download the log`);
  }
}

/** The little-endian number in `n` bytes of `h` from `at` (up to 8 bytes, exact below 2^53). */
function le(h: readonly number[], at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (h[at + i] ?? 0);
  return v;
}
