/**
 * The whole pure path, shared by the action and the CLI:
 * files → observations → per-behaviour forecasts → gate → report.
 * No @actions imports; I/O is limited to reading the input files.
 */
import { effectiveFor } from './config/effective.js';
import type { Settings } from './config/settings.js';
import { forecastBehavior } from './forecast/forecast-behavior.js';
import type { ForecastOptions } from './forecast/types.js';
import { gate } from './gate/gate.js';
import { ingestFiles } from './ingest/ingest.js';
import type { SourceFile } from './ingest/observation.js';
import { buildReport } from './report/json.js';
import type { Report } from './report/types.js';
import { VERSION } from './version.js';

/** Self-check backtest defaults (DESIGN §1): 50 splits, fit on m/10. */
const BACKTEST_SPLITS = 50;
const BACKTEST_RATIO = 10;

export interface PipelineMeta {
  now: Date;
  context: Report['context'];
}

export async function runPipeline(settings: Settings, files: SourceFile[], meta: PipelineMeta): Promise<Report> {
  const ingest = await ingestFiles(files, { format: settings.format, mapping: settings.mapping });
  const forecasts = ingest.samples.map((sample) => forecastBehavior(sample, forecastOptions(settings, sample.name)));
  const verdict = gate(forecasts, settings);
  return buildReport({
    forecasts,
    gate: verdict,
    settings,
    inputs: ingest.inputs,
    warnings: ingest.warnings,
    version: VERSION,
    now: meta.now,
    context: meta.context,
  });
}

/** Per behaviour because a policy entry may set its own τ (`frequency-tau`). */
export function forecastOptions(settings: Settings, behavior: string): ForecastOptions {
  return {
    deploymentVolume: settings.deploymentVolume,
    tailSize: settings.tailSize,
    confidence: settings.confidence,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
    tau: effectiveFor(settings, behavior).tau,
    backtestSplits: BACKTEST_SPLITS,
    backtestRatio: BACKTEST_RATIO,
  };
}
