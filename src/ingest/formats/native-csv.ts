import { parse } from 'csv-parse';
import { clip } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { LIMITS } from '../../domain/limits.js';
import { mapNativeRow } from './native-row.js';
import type { ByteSource } from '../../domain/byte-source.js';
import { InputError } from '../../domain/errors.js';

/**
 * Native CSV (docs/formats.md, "Native JSONL / CSV"): a header row naming the columns of
 * {@link mapNativeRow}, then one row per observation. Values are strings and
 * empty cells mean absent. Parsed by csv-parse (RFC 4180 quoting, BOM, CRLF
 * auto-detected) as a stream, so memory stays bounded by one record.
 */
export const nativeCsv: FormatReader = makeNativeCsv(LIMITS.maxLineBytes);

/** The reader with a given record bound (tests use a small one: csv-parse needs seconds to reach 16 MiB under jest). */
export function makeNativeCsv(maxRecordBytes: number): FormatReader {
  return {
    id: 'native-csv',
    description: 'tailgate native CSV: header with query_id and label | score,threshold | prob | hits,k',

    detect(head: Buffer, _name: string): boolean {
      return headerOf(head).includes('query_id');
    },

    async read(file, options, sink): Promise<ReadSummary> {
      // Without `info`: csv-parse would build an info object per record, a third of the
      // parse time on large files. The line of a bad row is found again on the error path.
      const { input, parser } = await open(file, maxRecordBytes, false);
      let rows = 0;
      try {
        for await (const item of parser) {
          rows++;
          try {
            mapNativeRow(recordOf(item), options, sink);
          } catch (err) {
            // mapNativeRow's errors are about the row's values: name the line.
            throw new InputError(`${file.name}:${await lineOfRecord(file, maxRecordBytes, rows)}: ${messageOf(err)}`);
          }
        }
      } catch (err) {
        // Only csv-parse's own errors (code CSV_*) are input problems; anything else is ours and stays as is.
        throw isCsvError(err) ? new InputError(`${file.name}:${err.lines ?? '?'}: ${err.message}`) : err;
      } finally {
        input.destroy();
        parser.destroy();
      }
      return { rows };
    },
  };
}

/** A csv-parse stream over the file; `info` makes it yield `{record, info}` items that carry the line. */
async function open(file: ByteSource, maxRecordBytes: number, info: boolean) {
  const name = file.name;
  let opened;
  try {
    opened = await file.open();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: cannot read the file: ${messageOf(err)}; check that the file exists and the step can read it`);
  }
  // The stream owns the bytes: destroying it closes them.
  const input = opened.stream();
  const parser = parse({
    // A function instead of `columns: true` to trim names and refuse
    // duplicate headers, which csv-parse would otherwise let overwrite.
    columns: (header: unknown[]) => checkHeader(header, name),
    bom: true,
    info,
    skip_empty_lines: true,
    max_record_size: maxRecordBytes,
  });
  // pipe() does not forward errors: a missing file must still end the loop.
  input.on('error', (err) =>
    parser.destroy(new InputError(`${name}: cannot read the file: ${err.message}; check that the file exists and the step can read it`)),
  );
  input.pipe(parser);
  return { input, parser };
}

/**
 * The 1-based file line where data record `n` ends (quoted fields may span
 * lines, so it is not n + 1). Parses the file again with `info`, up to that
 * record: paid only when a row is bad.
 */
async function lineOfRecord(file: ByteSource, maxRecordBytes: number, n: number): Promise<number | string> {
  const { input, parser } = await open(file, maxRecordBytes, true);
  let seen = 0;
  try {
    for await (const item of parser) {
      if (++seen === n) return lineOf(item);
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
  return '?';
}

/** The column names of the first line of `head`, trimmed; [] when it does not parse as CSV. */
function headerOf(head: Buffer): string[] {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.indexOf('\n');
  const first = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
  const names: string[] = [];
  // Minimal RFC 4180 split of one line: enough to find a `query_id` column,
  // quoted or not. A quote opening mid-field (e.g. a JSON line) means "not CSV".
  let i = 0;
  while (i <= first.length) {
    let field = '';
    if (first[i] === '"') {
      i++;
      for (;;) {
        if (i >= first.length) return [];
        if (first[i] === '"') {
          if (first[i + 1] !== '"') break;
          field += '"';
          i += 2;
        } else field += first[i++];
      }
      i++;
      if (i < first.length && first[i] !== ',') return [];
    } else {
      const comma = first.indexOf(',', i);
      field = first.slice(i, comma === -1 ? first.length : comma);
      if (field.includes('"')) return [];
      i = comma === -1 ? first.length : comma;
    }
    names.push(field.trim());
    i++;
  }
  return names;
}

function checkHeader(header: unknown[], name: string): string[] {
  const names = header.map((h) => String(h).trim());
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n) && n !== '') throw new InputError(`${name}:1: duplicate column '${clip(n)}' in the header; rename or drop one`);
    seen.add(n);
  }
  return names;
}

/** Runtime check of csv-parse's records (its stream is untyped). */
function recordOf(item: unknown): Record<string, unknown> {
  if (isRecord(item)) return item;
  throw new Error('csv-parse returned an unexpected item (expected a record); this is a tailgate bug');
}

/** The line of a `{record, info}` item (parsed with `info`). */
function lineOf(item: unknown): number {
  if (isRecord(item) && isRecord(item.info) && typeof item.info.lines === 'number') return item.info.lines;
  throw new Error('csv-parse returned an unexpected item (expected {record, info}); this is a tailgate bug');
}

/** csv-parse's CsvError: an Error with a `CSV_*` code and the line it stopped at as `lines`. */
function isCsvError(err: unknown): err is { message: string; lines?: number } {
  return (
    typeof err === 'object' &&
    err !== null &&
    'message' in err &&
    typeof err.message === 'string' &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('CSV_') &&
    (!('lines' in err) || typeof err.lines === 'number')
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`:
 * Node's own errors (fs) come from another realm under jest's VM modules.
 */
function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}
