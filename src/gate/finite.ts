import type { Metric } from '../domain/gate.js';

/** NaN > t is false, so a NaN would pass silently: refuse it instead. */
export function finite(behavior: string, metric: Metric, value: number): number {
  if (!Number.isFinite(value)) throw new Error(`internal: behaviour "${behavior}": ${metric} is ${value}, which cannot be gated.`);
  return value;
}
