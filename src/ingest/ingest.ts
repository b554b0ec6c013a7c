import { Accumulator } from './accumulator.js';
import type { FormatReader, ReadSummary } from './format.js';
import type { BehaviorSample, ObservationSink } from '../domain/observation.js';
import type { ByteSource, SourceGroup } from '../domain/byte-source.js';
import { chooseReader, FORMATS } from './registry.js';
import { InputError } from '../domain/errors.js';
import type { MappingOptions } from '../domain/mapping.js';

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
  /** One entry per file, in the order read; `group` is the label of the group it came from (absent for {@link ingestFiles}). */
  inputs: { file: string; format: string; rows: number; group?: string }[];
  /** De-duplicated reader warnings. */
  warnings: string[];
}

/**
 * Reads every file into one shared accumulator, so the same query spread over
 * several files (shards, reruns) adds up. A file that yields no usable
 * observation is an InputError: it is almost always a wrong format, mapping
 * or glob, and gating on the remaining files would hide that.
 * The one-group case of {@link ingestGroups}; messages name no group.
 */
export async function ingestFiles(files: ByteSource[], opts: IngestOptions): Promise<IngestResult> {
  if (files.length === 0) throw new InputError('results: no input files to read; check the `results` globs');
  return read([{ files, format: opts.format, mapping: opts.mapping }], opts.readers ?? FORMATS);
}

/**
 * Reads several groups, each with its own format and mapping, into ONE
 * accumulator: a behaviour fed by two groups adds up (its queries are the
 * union, and a query in both merges its samples), exactly as for files of one
 * group. Groups are read in order, files in each group's order.
 *
 * A file in two groups is an InputError naming both: reading it twice would
 * count its rows twice, or map them two ways. Files are compared by their
 * source's key, the real path (the globs resolve links), so a file and a link
 * to it are one file.
 */
export async function ingestGroups(groups: SourceGroup[], opts: { readers?: FormatReader[] } = {}): Promise<IngestResult> {
  if (groups.length === 0) throw new InputError('results: no input files to read; check the `results` globs');
  const owner = new Map<string, SourceGroup>();
  for (const group of groups) {
    if (group.files.length === 0) throw new InputError(`${group.label}: no input files to read; check its globs`);
    for (const file of group.files) {
      const key = file.key;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, group);
      else throw matchedTwice(file, first.label, group.label);
    }
  }
  return read(groups, opts.readers ?? FORMATS);
}

async function read(groups: (Omit<SourceGroup, 'label'> & { label?: string })[], readers: FormatReader[]): Promise<IngestResult> {
  const acc = new Accumulator();
  const inputs: IngestResult['inputs'] = [];
  for (const group of groups) {
    for (const file of group.files) {
      const reader = await chooseReader(file, group.format, readers);
      const counted = new CountingSink(acc);
      let summary: ReadSummary;
      try {
        summary = await reader.read(file, group.mapping, counted);
      } catch (err) {
        throw located(err, file, reader);
      }
      if (counted.usable === 0) throw noUsableRows(file, reader, summary.rows, counted, group.label);
      inputs.push({ file: file.name, format: reader.id, rows: summary.rows, ...(group.label === undefined ? {} : { group: group.label }) });
    }
  }
  return { samples: acc.finish(), inputs, warnings: acc.warnings() };
}

function matchedTwice(file: ByteSource, first: string, second: string): InputError {
  const where = first === second ? `twice by ${first}` : `by both ${first} and ${second}`;
  return new InputError(
    `${file.name}: matched ${where}; reading it twice would count its rows twice (or map them two ways). ` +
      'Narrow the globs so each file belongs to one group (a `!pattern` in a `results` list excludes files).',
  );
}

/**
 * A row the accumulator refused (a count out of range, a bound on names or
 * behaviours). Readers add their line to it like to any plain Error; when one
 * does not, {@link located} still names the file.
 */
class RefusedRow extends Error {}

/**
 * Forwards to the shared accumulator and counts what one file contributed.
 * The accumulator's errors become {@link RefusedRow}s, so an input problem
 * can be told from a bug once it leaves the reader.
 */
class CountingSink implements ObservationSink {
  usable = 0;
  erroredSamples = 0;
  readonly excluded = new Map<string, number>();

  constructor(private readonly inner: ObservationSink) {}

  sampled(behavior: string, queryId: string, hits: number, samples: number, sampleId?: string): void {
    try {
      this.inner.sampled(behavior, queryId, hits, samples, sampleId);
    } catch (err) {
      throw refused(err);
    }
    this.usable++;
  }

  given(behavior: string, queryId: string, prob: number): void {
    try {
      this.inner.given(behavior, queryId, prob);
    } catch (err) {
      throw refused(err);
    }
    this.usable++;
  }

  exclude(behavior: string, reason: string, count = 1): void {
    try {
      this.inner.exclude(behavior, reason, count);
    } catch (err) {
      throw refused(err);
    }
    this.excluded.set(reason, (this.excluded.get(reason) ?? 0) + count);
  }

  errored(behavior: string, reason: string, queryId: string | undefined, count = 1): void {
    try {
      this.inner.errored(behavior, reason, queryId, count);
    } catch (err) {
      throw refused(err);
    }
    this.excluded.set(reason, (this.excluded.get(reason) ?? 0) + count);
    this.erroredSamples += count;
  }

  warn(message: string): void {
    this.inner.warn(message);
  }
}

function refused(err: unknown): unknown {
  return err instanceof Error && !(err instanceof InputError) ? new RefusedRow(err.message) : err;
}

/**
 * What a reader threw, with the file named: InputErrors already name it; a
 * refused row the reader did not place becomes an InputError on the file;
 * anything else is a tailgate bug and stays one, but says which file and
 * format it happened on.
 */
function located(err: unknown, file: ByteSource, reader: FormatReader): unknown {
  if (err instanceof InputError) return err;
  if (err instanceof RefusedRow) return new InputError(`${file.name}: ${err.message}`);
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`${file.name} (read as ${reader.id}): ${message}`, { cause: err });
}

function noUsableRows(file: ByteSource, reader: FormatReader, rows: number, counted: CountingSink, group?: string): InputError {
  const excluded = counted.excluded;
  const list = [...excluded].map(([reason, n]) => `${reason}: ${n}`).join(', ');
  // Several groups map files differently: name the one whose format and mapping to check.
  const where = group === undefined ? '' : ` (${group})`;
  const total = [...excluded.values()].reduce((a, b) => a + b, 0);
  if (counted.erroredSamples > 0 && counted.erroredSamples === total) {
    // Nothing was judged: a mapping fix cannot help, only a run whose samples do not fail.
    return new InputError(
      `${file.name}${where}: no usable observations as ${reader.id}: every sample errored (${list}); ` +
        'fix what made them fail (provider errors, rate limits, timeouts: see the errors in the file) and re-run the eval',
    );
  }
  const why = excluded.size > 0 ? `${rows} rows read, excluded ${list}` : `${rows} rows read, none scored`;
  const fix = group === undefined ? 'the format and mapping inputs' : `the format and mapping ${group} reads with`;
  return new InputError(
    `${file.name}${where}: no usable observations as ${reader.id}: ${why}; ` +
      `check ${fix} (behavior, scorer, hit values) or fix the errors in the file`,
  );
}
