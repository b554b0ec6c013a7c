/**
 * Runs the built action (spawn.ts) with the runner's GITHUB_* variables the
 * caller gives (event, API URL, SHAs: see fake-github.ts `actionsEnv`), for
 * the end-to-end tests of the PR comment and of hostile input. By default the
 * step runs in the repository itself (GITHUB_WORKSPACE = repo root); `files`
 * gives it a temporary workspace instead. The report files go to a temp
 * directory either way, so the checkout is never written to.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Annotation } from './runner-files.js';
import { writeFiles } from './runner-files.js';
import { REPO_ROOT, runActionStep } from './spawn.js';

export interface SpawnOptions {
  /** Step inputs by their action.yml names (`deployment-volume`); become `INPUT_DEPLOYMENT-VOLUME`. */
  inputs: Record<string, string>;
  /** The runner's variables for this run (see fake-github.ts `actionsEnv`). Must not set GITHUB_OUTPUT/STEP_SUMMARY/WORKSPACE. */
  env: Record<string, string>;
  /**
   * Files for a temporary workspace, path relative to it → content. When
   * given, GITHUB_WORKSPACE is that directory; otherwise the repository root.
   */
  files?: Record<string, string>;
  /** Kill the process after this long (ms); the run then rejects with its output so far. */
  timeoutMs?: number;
  /** Called with the workspace after `files` are written, before the run (to add links, FIFOs, folders). */
  setup?: (workspace: string) => void;
}

export interface SpawnedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Step outputs parsed from GITHUB_OUTPUT (heredoc form). */
  outputs: Record<string, string>;
  /** GITHUB_OUTPUT as written, delimiters included. */
  outputsText: string;
  /** GITHUB_STEP_SUMMARY after the run. */
  summary: string;
  /** Every `::command::` line of stdout (warning, notice, error, add-mask, …), unescaped. */
  commands: Annotation[];
  /** Messages of `::warning` lines only. */
  warnings: string[];
  /** Messages of `::notice` lines only. */
  notices: string[];
  /** Wall time of the process, in ms. */
  elapsedMs: number;
}

const created: string[] = [];

/** Removes every temporary directory spawnAction created (call from afterAll). */
export function removeSpawnDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary directory that removeSpawnDirs() cleans up. */
export function tempDir(prefix = 'tailgate-e2e-comment-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function spawnAction(opts: SpawnOptions): Promise<SpawnedRun> {
  const root = tempDir();
  let workspace = REPO_ROOT;
  if (opts.files !== undefined) {
    workspace = join(root, 'workspace');
    mkdirSync(workspace);
    writeFiles(workspace, opts.files);
    opts.setup?.(workspace);
  }
  const inputs = {
    // Absolute paths: resolved against the workspace they stay where they are, outside the checkout.
    'report-path': join(root, 'tailgate-report.json'),
    'markdown-path': join(root, 'tailgate-report.md'),
    ...opts.inputs,
  };
  const run = await runActionStep({ workspace, runnerDir: root, inputs, env: opts.env, timeoutMs: opts.timeoutMs ?? 60_000 });
  return {
    code: run.code,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: run.outputs,
    outputsText: run.outputsText,
    summary: run.summary,
    commands: run.commands,
    warnings: run.commands.filter((c) => c.command === 'warning').map((c) => c.message),
    notices: run.commands.filter((c) => c.command === 'notice').map((c) => c.message),
    elapsedMs: run.elapsedMs,
  };
}
