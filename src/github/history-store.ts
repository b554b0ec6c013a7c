/**
 * The history file on a data branch, through the contents API
 * (docs/history.md): read it on pull requests, append a record on pushes.
 *
 * Two pushes can append at once. Every write names the blob sha it replaces
 * (`PUT /repos/{owner}/{repo}/contents/{path}` with `sha`); GitHub answers 409
 * when the file moved on since it was read, and then the file is read again
 * and the record appended to the newer version, so no record is lost. The
 * data branch is created from the default branch's head when it does not
 * exist yet (`POST /repos/{owner}/{repo}/git/refs`). Needs `contents: write`.
 */
import { z } from 'zod';
import type { HistoryFile, HistoryRecord } from '../domain/history.js';
import { appendRecord, emptyHistory, historyText, parseHistory } from '../decisions/history/record.js';
import type { GitHubClient } from './client.js';
import { checkShape } from './check.js';
import { httpStatus } from './errors.js';

/** The calls the history needs, so the retry logic is tested with a fake of a few lines. */
export interface ContentsApi {
  /** The file's text and blob sha on `ref`; null when the file or the branch does not exist (404). */
  read(path: string, ref: string): Promise<{ text: string; sha: string } | null>;
  /** Writes `text`; `sha` of the version replaced (null: a new file). 'conflict' when the file moved on (409, or 422 for a file created meanwhile). */
  write(path: string, branch: string, text: string, sha: string | null, message: string): Promise<'written' | 'conflict'>;
  /** The commit sha a branch points to; null when it does not exist. */
  branchHead(branch: string): Promise<string | null>;
  createBranch(branch: string, sha: string): Promise<void>;
}

export interface AppendOptions {
  branch: string;
  path: string;
  /** Branch the data branch is created from when missing (the default branch). */
  from: string;
  record: HistoryRecord;
  keep: number;
  /** Reads and writes tried before giving up (default 5). */
  attempts?: number;
}

/** Appends the record; returns how many writes it took. Throws after `attempts` conflicts, naming the file. */
export async function appendHistory(api: ContentsApi, opts: AppendOptions): Promise<{ attempts: number; createdBranch: boolean }> {
  const attempts = opts.attempts ?? 5;
  let createdBranch = false;
  if ((await api.branchHead(opts.branch)) === null) {
    const head = await api.branchHead(opts.from);
    if (head === null) throw new Error(`cannot create the history branch ${opts.branch}: branch ${opts.from} has no head to start it from`);
    createdBranch = await createIfAbsent(api, opts.branch, head);
  }
  const label = `${opts.branch}:${opts.path}`;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = await api.read(opts.path, opts.branch);
    const history = current === null ? emptyHistory() : parseHistory(current.text, label);
    const next = appendRecord(history, opts.record, opts.keep);
    const message = `tailgate history: ${opts.record.commit.slice(0, 7)}`;
    const outcome = await api.write(opts.path, opts.branch, historyText(next), current?.sha ?? null, message);
    if (outcome === 'written') return { attempts: attempt, createdBranch };
  }
  throw new Error(
    `history ${label}: the file changed under every one of ${attempts} writes; the record of ${opts.record.commit.slice(0, 7)} was not kept`,
  );
}

/** Two runs may create the branch at once: a 422 "Reference already exists" means the other one did. */
async function createIfAbsent(api: ContentsApi, branch: string, head: string): Promise<boolean> {
  try {
    await api.createBranch(branch, head);
    return true;
  } catch (error) {
    if (httpStatus(error) === 422 && (await api.branchHead(branch)) !== null) return false;
    throw error;
  }
}

/** The history on the data branch; an empty history when the branch or the file does not exist yet. */
export async function readHistory(api: ContentsApi, branch: string, path: string): Promise<HistoryFile> {
  const current = await api.read(path, branch);
  return current === null ? emptyHistory() : parseHistory(current.text, `${branch}:${path}`);
}

const fileContent = z.object({
  type: z.literal('file'),
  sha: z.string(),
  content: z.string(),
  encoding: z.string(),
});
const refObject = z.object({ object: z.object({ sha: z.string() }) });

/** The contents API of `owner/repo` through Octokit. */
export function contentsApi(octokit: GitHubClient, owner: string, repo: string): ContentsApi {
  const notFound = (error: unknown): boolean => httpStatus(error) === 404;
  return {
    async read(path, ref) {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref });
        const data = checkShape(fileContent, response.data, `answer to GET contents/${path}`);
        // Over 1 MB the contents API leaves `content` empty (encoding "none").
        if (data.encoding !== 'base64')
          throw new Error(`history ${ref}:${path} is over the 1 MB the contents API returns; lower \`history-size\``);
        return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async write(path, branch, text, sha, message) {
      try {
        await octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', {
          owner,
          repo,
          path,
          branch,
          message,
          content: Buffer.from(text, 'utf8').toString('base64'),
          ...(sha === null ? {} : { sha }),
        });
        return 'written';
      } catch (error) {
        const status = httpStatus(error);
        if (status === 409 || (status === 422 && sha === null)) return 'conflict';
        throw error;
      }
    },
    async branchHead(branch) {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
        return checkShape(refObject, response.data, `answer to GET git/ref/heads/${branch}`).object.sha;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async createBranch(branch, sha) {
      await octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha });
    },
  };
}
