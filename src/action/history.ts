/**
 * The history steps of main.ts (docs/history.md). On a push to the default
 * branch the run's record is appended; on pull-request runs the history is
 * read for the trend and the creep rule. Both are best effort: a history
 * that cannot be read is a note in the report, one that cannot be written a
 * warning, and neither changes the verdict by failing.
 */
import { z } from 'zod';
import type { HistorySettings } from '../config/settings.js';
import type { ReadHistory } from '../decisions/history/step.js';
import { appendRecord, emptyHistory, historyText, parseHistory, recordOf } from '../decisions/history/record.js';
import type { Report } from '../domain/report.js';
import type { GitHubClient } from '../github/client.js';
import { readRunContext } from '../github/context.js';
import { appendHistory, contentsApi, readHistory } from '../github/history-store.js';
import { PULL_REQUEST_EVENTS } from '../github/event-plan.js';
import { readHistoryFile, writeHistoryFile } from '../sources/history-file.js';
import { log } from './log.js';

/** What this run does with the history, from the event alone. */
export type HistoryRole =
  | { kind: 'append'; sha: string; defaultBranch: string; owner: string; repo: string }
  | { kind: 'read'; owner: string; repo: string }
  | { kind: 'none'; reason: string };

const pushPayload = z.object({
  ref: z.string().max(300),
  after: z.string().max(64).optional(),
  repository: z.object({ default_branch: z.string().max(300) }),
});

export interface HistoryEdge {
  octokit: GitHubClient | null;
  workspace: string;
}

export async function historyRole(env: NodeJS.ProcessEnv): Promise<HistoryRole> {
  let ctx;
  try {
    ctx = await readRunContext(env);
  } catch (error) {
    return { kind: 'none', reason: error instanceof Error ? error.message : String(error) };
  }
  if (PULL_REQUEST_EVENTS.includes(ctx.eventName)) return { kind: 'read', owner: ctx.owner, repo: ctx.repo };
  if (ctx.eventName !== 'push') return { kind: 'none', reason: `a ${ctx.eventName} run neither appends to nor reads the history` };
  const push = pushPayload.safeParse(ctx.payload);
  if (!push.success) return { kind: 'none', reason: 'the push payload names no ref or default branch' };
  const { ref, repository } = push.data;
  if (ref !== `refs/heads/${repository.default_branch}`) {
    return { kind: 'none', reason: `only pushes to the default branch (${repository.default_branch}) append to the history` };
  }
  const sha = ctx.sha || push.data.after || '';
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return { kind: 'none', reason: 'the push names no commit sha' };
  return { kind: 'append', sha, defaultBranch: repository.default_branch, owner: ctx.owner, repo: ctx.repo };
}

/** Where messages and the report say the history is. */
export function historySource(history: HistorySettings): string {
  return history.store === 'branch' ? `${history.branch}:${history.path}` : history.path;
}

/** The history for a pull-request run; a failure to read it is a note, never an error. */
export async function readRunHistory(history: HistorySettings, role: HistoryRole, edge: HistoryEdge): Promise<ReadHistory | undefined> {
  if (role.kind !== 'read') return undefined;
  const base = { source: historySource(history), window: history.window };
  try {
    if (history.store === 'file') {
      const text = readHistoryFile(edge.workspace, history.path);
      if (text === null) return { ...base, file: null, note: `no history file ${history.path} in the workspace yet` };
      return { ...base, file: parseHistory(text, history.path), note: null };
    }
    if (edge.octokit === null) return { ...base, file: null, note: 'no `github-token` to read the history branch with' };
    const file = await readHistory(contentsApi(edge.octokit, role.owner, role.repo), history.branch, history.path);
    return { ...base, file, note: file.records.length === 0 ? `no history on ${base.source} yet` : null };
  } catch (error) {
    return { ...base, file: null, note: `the history could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Appends the report's record on a push to the default branch; a failure is a warning. */
export async function appendRunHistory(report: Report, history: HistorySettings, role: HistoryRole, edge: HistoryEdge): Promise<void> {
  if (role.kind !== 'append') {
    log.info(`tailgate: history not appended: ${role.kind === 'none' ? role.reason : 'a pull-request run only reads it'}`);
    return;
  }
  const record = recordOf(report, role.sha);
  const where = historySource(history);
  try {
    if (history.store === 'file') {
      const text = readHistoryFile(edge.workspace, history.path);
      const file = text === null ? emptyHistory() : parseHistory(text, history.path);
      await writeHistoryFile(edge.workspace, history.path, historyText(appendRecord(file, record, history.size)));
      log.info(`tailgate: history ${where}: record of ${role.sha.slice(0, 7)} appended`);
      return;
    }
    if (edge.octokit === null) throw new Error('no `github-token` to write the history branch with');
    const api = contentsApi(edge.octokit, role.owner, role.repo);
    const done = await appendHistory(api, {
      branch: history.branch,
      path: history.path,
      from: role.defaultBranch,
      record,
      keep: history.size,
    });
    log.info(
      `tailgate: history ${where}: record of ${role.sha.slice(0, 7)} appended${done.createdBranch ? ` (branch ${history.branch} created)` : ''}${done.attempts > 1 ? ` after ${done.attempts} tries` : ''}`,
    );
  } catch (error) {
    log.warning(
      `tailgate: history ${where}: the record of ${role.sha.slice(0, 7)} was not kept: ${error instanceof Error ? error.message : String(error)}. The verdict stands; with \`history: branch\` the job needs \`permissions: contents: write\`.`,
    );
  }
}
