/**
 * run(): read inputs → ingest → forecast → gate → JSON report → job summary →
 * annotations → PR comment (best effort) → outputs → fail last (DESIGN §3).
 * The only place that turns an outcome or an error into a failed step.
 */
import * as core from '@actions/core';
import { readSettings } from './config/inputs.js';
import { exitCodeFor } from './gate/exit.js';
import { InputError } from './ingest/format.js';
import { sourceGroups } from './action/sources.js';
import { runPipeline } from './pipeline.js';
import { annotate, setOutputs, writeJobSummary, writeReportFiles } from './action/sinks.js';
import { postComment } from './action/comment.js';
import { baselineLocator } from './action/baseline-ports.js';
import { reportContext } from './github/report-context.js';
import type { Report } from './report/types.js';

export async function run(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const settings = readSettings((name) => core.getInput(name), { cwd: workspace });
    const groups = await sourceGroups(settings, workspace);
    const report = await runPipeline(settings, groups, {
      now: new Date(),
      context: await reportContext(process.env),
      workspace,
      locate: settings.baseline ? await baselineLocator(workspace) : undefined,
    });
    const written = await writeReportFiles(report, settings, workspace);
    if (settings.summary) await writeJobSummary(written.markdown);
    annotate(report);
    // Best effort: a comment that cannot be posted is a warning and never changes the verdict.
    await postComment(report, settings);
    setOutputs(report, written);
    core.info(
      `tailgate: ${report.verdict} at n = ${report.deploymentVolume} (${report.behaviors.length} behaviour${report.behaviors.length === 1 ? '' : 's'}); report at ${written.reportPath}`,
    );
    if (exitCodeFor(report.verdict, settings) !== 0) core.setFailed(failureMessage(report));
  } catch (error) {
    core.setOutput('verdict', 'error');
    // Anything thrown counts, Error or not: an error must never pass as green.
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof InputError) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(error instanceof InputError ? message : `tailgate failed: ${message}`);
  }
}

function failureMessage(report: Report): string {
  if (report.verdict === 'insufficient') {
    return 'tailgate: not enough nonzero queries to forecast (on-insufficient-data: fail)';
  }
  const names = [...new Set(report.breaches.filter((b) => b.level === 'fail').map((b) => b.behavior))];
  const errored = report.behaviors.filter((b) => b.status === 'errors' && b.errors.onBudget === 'fail').map((b) => b.name);
  const parts = [
    ...(names.length > 0 ? [`forecast risk exceeds a fail threshold for ${names.join(', ')} at n = ${report.deploymentVolume}`] : []),
    ...(errored.length > 0
      ? [`too many errored samples for ${errored.join(', ')} (over max-error-share); re-run the errored samples`]
      : []),
  ];
  return `tailgate: ${parts.join('; ')}`;
}
