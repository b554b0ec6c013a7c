/**
 * The whole pure path, shared by the action and the CLI:
 * files → observations → per-behaviour forecasts → (baseline) → gate → report,
 * plus the red-team comparison when the policy declares sources.
 * No @actions imports and no file system: it reads the byte sources it is
 * handed and reaches further files (red-team sources, the baseline) only
 * through the ports main.ts and the CLI pass.
 */
import { compareStep } from './decisions/baseline/compare-step.js';
import { fingerprint } from './decisions/fingerprint.js';
import { historyStep, type ReadHistory } from './decisions/history/step.js';
import { baselineStep } from './decisions/baseline/stage.js';
import type { LocatedBaseline, BaselinePorts, LocateContext } from './domain/baseline.js';
import type { Settings } from './config/settings.js';
import { planFor } from './decisions/sampling-plan.js';
import { forecastBehavior } from './forecast/forecast-behavior.js';
import { withWorstCase } from './forecast/worst-case.js';
import { ruleBook } from './config/rules.js';
import { gate } from './gate/gate.js';
import { ingestFiles, ingestGroups, type IngestResult } from './ingest/ingest.js';
import type { ByteSource, WorkspaceFiles, SourceGroup } from './domain/byte-source.js';
import { forecastRedTeam } from './decisions/red-team/forecast-sources.js';
import { buildReport } from './report/json.js';
import type { Report } from './domain/report.js';
import { VERSION } from './version.js';

export interface PipelineMeta {
  now: Date;
  context: Report['context'];
  /** The workspace's files, for red-team sources and baseline paths (sources/workspace-files.ts builds it). */
  files: WorkspaceFiles;
  /** The baseline's files, already located by the caller (e.g. with `locateBaseline` and the GitHub ports). */
  baseline?: LocatedBaseline;
  /**
   * How to locate the baseline here when `baseline` is absent. Default:
   * `files` only, so a path baseline works and an artifact baseline is an
   * error naming its input.
   */
  locate?: { ports: BaselinePorts; context: LocateContext };
  /** The forecast history read by the caller, for the trend and the creep rule; absent: none (`history` off, or not a pull request). */
  history?: ReadHistory;
}

/**
 * `sources`: the files to read, either
 * - `SourceGroup[]`: the `results` group and the policy's `files` groups,
 *   each with its format and mapping (source-groups.ts builds them), read
 *   into one evaluation; or
 * - `ByteSource[]`: the `results` files alone, read with the inputs' format
 *   and mapping (the form before the `files` section existed). Refused when
 *   the policy has a `files` section, whose groups would silently be skipped.
 */
export async function runPipeline(settings: Settings, sources: ByteSource[] | SourceGroup[], meta: PipelineMeta): Promise<Report> {
  const rules = ruleBook(settings);
  const ingest = await ingestSources(settings, sources);
  // Before the forecasts: a required baseline that is missing ends the run without the wait.
  const step = await baselineStep(settings, rules, {
    located: meta.baseline,
    ports: meta.locate?.ports ?? { findFiles: meta.files.findFiles },
    // The default ports only glob the workspace, so the download fields of this context are never used.
    context: meta.locate?.context ?? {
      workspace: meta.files.root,
      pathScope: meta.files.scope,
      downloadDir: meta.files.root,
      repository: meta.context?.repository ?? null,
      defaultBranch: null,
      currentRunId: null,
      serverUrl: null,
    },
  });
  const forecasts = ingest.samples.map((sample) => {
    const opts = rules.rulesFor(sample.name).forecast;
    return withWorstCase(forecastBehavior(sample, opts), sample, opts);
  });
  const redTeam =
    settings.policy?.redTeam === undefined ? null : await forecastRedTeam(settings.policy.redTeam, settings, rules, meta.files.resolve);
  const formats = ingest.inputs.map((i) => i.format);
  const fingerprints = new Map(
    ingest.samples.map((sample) => {
      const print = fingerprint(sample, { formats, mapping: settings.mapping, tailSize: rules.rulesFor(sample.name).forecast.tailSize });
      return [sample.name, print] as const;
    }),
  );
  const compared =
    step.baseline === null ? null : compareStep(forecasts, ingest.samples, step.baseline, { settings, rules, fingerprints, now: meta.now });
  const comparison = compared?.section ?? step.missing;
  const history = meta.history === undefined ? null : historyStep(meta.history, forecasts, rules);
  const verdict = gate(forecasts, rules, comparison, history?.creep ?? null);
  const plans = new Map(
    verdict.behaviors.map((g, i) => [g.name, planFor(forecasts[i], g, ingest.samples[i], rules.rulesFor(g.name).forecast)] as const),
  );
  return buildReport({
    forecasts,
    gate: verdict,
    settings,
    // The report's `inputs` entries have no group field (report/types.ts): keep to the declared shape.
    inputs: ingest.inputs.map(({ file, format, rows }) => ({ file, format, rows })),
    warnings: [...ingest.warnings, ...step.warnings, ...(compared?.warnings ?? []), ...(redTeam?.warnings ?? [])],
    version: VERSION,
    now: meta.now,
    context: meta.context,
    baseline: comparison,
    redTeam: redTeam?.result ?? null,
    plans,
    fingerprints,
    ...(history === null ? {} : { history: history.section }),
  });
}

async function ingestSources(settings: Settings, sources: ByteSource[] | SourceGroup[]): Promise<IngestResult> {
  if (isGroups(sources)) return ingestGroups(sources);
  if (sources.length > 0 && (settings.policy?.files ?? []).length > 0) {
    throw new Error(
      'internal: the policy has a `files` section; pass runPipeline the groups (source-groups.ts), not the `results` files alone',
    );
  }
  return ingestFiles(sources, { format: settings.format, mapping: settings.mapping });
}

/** Groups carry a `files` list; an empty array reads as files, which ingestFiles refuses with its usual message. */
function isGroups(sources: ByteSource[] | SourceGroup[]): sources is SourceGroup[] {
  const first: ByteSource | SourceGroup | undefined = sources[0];
  return first !== undefined && 'files' in first;
}
