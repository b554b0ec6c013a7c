/**
 * Random access to open bytes for yauzl, the zip parser: positioned reads and
 * range streams over an OpenedBytes, as yauzl's own FdSlicer gives over a
 * file descriptor, so a zip is read the same from a file or from memory.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { OpenedBytes } from '../domain/byte-source.js';

/**
 * yauzl's view of open bytes, as its own FdSlicer gives it of a descriptor:
 * positioned reads, range streams that hold a reference, and the bytes closed
 * when the last reference goes (ZipFile.close() drops the zip's own).
 */
export class BytesReader extends yauzl.RandomAccessReader {
  private refs = 0;

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
    this.bytes.read(buffer, offset, length, position).then(
      (bytesRead) => callback(null, bytesRead),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  override createReadStream(options: { start: number; end: number }): Readable {
    return new RangeStream(this, options.start, options.end);
  }
}

/** `[start, end)` of the bytes, read in order; like yauzl's FdSlicer stream, it stops early at the end of the bytes. */
class RangeStream extends Readable {
  private reader: BytesReader | null;
  private at: number;

  constructor(
    reader: BytesReader,
    start: number,
    private readonly end: number,
  ) {
    super();
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
