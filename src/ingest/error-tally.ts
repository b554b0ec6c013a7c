import type { ErroredSamples } from '../domain/observation.js';

/**
 * The errored samples of one behaviour, counted while streaming: per reason
 * (samples, distinct queries) and per query (samples). Memory grows with the
 * queries that errored, never with the rows.
 */
export class ErrorTally {
  private samples = 0;
  /** Map, not an object literal: a reason such as `__proto__` must stay an ordinary key. */
  private readonly byReason = new Map<string, { samples: number; queries: Set<string> }>();
  /** Errored samples per query; a query here need not have a judged sample. */
  private readonly byQuery = new Map<string, number>();

  add(reason: string, queryId: string | undefined, count: number): void {
    this.samples += count;
    let r = this.byReason.get(reason);
    if (r === undefined) this.byReason.set(reason, (r = { samples: 0, queries: new Set() }));
    r.samples += count;
    if (queryId === undefined) return;
    r.queries.add(queryId);
    this.byQuery.set(queryId, (this.byQuery.get(queryId) ?? 0) + count);
  }

  /** A copy; `judged` is the other side of the share, counted by the accumulator. */
  finish(judged: number): ErroredSamples {
    return {
      samples: this.samples,
      judged,
      // fromEntries defines own keys, so a reason such as `__proto__` stays an ordinary key here too.
      byReason: Object.fromEntries([...this.byReason].map(([reason, r]) => [reason, { samples: r.samples, queries: r.queries.size }])),
      queryIds: [...this.byQuery.keys()],
      counts: Float64Array.from(this.byQuery.values()),
    };
  }
}
