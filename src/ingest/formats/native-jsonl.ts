import type { FormatReader, ReadSummary } from '../format.js';
import { forEachLine } from '../lines.js';
import { LIMITS } from '../../domain/limits.js';
import { mapNativeRow } from './native-row.js';
import { InputError } from '../../domain/errors.js';

/**
 * Native JSONL (docs/formats.md, "Native JSONL / CSV"): one JSON object per line, columns as in
 * {@link mapNativeRow}. Blank lines are skipped; every other line must be an
 * object. Errors carry `file:line`.
 */
export const nativeJsonl: FormatReader = {
  id: 'native-jsonl',
  description: 'tailgate native JSONL: one object per line with query_id and label | score+threshold | prob | hits+k',

  detect(head: Buffer, _name: string): boolean {
    const row = firstJsonObject(head);
    return row !== undefined && Object.hasOwn(row, 'query_id');
  },

  async read(file, options, sink): Promise<ReadSummary> {
    let rows = 0;
    await forEachLine(file, LIMITS.maxLineBytes, (line, lineNo) => {
      // Cheap blank test first: only lines that start with whitespace pay for trim().
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
      rows++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new InputError(`${file.name}:${lineNo}: invalid JSON (${messageOf(err)}); fix or remove the line`);
      }
      if (!isRecord(value)) {
        throw new InputError(`${file.name}:${lineNo}: expected a JSON object per line, got ${kindOf(value)}`);
      }
      try {
        mapNativeRow(value, options, sink);
      } catch (err) {
        throw new InputError(`${file.name}:${lineNo}: ${messageOf(err)}`);
      }
    });
    return { rows };
  },
};

/**
 * The first non-blank line of `head` parsed as a JSON object, or undefined.
 * The head is a prefix of the file (64 KiB): a first line longer than that is
 * cut and will not parse, so detection says no and the user names the format.
 */
function firstJsonObject(head: Buffer): Record<string, unknown> | undefined {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      return isRecord(value) ? value : undefined;
    } catch {
      return undefined; // not JSON: another format's file, detection simply says no
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`:
 * Node's own errors (fs) come from another realm under jest's VM modules.
 */
function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}
