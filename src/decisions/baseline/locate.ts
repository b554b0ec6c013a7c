/**
 * Where are the baseline's files? One function per source kind of
 * `BaselineSource`, all through the ports, so the logic is pure apart from
 * what the ports do.
 *
 * "Cannot be found" (no file matches, no successful run, no artifact) is a
 * `missing` result, which the caller turns into a warning, or an error with
 * `baseline-required`. So is a GitHub API failure while looking (a missing
 * `actions: read` permission, an outage): like a failed PR comment, it must
 * not turn a gate into an error unless the baseline is required; its message
 * is kept, trimmed, in the reason. A baseline that is found only in part (one
 * of several globs matches nothing) is an error: comparing with half a
 * baseline would pass off a partial comparison as a whole one.
 */
import { join } from 'node:path';
import type { BaselineSource } from '../../config/settings.js';
import { InputError } from '../../domain/errors.js';
import { redact } from '../../report/redact.js';
import type { PathScope } from '../../domain/byte-source.js';
import type { BaselineOrigin, LocatedBaseline, BaselinePorts, LocateContext } from '../../domain/baseline.js';
import { findBaselineRun, type RunSearchResult } from './workflow-run.js';

export async function locateBaseline(source: BaselineSource, ports: BaselinePorts, ctx: LocateContext): Promise<LocatedBaseline> {
  switch (source.kind) {
    case 'path': {
      const origin = originOf(source.patterns.join(', '));
      return collect(ports, source.patterns, ctx.workspace, '', origin, 'the workspace', ctx.pathScope);
    }
    case 'run': {
      const download = needDownload(ports, 'baseline-run-id');
      const origin = {
        ...originOf(`artifact ${JSON.stringify(source.artifact)} of run ${source.runId}`),
        runId: source.runId,
        runUrl: runUrl(ctx, source.runId),
      };
      let got: { path: string } | null;
      try {
        got = await download({ name: source.artifact, runId: source.runId, destination: join(ctx.downloadDir, String(source.runId)) });
      } catch (err) {
        return {
          kind: 'missing',
          reason: apiFailure(`downloading artifact ${JSON.stringify(source.artifact)} of run ${source.runId}`, err),
          origin,
        };
      }
      if (got === null)
        return {
          kind: 'missing',
          reason: `run ${source.runId} has no artifact named ${JSON.stringify(source.artifact)} (not uploaded, or expired)`,
          origin,
        };
      return collect(
        ports,
        source.patterns,
        got.path,
        `artifact:${source.artifact}/`,
        origin,
        `artifact ${JSON.stringify(source.artifact)}`,
      );
    }
    case 'workflow':
      return locateInWorkflow(source, ports, ctx);
  }
}

async function locateInWorkflow(
  source: Extract<BaselineSource, { kind: 'workflow' }>,
  ports: BaselinePorts,
  ctx: LocateContext,
): Promise<LocatedBaseline> {
  const downloadArtifact = needDownload(ports, 'baseline-workflow');
  const listWorkflowRuns = ports.listWorkflowRuns;
  if (listWorkflowRuns === undefined) throw unavailable('baseline-workflow');
  const branch = source.branch ?? ctx.defaultBranch;
  if (branch === null) {
    throw new InputError(
      'Input `baseline-workflow`: no branch to look on (not a pull request, and the default branch is unknown); set `baseline-branch`.',
    );
  }
  if (ctx.repository === null)
    throw new InputError(
      'Input `baseline-workflow`: the repository is unknown (GITHUB_REPOSITORY is not set), so its runs cannot be listed.',
    );
  const where = `artifact ${JSON.stringify(source.artifact)} of the latest successful ${source.workflow} run on ${branch}`;
  let found: RunSearchResult;
  try {
    found = await findBaselineRun(
      { listWorkflowRuns: (q) => listWorkflowRuns(q), downloadArtifact: (q) => downloadArtifact(q) },
      {
        workflow: source.workflow,
        branch,
        artifact: source.artifact,
        repository: ctx.repository,
        currentRunId: ctx.currentRunId,
        downloadDir: ctx.downloadDir,
      },
    );
  } catch (err) {
    return { kind: 'missing', reason: apiFailure(`looking for the ${where}`, err), origin: originOf(where) };
  }
  if (found.kind === 'missing') return { kind: 'missing', reason: found.reason, origin: originOf(where) };
  const { run } = found;
  const origin: BaselineOrigin = {
    description: `artifact ${JSON.stringify(source.artifact)} of run #${run.runNumber} (${source.workflow} on ${branch})`,
    runId: run.id,
    runUrl: run.htmlUrl ?? runUrl(ctx, run.id),
    sha: run.headSha,
  };
  const located = await collect(
    ports,
    source.patterns,
    found.path,
    `artifact:${source.artifact}/`,
    origin,
    `artifact ${JSON.stringify(source.artifact)}`,
  );
  if (located.kind === 'found' && found.passedOver.length > 0) {
    const newer = found.passedOver.map((r) => `#${r.runNumber}`).join(', ');
    located.warnings.push(
      `baseline: the newer successful ${newer.includes(',') ? 'runs' : 'run'} ${newer} of ${source.workflow} on ${branch} had no artifact ${JSON.stringify(source.artifact)}; compared with run #${run.runNumber} instead.`,
    );
  }
  return located;
}

/** The files matching `patterns` in `dir`: all of them, none (missing), or an error when only some patterns match. */
async function collect(
  ports: BaselinePorts,
  patterns: string[],
  dir: string,
  label: string,
  origin: BaselineOrigin,
  where: string,
  scope: PathScope = 'workspace',
): Promise<LocatedBaseline> {
  const { files, unmatched } = await ports.findFiles(patterns, dir, label, scope);
  const includes = patterns.filter((p) => !p.trim().startsWith('!'));
  if (files.length === 0) {
    return { kind: 'missing', reason: `no file in ${where} matches ${includes.map((p) => `'${p}'`).join(', ')}`, origin };
  }
  if (unmatched.length > 0) {
    throw new InputError(
      `baseline: ${unmatched.map((p) => `'${p}'`).join(', ')} matched no file in ${where} while other patterns did; a partial baseline would compare with only part of the old results. Fix the glob or remove it.`,
    );
  }
  const description =
    label === ''
      ? files
          .map((f) => f.name)
          .slice(0, 3)
          .join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '')
      : origin.description;
  return { kind: 'found', files, origin: { ...origin, description }, warnings: [] };
}

function needDownload(ports: BaselinePorts, input: string): NonNullable<BaselinePorts['downloadArtifact']> {
  const download = ports.downloadArtifact;
  if (download === undefined) throw unavailable(input);
  return download;
}

function unavailable(input: string): InputError {
  return new InputError(
    `Input \`${input}\`: downloading a baseline artifact needs the GitHub API, which is not available here (the CLI reads baselines from paths); give \`baseline\` a path instead.`,
  );
}

/** Longest API error text kept: an HTML 502 page arrives as the message verbatim. */
const MAX_API_MESSAGE = 200;

function apiFailure(what: string, err: unknown): string {
  // Redact before cutting (report/redact.ts): a cut could leave the start of a token.
  const raw = redact(err instanceof Error ? err.message : String(err));
  const flat = raw.replace(/\s+/g, ' ').trim();
  const message = flat.length > MAX_API_MESSAGE ? `${flat.slice(0, MAX_API_MESSAGE - 1)}…` : flat;
  return `${what} failed: ${message} (check that the job has \`permissions: actions: read\`)`;
}

function originOf(description: string): BaselineOrigin {
  return { description, runId: null, runUrl: null, sha: null };
}

function runUrl(ctx: LocateContext, runId: number): string | null {
  return ctx.serverUrl !== null && ctx.repository !== null ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${runId}` : null;
}
