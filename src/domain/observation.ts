/**
 * The observation model every format reader maps into (docs/design.md, "domain/").
 *
 * A format reader never builds per-row objects for the pipeline: it calls an
 * {@link ObservationSink} once per scored row, and the sink aggregates per
 * (behaviour, query) while streaming, so memory grows with queries, not rows.
 */

/** Where a format reader reports what it read. Implemented by the accumulator. */
export interface ObservationSink {
  /**
   * `hits` of `samples` sampled outputs of query `queryId` showed `behavior`.
   * Called once per row; rows of the same (behavior, queryId) add up as
   * repeated samples. `sampleId` (epoch, sample index) lets the sink count
   * rows that repeat the same (behavior, queryId, sampleId).
   */
  sampled(behavior: string, queryId: string, hits: number, samples: number, sampleId?: string): void;
  /** A probability the eval already gives (teacher-forced, multiple-choice softmax). */
  given(behavior: string, queryId: string, prob: number): void;
  /** A row that was read but cannot count (NaN score, another filter …). Counted in the report. */
  exclude(behavior: string, reason: string, count?: number): void;
  /**
   * `count` samples (default 1) that the eval attempted but nobody could judge,
   * because the model, the provider or the grader failed: an exclusion under
   * `reason` that the error budget also counts (docs/errors.md). `queryId` is
   * the query the samples belong to, or undefined when the row does not say
   * (the samples are then counted, the query is not).
   */
  errored(behavior: string, reason: string, queryId: string | undefined, count?: number): void;
  /** Something the user should know about the input (shown as a warning and in the report). */
  warn(message: string): void;
}

/** What is known about one behaviour after ingest: per-query arrays, aligned by index. */
export interface BehaviorSample {
  name: string;
  /** Query ids, aligned with the arrays below. */
  queryIds: string[];
  /** Hits per query (for a given probability: the probability itself). */
  hits: Float64Array;
  /** Samples k per query; 0 marks a given probability rather than a sampled estimate. */
  samples: Float64Array;
  /** Input rows that fed this behaviour (after exclusions). */
  rows: number;
  /** Rows that repeated an earlier (behavior, queryId, sampleId) and were merged as extra samples. */
  duplicates: number;
  /** Excluded rows by reason, errored samples included. */
  exclusions: Record<string, number>;
  /** The errored samples among the exclusions. */
  errors: ErroredSamples;
}

/** Samples that errored (see {@link ObservationSink.errored}), by reason and by query. */
export interface ErroredSamples {
  /** Errored samples in all. */
  samples: number;
  /**
   * Samples that were judged, the other side of the error share: each of the
   * k outputs of a sampled row, plus one per given-probability row.
   */
  judged: number;
  /** Per reason: errored samples, and distinct queries with at least one of them. */
  byReason: Record<string, { samples: number; queries: number }>;
  /** Queries with at least one errored sample, aligned with `counts` (how many). */
  queryIds: string[];
  counts: Float64Array;
}
