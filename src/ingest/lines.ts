import { InputError } from '../domain/errors.js';
import type { ByteSource } from '../domain/byte-source.js';

/** Options for {@link forEachLine}; the defaults suit real files. */
export interface LineOptions {
  /** Bytes per read (default 1 MiB). Tests set it small to force lines across chunk boundaries. */
  chunkBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * Calls `onLine(line, lineNo)` for every line of a file, streaming it in
 * chunks, and resolves to the number of lines seen. The source's `open()`
 * holds the file rules.
 *
 * Why not `readline` or an async generator: both cost a promise or an event per
 * line, which dominates a 1M-row ingest. Here the only await is per chunk; each
 * chunk is decoded once up to its last `\n` (a `\n` byte never occurs inside a
 * multi-byte UTF-8 sequence, so cutting there is safe) and lines are string
 * slices of it.
 *
 * Lines split on `\n`; a trailing `\r` is stripped (CRLF files) and a UTF-8 BOM
 * at the start of line 1 is dropped. Line numbers start at 1 and count blank
 * lines too, so they match an editor. A last line without `\n` is still
 * delivered; a final `\n` does not create an extra empty line.
 *
 * Bounded: a line longer than `maxLineBytes` (UTF-8 bytes, without the line
 * terminator) throws an InputError before more than about one chunk past the
 * bound is buffered. Errors thrown by `onLine` stop the read and propagate
 * unchanged; read errors (missing file, a directory) become InputErrors.
 */
export async function forEachLine(
  file: ByteSource,
  maxLineBytes: number,
  onLine: (line: string, lineNo: number) => void,
  options: LineOptions = {},
): Promise<number> {
  const name = file.name;
  let opened;
  try {
    opened = await file.open();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: cannot read the file: ${messageOf(err)}; check that the file exists and the step can read it`);
  }
  // The stream owns the bytes from here: destroying it closes them.
  const stream = opened.stream(options.chunkBytes ?? 1024 * 1024);
  const chunks = stream[Symbol.asyncIterator]();
  /** Pieces of the current, unfinished line (bytes after the last `\n` seen). */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;

  const tooLong = (n: number): InputError =>
    new InputError(
      `${name}:${n}: line longer than ${maxLineBytes} bytes; ` + 'split the record or check that the file really is line-delimited',
    );

  /** Delivers one decoded line after the bound check, CR strip and BOM skip. */
  const emit = (raw: string): void => {
    lineNo++;
    let line = raw;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so only lines longer than
    // a third of the bound need an exact byte count.
    if (line.length * 3 > maxLineBytes && Buffer.byteLength(line, 'utf8') > maxLineBytes) {
      throw tooLong(lineNo);
    }
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    onLine(line, lineNo);
  };

  try {
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch (err) {
        throw new InputError(`${name}: cannot read the file: ${messageOf(err)}; check that the file exists and the step can read it`);
      }
      if (next.done) break;
      const chunk = next.value;
      // createReadStream without an encoding yields Buffers; the guard keeps the type honest.
      if (!Buffer.isBuffer(chunk)) throw new Error(`${name}: read stream yielded a non-Buffer chunk`);
      const first = chunk.indexOf(NEWLINE);
      if (first === -1) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes > maxLineBytes + 1) throw tooLong(lineNo + 1);
        continue;
      }
      let start = 0;
      if (pendingBytes > 0) {
        // Finish the line that straddles the chunk boundary.
        pending.push(chunk.subarray(0, first));
        emit(Buffer.concat(pending).toString('utf8'));
        pending = [];
        pendingBytes = 0;
        start = first + 1;
      }
      const last = chunk.lastIndexOf(NEWLINE);
      if (last >= start) {
        const text = chunk.toString('utf8', start, last);
        let from = 0;
        for (;;) {
          const nl = text.indexOf('\n', from);
          if (nl === -1) {
            emit(text.slice(from));
            break;
          }
          emit(text.slice(from, nl));
          from = nl + 1;
        }
      }
      if (last + 1 < chunk.length) {
        pending.push(chunk.subarray(last + 1));
        pendingBytes = chunk.length - last - 1;
        // + 1: the bound excludes a trailing \r that may still be on the line.
        if (pendingBytes > maxLineBytes + 1) throw tooLong(lineNo + 1);
      }
    }
    if (pendingBytes > 0) emit(Buffer.concat(pending).toString('utf8'));
    return lineNo;
  } finally {
    stream.destroy();
  }
}

/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`:
 * Node's own errors (fs) come from another realm under jest's VM modules.
 */
function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}
