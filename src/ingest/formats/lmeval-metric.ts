import { clip, clipList, preview } from '../excerpt.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * lm-eval per-sample metrics. lm-eval's evaluator logs each row as
 * `{doc_id, …, filter, metrics: [names], <name>: value, …}`: the values
 * `process_results` returned for that doc under that filter (`exact_match`
 * 0.0 or 1.0 for gsm8k, `acc` and `acc_norm` for multiple choice). Rows from
 * before the `metrics` key (2024) carry the same values without the list.
 *
 * Reading (docs/formats.md, lm-evaluation-harness):
 * - `scorer` names the metric; without it, the rows' only numeric metric.
 * - A value is 1 or 0 (a boolean counts as 1 or 0); with `score-threshold`,
 *   values at or above it count as 1. A fraction without a threshold is
 *   refused: it is neither outcome, and rounding it would invent one.
 * - The hit is a 0 ("the model got it wrong"), as for multiple choice;
 *   `hit-values: 1` makes a 1 the hit (a metric that measures the behaviour).
 * - A list of values is one per generation (a task that scores each of its
 *   repeats): h of k with k the list's length. A single value scores the one
 *   answer the filter kept, so the doc is one sample however many
 *   generations `resps` holds.
 */

/** Keys of a logged row that are not metrics. */
const ROW_KEYS = new Set([
  'doc_id',
  'doc',
  'target',
  'arguments',
  'resps',
  'filtered_resps',
  'filter',
  'metrics',
  'doc_hash',
  'prompt_hash',
  'target_hash',
]);

/** The metric names a row offers: its `metrics` list, else its other numeric fields. */
export function metricNames(raw: Record<string, unknown>): string[] {
  const listed = raw.metrics;
  if (Array.isArray(listed)) return listed.filter((m): m is string => typeof m === 'string' && isMetricValue(raw[m]));
  return Object.keys(raw).filter((k) => !ROW_KEYS.has(k) && isMetricValue(raw[k]));
}

function isMetricValue(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'));
}

/** h of k from one row's metric, or why the row cannot count. */
export type MetricOutcome = { hits: number; samples: number } | { excluded: 'metric-missing' | 'metric-not-a-number' };

export class MetricMapper {
  /** The metric read, once known (named by `scorer`, or found in the first row). */
  metric: string | undefined;
  private readonly hitOne: boolean;
  /** Rows that carried the metric, and the metrics seen on rows that did not. */
  private found = 0;
  private readonly othersSeen = new Set<string>();

  constructor(private readonly options: MappingOptions) {
    this.metric = options.scorer;
    this.hitOne = options.hitValues?.includes('1') ?? false;
  }

  /** Chooses the metric from a row when `scorer` is unset; undefined when the row has none to offer. */
  resolve(raw: Record<string, unknown>, where: string): string | undefined {
    if (this.metric === undefined) {
      const names = metricNames(raw);
      if (names.length === 0) return undefined;
      if (names.length > 1) {
        throw new InputError(
          `${where}: the rows carry several per-sample metrics (${clipList(names)}); set scorer to the one that measures the behaviour`,
        );
      }
      this.metric = names[0];
    }
    const values = this.options.hitValues;
    if (values !== undefined && !values.every((v) => v === '0' || v === '1')) {
      throw new InputError(
        `${where}: hit-values ${preview(values)}: read by the metric '${clip(this.metric)}', a hit is a 1 or a 0; ` +
          'set hit-values to 1 (the metric measures the behaviour) or 0 (the default: the model got it wrong)',
      );
    }
    return this.metric;
  }

  /** Whether the hit is a 1 (else a 0), for messages and the report. */
  get hitIsOne(): boolean {
    return this.hitOne;
  }

  read(raw: Record<string, unknown>, where: string, docId: string): MetricOutcome {
    const metric = this.metric ?? '';
    if (!Object.hasOwn(raw, metric)) {
      if (this.othersSeen.size < 20) for (const m of metricNames(raw)) this.othersSeen.add(m);
      return { excluded: 'metric-missing' };
    }
    this.found++;
    const value = raw[metric];
    if (Array.isArray(value)) {
      let hits = 0;
      for (const [i, v] of value.entries()) {
        const one = this.one(v, `${where}: doc ${clip(docId)}: ${clip(metric)}[${i}]`);
        if (one === undefined) return { excluded: 'metric-not-a-number' };
        if (one === this.hitOne) hits++;
      }
      if (value.length === 0) return { excluded: 'metric-missing' };
      return { hits, samples: value.length };
    }
    const one = this.one(value, `${where}: doc ${clip(docId)}: ${clip(metric)}`);
    if (one === undefined) return { excluded: 'metric-not-a-number' };
    return { hits: one === this.hitOne ? 1 : 0, samples: 1 };
  }

  /** A `scorer` no row carries is a misspelling, not a file with nothing to read. */
  check(file: string): void {
    if (this.options.scorer === undefined || this.found > 0 || this.othersSeen.size === 0) return;
    throw new InputError(
      `${file}: scorer '${clip(this.options.scorer)}' is not a per-sample metric of this file ` +
        `(metrics in it: ${clipList([...this.othersSeen])}); set scorer to one of them`,
    );
  }

  /** A value as "1" (true) or "0" (false); undefined for null and NaN (lm-eval's "not scored"). */
  private one(v: unknown, at: string): boolean | undefined {
    if (typeof v === 'boolean') return v;
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`${at}: expected a number (1 or 0), got ${preview(v)}; set scorer to a per-sample metric`);
    }
    const threshold = this.options.scoreThreshold;
    if (threshold !== undefined) return v >= threshold;
    if (v === 1 || v === 0) return v === 1;
    throw new InputError(
      `${at}: ${v} is neither 1 nor 0, so it is neither a hit nor a miss; set score-threshold (values at or above it ` +
        'count as 1) or choose a 0/1 metric with scorer',
    );
  }
}
