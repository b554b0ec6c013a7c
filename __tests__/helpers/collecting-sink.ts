import type { FormatReader } from '../../src/ingest/format.js';
import type { ObservationSink } from '../../src/domain/observation.js';
import type { ByteSource } from '../../src/domain/byte-source.js';
import type { MappingOptions } from '../../src/domain/mapping.js';

/**
 * A sink that records what a format reader reported, keyed `behavior | queryId`
 * (exclusions `behavior:reason`), for the reader tests. Sampled rows add up
 * as the accumulator would; a given probability keeps the last value.
 */
export interface Collected {
  sink: ObservationSink;
  /** (behaviour, query) → summed hits and samples. */
  queries: Map<string, { hits: number; k: number }>;
  given: Map<string, number>;
  /** Every exclusion, errored samples included, keyed `behavior:reason`. */
  excluded: Record<string, number>;
  /** Errored samples only, keyed `behavior:reason`: how many, and the query ids given (undefined for rows without one). */
  errored: Record<string, { samples: number; queries: (string | undefined)[] }>;
  warnings: string[];
  sampledCalls: number;
}

/** `sampledOnly` names the format whose rows are never given probabilities: a `given` call then fails the test. */
export function collect(sampledOnly?: string): Collected {
  const c: Omit<Collected, 'sink'> = { queries: new Map(), given: new Map(), excluded: {}, errored: {}, warnings: [], sampledCalls: 0 };
  const sink: ObservationSink = {
    sampled(behavior, queryId, hits, samples) {
      c.sampledCalls++;
      const key = `${behavior} | ${queryId}`;
      const q = c.queries.get(key) ?? { hits: 0, k: 0 };
      q.hits += hits;
      q.k += samples;
      c.queries.set(key, q);
    },
    given(behavior, queryId, prob) {
      if (sampledOnly !== undefined) throw new Error(`${sampledOnly} rows are sampled, never given`);
      c.given.set(`${behavior} | ${queryId}`, prob);
    },
    exclude(behavior, reason, count = 1) {
      c.excluded[`${behavior}:${reason}`] = (c.excluded[`${behavior}:${reason}`] ?? 0) + count;
    },
    errored(behavior, reason, queryId, count = 1) {
      const key = `${behavior}:${reason}`;
      c.excluded[key] = (c.excluded[key] ?? 0) + count;
      const e = (c.errored[key] ??= { samples: 0, queries: [] });
      e.samples += count;
      e.queries.push(queryId);
    },
    warn(message) {
      c.warnings.push(message);
    },
  };
  return Object.assign(c, { sink });
}

export async function readWith(
  reader: FormatReader,
  file: ByteSource,
  options: MappingOptions = {},
  sampledOnly?: string,
): Promise<Collected> {
  const c = collect(sampledOnly);
  await reader.read(file, options, c.sink);
  return c;
}
