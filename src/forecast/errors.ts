import type { BehaviorSample } from '../domain/observation.js';
import type { ErrorSummary } from '../domain/forecast.js';

/**
 * The error budget's numbers for one behaviour (docs/errors.md): errored
 * samples, queries affected and the share
 *
 *   share = errored / (errored + judged),
 *
 * where a judged sample is one of the k outputs of a sampled row or one
 * given-probability row. 0 when nothing was attempted at all. The worst case
 * is filled in later (worst-case.ts), because it is a second forecast.
 *
 * @example errorSummary(sample with 30 errored and 70 judged samples) → { samples: 30, share: 0.3, … }
 */
export function errorSummary(sample: BehaviorSample): ErrorSummary {
  const { samples, judged, byReason, queryIds } = sample.errors;
  const attempted = samples + judged;
  return {
    samples,
    queries: queryIds.length,
    judged,
    share: attempted === 0 ? 0 : samples / attempted,
    byReason: Object.fromEntries(Object.entries(byReason).map(([reason, r]) => [reason, { ...r }])),
    worstCase: null,
  };
}

/**
 * The sample with every errored sample counted as a hit of its query
 * (h += e, k += e); a query with only errored samples joins with h = k = e.
 * Errored samples without a query id cannot be placed and are left out.
 * Undefined when there is nothing to add, or when the behaviour has
 * given probabilities: an errored row has no h and k to add to them.
 */
export function worstCaseSample(sample: BehaviorSample): BehaviorSample | undefined {
  const { queryIds: erroredIds, counts } = sample.errors;
  if (erroredIds.length === 0 || sample.samples.some((k) => k === 0)) return undefined;
  const index = new Map(sample.queryIds.map((id, i) => [id, i]));
  const fresh = erroredIds.filter((id) => !index.has(id));
  const m = sample.queryIds.length + fresh.length;
  const hits = new Float64Array(m);
  const samples = new Float64Array(m);
  hits.set(sample.hits);
  samples.set(sample.samples);
  const queryIds = [...sample.queryIds, ...fresh];
  fresh.forEach((id, j) => index.set(id, sample.queryIds.length + j));
  erroredIds.forEach((id, j) => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`internal: errored query '${id}' has no slot in the worst case`);
    hits[i] += counts[j];
    samples[i] += counts[j];
  });
  return {
    ...sample,
    queryIds,
    hits,
    samples,
    errors: { samples: 0, judged: sample.errors.judged + sample.errors.samples, byReason: {}, queryIds: [], counts: new Float64Array(0) },
  };
}
