import { clip, clipList } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { checkShape, forEachJsonLine, isRecord, jsonPath, kindOf, messageOf, openSource, readJsonFile } from '../json-file.js';
import { requestArgs, requestKind, SampleRowSchema, taskFromFileName, type SampleRow } from './lmeval-schema.js';
import { choiceProbability } from './lmeval-choices.js';
import { MetricMapper } from './lmeval-metric.js';
import type { ObservationSink } from '../../domain/observation.js';
import type { ByteSource } from '../../domain/byte-source.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * lm-evaluation-harness `samples_<task>_<date>.jsonl` (see lmeval-schema.ts
 * for the shape and its history). One row per doc: query `${task}/${doc_id}`,
 * behaviour `options.behavior ?? task`.
 *
 * - `scorer` set: every row is read by that per-sample metric
 *   (lmeval-metric.ts): one sample per doc, the hit a 0 unless
 *   `hit-values: 1`.
 * - Multiple choice (loglikelihood requests) without `scorer`: a given
 *   probability from the choices' log-likelihoods (lmeval-choices.ts). It
 *   says more than the 0/1 `acc` of the same row, so it stays the default.
 * - Sampled (generate_until) without `scorer`: with `matcher`, hits = the raw
 *   generations in `resps[0]` it matches (not `filtered_resps`, which a
 *   filter may collapse); without, the rows' only per-sample metric, which is
 *   how gsm8k-style tasks score a doc (the gold answer differs per doc, so no
 *   one regex can).
 * - Filters: lm-eval writes one row per (doc, filter), and the filters
 *   disagree (strict-match versus flexible-extract), so pooling them would
 *   count one generation twice. Rows of `options.filter`, else of the first
 *   filter seen, are read; others are excluded as `other-filter` and named in
 *   a warning. `group-by: filter` reads every filter, each as its own
 *   behaviour `<behaviour>/<filter>`. Files from before the `filter` key
 *   (Nov 2024) repeat the doc_id instead: the first row is read, the others
 *   are excluded as `duplicate-doc`.
 */

const HEAD = /^\uFEFF?\s*\[?\s*\{\s*"doc_id"\s*:/;

export const lmevalReader: FormatReader = {
  id: 'lm-eval',
  description: 'lm-evaluation-harness samples_<task>_<date>.jsonl (--log_samples)',

  detect(head: Buffer, name: string): boolean {
    const text = head.toString('utf8');
    if (!HEAD.test(text)) return false;
    return /(^|[\\/])samples_[^\\/]*$/.test(name) || text.includes('"filtered_resps"');
  },

  async read(file, options, sink): Promise<ReadSummary> {
    const reader = new LmevalFile(file, options, sink);
    let rows = 0;
    if ((await firstChar(file)) === '[') {
      // 2024-05 layout: one indented JSON array.
      const doc = await readJsonFile(file);
      if (!Array.isArray(doc)) throw new InputError(`${file.name}: expected an array of samples, got ${kindOf(doc)}`);
      doc.forEach((raw, i) => reader.row(raw, file.name, `[${i}]`));
      rows = doc.length;
    } else {
      rows = await forEachJsonLine(file, (value, where) => reader.row(value, where, ''));
    }
    if (rows === 0) throw new InputError(`${file.name}: no usable rows: the file holds no samples`);
    reader.finish();
    return { rows };
  },
};

class LmevalFile {
  private readonly task: string;
  private readonly behavior: string;
  private readonly matcher: RegExp | undefined;
  private readonly metric: MetricMapper;
  private readonly perFilter: boolean;
  private filter: string | undefined;
  private readonly otherFilters = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly filtersRead = new Set<string>();
  private duplicates = 0;
  private unfiltered = 0;
  private ambiguous = 0;
  /** Docs whose k generations a filter reduced to one scored answer. */
  private collapsed = 0;
  private readonly matchedHitValues = new Set<string>();

  constructor(
    private readonly file: ByteSource,
    private readonly options: MappingOptions,
    private readonly sink: ObservationSink,
  ) {
    if (options.matcher !== undefined && options.scorer !== undefined) {
      throw new InputError(
        `${file.name}: matcher and scorer are both set; an lm-eval file is read by one of them: ` +
          'scorer (a per-sample metric such as exact_match) or matcher (a regular expression over the generations)',
      );
    }
    this.task = taskFromFileName(file.name);
    this.behavior = options.behavior ?? this.task;
    this.matcher = options.matcher === undefined ? undefined : compileMatcher(options.matcher);
    this.metric = new MetricMapper(options);
    this.perFilter = options.groupBy === 'filter';
    this.filter = options.filter;
  }

  row(raw: unknown, where: string, base: string): void {
    const row = checkShape(SampleRowSchema, raw, where, base, 'expected an lm-eval --log_samples row');
    const record = isRecord(raw) ? raw : {};
    const docId = String(row.doc_id);
    try {
      if (!this.accept(row, docId)) return;
      const behavior = this.perFilter && row.filter !== undefined ? `${this.behavior}/${row.filter}` : this.behavior;
      const args = requestArgs(row.arguments);
      const queryId = `${this.task}/${docId}`;
      const kind = requestKind(args, row.resps);
      if (kind === 'loglikelihood_rolling') {
        throw new InputError(
          `${where}: doc ${clip(docId)} is a loglikelihood_rolling (perplexity) row: it scores a text, not a ` +
            'behaviour, so there is nothing to forecast; remove perplexity tasks from the results',
        );
      }
      if (this.options.scorer !== undefined) {
        this.metric.resolve(record, where);
        this.byMetric(record, row, behavior, queryId, where, docId);
        return;
      }
      switch (kind) {
        case 'loglikelihood': {
          const at = { where, base, hitValues: this.options.hitValues, matchedHitValues: this.matchedHitValues };
          this.sink.given(behavior, queryId, choiceProbability(row, args, { ...at, ambiguous: () => this.ambiguous++ }));
          return;
        }
        case 'generate_until':
          this.generations(record, row, behavior, queryId, where, base);
          return;
        default:
          throw new InputError(
            `${where}: doc ${clip(docId)}: cannot tell the request type from 'arguments' and 'resps' ` +
              '(expected loglikelihood (context, continuation) pairs or generate_until generations)',
          );
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${where}: ${base === '' ? '' : `${base}: `}${messageOf(err)}`);
    }
  }

  /** One filter per doc_id (or, by filter, one row per filter and doc_id), and each doc_id once. */
  private accept(row: SampleRow, docId: string): boolean {
    const filter = row.filter;
    if (filter === undefined) this.unfiltered++;
    else if (!this.perFilter) {
      this.filter ??= filter;
      if (filter !== this.filter) {
        this.otherFilters.set(filter, (this.otherFilters.get(filter) ?? 0) + 1);
        this.sink.exclude(this.behavior, 'other-filter');
        return false;
      }
    }
    const key = this.perFilter ? `${filter ?? ''}\u0000${docId}` : docId;
    if (this.seen.has(key)) {
      this.duplicates++;
      this.sink.exclude(this.behavior, 'duplicate-doc');
      return false;
    }
    this.seen.add(key);
    if (filter !== undefined) this.filtersRead.add(filter);
    return true;
  }

  private generations(
    record: Record<string, unknown>,
    row: SampleRow,
    behavior: string,
    queryId: string,
    where: string,
    base: string,
  ): void {
    const gens = row.resps[0];
    if (!Array.isArray(gens) || !gens.every((g): g is string => typeof g === 'string')) {
      throw new InputError(`${where}: ${jsonPath(base, ['resps', 0])}: expected a list of generated strings`);
    }
    if (gens.length === 0) {
      // The request returned nothing: an errored sample for the error budget.
      this.sink.errored(behavior, 'no-generations', queryId);
      return;
    }
    const matcher = this.matcher;
    if (matcher !== undefined) {
      this.sink.sampled(behavior, queryId, gens.filter((g) => matcher.test(g)).length, gens.length);
      return;
    }
    if (this.metric.resolve(record, where) === undefined) {
      throw new InputError(
        `${where}: doc ${clip(String(row.doc_id))} comes from a sampled (generate_until) task and carries no per-sample ` +
          'metric; set scorer to the metric to read, or matcher to a regular expression that a generation showing the behaviour matches',
      );
    }
    const read = this.byMetric(record, row, behavior, queryId, where, String(row.doc_id));
    if (read === 1 && gens.length > 1) this.collapsed++;
  }

  /** Reads the row by its metric; returns the samples it gave (0 when excluded). */
  private byMetric(
    record: Record<string, unknown>,
    row: SampleRow,
    behavior: string,
    queryId: string,
    where: string,
    docId: string,
  ): number {
    const outcome = this.metric.read(record, where, docId);
    if ('excluded' in outcome) {
      this.sink.exclude(behavior, outcome.excluded);
      return 0;
    }
    this.sink.sampled(behavior, queryId, outcome.hits, outcome.samples);
    return outcome.samples;
  }

  finish(): void {
    const name = this.file.name;
    this.metric.check(name);
    if (this.options.filter !== undefined && this.seen.size === 0 && this.otherFilters.size > 0) {
      throw new InputError(
        `${name}: filter '${clip(this.options.filter)}' has no rows; filters in this file: ${clipList(this.otherFilters.keys())}`,
      );
    }
    if (this.otherFilters.size > 0) {
      const others = [...this.otherFilters]
        .slice(0, 10)
        .map(([f, n]) => `${clip(f)} (${n} rows)`)
        .join(', ');
      this.sink.warn(
        `${name}: several filters; read '${clip(this.filter ?? '')}'` +
          `${this.options.filter === undefined ? ' (the first seen; set filter to choose, or group-by: filter to read each as its own behaviour)' : ''}, excluded ${others}`,
      );
    }
    if (this.options.filter !== undefined && this.unfiltered > 0) {
      this.sink.warn(`${name}: filter '${clip(this.options.filter)}' ignored for ${this.unfiltered} rows that do not record a filter`);
    }
    if (this.duplicates > 0) {
      this.sink.warn(
        `${name}: ${this.duplicates} rows repeat a doc_id and were excluded (files without a 'filter' key ` +
          'log one row per filter); the first row of each doc_id was read',
      );
    }
    if (this.ambiguous > 0) {
      this.sink.warn(
        `${name}: ${this.ambiguous} docs have a numeric target that is also the text of another choice; ` + 'it was read as a choice index',
      );
    }
    if (this.collapsed > 0) {
      this.sink.warn(
        `${name}: ${this.collapsed} docs have several generations (repeats) but one '${clip(this.metric.metric ?? '')}' value, ` +
          'which scores the answer the filter kept; each such doc counts as one sample. Set matcher to count each generation',
      );
    }
    const unmatched = (this.options.hitValues ?? []).filter((v) => !this.matchedHitValues.has(v));
    if (this.metric.metric === undefined && this.seen.size > 0 && unmatched.length > 0) {
      this.sink.warn(`${name}: hit-values ${clipList(unmatched)} matched no choice (index or text) in any doc`);
    }
  }
}

/**
 * Compiles `matcher` once. `/pattern/flags` selects flags (`i`, `m`, `s`, `u`);
 * `g` and `y` are dropped because they make `test` stateful across calls.
 */
function compileMatcher(source: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(source);
  const pattern = literal?.[1] ?? source;
  const flags = (literal?.[2] ?? '').replace(/[gy]/g, '');
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    throw new InputError(`matcher: '${clip(source)}' is not a valid regular expression (${messageOf(err)})`);
  }
}

/** The first non-whitespace character of the file (after a BOM): `[` for the 2024 array layout. */
async function firstChar(file: ByteSource): Promise<string> {
  const opened = await openSource(file);
  try {
    const buffer = Buffer.alloc(4096);
    const bytesRead = await opened.read(buffer, 0, buffer.length, 0);
    return buffer
      .toString('utf8', 0, bytesRead)
      .replace(/^\uFEFF/, '')
      .trimStart()
      .charAt(0);
  } finally {
    await opened.close();
  }
}
