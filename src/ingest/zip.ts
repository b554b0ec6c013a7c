import { inflateRawSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Decompress } from 'fzstd';
import yauzl from 'yauzl';
import { InputError } from './format.js';
import { LIMITS } from './limits.js';
import { closeFd } from './open-inside.js';

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
  /** The decoded bytes of one entry; InputError on an unknown method, a bomb, or corrupt data. */
  read(name: string): Promise<Buffer>;
  /** Releases the file descriptor. Safe to call twice. */
  close(): void;
}

/**
 * Opens a zip (`name` is how messages refer to it): a descriptor from
 * openInsideFd, as every reader of a user-named file passes (the workspace
 * rule held when it was opened), or a path opened as is (tests). The reader
 * owns the descriptor from here: close(), or a failed open, closes it.
 *
 * Duplicate entry names: the last one in the central directory wins. A zip
 * written in append mode (Inspect re-logging a requeued sample) carries the
 * superseded member first, and Python's `ZipFile.open(name)` resolves to the
 * later one, so we match it.
 */
export async function openZip(source: number | string, name: string, limits: ZipLimits = LIMITS): Promise<ZipReader> {
  const options = { autoClose: false, lazyEntries: true, strictFileNames: false };
  let zip: yauzl.ZipFile;
  try {
    zip = typeof source === 'number' ? await yauzl.fromFdPromise(source, options) : await yauzl.openPromise(source, options);
  } catch (err) {
    // As yauzl.open does for its own: a zip that never opened leaves the descriptor to us.
    if (typeof source === 'number') closeFd(source);
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
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue; // a directory record carries no data
      entries.delete(entry.fileName); // re-insert so names() keeps the winning copy's position
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    throw err instanceof InputError ? err : corrupt(name, err);
  }
  let totalBytes = 0;
  return {
    names: () => [...entries.keys()],
    has: (entryName) => entries.has(entryName),
    close: () => zip.close(),
    async read(entryName) {
      const entry = entries.get(entryName);
      if (entry === undefined) throw new InputError(`${name}: the zip has no entry ${entryName}`);
      const data = await readEntry(zip, entry, `${name} (zip entry ${entryName})`, limits.maxEntryBytes);
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
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, where: string, maxEntryBytes: number): Promise<Buffer> {
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
  let raw: Buffer;
  try {
    // decodeFileData:false hands us the bytes as stored: yauzl refuses method
    // 93 otherwise, and decoding ourselves lets every method share one bound.
    raw = await collect(await zip.openReadStreamPromise(entry, { decodeFileData: false }));
  } catch (err) {
    throw corrupt(where, err);
  }
  const data = decode(raw, method, declared, where);
  if (data.length !== declared) {
    throw new InputError(`${where}: decoded to ${data.length} bytes but the zip declares ${declared}; the file is corrupt`);
  }
  if (crc32(data) !== entry.crc32) throw new InputError(`${where}: CRC-32 mismatch; the file is corrupt, re-download it`);
  return data;
}

function decode(raw: Buffer, method: number, declared: number, where: string): Buffer {
  if (method === STORED) return raw;
  if (method === ZSTD) return decodeZstd(raw, declared, where);
  try {
    // maxOutputLength makes zlib stop (RangeError) instead of inflating a bomb.
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, declared) });
  } catch (err) {
    // Matched by code, not `instanceof RangeError`: zlib's error may come from another realm.
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(`${where}: inflates to more than the ${declared} bytes the zip declares (corrupt, or a zip bomb)`);
    }
    throw new InputError(`${where}: deflate data is corrupt (${messageOf(err)}); re-download the log`);
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) {
    const bytes: unknown = chunk;
    // yauzl's streams are byte streams; anything else is a bug, not a log to half-read.
    if (!(bytes instanceof Uint8Array)) throw new Error('zip entry stream yielded a non-byte chunk');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function corrupt(where: string, err: unknown): InputError {
  return new InputError(`${where}: not a readable zip (${messageOf(err)}); the file is corrupt or truncated, re-download it`);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Decodes a zstd entry (one or more frames) to at most `bound` bytes.
 *
 * fzstd allocates a frame's window (up to 2 GB by the format) before it
 * produces any output, and its one-shot `decompress()` trusts the declared
 * content size. So the frame headers are checked first (declared content and
 * window within bounds), then the streaming decoder runs with a byte counter
 * that stops at `bound`: the bound holds even when the headers lie.
 */
export function decodeZstd(raw: Uint8Array, bound: number, where: string): Buffer {
  checkZstdFrames(raw, bound, where);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const decoder = new Decompress((chunk) => {
    total += chunk.length;
    if (total > bound)
      throw new InputError(`${where}: zstd data decodes to more than the ${bound} bytes the zip declares (corrupt, or a zip bomb)`);
    chunks.push(chunk); // fzstd hands out a fresh array per block, so keeping it is safe
  });
  try {
    decoder.push(raw, true);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${where}: zstd data is corrupt (${messageOf(err)}); re-download the log`);
  }
  return Buffer.concat(chunks, total);
}

/** Windows up to this size are always allowed: encoders round windows up (level 3 streams use 2 MiB). */
const MIN_WINDOW_LIMIT = 8 * 1024 * 1024;

/** Walks zstd frame and block headers (RFC 8878 §3.1) without decoding. */
function checkZstdFrames(raw: Uint8Array, bound: number, where: string): void {
  const bad = (what: string) => new InputError(`${where}: zstd data is corrupt (${what}); re-download the log`);
  const le = (at: number, n: number) => {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + (raw[at + i] ?? 0);
    return v;
  };
  let pos = 0;
  let declared = 0;
  while (pos < raw.length) {
    if (raw.length - pos < 6) throw bad('truncated frame header');
    const magic = le(pos, 4);
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      pos += 8 + le(pos + 4, 4); // skippable frame: 4-byte magic, 4-byte size, payload
      continue;
    }
    if (magic !== 0xfd2fb528) throw bad('bad frame magic');
    const fhd = raw[pos + 4];
    const single = (fhd >> 5) & 1;
    const fcsBytes = [single, 2, 4, 8][fhd >> 6];
    let p = pos + 5;
    let window = 0;
    if (!single) {
      const wd = raw[p++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    p += [0, 1, 2, 4][fhd & 3]; // dictionary id
    if (fcsBytes > 0) {
      const size = le(p, fcsBytes) + (fcsBytes === 2 ? 256 : 0); // the 2-byte field is offset by 256
      declared += size;
      if (single) window = size;
      p += fcsBytes;
    }
    if (declared > bound)
      throw new InputError(
        `${where}: zstd frames declare ${declared} bytes, more than the ${bound} the zip declares (corrupt, or a zip bomb)`,
      );
    if (window > Math.max(bound, MIN_WINDOW_LIMIT)) {
      throw new InputError(`${where}: zstd window of ${window} bytes is larger than the entry (${bound} bytes); refusing to allocate it`);
    }
    for (let last = 0; !last;) {
      if (p + 3 > raw.length) throw bad('truncated block header');
      const header = le(p, 3);
      last = header & 1;
      const type = (header >> 1) & 3;
      if (type === 3) throw bad('reserved block type');
      p += 3 + (type === 1 ? 1 : header >>> 3); // an RLE block stores one byte whatever its size
    }
    pos = p + ((fhd >> 2) & 1) * 4; // optional content checksum
  }
  if (pos > raw.length) throw bad('truncated frame');
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC, as in zip). zlib.crc32 exists only from Node 20.15/22.2, so it is computed here. */
export function crc32(data: Uint8Array): number {
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
