import type { z } from 'zod';
import { clip } from './excerpt.js';
import { InputError } from '../domain/errors.js';
import { parseLenientJson, parseLenientJsonBytes } from './lenient-json.js';
import { LIMITS } from '../domain/limits.js';
import { forEachLine } from './lines.js';
import type { ByteSource, OpenedBytes } from '../domain/byte-source.js';
import { describeIssue, safeCheck } from './schema-issue.js';

/**
 * JSON helpers shared by the whole-file formats (promptfoo results.json,
 * HarmBench results.json, legacy lm-eval sample arrays) and the JSONL ones:
 * a bounded whole-file read, syntax errors with line and column, and runtime
 * checks whose messages carry the JSON path of the bad value.
 */

/**
 * Reads and parses a whole JSON file, reading at most `maxBytes` bytes
 * (LIMITS.maxJsonBytes): a bigger file is an InputError before it is parsed,
 * so a runaway artifact cannot exhaust memory. A UTF-8 BOM is skipped.
 * Syntax errors name the file, line and column (via {@link parseJsonText}).
 */
export async function readJsonFile(file: ByteSource, maxBytes: number = LIMITS.maxJsonBytes): Promise<unknown> {
  return parseLenientJsonBytes(await readBounded(file, maxBytes), file.name);
}

/**
 * Parses one JSON document (a JSONL line, a whole file) or throws an
 * InputError `where: invalid JSON at line L, column C …`. Python writers
 * (lm-eval, garak, HarmBench) emit bare `NaN`/`Infinity` for non-finite
 * floats, so those are accepted as numbers (see lenient-json.ts); each reader
 * decides what a non-finite value means in its own fields.
 */
function parseJsonText(text: string, where: string): unknown {
  return parseLenientJson(text, where);
}

/** Opens a source for reading (its `open()` holds the file rules); a failure is an InputError naming the file. */
export async function openSource(file: ByteSource): Promise<OpenedBytes> {
  try {
    return await file.open();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file.name}: cannot open the file: ${messageOf(err)}; check that the file exists and the step can read it`);
  }
}

async function readBounded(file: ByteSource, maxBytes: number): Promise<Buffer> {
  const opened = await openSource(file);
  try {
    const { size } = opened;
    if (size > maxBytes) throw tooBig(file, maxBytes);
    // One byte more than the size at open, so a file that grew meanwhile is caught rather than cut.
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = await opened.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > maxBytes) throw tooBig(file, maxBytes);
      if (filled === buffer.length) break;
    }
    if (filled > size) {
      throw new InputError(`${file.name}: the file grew while it was being read; read it once the tool has finished writing it`);
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file.name}: cannot read the file: ${messageOf(err)}; check that the file exists and the step can read it`);
  } finally {
    await opened.close();
  }
}

function tooBig(file: ByteSource, maxBytes: number): InputError {
  return new InputError(
    `${file.name}: larger than ${maxBytes} bytes, the limit for a JSON file read whole (LIMITS.maxJsonBytes); ` +
      'split the results or export them as JSONL where the tool supports it',
  );
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "an array", "a string", "null" … for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Appends path segments in JavaScript notation: `results.results[3].gradingResult`.
 * Keys that are not identifiers are quoted: `x["a b"]`.
 */
export function jsonPath(base: string, segments: readonly PropertyKey[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) path += path === '' ? clip(segment) : `.${clip(segment)}`;
    else path += `[${JSON.stringify(clip(String(segment)))}]`;
  }
  return path;
}

/**
 * Checks `value` against a zod schema and returns the typed result, or throws
 * an InputError `where: path: problem; hint` naming the first bad value.
 * `where` is the file (and line for JSONL), `base` the JSON path of `value`
 * in the file, `hint` what the reader expected (so the user can tell a
 * damaged file from a file of another format).
 */
export function checkShape<S extends z.ZodType>(schema: S, value: unknown, where: string, base: string, hint?: string): z.output<S> {
  const result = safeCheck(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const plain = issue === undefined ? { path: [], problem: 'unexpected shape' } : describeIssue(issue, value);
  const path = jsonPath(base, plain.path);
  throw new InputError(`${where}: ${path === '' ? '(top level)' : path}: ${plain.problem}${hint === undefined ? '' : `; ${hint}`}`);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Streams a JSONL file: one parsed value per non-blank line, with `where` =
 * `file:line` for messages. Returns the number of non-blank lines.
 */
export async function forEachJsonLine(file: ByteSource, onValue: (value: unknown, where: string) => void): Promise<number> {
  let rows = 0;
  await forEachLine(file, LIMITS.maxLineBytes, (line, lineNo) => {
    if (line.trim() === '') return;
    rows++;
    const where = `${file.name}:${lineNo}`;
    onValue(parseJsonText(line, where), where);
  });
  return rows;
}
