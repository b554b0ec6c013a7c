import { clip, preview } from '../excerpt.js';
import type { MappingOptions } from '../../domain/mapping.js';
import type { ObservationSink } from '../../domain/observation.js';

/**
 * Maps one row of the native format (docs/formats.md, "Native JSONL / CSV") to sink calls. Shared by the
 * JSONL reader (JSON values) and the CSV reader (strings only), so every value
 * is accepted in both spellings: `1` and `"1"`, `true` and `"true"`.
 *
 * Columns: `query_id` (required), `behavior` (default `options.behavior ??
 * 'default'`), exactly one value group — `label` | `score` (+ `threshold`) |
 * `prob` | `hits` (+ `k`) — optional `sample` (sample id, for duplicate
 * counting) and `error` (non-empty: the row is excluded, reason `error`, and
 * counted by the error budget as its `k` samples, or one).
 *
 * Throws plain Errors naming the column; the reader adds `file:line`.
 */
export function mapNativeRow(row: Record<string, unknown>, options: MappingOptions, sink: ObservationSink): void {
  const behavior = idOf(row.behavior, 'behavior') ?? options.behavior ?? 'default';
  if (isError(row.error)) {
    // Excluded before any other check: a failed row often lacks its value columns.
    sink.errored(behavior, 'error', erroredQuery(row.query_id), erroredSamples(row.k));
    return;
  }
  const queryId = idOf(row.query_id, 'query_id');
  if (queryId === undefined) throw new Error("missing 'query_id' (every row needs the id of the query it scores)");

  const label = present(row.label);
  const score = present(row.score);
  const prob = present(row.prob);
  const hits = present(row.hits);
  const groups = (label ? 1 : 0) + (score ? 1 : 0) + (prob ? 1 : 0) + (hits ? 1 : 0);
  if (groups !== 1) throw new Error(groupProblem(row, groups));

  if (prob) {
    sink.given(behavior, queryId, numberOf(row.prob, 'prob'));
    return;
  }
  const sampleId = idOf(row.sample, 'sample');
  if (label) {
    sink.sampled(behavior, queryId, labelOf(row.label) ? 1 : 0, 1, sampleId);
  } else if (score) {
    const s = numberOf(row.score, 'score');
    const threshold = present(row.threshold) ? numberOf(row.threshold, 'threshold') : options.scoreThreshold;
    if (threshold === undefined) {
      throw new Error("'score' needs a 'threshold' column or the score-threshold input (hit = score ≥ threshold)");
    }
    sink.sampled(behavior, queryId, s >= threshold ? 1 : 0, 1, sampleId);
  } else {
    if (!present(row.k)) throw new Error("'hits' needs a 'k' column (the number of samples the hits are out of)");
    sink.sampled(behavior, queryId, numberOf(row.hits, 'hits'), numberOf(row.k, 'k'), sampleId);
  }
}

/** The query of an errored row when it names one plainly; never throws, so a broken row is still counted. */
function erroredQuery(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

/** An errored `hits` + `k` row stands for its k samples; any other errored row for one. */
function erroredSamples(k: unknown): number {
  const n = typeof k === 'string' && /^\d+$/.test(k.trim()) ? Number(k) : k;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

const VALUE_COLUMNS = ['label', 'score', 'threshold', 'prob', 'hits', 'k'] as const;

function groupProblem(row: Record<string, unknown>, groups: number): string {
  const found = VALUE_COLUMNS.filter((c) => present(row[c]));
  const list = found.length > 0 ? found.join(', ') : 'none';
  const expected = 'exactly one of label | score (+threshold) | prob | hits (+k)';
  return groups === 0
    ? `no value column (found: ${list}); give ${expected}`
    : `more than one value column (found: ${list}); give ${expected}`;
}

/** Absent = missing, null or an empty string (an empty CSV cell). */
function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/**
 * `error` excludes the row when it is a non-empty string or any other value
 * that is not null/false. Literal reading of the brief: in CSV any non-empty
 * cell counts, including the text "false".
 */
function isError(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  return v !== undefined && v !== null && v !== false;
}

/** An id column: a non-empty string, or a finite number written in its JS decimal form (`7` → "7"). */
function idOf(v: unknown, column: string): string | undefined {
  if (!present(v)) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new Error(`'${column}' must be a string or a number, got ${describe(v)}`);
}

/** Plain decimal with optional sign, fraction and exponent; rejects hex, "NaN", "Infinity" that Number() would take. */
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberOf(v: unknown, column: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (NUMERIC.test(t)) return Number(t);
  }
  throw new Error(`'${column}' must be a finite number, got ${describe(v)}`);
}

function labelOf(v: unknown): boolean {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  if (typeof v === 'string') {
    // Case-insensitive so pandas' True/False exports read as expected.
    const t = v.trim().toLowerCase();
    if (t === '1' || t === 'true') return true;
    if (t === '0' || t === 'false') return false;
  }
  throw new Error(`'label' must be 0, 1, true or false, got ${describe(v)}`);
}

function describe(v: unknown): string {
  return typeof v === 'string' ? `'${clip(v, 60)}'` : preview(v, 60);
}
