import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import { InputError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import type { OpenedBytes } from '../domain/byte-source.js';
import { BytesReader } from './zip-bytes.js';
import { release } from './release.js';
import { nativeZstd, nativeZstdInto, ZstdDecoder, type ZstdStreamFactory } from './zstd.js';

/** The bounds a zip read obeys (LIMITS by default; tests pass small ones). */
export interface ZipLimits {
  maxEntryBytes: number;
  maxZipBytes: number;
  maxZipEntries: number;
}

/** Compression methods we decode: stored, deflate, and zstd (Inspect ≥ 0.3.206 writes 93). */
const STORED = 0;
const DEFLATE = 8;
const ZSTD = 93;

/**
 * A zip opened for reading whole entries by name. The central directory is
 * read once at open; entry data is read and decoded on demand, so a reader
 * that needs only `header.json` and `summaries.json` never touches the
 * (large) per-sample entries.
 */
export interface ZipReader {
  /** Entry names in central-directory order, each once (see {@link openZip} on duplicates). */
  names(): string[];
  has(name: string): boolean;
  /** The uncompressed size the central directory declares for an entry (undefined when there is none). */
  declaredSize(name: string): number | undefined;
  /** The decoded bytes of one entry; InputError on an unknown method, a bomb, or corrupt data. */
  read(name: string): Promise<Buffer>;
  /**
   * Reads one entry, hands its bytes to `use`, and frees them as soon as
   * `use` returns (see release.ts): `use` must not keep them.
   */
  withEntry<T>(name: string, use: (bytes: Buffer) => T): Promise<T>;
  /** Releases the file descriptor. Safe to call twice. */
  close(): void;
}

/**
 * Opens a zip (`name` is how messages refer to it) from bytes already open
 * (a file under the workspace rule, or bytes in memory). The reader owns them
 * from here: close(), or a failed open, closes them.
 *
 * Duplicate entry names: the last one in the central directory wins. A zip
 * written in append mode (Inspect re-logging a requeued sample) carries the
 * superseded member first, and Python's `ZipFile.open(name)` resolves to the
 * later one, so we match it.
 */
export async function openZip(
  bytes: OpenedBytes,
  name: string,
  limits: ZipLimits = LIMITS,
  zstd: ZstdStreamFactory | undefined = nativeZstd,
): Promise<ZipReader> {
  const options = { autoClose: false, lazyEntries: true, strictFileNames: false };
  const source = new BytesReader(bytes);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(source, bytes.size, options);
  } catch (err) {
    // As yauzl.open does for its own: a zip that never opened leaves the bytes to us.
    await bytes.close();
    throw corrupt(name, err);
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new InputError(
        `${name}: the zip has ${zip.entryCount} entries, more than the limit of ${limits.maxZipEntries} (LIMITS.maxZipEntries); ` +
          'this is not a log tailgate can read safely',
      );
    }
    source.setListing(true);
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue; // a directory record carries no data
      entries.delete(entry.fileName); // re-insert so names() keeps the winning copy's position
      entries.set(entry.fileName, slim(entry));
    }
    source.setListing(false);
  } catch (err) {
    zip.close();
    throw err instanceof InputError ? err : corrupt(name, err);
  }
  let totalBytes = 0;
  const reader: ZipReader = {
    names: () => [...entries.keys()],
    has: (entryName) => entries.has(entryName),
    declaredSize: (entryName) => entries.get(entryName)?.uncompressedSize,
    close: () => zip.close(),
    async withEntry(entryName, use) {
      const bytes = await reader.read(entryName);
      try {
        return use(bytes);
      } finally {
        release(bytes);
      }
    },
    async read(entryName) {
      const entry = entries.get(entryName);
      if (entry === undefined) throw new InputError(`${name}: the zip has no entry ${entryName}`);
      const data = await readEntry(zip, entry, `${name} (zip entry ${entryName})`, limits.maxEntryBytes, zstd);
      totalBytes += data.length;
      if (totalBytes > limits.maxZipBytes) {
        throw new InputError(
          `${name}: more than ${limits.maxZipBytes} bytes decoded from this zip (LIMITS.maxZipBytes); ` +
            'split the eval into several logs',
        );
      }
      return data;
    },
  };
  return reader;
}

/**
 * The fields of a central-directory record that reading the entry needs
 * (yauzl's openReadStream and readEntry below), on yauzl's Entry prototype
 * for isEncrypted() and isCompressed(). yauzl's own Entry also keeps three
 * Buffer views of the record and its parsed extra fields, about 640 bytes
 * each: 64 MB of heap for an Inspect log of 100k samples, held while the
 * summaries are decoded and walked.
 */
function slim(entry: yauzl.Entry): yauzl.Entry {
  const kept: Pick<
    yauzl.Entry,
    | 'fileName'
    | 'compressionMethod'
    | 'generalPurposeBitFlag'
    | 'crc32'
    | 'compressedSize'
    | 'uncompressedSize'
    | 'relativeOffsetOfLocalHeader'
  > = {
    fileName: entry.fileName,
    compressionMethod: entry.compressionMethod,
    generalPurposeBitFlag: entry.generalPurposeBitFlag,
    crc32: entry.crc32,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
  };
  return Object.assign(Object.create(yauzl.Entry.prototype) as yauzl.Entry, kept);
}

async function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  where: string,
  maxEntryBytes: number,
  zstd: ZstdStreamFactory | undefined,
): Promise<Buffer> {
  const method = entry.compressionMethod;
  if (method !== STORED && method !== DEFLATE && method !== ZSTD) {
    throw new InputError(
      `${where}: compression method ${method} is not supported (tailgate reads stored 0, deflate 8 and zstd 93, ` +
        'which is what Inspect writes); re-save the log with Inspect or re-zip it with deflate',
    );
  }
  if (entry.isEncrypted()) throw new InputError(`${where}: the entry is encrypted; tailgate reads unencrypted logs only`);
  // The declared size is checked first so an honest large entry fails before
  // any decoding; the decoders below are bounded by the same declared size, so
  // an entry that lies about it cannot produce more either.
  const declared = entry.uncompressedSize;
  if (declared > maxEntryBytes || entry.compressedSize > maxEntryBytes) {
    throw new InputError(
      `${where}: ${Math.max(declared, entry.compressedSize)} bytes, over the limit of ${maxEntryBytes} bytes per entry ` +
        '(LIMITS.maxEntryBytes, a guard against zip bombs); split the eval into smaller logs',
    );
  }
  // One buffer of the declared size, decoded into in place: no list of chunks to
  // concatenate, no second copy. The declared size is also the bound, so a bomb
  // stops at it; a short entry is caught by the size check below.
  const out = Buffer.allocUnsafe(declared);
  let stream: Readable;
  try {
    // decodeFileData:false hands us the bytes as stored: yauzl refuses method
    // 93 otherwise, and decoding ourselves lets every method share one bound.
    stream = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (err) {
    throw corrupt(where, err);
  }
  const filled =
    method === DEFLATE
      ? await inflateInto(stream, out, where)
      : method === ZSTD && zstd !== undefined
        ? await nativeZstdInto(stream, entry.compressedSize, out, where, zstd)
        : await eachChunk(stream, entry.compressedSize, where, method === STORED ? copier(out, where) : new ZstdDecoder(out, where));
  if (filled !== declared) {
    throw new InputError(`${where}: decoded to ${filled} bytes but the zip declares ${declared}; the file is corrupt`);
  }
  if (crc32(out) !== entry.crc32) throw new InputError(`${where}: CRC-32 mismatch; the file is corrupt, re-download it`);
  return out;
}

/** Inflates the stream into `out`; more than `out.length` bytes is a bomb. Resolves to the bytes written. */
async function inflateInto(stream: Readable, out: Buffer, where: string): Promise<number> {
  let filled = 0;
  try {
    await pipeline(stream, zlib.createInflateRaw({ chunkSize: 1024 * 1024 }), async (inflated: AsyncIterable<unknown>) => {
      for await (const chunk of inflated) {
        if (!(chunk instanceof Uint8Array)) throw new Error('inflate yielded a non-byte chunk');
        if (filled + chunk.length > out.length) {
          throw new InputError(`${where}: inflates to more than the ${out.length} bytes the zip declares (corrupt, or a zip bomb)`);
        }
        out.set(chunk, filled);
        filled += chunk.length;
      }
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${where}: deflate data is corrupt (${messageOf(err)}); re-download the log`);
  }
  return filled;
}

/** Where {@link eachChunk} hands the compressed bytes: a copy (stored) or a decoder (zstd), both writing into one buffer. */
interface ChunkSink {
  push(chunk: Uint8Array, final?: boolean): void;
  readonly written: number;
}

/**
 * Feeds the stream's bytes to `sink` as they arrive (the compressed entry is
 * never held whole); there must be exactly `size` of them, the compressed
 * size the zip declares. Resolves to the bytes the sink wrote.
 */
async function eachChunk(stream: Readable, size: number, where: string, sink: ChunkSink): Promise<number> {
  let read = 0;
  try {
    for await (const chunk of stream) {
      const bytes: unknown = chunk;
      // yauzl's streams are byte streams; anything else is a bug, not a log to half-read.
      if (!(bytes instanceof Uint8Array)) throw new Error('zip entry stream yielded a non-byte chunk');
      read += bytes.length;
      if (read > size) throw new Error(`more than the ${size} compressed bytes the zip declares`);
      sink.push(bytes);
    }
  } catch (err) {
    throw err instanceof InputError ? err : corrupt(where, err);
  }
  if (read !== size) throw corrupt(where, new Error(`${read} of ${size} compressed bytes`));
  sink.push(new Uint8Array(0), true);
  return sink.written;
}

/** A stored entry: its bytes copied into `out`, which they must not overflow. */
function copier(out: Buffer, where: string): ChunkSink {
  const sink = {
    written: 0,
    push(chunk: Uint8Array) {
      if (sink.written + chunk.length > out.length)
        throw new InputError(`${where}: stored entry is larger than the ${out.length} bytes the zip declares`);
      out.set(chunk, sink.written);
      sink.written += chunk.length;
    },
  };
  return sink;
}

function corrupt(where: string, err: unknown): InputError {
  return new InputError(`${where}: not a readable zip (${messageOf(err)}); the file is corrupt or truncated, re-download it`);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC, as in zip): zlib's own where Node has it (20.15+, 22.2+), else computed here. */
export function crc32(data: Uint8Array): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data);
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
