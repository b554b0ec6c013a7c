/**
 * A behaviour sample as ingest hands it to the forecast (src/domain/observation.ts),
 * for the statistical studies that call forecastBehavior in process: per-query
 * hits and samples (0 samples marks a given probability), no exclusions and no
 * errored samples.
 */
export function behaviorSample(name, hits, samples) {
  const m = hits.length;
  let judged = 0;
  for (let i = 0; i < m; i++) judged += samples[i] === 0 ? 1 : samples[i];
  return {
    name,
    queryIds: Array.from({ length: m }, (_, i) => `q${i}`),
    hits,
    samples,
    rows: m,
    duplicates: 0,
    exclusions: {},
    errors: { samples: 0, judged, byReason: {}, queryIds: [], counts: new Float64Array(0) },
  };
}
