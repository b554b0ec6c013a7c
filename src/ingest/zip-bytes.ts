/**
 * Random access to open bytes for yauzl, the zip parser: positioned reads and
 * range streams over an OpenedBytes, as yauzl's own FdSlicer gives over a
 * file descriptor, so a zip is read the same from a file or from memory.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { OpenedBytes } from '../domain/byte-source.js';

/** Reads up to this many bytes are served from the read-ahead window. */
const SMALL_READ = 4096;
/** The read-ahead window for scattered small reads (local headers): a few hundred records. */
const WINDOW = 64 * 1024;
/** While the central directory is listed, the window reads to the end of the bytes, up to this much: 200k records in one read. */
const LISTING_WINDOW = 32 * 1024 * 1024;

/**
 * yauzl's view of open bytes, as its own FdSlicer gives it of a descriptor:
 * positioned reads, range streams that hold a reference, and the bytes closed
 * when the last reference goes (ZipFile.close() drops the zip's own).
 */
export class BytesReader extends yauzl.RandomAccessReader {
  private refs = 0;
  private window: { start: number; bytes: Buffer } | null = null;
  private listing = false;

  constructor(readonly bytes: OpenedBytes) {
    super();
  }

  ref(): void {
    this.refs += 1;
  }

  unref(): void {
    this.refs -= 1;
    if (this.refs < 0) throw new Error('invalid unref');
    if (this.refs > 0) return;
    this.bytes.close().then(
      () => this.emit('close'),
      (err: unknown) => this.emit('error', err),
    );
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    this.readAt(buffer, offset, length, position).then(
      (bytesRead) => callback(null, bytesRead),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /**
   * While `on`, the central directory is being listed: its records run from
   * the first small read to the end record, so the window reads ahead to the
   * end of the bytes (the whole directory in one read). Off, the window is
   * dropped and shrinks back to WINDOW.
   */
  setListing(on: boolean): void {
    this.listing = on;
    this.window = null;
  }

  /**
   * yauzl walks the central directory with two small reads per entry (the
   * fixed record, then its name and extra fields): tens of thousands for an
   * Inspect log of many samples. Small reads are served from one window read
   * ahead, so they cost a copy rather than a read each.
   */
  private async readAt(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    if (length > SMALL_READ) return this.bytes.read(buffer, offset, length, position);
    let w = this.window;
    if (w === null || position < w.start || position + length > w.start + w.bytes.length) {
      const ahead = this.listing ? Math.min(LISTING_WINDOW, Math.max(0, this.bytes.size - position)) : WINDOW;
      const bytes = Buffer.allocUnsafe(Math.max(ahead, length));
      const filled = await this.bytes.read(bytes, 0, bytes.length, position);
      w = { start: position, bytes: bytes.subarray(0, filled) };
      this.window = w;
    }
    const from = position - w.start;
    const n = Math.max(0, Math.min(length, w.bytes.length - from));
    w.bytes.copy(buffer, offset, from, from + n);
    return n;
  }

  override createReadStream(options: { start: number; end: number }): Readable {
    return new RangeStream(this, options.start, options.end);
  }
}

/** Bytes per read of an entry: Readable's default (16 KiB on Node 20) made a 56 MB entry 3,500 round trips to the thread pool. */
const RANGE_CHUNK = 1024 * 1024;

/** `[start, end)` of the bytes, read in order; like yauzl's FdSlicer stream, it stops early at the end of the bytes. */
class RangeStream extends Readable {
  private reader: BytesReader | null;
  private at: number;

  constructor(
    reader: BytesReader,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: RANGE_CHUNK });
    reader.ref();
    this.reader = reader;
    this.at = start;
  }

  override _read(n: number): void {
    const reader = this.reader;
    const size = Math.min(this.readableHighWaterMark, n, this.end - this.at);
    if (reader === null || size <= 0) {
      this.push(null);
      this.release();
      return;
    }
    const buffer = Buffer.allocUnsafe(size);
    reader.bytes.read(buffer, 0, size, this.at).then(
      (bytesRead) => {
        if (bytesRead === 0) {
          this.push(null);
          this.release();
          return;
        }
        this.at += bytesRead;
        this.push(buffer.subarray(0, bytesRead));
      },
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.release();
    callback(err);
  }

  private release(): void {
    this.reader?.unref();
    this.reader = null;
  }
}
