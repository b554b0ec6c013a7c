/**
 * run(): register secrets → read and check inputs (output paths too) →
 * build the GitHub clients (the only place that does) → ingest → forecast →
 * gate → job summary → annotations → PR comment (best effort) → report
 * files → outputs → fail last. The only place that turns an outcome or an
 * error into a failed step. Everything it logs goes through
 * action/log.ts (docs/security.md).
 *
 * The report files are written after the other sinks and before the outputs,
 * so that the file on disk, the step outputs and the exit code agree: a sink
 * that fails before them leaves no new report; a failure after them rewrites
 * the report with verdict `error` (markReportFailed).
 */
import { tmpdir } from 'node:os';
import { readSettings } from './config/inputs.js';
import { exitCodeFor } from './gate/exit.js';
import { InputError } from './domain/errors.js';
import { sourceGroups } from './action/sources.js';
import { runPipeline } from './pipeline.js';
import { annotate, markReportFailed, renderReportFiles, setOutputs, writeReportFiles } from './action/sinks.js';
import { lazyArtifactClient } from './github/artifacts/lazy-client.js';
import type { GitHubClient } from './github/client.js';
import type { CommentEdge } from './action/comment.js';
import type { Settings } from './config/settings.js';
import { reportContext } from './github/report-context.js';
import { log } from './action/log.js';
import { appendSummary, getInput, setOutput } from './action/runner.js';
import { registerRunSecret, registerRunSecrets } from './action/secrets.js';
import { checkReportPaths } from './sources/output-files.js';
import { redactDeep } from './report/redact.js';
import type { Report } from './domain/report.js';
import { policyFileReader } from './sources/policy-file.js';
import { workspaceFiles } from './sources/workspace-files.js';

export async function run(): Promise<void> {
  /** Set once the report files are on disk, so a later failure can mark them. */
  let written: { report: Report; paths: { reportPath: string; markdownPath: string } } | null = null;
  /** Set once the settings and the client exist, so an error can still update the sticky comment. */
  let commentEdge: { settings: Settings; edge: CommentEdge } | null = null;
  try {
    const env = process.env;
    // First: nothing may be logged before the runner knows what to mask (the token as soon as it is read).
    registerRunSecrets(env);
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const settings = readSettings(getInput, {
      policyText: policyFileReader(workspace),
      repository: env.GITHUB_REPOSITORY,
      onSecret: registerRunSecret,
    });
    const paths = await checkReportPaths(settings, workspace);
    // The only GitHub clients of the run, each built once from the one token. Octokit and the
    // artifact library are most of the bundle: they are loaded only on the paths that call GitHub
    // (a comment, a baseline, artifacts), so a local-file run starts fast (docs/performance.md).
    const token = settings.githubToken;
    const history = settings.history ?? null;
    const callsGitHub = settings.comment !== 'off' || Boolean(settings.baseline) || history?.store === 'branch';
    const octokit = token === '' || !callsGitHub ? null : await githubClient(token, env, settings.commentTimeoutMs);
    if (settings.comment !== 'off') commentEdge = { settings, edge: { octokit, env } };
    const artifacts = lazyArtifactClient({ token, env });
    const tempDir = env.RUNNER_TEMP || tmpdir();
    const groups = await sourceGroups(settings, workspace, { client: artifacts, tempDir });
    const historyRun = history === null ? null : await githubEdge();
    const role = historyRun === null ? null : await historyRun.historyRole(env);
    // Redacted once, so the files, the summary, the comment and the annotations all get the same safe text.
    const report = redactDeep(
      await runPipeline(settings, groups, {
        now: new Date(),
        context: await reportContext(env),
        files: workspaceFiles(workspace),
        locate: settings.baseline ? await (await githubEdge()).baselineLocator({ octokit, artifacts, env, workspace, tempDir }) : undefined,
        history: historyRun && history && role ? await historyRun.readRunHistory(history, role, { octokit, workspace }) : undefined,
      }),
    );
    const files = renderReportFiles(report, paths);
    if (settings.summary) await appendSummary(files.markdown);
    annotate(report);
    // Best effort: a comment that cannot be posted is a warning and never changes the verdict.
    if (settings.comment === 'off') log.info('tailgate: PR comment skipped: comment: off');
    else await (await githubEdge()).postComment(report, settings, { octokit, env });
    await writeReportFiles(files);
    written = { report, paths };
    // After the report is on disk: a record is only kept for a run that finished.
    if (historyRun && history && role) await historyRun.appendRunHistory(report, history, role, { octokit, workspace });
    setOutputs(report, files);
    log.info(
      `tailgate: ${report.verdict} at n = ${report.deploymentVolume} (${report.behaviors.length} behaviour${report.behaviors.length === 1 ? '' : 's'}); report at ${files.reportPath}`,
    );
    if (exitCodeFor(report.verdict, settings) !== 0) log.setFailed(failureMessage(report));
  } catch (error) {
    // Anything thrown counts, Error or not: an error must never pass as green.
    const message = error instanceof Error ? error.message : String(error);
    try {
      setOutput('verdict', 'error');
    } catch {
      // The outputs file itself may be what failed; the exit code below still says error.
    }
    if (written !== null) await markReportFailed(written.report, written.paths, message);
    // A comment from an earlier run must not stay green while this step fails.
    if (commentEdge !== null) {
      await (await githubEdge()).postErrorComment(message, commentEdge.settings, commentEdge.edge);
    }
    if (!(error instanceof InputError) && error instanceof Error && error.stack) log.debug(error.stack);
    log.setFailed(error instanceof InputError ? message : `tailgate failed: ${message}`);
  }
}

async function githubClient(token: string, env: NodeJS.ProcessEnv, commentTimeoutMs: number): Promise<GitHubClient> {
  const { createClient, requestTimeoutFor } = await githubEdge();
  return createClient(token, {
    baseUrl: env.GITHUB_API_URL,
    requestTimeoutMs: requestTimeoutFor(commentTimeoutMs),
    log: log.info,
    debug: log.debug,
  });
}

/** The action's GitHub code (action/github-edge.ts), loaded on first use: one chunk, so one copy of each module. */
function githubEdge(): Promise<typeof import('./action/github-edge.js')> {
  edge ??= import('./action/github-edge.js');
  return edge;
}
let edge: Promise<typeof import('./action/github-edge.js')> | undefined;

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
