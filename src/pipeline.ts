/**
 * The whole pure path, shared by the action and the CLI:
 * files → observations → per-behaviour forecasts → (baseline) → gate → report,
 * plus the red-team comparison when the policy declares sources.
 * No @actions imports; I/O is limited to reading input files (and, through
 * the ports main.ts passes, locating the baseline).
 */
import { compareWithBaseline } from './baseline/compare.js';
import type { BaselinePorts, LocateContext } from './baseline/ports.js';
import { baselineStep } from './baseline/stage.js';
import type { LocatedBaseline } from './baseline/types.js';
import type { Settings } from './config/settings.js';
import { forecastBehavior } from './forecast/forecast-behavior.js';
import { forecastOptions } from './forecast-options.js';
import { gate } from './gate/gate.js';
import { ingestFiles } from './ingest/ingest.js';
import type { SourceFile } from './ingest/observation.js';
import { forecastRedTeam } from './redteam/run.js';
import { buildReport } from './report/json.js';
import type { Report } from './report/types.js';
import { VERSION } from './version.js';

export { forecastOptions } from './forecast-options.js';

export interface PipelineMeta {
  now: Date;
  context: Report['context'];
  /** Directory that baseline paths and red-team sources resolve against. Default: the process's working directory. */
  workspace?: string;
  /** The baseline's files, already located by the caller (e.g. with `locateBaseline` and the GitHub ports). */
  baseline?: LocatedBaseline;
  /**
   * How to locate the baseline here when `baseline` is absent. Default:
   * workspace files only, so a path baseline works and an artifact baseline
   * is an error naming its input.
   */
  locate?: { ports: BaselinePorts; context: LocateContext };
}

export async function runPipeline(settings: Settings, files: SourceFile[], meta: PipelineMeta): Promise<Report> {
  const workspace = meta.workspace ?? process.cwd();
  const ingest = await ingestFiles(files, { format: settings.format, mapping: settings.mapping });
  // Before the forecasts: a required baseline that is missing ends the run without the wait.
  const step = await baselineStep(settings, {
    located: meta.baseline,
    ports: meta.locate?.ports,
    // The default ports only glob the workspace, so the download fields of this context are never used.
    context: meta.locate?.context ?? { workspace, downloadDir: workspace, repository: meta.context?.repository ?? null, defaultBranch: null, currentRunId: null, serverUrl: null },
  });
  const forecasts = ingest.samples.map((sample) => forecastBehavior(sample, forecastOptions(settings, sample.name)));
  const redTeam = settings.policy?.redTeam === undefined ? null : await forecastRedTeam(settings.policy.redTeam, settings, workspace);
  const verdict = gate(forecasts, settings, step.baseline);
  return buildReport({
    forecasts,
    gate: verdict,
    settings,
    inputs: ingest.inputs,
    warnings: [...ingest.warnings, ...step.warnings],
    version: VERSION,
    now: meta.now,
    context: meta.context,
    baseline: step.baseline === null ? step.missing : compareWithBaseline(forecasts, step.baseline, settings),
    redTeam,
  });
}
