import { ErrorTally } from './error-tally.js';
import { WideBits } from './wide-bits.js';
import { clip } from './excerpt.js';
import { LIMITS } from '../domain/limits.js';
import type { BehaviorSample, ObservationSink } from '../domain/observation.js';

/** Distinct warning texts kept; more are counted in one closing line (a reader warning per row must not grow memory). */
export const MAX_WARNINGS = 200;
/** Longest warning kept, in characters. */
export const MAX_WARNING_CHARS = 2_000;

/**
 * Per-behaviour state. Query i's numbers live at index i of parallel typed
 * arrays that double when full, so memory is O(queries) whatever the row count.
 */
class BehaviorState {
  readonly index = new Map<string, number>();
  readonly queryIds: string[] = [];
  /** Sum of hits (sampled) or sum of given probabilities. */
  hits = new Float64Array(16);
  /** Sum of k; stays 0 for a query fed by given probabilities. */
  samples = new Float64Array(16);
  /** Number of given rows; 0 for a sampled query. Used to average them. */
  givenRows = new Float64Array(16);
  /** Bit s set: sampleId `${s}` (0..31) already seen for this query. */
  seenMask = new Uint32Array(16);
  /** Integer sample ids 32 and up (canonical spelling): bits per query, in one pool. */
  readonly seenWide = new WideBits();
  /** Any other sample id, created only for queries that use them. */
  readonly seenOther = new Map<number, Set<string>>();
  /** The last query looked up: rows of one query usually arrive together, and a string compare beats a hash lookup. */
  private lastId: string | undefined;
  private lastSlot = -1;
  rows = 0;
  duplicates = 0;
  /** Map, not an object literal: a reason such as `__proto__` must stay an ordinary key. */
  readonly exclusions = new Map<string, number>();
  /** Errored samples, also counted in `exclusions`; a query that only errored gets no slot here. */
  readonly errors = new ErrorTally();
  /** Σk of sampled rows plus one per given row: the samples that were judged. */
  judged = 0;

  constructor(readonly name: string) {}

  /** Index of `queryId`, adding it (and growing the arrays) when new. */
  slot(queryId: string): number {
    if (queryId === this.lastId) return this.lastSlot;
    let i = this.index.get(queryId);
    if (i === undefined) {
      checkQueryId(queryId);
      i = this.queryIds.length;
      if (i === this.hits.length) this.grow();
      this.index.set(queryId, i);
      this.queryIds.push(queryId);
    }
    this.lastId = queryId;
    this.lastSlot = i;
    return i;
  }

  private grow(): void {
    const n = this.hits.length * 2;
    const widen = <A extends Float64Array | Uint32Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.hits = widen(this.hits, (m) => new Float64Array(m));
    this.samples = widen(this.samples, (m) => new Float64Array(m));
    this.givenRows = widen(this.givenRows, (m) => new Float64Array(m));
    this.seenMask = widen(this.seenMask, (m) => new Uint32Array(m));
  }

  /** True when (query i, sampleId) was seen before; records it otherwise. */
  seenBefore(i: number, sampleId: string): boolean {
    const n = integerId(sampleId);
    if (n >= 0 && n < 32) {
      const m = 1 << n;
      const was = (this.seenMask[i] & m) !== 0;
      this.seenMask[i] |= m;
      return was;
    }
    if (n >= 0) return this.seenWide.seenBefore(i, n);
    let set = this.seenOther.get(i);
    if (set === undefined) this.seenOther.set(i, (set = new Set()));
    if (set.has(sampleId)) return true;
    set.add(sampleId);
    return false;
  }
}

/** Integer sample ids up to here use a bitset (at most 128 KiB per query); larger ones a set of strings. */
const MAX_WIDE_ID = 1 << 20;

/**
 * `n` when `id` is the canonical decimal spelling of an integer 0..MAX_WIDE_ID − 1,
 * else −1. Only canonical spellings use the bitsets, so "01" and "1" stay
 * distinct ids exactly as they would in the Set path.
 */
function integerId(id: string): number {
  const len = id.length;
  if (len === 0 || len > 7 || (len > 1 && id.charCodeAt(0) === 48)) return -1;
  let n = 0;
  for (let j = 0; j < len; j++) {
    const d = id.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n < MAX_WIDE_ID ? n : -1;
}

/**
 * The {@link ObservationSink} every reader writes into: aggregates per
 * (behaviour, query) while streaming and hands out {@link BehaviorSample}s.
 *
 * Validation errors are plain Errors without a location: the reader that
 * called the sink knows the file and line and wraps them in an InputError.
 */
export class Accumulator implements ObservationSink {
  private readonly behaviors = new Map<string, BehaviorState>();
  /** The last behaviour looked up (rows of one behaviour usually arrive together). */
  private last: BehaviorState | undefined;
  private readonly warningSet = new Set<string>();
  private droppedWarnings = 0;

  sampled(behavior: string, queryId: string, hits: number, samples: number, sampleId?: string): void {
    if (!Number.isInteger(samples) || samples < 1) {
      throw new Error(`samples k must be an integer ≥ 1, got ${samples}`);
    }
    if (!Number.isInteger(hits) || hits < 0 || hits > samples) {
      throw new Error(`hits must be an integer between 0 and k = ${samples}, got ${hits}`);
    }
    const b = this.state(behavior);
    const i = b.slot(queryId);
    if (b.givenRows[i] > 0) throw mixed(behavior, queryId);
    // A repeated sample id is still merged as an extra sample (docs/formats.md,
    // "Native JSONL / CSV": repeats are merged and counted), only counted here.
    if (sampleId !== undefined && b.seenBefore(i, sampleId)) b.duplicates++;
    b.hits[i] += hits;
    b.samples[i] += samples;
    b.judged += samples;
    b.rows++;
  }

  /** Several given rows for one query are averaged (sum and count kept), e.g. a probability reported per epoch. */
  given(behavior: string, queryId: string, prob: number): void {
    if (!Number.isFinite(prob) || prob < 0 || prob > 1) {
      throw new Error(`probability must be a finite number in [0, 1], got ${prob}`);
    }
    const b = this.state(behavior);
    const i = b.slot(queryId);
    if (b.samples[i] > 0) throw mixed(behavior, queryId);
    b.hits[i] += prob;
    b.givenRows[i] += 1;
    b.judged++;
    b.rows++;
  }

  exclude(behavior: string, reason: string, count = 1): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`exclusion count must be an integer ≥ 0, got ${count}`);
    const ex = this.state(behavior).exclusions;
    ex.set(reason, (ex.get(reason) ?? 0) + count);
  }

  errored(behavior: string, reason: string, queryId: string | undefined, count = 1): void {
    // Errored queries are kept by id too (for the error budget), so their ids obey the same bound.
    if (queryId !== undefined) checkQueryId(queryId);
    this.exclude(behavior, reason, count);
    this.state(behavior).errors.add(reason, queryId, count);
  }

  warn(message: string): void {
    // Readers clip what they quote; this is the backstop that keeps one warning a readable line.
    const text = clip(message, MAX_WARNING_CHARS);
    if (this.warningSet.has(text)) return;
    if (this.warningSet.size < MAX_WARNINGS) this.warningSet.add(text);
    else this.droppedWarnings++;
  }

  /** Distinct warnings in first-seen order, plus a closing line when some were dropped. */
  warnings(): string[] {
    const out = [...this.warningSet];
    if (this.droppedWarnings > 0) out.push(`… and ${this.droppedWarnings} more distinct warnings not shown`);
    return out;
  }

  /** Total rows merged as duplicates, over all behaviours. */
  get duplicates(): number {
    let n = 0;
    for (const b of this.behaviors.values()) n += b.duplicates;
    return n;
  }

  /**
   * Behaviours sorted by name (code-unit order, locale-independent). For a
   * given-probability query `hits` is the mean probability and `samples` 0.
   * Does not reset the accumulator; arrays are copies trimmed to size.
   */
  finish(): BehaviorSample[] {
    const names = [...this.behaviors.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return names.map((name) => {
      const b = this.state(name);
      const m = b.queryIds.length;
      const hits = b.hits.slice(0, m);
      const samples = b.samples.slice(0, m);
      for (let i = 0; i < m; i++) if (b.givenRows[i] > 0) hits[i] /= b.givenRows[i];
      return {
        name,
        queryIds: b.queryIds.slice(),
        hits,
        samples,
        rows: b.rows,
        duplicates: b.duplicates,
        exclusions: Object.fromEntries(b.exclusions),
        errors: b.errors.finish(b.judged),
      };
    });
  }

  /** The behaviour's state, created on first use within the bounds on names and count (checked as rows arrive, not after). */
  private state(behavior: string): BehaviorState {
    if (this.last !== undefined && this.last.name === behavior) return this.last;
    let b = this.behaviors.get(behavior);
    if (b !== undefined) return (this.last = b);
    if (behavior.length > LIMITS.maxBehaviorNameChars) {
      throw new Error(
        `behaviour name '${clip(behavior)}' is longer than ${LIMITS.maxBehaviorNameChars} characters ` +
          '(the limit, LIMITS.maxBehaviorNameChars); shorten it in the file, or set the behavior input to name the rows',
      );
    }
    if (this.behaviors.size >= LIMITS.maxBehaviors) {
      throw new Error(
        `more than ${LIMITS.maxBehaviors} behaviours (the limit, LIMITS.maxBehaviors; the next was '${clip(behavior)}'): ` +
          'a report cannot show that many; check the behavior column, or set the behavior input to pool the rows under one name',
      );
    }
    this.behaviors.set(behavior, (b = new BehaviorState(behavior)));
    return b;
  }
}

function checkQueryId(queryId: string): void {
  if (queryId.length <= LIMITS.maxQueryIdChars) return;
  throw new Error(
    `query id '${clip(queryId)}' is longer than ${LIMITS.maxQueryIdChars} characters (the limit, LIMITS.maxQueryIdChars); ` +
      'give each query a short id, such as a hash of its prompt',
  );
}

function mixed(behavior: string, queryId: string): Error {
  return new Error(
    `query '${clip(queryId)}' of behaviour '${clip(behavior)}' mixes sampled rows (label/score/hits) with given probabilities (prob); ` +
      'use one kind per query',
  );
}
