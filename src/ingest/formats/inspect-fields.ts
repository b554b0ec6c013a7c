import { z } from 'zod';
import { InputError } from '../../domain/errors.js';
import { checkInspect, LogHeader } from './inspect-schema.js';
import { JsonBytes, type Fields } from '../json-scan.js';

/**
 * Inspect JSON read for the fields tailgate uses and nothing else. A sample
 * entry or a summaries.json can be hundreds of MiB, almost all of it
 * messages, events and model output that tailgate never looks at; parsing it
 * whole would hold the bytes, one string of them and the whole object graph
 * at once. Here the bytes are walked (src/ingest/json-scan.ts), the listed
 * fields of each object are parsed on their own, and the schema checks the
 * small object they make. Paths in messages stay those of the file
 * (`samples[3].epoch`).
 */

/** Fields of the log header (header.json, or the top of a .json log). */
export const HEADER_FIELDS: Fields = { version: true, status: true, eval: true, plan: true, invalidated: true };
/** Fields of a sample or summary that scores need: of each score only its value (not the answer, explanation, metadata). */
export const SCORE_FIELDS: Fields = { id: true, epoch: true, error: true, scores: { each: { value: true } } };
/** Fields of a sample that multiple-choice logprobs need. */
export const LOGPROB_FIELDS: Fields = { ...SCORE_FIELDS, choices: true, output: true };

/** A document holding one object, read for `fields` and checked against `schema`. */
export function readObject<S extends z.ZodType>(bytes: Uint8Array, where: string, fields: Fields, schema: S): z.output<S> {
  const doc = new JsonBytes(bytes, where);
  const { value, end } = fieldsAt(doc, doc.root(), fields);
  doc.finish(end);
  return checkInspect(schema, value, where, '');
}

/**
 * A document holding an array of objects (summaries.json): each read for
 * `fields`, checked against `schema` and handed to `onItem` (so only what
 * the caller keeps of it stays alive).
 */
export function readArray<S extends z.ZodType>(
  bytes: Uint8Array,
  where: string,
  fields: Fields,
  schema: S,
  onItem: (item: z.output<S>) => void,
): void {
  const doc = new JsonBytes(bytes, where);
  doc.finish(eachElement(doc, doc.root(), '', fields, (value, path) => onItem(checkInspect(schema, value, where, path))));
}

/**
 * A .json EvalLog: the header fields, checked as a LogHeader, and each of
 * `samples` read for `fields` and checked against `schema` (no samples when
 * the member is absent or null).
 */
export function readJsonLog<S extends z.ZodType>(
  bytes: Uint8Array,
  where: string,
  fields: Fields,
  schema: S,
): { header: LogHeader; samples: z.output<S>[] } {
  const doc = new JsonBytes(bytes, where);
  const start = doc.root();
  if (doc.bytes[start] !== 0x7b) checkInspect(LogHeader, doc.parse(start, doc.skip(start)), where, '');
  const head: Record<string, unknown> = {};
  let samples: [number, number] | undefined;
  doc.finish(
    doc.members(start, (range, s, e) => {
      const name = doc.nameOf(range);
      if (name === 'samples') samples = [s, e];
      else if (Object.hasOwn(HEADER_FIELDS, name))
        Object.defineProperty(head, name, { value: doc.parse(s, e), enumerable: true, writable: true });
    }),
  );
  const header = checkInspect(LogHeader, head, where, '');
  const out: z.output<S>[] = [];
  if (samples !== undefined && doc.bytes[samples[0]] !== 0x6e /* null */) {
    eachElement(doc, samples[0], 'samples', fields, (value, path) => out.push(checkInspect(schema, value, where, path)));
  }
  return { header, samples: out };
}

/** Calls `onValue` with each element of the array at `start` read for `fields`; returns the index past the array. */
function eachElement(doc: JsonBytes, start: number, base: string, fields: Fields, onValue: (value: unknown, path: string) => void): number {
  if (doc.bytes[start] !== 0x5b) {
    // Not an array: parsed whole so the schema words what it is.
    checkInspect(z.array(z.unknown()), doc.parse(start, doc.skip(start)), doc.where, base);
    throw new InputError(`${doc.where}: ${base || '(top level)'}: expected an array`);
  }
  return doc.elements(start, (i, s, e) => onValue(fieldsAt(doc, s, fields, e).value, `${base}[${i}]`));
}

/** The object at `start` read for `fields`; any other value parsed whole, for the schema to reject by kind. */
function fieldsAt(doc: JsonBytes, start: number, fields: Fields, end?: number): { value: unknown; end: number } {
  if (doc.bytes[start] === 0x7b) {
    const picked = doc.pick(start, fields);
    return { value: picked.fields, end: picked.end };
  }
  const stop = end ?? doc.skip(start);
  return { value: doc.parse(start, stop), end: stop };
}
