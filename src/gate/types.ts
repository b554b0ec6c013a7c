import type { Thresholds } from '../config/settings.js';

export type Metric = 'worst-query-risk' | 'aggregate-risk' | 'frequency';
export type Level = 'warn' | 'fail';
export type Status = 'pass' | 'warn' | 'fail' | 'insufficient';
export type Verdict = Status | 'error';

export interface Breach {
  behavior: string;
  metric: Metric;
  level: Level;
  /** The value compared: the forecast, or its upper end with `gate-on: upper`. */
  value: number;
  threshold: number;
  basis: 'forecast' | 'upper';
}

export interface BehaviorGate {
  name: string;
  status: Status;
  /** Effective thresholds after inputs, policy defaults and the behaviour's own policy entry. */
  thresholds: Thresholds;
  /** τ used for this behaviour. */
  tau: number;
  breaches: Breach[];
}

export interface GateResult {
  verdict: Verdict;
  behaviors: BehaviorGate[];
  breaches: Breach[];
}
