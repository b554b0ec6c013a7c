import type { FormatReader } from './format.js';
import { garakReader } from './formats/garak.js';
import { harmbenchBehaviorReader, harmbenchReader } from './formats/harmbench.js';
import { inspectReader } from './formats/inspect.js';
import { lmevalReader } from './formats/lmeval.js';
import { promptfooJsonlReader, promptfooJsonReader } from './formats/promptfoo.js';
import { nativeCsv } from './formats/native-csv.js';
import { nativeJsonl } from './formats/native-jsonl.js';
import type { ByteSource } from '../domain/byte-source.js';
import { InputError } from '../domain/errors.js';

/**
 * Every known format, in detection order: `auto` picks the first reader whose
 * `detect` says yes, so put the more specific detectors first. Adding a
 * format is one import and one entry here.
 */
export const FORMATS: FormatReader[] = [
  inspectReader,
  promptfooJsonReader,
  promptfooJsonlReader,
  lmevalReader,
  harmbenchReader,
  // Never auto-detected (its detect says no): the same files as harmbench, grouped by behavior_id.
  harmbenchBehaviorReader,
  garakReader,
  nativeJsonl,
  nativeCsv,
];

/** Bytes of a file's head that `detect` sees. */
export const DETECT_BYTES = 64 * 1024;

/** The format ids a user may name (besides `auto`). */
export function formatIds(readers: FormatReader[] = FORMATS): string[] {
  return readers.map((r) => r.id);
}

/**
 * The reader for `file`: the named one, or for `auto` the first whose
 * `detect` accepts the file's first 64 KiB. Unknown names and undetectable
 * files are InputErrors that list the choices.
 */
export async function chooseReader(file: ByteSource, format: string, readers: FormatReader[] = FORMATS): Promise<FormatReader> {
  if (format !== 'auto') {
    const named = readers.find((r) => r.id === format);
    if (named === undefined) {
      throw new InputError(`format: unknown format '${format}'; allowed: auto, ${formatIds(readers).join(', ')}`);
    }
    return named;
  }
  const head = await readHead(file);
  const found = readers.find((r) => r.detect(head, file.name));
  if (found !== undefined) return found;
  const known = readers.map((r) => `  - ${r.id}: ${r.description}`).join('\n');
  throw new InputError(
    `${file.name}: could not detect the format from the first ${DETECT_BYTES / 1024} KiB. ` +
      `Set the format input to one of these, or check the file:\n${known}`,
  );
}

/** Up to DETECT_BYTES from the start of the file (fewer for a short file). */
async function readHead(file: ByteSource): Promise<Buffer> {
  let opened;
  try {
    opened = await file.open();
    const buf = Buffer.alloc(DETECT_BYTES);
    let filled = 0;
    // read() may return fewer bytes than asked before the end; loop until full or EOF.
    for (;;) {
      const bytesRead = await opened.read(buf, filled, DETECT_BYTES - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === DETECT_BYTES) break;
    }
    return buf.subarray(0, filled);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file.name}: cannot read the file: ${messageOf(err)}; check that the file exists and the step can read it`);
  } finally {
    await opened?.close();
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
