import { ZstdDecoder } from '../../src/ingest/zstd.js';

/** A whole zstd entry (one or more frames) decoded into at most `bound` bytes, as the zip reader does. */
export function decodeZstd(raw: Uint8Array, bound: number, where: string): Buffer {
  const out = Buffer.allocUnsafe(bound);
  const decoder = new ZstdDecoder(out, where);
  decoder.push(raw, true);
  return out.subarray(0, decoder.written);
}
