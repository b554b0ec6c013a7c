import { Accumulator } from './accumulator.js';
import { InputError, type FormatReader, type MappingOptions } from './format.js';
import type { BehaviorSample, ObservationSink, SourceFile } from './observation.js';
import { chooseReader, FORMATS } from './registry.js';
import { resolveGlobs } from './resolve.js';

export interface IngestOptions {
  /** `auto` or a reader id. */
  format: string;
  mapping: MappingOptions;
  /** Defaults to every known format (registry FORMATS). */
  readers?: FormatReader[];
}

export interface IngestResult {
  /** Per behaviour, sorted by name; includes behaviours that only had exclusions. */
  samples: BehaviorSample[];
  /** One entry per file, in the order read. */
  inputs: { file: string; format: string; rows: number }[];
  /** De-duplicated reader warnings. */
  warnings: string[];
}

/**
 * Reads every file into one shared accumulator, so the same query spread over
 * several files (shards, reruns) adds up. A file that yields no usable
 * observation is an InputError: it is almost always a wrong format, mapping
 * or glob, and gating on the remaining files would hide that.
 */
export async function ingestFiles(files: SourceFile[], opts: IngestOptions): Promise<IngestResult> {
  if (files.length === 0) throw new InputError('results: no input files to read');
  const acc = new Accumulator();
  const inputs: IngestResult['inputs'] = [];
  for (const file of files) {
    const reader = await chooseReader(file, opts.format, opts.readers ?? FORMATS);
    const counted = new CountingSink(acc);
    const summary = await reader.read(file, opts.mapping, counted);
    if (counted.usable === 0) throw noUsableRows(file, reader, summary.rows, counted.excluded);
    inputs.push({ file: file.name, format: reader.id, rows: summary.rows });
  }
  return { samples: acc.finish(), inputs, warnings: acc.warnings() };
}

/** {@link resolveGlobs} then {@link ingestFiles}. */
export async function ingestGlobs(patterns: string[], cwd: string, opts: IngestOptions): Promise<IngestResult> {
  return ingestFiles(await resolveGlobs(patterns, cwd), opts);
}

/** Forwards to the shared accumulator and counts what one file contributed. */
class CountingSink implements ObservationSink {
  usable = 0;
  readonly excluded = new Map<string, number>();

  constructor(private readonly inner: ObservationSink) {}

  sampled(behavior: string, queryId: string, hits: number, samples: number, sampleId?: string): void {
    this.inner.sampled(behavior, queryId, hits, samples, sampleId);
    this.usable++;
  }

  given(behavior: string, queryId: string, prob: number): void {
    this.inner.given(behavior, queryId, prob);
    this.usable++;
  }

  exclude(behavior: string, reason: string, count = 1): void {
    this.inner.exclude(behavior, reason, count);
    this.excluded.set(reason, (this.excluded.get(reason) ?? 0) + count);
  }

  warn(message: string): void {
    this.inner.warn(message);
  }
}

function noUsableRows(file: SourceFile, reader: FormatReader, rows: number, excluded: Map<string, number>): InputError {
  const list = [...excluded].map(([reason, n]) => `${reason}: ${n}`).join(', ');
  const why = excluded.size > 0 ? `${rows} rows read, excluded ${list}` : `${rows} rows read, none scored`;
  return new InputError(
    `${file.name}: no usable observations as ${reader.id}: ${why}; ` +
      'check the format and mapping inputs (behavior, scorer, hit values) or fix the errors in the file',
  );
}
