/**
 * What a behaviour's forecast measured, compactly, so a comparison with a
 * baseline (or a history record) can tell like from unlike
 * (docs/report-schema.md, "fingerprint"): which queries, read how, fitted on
 * how many top scores, with how many samples per query.
 */
import { createHash } from 'node:crypto';
import type { BehaviorSample } from '../domain/observation.js';
import type { MappingOptions } from '../domain/mapping.js';
import type { Fingerprint } from '../domain/report.js';

export interface FingerprintSettings {
  /** The formats the run's files were read as (`auto` resolves per file). */
  formats: readonly string[];
  mapping: MappingOptions;
  tailSize: number;
}

export function fingerprint(sample: BehaviorSample, settings: FingerprintSettings): Fingerprint {
  return {
    queryIds: queryIdHash(sample.queryIds),
    queries: sample.queryIds.length,
    formats: [...new Set(settings.formats)].sort(),
    mapping: mappingText(settings.mapping),
    tailSize: settings.tailSize,
    samplesPerQuery: samplesPerQuery(sample.samples),
  };
}

/**
 * SHA-256 of the sorted query ids, one per line, in hex (the first 16
 * characters: enough to tell two sets apart, short enough for a history
 * record). The same ids in any order give the same hash.
 */
export function queryIdHash(ids: readonly string[]): string {
  const hash = createHash('sha256');
  // Code-unit order, the same on every machine (localeCompare is not).
  for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${id}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The mapping options that were set, in a fixed key order: `scorer=refusal; hitValues=C`. Empty: the format's defaults. */
export function mappingText(mapping: MappingOptions): string {
  const keys: (keyof MappingOptions)[] = [
    'behavior',
    'scorer',
    'hitValues',
    'scoreThreshold',
    'scoreKey',
    'matcher',
    'filter',
    'useLogprobs',
  ];
  const parts: string[] = [];
  for (const key of keys) {
    const value = mapping[key];
    if (value === undefined) continue;
    parts.push(`${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  }
  return parts.join('; ');
}

/** k per sampled query: min, median (lower middle for an even count) and max; null when every query is a given probability. */
function samplesPerQuery(samples: Float64Array): Fingerprint['samplesPerQuery'] {
  const k = Float64Array.from(samples.filter((x) => x > 0)).sort();
  if (k.length === 0) return null;
  return { min: k[0], median: k[(k.length - 1) >> 1], max: k[k.length - 1] };
}

/**
 * What differs between two fingerprints of one behaviour, in words; empty
 * when they match. The query-id hash is compared only when both have one.
 */
export function fingerprintChanges(baseline: Fingerprint, current: Fingerprint): string[] {
  const changes: string[] = [];
  if (baseline.queryIds !== current.queryIds) {
    changes.push(`the query ids differ (${baseline.queries} queries in the baseline, ${current.queries} now)`);
  }
  if (baseline.formats.join(',') !== current.formats.join(',')) {
    changes.push(`format ${baseline.formats.join(', ') || '—'} → ${current.formats.join(', ') || '—'}`);
  }
  if (baseline.mapping !== current.mapping) {
    changes.push(`mapping "${baseline.mapping || 'format defaults'}" → "${current.mapping || 'format defaults'}"`);
  }
  if (baseline.tailSize !== current.tailSize) changes.push(`tail size ${baseline.tailSize} → ${current.tailSize}`);
  const k = (s: Fingerprint['samplesPerQuery']): string => (s === null ? 'given probabilities' : `k ${s.min}/${s.median}/${s.max}`);
  if (k(baseline.samplesPerQuery) !== k(current.samplesPerQuery)) {
    changes.push(`samples per query (min/median/max) ${k(baseline.samplesPerQuery)} → ${k(current.samplesPerQuery)}`);
  }
  return changes;
}
