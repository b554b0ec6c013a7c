/**
 * Runs the built bundle (`node dist/index.js`) as a GitHub runner runs a step,
 * for the end-to-end tests of the PR comment: a fresh process whose
 * environment is exactly what the test passes (the runner's GITHUB_* values
 * and the step's INPUT_* values, plus PATH), so nothing leaks in from the
 * outer process, whose own INPUT_ and GITHUB_ variables would change the run when the
 * tests themselves run inside Actions.
 *
 * Unlike run-action.ts (the non-comment e2e helper, which always runs in a
 * copy of examples/ and sets only INPUT_*), this one takes the runner's
 * GITHUB_* variables (event, API URL, SHAs) from the caller, runs in the
 * repository itself by default (GITHUB_WORKSPACE = repo root) and points the
 * report files into a temp directory so the checkout is never written to.
 * The GITHUB_OUTPUT and workflow-command parsers are shared with run-action.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUNDLE,
  REPO_ROOT,
  inputEnv,
  parseGithubOutput,
  parseWorkflowCommands,
  runnerFiles,
  spawnNode,
  writeFiles,
  type Annotation,
} from './run-action.js';

export { BUNDLE, REPO_ROOT };

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
  for (const reserved of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE']) {
    if (reserved in opts.env) throw new Error(`spawnAction sets ${reserved} itself`);
  }
  const root = tempDir();
  let workspace = REPO_ROOT;
  if (opts.files !== undefined) {
    workspace = join(root, 'workspace');
    mkdirSync(workspace);
    writeFiles(workspace, opts.files);
    opts.setup?.(workspace);
  }
  const { outputFile, summaryFile } = runnerFiles(root);

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...opts.env,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    // Absolute paths: resolved against the workspace they stay where they are, outside the checkout.
    'INPUT_REPORT-PATH': join(root, 'tailgate-report.json'),
    'INPUT_MARKDOWN-PATH': join(root, 'tailgate-report.md'),
  };
  Object.assign(env, inputEnv(opts.inputs));

  const started = Date.now();
  const { code, stdout, stderr } = await spawnNode([BUNDLE], { cwd: workspace, env, timeoutMs: opts.timeoutMs ?? 60_000 });
  const commands = parseWorkflowCommands(stdout);
  const outputsText = readFileSync(outputFile, 'utf8');
  return {
    code,
    stdout,
    stderr,
    outputs: parseGithubOutput(outputsText),
    outputsText,
    summary: readFileSync(summaryFile, 'utf8'),
    commands,
    warnings: commands.filter((c) => c.command === 'warning').map((c) => c.message),
    notices: commands.filter((c) => c.command === 'notice').map((c) => c.message),
    elapsedMs: Date.now() - started,
  };
}
