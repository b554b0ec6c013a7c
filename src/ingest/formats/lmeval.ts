import { clip, clipList, preview } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { checkShape, forEachJsonLine, jsonPath, kindOf, messageOf, openSource, readJsonFile } from '../json-file.js';
import {
  ChoiceNames,
  conditionalCount,
  parseLogLikelihood,
  requestArgs,
  requestKind,
  resolveGold,
  resolveHitValues,
  SampleRowSchema,
  taskFromFileName,
  type SampleRow,
} from './lmeval-schema.js';
import type { ObservationSink } from '../../domain/observation.js';
import type { ByteSource } from '../../domain/byte-source.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * lm-evaluation-harness `samples_<task>_<date>.jsonl` (see lmeval-schema.ts
 * for the shape and its history). One row per doc: query `${task}/${doc_id}`,
 * behaviour `options.behavior ?? task`.
 *
 * - Multiple choice (loglikelihood requests): a given probability. p is the
 *   softmax of the per-choice log-likelihoods `filtered_resps[i][0]` (the
 *   model's choice distribution restricted to the options), summed over the
 *   behaviour's choices: by default the non-gold ones, i.e. "the model
 *   answers wrong", the failure an eval gate guards; with `hitValues` the
 *   choices the user names (indices or texts). A single scored continuation
 *   (no alternatives) gives its teacher-forced probability exp(ll) instead.
 * - Sampled (generate_until): `resps` is `[[gen_1, …, gen_k]]`; hits = the
 *   generations `options.matcher` matches. The raw generations are used, not
 *   `filtered_resps`, because filters may collapse the k generations into one
 *   (take_first, majority vote).
 * - One filter per doc_id: lm-eval writes one row per (doc, filter). Rows of
 *   `options.filter`, else of the first filter seen, are read; others are
 *   excluded as `other-filter` and named in a warning. Files from before the
 *   `filter` key (Nov 2024) repeat the doc_id instead: the first row is read,
 *   the others are excluded as `duplicate-doc`.
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
  private filter: string | undefined;
  private readonly otherFilters = new Map<string, number>();
  private readonly seen = new Set<string>();
  private duplicates = 0;
  private unfiltered = 0;
  private ambiguous = 0;
  private readonly matchedHitValues = new Set<string>();

  constructor(
    private readonly file: ByteSource,
    private readonly options: MappingOptions,
    private readonly sink: ObservationSink,
  ) {
    this.task = taskFromFileName(file.name);
    this.behavior = options.behavior ?? this.task;
    this.matcher = options.matcher === undefined ? undefined : compileMatcher(options.matcher);
    this.filter = options.filter;
  }

  row(raw: unknown, where: string, base: string): void {
    const row = checkShape(SampleRowSchema, raw, where, base, 'expected an lm-eval --log_samples row');
    const docId = String(row.doc_id);
    try {
      if (!this.accept(row, docId)) return;
      const args = requestArgs(row.arguments);
      const queryId = `${this.task}/${docId}`;
      switch (requestKind(args, row.resps)) {
        case 'loglikelihood':
          this.sink.given(this.behavior, queryId, this.choiceProbability(row, args, where, base));
          return;
        case 'generate_until':
          this.generations(row, queryId, where, base);
          return;
        case 'loglikelihood_rolling':
          throw new InputError(
            `${where}: doc ${clip(docId)} is a loglikelihood_rolling (perplexity) row: it scores a text, not a ` +
              'behaviour, so there is nothing to forecast; remove perplexity tasks from the results',
          );
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

  /** One filter per doc_id, and each doc_id once. */
  private accept(row: SampleRow, docId: string): boolean {
    const filter = row.filter;
    if (filter === undefined) this.unfiltered++;
    else {
      this.filter ??= filter;
      if (filter !== this.filter) {
        this.otherFilters.set(filter, (this.otherFilters.get(filter) ?? 0) + 1);
        this.sink.exclude(this.behavior, 'other-filter');
        return false;
      }
    }
    if (this.seen.has(docId)) {
      this.duplicates++;
      this.sink.exclude(this.behavior, 'duplicate-doc');
      return false;
    }
    this.seen.add(docId);
    return true;
  }

  private choiceProbability(row: SampleRow, args: unknown[][] | undefined, where: string, base: string): number {
    let lls = row.filtered_resps.map((resp, i) => {
      const value: unknown = Array.isArray(resp) ? resp[0] : resp;
      const ll = parseLogLikelihood(value);
      if (ll === undefined) {
        const path = jsonPath(base, Array.isArray(resp) ? ['filtered_resps', i, 0] : ['filtered_resps', i]);
        throw new InputError(
          `${where}: ${path}: expected a log-likelihood (a number or a numeric string such as "-1.25"), ` + `got ${preview(value)}`,
        );
      }
      return ll;
    });
    if (lls.length === 0) throw new InputError(`${where}: ${jsonPath(base, ['filtered_resps'])}: no choices`);
    if (args !== undefined && args.length !== lls.length) {
      throw new InputError(`${where}: ${args.length} requests in 'arguments' but ${lls.length} in 'filtered_resps'`);
    }
    lls = lls.slice(0, conditionalCount(args, lls.length));
    const names = new ChoiceNames(args, row.doc, lls.length);
    let chosen: Set<number>;
    if (this.options.hitValues !== undefined) {
      chosen = resolveHitValues(this.options.hitValues, names, this.matchedHitValues);
    } else {
      const gold = resolveGold(row.target, names);
      if (gold === undefined) {
        throw new InputError(
          `${where}: cannot resolve target ${preview(row.target)} to one of the ` +
            `${lls.length} choices (neither an index nor a choice text); set hit-values to name the choices instead`,
        );
      }
      if (gold.ambiguous) this.ambiguous++;
      chosen = new Set(lls.map((_, i) => i).filter((i) => !gold.choices.has(i)));
    }
    return choiceMass(lls, chosen);
  }

  private generations(row: SampleRow, queryId: string, where: string, base: string): void {
    if (this.matcher === undefined) {
      throw new InputError(
        `${where}: doc ${clip(String(row.doc_id))} comes from a sampled (generate_until) task; set matcher to a ` +
          'regular expression that a generation showing the behaviour matches',
      );
    }
    const gens = row.resps[0];
    if (!Array.isArray(gens) || !gens.every((g): g is string => typeof g === 'string')) {
      throw new InputError(`${where}: ${jsonPath(base, ['resps', 0])}: expected a list of generated strings`);
    }
    if (gens.length === 0) {
      // The request returned nothing: an errored sample for the error budget.
      this.sink.errored(this.behavior, 'no-generations', queryId);
      return;
    }
    const matcher = this.matcher;
    const hits = gens.filter((g) => matcher.test(g)).length;
    this.sink.sampled(this.behavior, queryId, hits, gens.length);
  }

  finish(): void {
    const name = this.file.name;
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
          `${this.options.filter === undefined ? ' (the first seen; set filter to choose)' : ''}, excluded ${others}`,
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
    const unmatched = (this.options.hitValues ?? []).filter((v) => !this.matchedHitValues.has(v));
    if (this.seen.size > 0 && unmatched.length > 0) {
      this.sink.warn(`${name}: hit-values ${clipList(unmatched)} matched no choice (index or text) in any doc`);
    }
  }
}

/**
 * Probability mass of `chosen` under the softmax of `lls`, by log-sum-exp:
 * subtracting the largest log-likelihood before exp keeps every term in
 * (0, 1], and summing the chosen terms directly (not 1 − the rest) keeps
 * small probabilities exact. A single continuation has no alternatives to
 * normalise against; its teacher-forced probability exp(ll) is used, with
 * −expm1(ll) for its complement (no cancellation near ll = 0).
 */
function choiceMass(lls: number[], chosen: Set<number>): number {
  if (lls.length === 1) {
    const ll = lls[0] ?? -Infinity;
    return clamp01(chosen.has(0) ? Math.exp(ll) : -Math.expm1(ll));
  }
  const max = Math.max(...lls);
  if (max === -Infinity) throw new Error('every choice has log-likelihood -inf');
  let total = 0;
  let mass = 0;
  lls.forEach((ll, i) => {
    const term = Math.exp(ll - max);
    total += term;
    if (chosen.has(i)) mass += term;
  });
  return clamp01(mass / total);
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
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
