import type { BehaviorForecast } from '../forecast/types.js';
import type { Thresholds } from '../config/settings.js';
import type { Breach, Status, Verdict } from '../gate/types.js';

/** Bumped on any breaking change of the JSON report. Documented in the README. */
export const SCHEMA_VERSION = 1;

export interface ReportBehavior extends BehaviorForecast {
  status: Status;
  thresholds: Thresholds;
  breaches: Breach[];
}

/** The JSON report written to `report-path`. */
export interface Report {
  schemaVersion: number;
  tool: { name: 'tailgate'; version: string };
  generatedAt: string;
  deploymentVolume: number;
  verdict: Verdict;
  settings: {
    tailSize: number;
    confidence: number;
    bootstrap: number;
    seed: number;
    gateOn: 'forecast' | 'upper';
    mode: 'enforce' | 'advisory';
    onInsufficientData: 'pass' | 'warn' | 'fail';
  };
  /** Files read, with the format each was read as. */
  inputs: { file: string; format: string; rows: number }[];
  behaviors: ReportBehavior[];
  breaches: Breach[];
  warnings: string[];
  /** Where the run happened, when known (filled by main.ts from the GitHub context). */
  context: { repository?: string; sha?: string; runUrl?: string } | null;
}
