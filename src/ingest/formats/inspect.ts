import type { z } from 'zod';
import { clip } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { ingestLogprobSamples } from './inspect-logprobs.js';
import { HEADER_FIELDS, LOGPROB_FIELDS, readArray, readJsonLog, readObject, SCORE_FIELDS } from './inspect-fields.js';
import type { Fields } from '../json-scan.js';
import {
  KNOWN_LOG_VERSIONS,
  LogHeader,
  SampleLogprobs,
  SampleScores,
  SampleSummary,
  type EpochRecord,
  type LogInfo,
} from './inspect-schema.js';
import { ingestScoreRecords } from './inspect-scores.js';
import { LIMITS } from '../../domain/limits.js';
import type { ObservationSink } from '../../domain/observation.js';
import type { ByteSource, OpenedBytes } from '../../domain/byte-source.js';
import { release } from '../release.js';
import { openZip, type ZipLimits, type ZipReader } from '../zip.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * Inspect AI logs (docs/formats.md, "Inspect AI"): `.eval` zips and `.json` EvalLogs.
 *
 * `.eval` layout (inspect_ai log/_recorders/eval.py): `header.json` (the
 * EvalLog without samples, written when the eval finishes), `summaries.json`
 * (one EvalSampleSummary per sample and epoch, in completion order, scores
 * included), `reductions.json` (epoch-reduced scores, not used: we want every
 * epoch), `samples/{id}_epoch_{n}.json` (full samples), `_journal/` (start.json
 * and per-flush summaries, kept in finished logs too). Inspect's converter
 * writes chunked samples instead (`samples/{id}_epoch_{n}/sample.json` plus
 * sequence chunks), so scores come from `summaries.json` and sample entries
 * are opened only for logprobs or when no summary exists.
 */
export const inspectReader: FormatReader = {
  id: 'inspect',
  description: 'Inspect AI log: a .eval zip (header.json, summaries.json, samples/) or a .json EvalLog',
  detect: (head, name) => isInspectEval(head, name) || isInspectJson(head),
  read: (file, options, sink) => readInspect(file, options, sink),
};

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
/** EvalLog's fields are written in a fixed order (the model says so): version, status, eval. */
const JSON_LOG_START = /^\uFEFF?\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"[a-z_]+"\s*,\s*"eval"\s*:\s*\{/;

/** A zip whose name ends in `.eval` (Inspect's own test: the extension plus the zip magic). */
export function isInspectEval(head: Buffer, name: string): boolean {
  return /\.eval$/i.test(name) && head.subarray(0, 4).equals(ZIP_MAGIC);
}

/**
 * A JSON EvalLog: starts `{"version": N, "status": "…", "eval": {` and names a
 * `"task"`. Conservative on purpose, so promptfoo or HarmBench JSON is never
 * claimed. `"samples"`/`"results"` are not required: they follow the whole
 * eval spec and plan, which can outgrow the 64 KiB head.
 */
export function isInspectJson(head: Buffer): boolean {
  const text = head.toString('utf8');
  return JSON_LOG_START.test(text) && /"task"\s*:\s*"/.test(text);
}

/** Reads one Inspect log into the sink; `limits` is a parameter so tests can use small bounds. */
export async function readInspect(
  file: ByteSource,
  options: MappingOptions,
  sink: ObservationSink,
  limits: ZipLimits & { maxJsonBytes: number } = LIMITS,
): Promise<ReadSummary> {
  // The content decides, not the name: a zip is read as .eval whatever it is called.
  if ((await readBytes(file, 2, Infinity)).toString('latin1') === 'PK') return readEval(file, options, sink, limits);
  const where = file.name;
  const bytes = await readBytes(file, Infinity, limits.maxJsonBytes);
  if (options.useLogprobs) {
    const { header, samples } = readReleasing(bytes, () => readJsonLog(bytes, where, LOGPROB_FIELDS, SampleLogprobs));
    const log = logInfo(where, header, sink);
    if (samples.length === 0) throw emptyLog(where);
    return { rows: await ingestLogprobSamples(log, samples, options, sink) };
  }
  const { header, samples } = readReleasing(bytes, () => readJsonLog(bytes, where, SCORE_FIELDS, SampleScores));
  const log = logInfo(where, header, sink);
  if (samples.length === 0) throw emptyLog(where);
  const records = dedupe(samples.map(fromSample));
  ingestScoreRecords(log, records, options, sink);
  return { rows: records.length };
}

async function readEval(file: ByteSource, options: MappingOptions, sink: ObservationSink, limits: ZipLimits): Promise<ReadSummary> {
  const zip = await openZip(await openEval(file), file.name, limits);
  try {
    if (!zip.has('header.json')) {
      if (zip.names().some((n) => n.startsWith('_journal/'))) {
        throw new InputError(
          `${file.name}: in-progress Inspect log (no header.json; only _journal/ entries) — wait for the eval to finish`,
        );
      }
      throw new InputError(`${file.name}: not an Inspect .eval log (the zip has no header.json); check the file`);
    }
    const log = logInfo(file.name, await readEntry(zip, file.name, 'header.json', HEADER_FIELDS, LogHeader), sink);
    const sampleEntries = zip.names().filter((n) => SAMPLE_ENTRY.test(n));
    if (options.useLogprobs) {
      if (sampleEntries.length === 0) {
        if (!zip.has('summaries.json')) throw emptyLog(file.name);
        throw new InputError(
          `${file.name}: use-logprobs reads samples/ entries and this log has none; write the log with samples (log_samples)`,
        );
      }
      const samples = (async function* () {
        for (const name of sampleEntries) yield await readEntry(zip, file.name, name, LOGPROB_FIELDS, SampleLogprobs);
      })();
      return { rows: await ingestLogprobSamples(log, samples, options, sink) };
    }
    const records = dedupe(await readRecords(zip, file.name, sampleEntries, limits.maxEntryBytes));
    if (records.length === 0) throw emptyLog(file.name);
    ingestScoreRecords(log, records, options, sink);
    return { rows: records.length };
  } finally {
    zip.close();
  }
}

/** `read()`, then the file's bytes freed at once: only the fields read from them are kept. */
function readReleasing<T>(bytes: Buffer, read: () => T): T {
  try {
    return read();
  } finally {
    release(bytes);
  }
}

/** A monolith sample entry, or the shell entry of a chunked sample (chunked/format.py). */
const SAMPLE_ENTRY = /^samples\/.+_epoch_\d+(?:\.json|\/sample\.json)$/;
const JOURNAL_SUMMARY = /^_journal\/summaries\/(\d+)\.json$/;

/**
 * Scores per epoch: summaries.json, else the journal's summaries (in flush
 * order), else the samples. A summaries.json over the per-entry limit (long
 * outputs, 100k samples) is read from the journal instead when the log has
 * one: the same summaries, flushed in pieces that each fit.
 */
async function readRecords(zip: ZipReader, file: string, sampleEntries: string[], maxEntryBytes: number): Promise<EpochRecord[]> {
  const journal = zip
    .names()
    .map((n) => ({ n, index: JOURNAL_SUMMARY.exec(n)?.[1] }))
    .filter((e) => e.index !== undefined)
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((e) => e.n);
  const tooLarge = (zip.declaredSize('summaries.json') ?? 0) > maxEntryBytes;
  const summaryEntries = zip.has('summaries.json') && !(tooLarge && journal.length > 0) ? ['summaries.json'] : journal;
  if (summaryEntries.length > 0) {
    const records: EpochRecord[] = [];
    for (const name of summaryEntries) {
      const where = `${file} (${name})`;
      await zip.withEntry(name, (bytes) =>
        readArray(bytes, where, SCORE_FIELDS, SampleSummary, (s) =>
          records.push({ id: String(s.id), epoch: s.epoch, scores: s.scores, errored: s.error != null }),
        ),
      );
    }
    return records;
  }
  const records: EpochRecord[] = [];
  for (const name of sampleEntries) records.push(fromSample(await readEntry(zip, file, name, SCORE_FIELDS, SampleScores)));
  return records;
}

/** One zip entry holding an object, read for `fields` only and checked against `schema`; its bytes are dropped on return. */
async function readEntry<S extends z.ZodType>(zip: ZipReader, file: string, name: string, fields: Fields, schema: S): Promise<z.output<S>> {
  return zip.withEntry(name, (bytes) => readObject(bytes, `${file} (${name})`, fields, schema));
}

function fromSample(s: { id: string | number; epoch: number; scores?: EpochRecord['scores']; error?: unknown }): EpochRecord {
  return { id: String(s.id), epoch: s.epoch, scores: s.scores, errored: s.error != null };
}

/** The last record per (id, epoch) wins, as in Inspect's _dedupe_summaries (a requeued sample's re-run comes later). */
function dedupe(records: EpochRecord[]): EpochRecord[] {
  const byKey = new Map<string, EpochRecord>();
  // The epoch is a number, whose spelling holds no ':', so the key cannot be read two ways.
  for (const r of records) byKey.set(`${r.epoch}:${r.id}`, r);
  return [...byKey.values()];
}

/** Header facts for the mappers, and warnings about the run itself. */
function logInfo(where: string, header: LogHeader, sink: ObservationSink): LogInfo {
  if (!KNOWN_LOG_VERSIONS.includes(header.version)) sink.warn(unknownVersion(where, header.version));
  if (header.status !== 'success') {
    sink.warn(`${where}: Inspect log status is '${clip(header.status)}' (header "status"), not 'success'; its samples may be incomplete`);
  }
  if (header.invalidated === true) sink.warn(`${where}: the Inspect log is marked invalidated (header "invalidated": true)`);
  const epochs = header.eval.config?.epochs ?? 1;
  const temperature = header.plan?.config?.temperature ?? header.eval.model_generate_config?.temperature;
  if (epochs > 1 && temperature === 0) {
    sink.warn(`${where}: ${epochs} epochs at temperature 0 are not independent samples; p̂ = h/k will be mostly 0 or 1`);
  }
  return {
    where,
    task: header.eval.task,
    model: header.eval.model,
    declaredScorers: (header.eval.scorers ?? []).map((s) => s.name.slice(s.name.lastIndexOf('/') + 1)),
  };
}

/** Read anyway: the fields tailgate uses have not moved so far, but the user should know it is outside what was checked. */
function unknownVersion(where: string, version: number): string {
  const known = `the versions this reader knows: ${KNOWN_LOG_VERSIONS.join(', ')}`;
  if (version < Math.min(...KNOWN_LOG_VERSIONS)) {
    return (
      `${where}: Inspect log format version ${version} (header "version"), older than ${known}; such logs keep one \`score\` ` +
      'per sample, which tailgate does not read: convert it with a current inspect_ai (`inspect log convert <log> --to eval --output-dir <dir>`)'
    );
  }
  return (
    `${where}: Inspect log format version ${version} (header "version"), not one of ${known}; it was read by the fields ` +
    'tailgate knows, so check the counts in the report, and update tailgate to a release that reads this version'
  );
}

function emptyLog(where: string): InputError {
  return new InputError(`${where}: the Inspect log has no samples (was it run with log_samples off, or with no dataset rows?)`);
}

/**
 * The first `count` bytes, or with `count` = Infinity the whole file, which must
 * then be at most `maxBytes` (checked before reading, so a runaway file is never parsed).
 */
async function readBytes(file: ByteSource, count: number, maxBytes: number): Promise<Buffer> {
  let opened;
  try {
    opened = await file.open();
    const { size } = opened;
    if (count === Infinity && size > maxBytes) {
      throw new InputError(
        `${file.name}: ${size} bytes, over the ${maxBytes}-byte limit for a JSON log read whole (LIMITS.maxJsonBytes); use the .eval format`,
      );
    }
    const buffer = Buffer.alloc(Math.min(count, size));
    let filled = 0;
    while (filled < buffer.length) {
      const bytesRead = await opened.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw cannotRead(file, err);
  } finally {
    await opened?.close();
  }
}

/** The .eval zip's bytes, opened as the source's rules say. */
async function openEval(file: ByteSource): Promise<OpenedBytes> {
  try {
    return await file.open();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw cannotRead(file, err);
  }
}

function cannotRead(file: ByteSource, err: unknown): InputError {
  return new InputError(
    `${file.name}: cannot read the file: ${err instanceof Error ? err.message : String(err)}; check that the file exists and the step can read it`,
  );
}
