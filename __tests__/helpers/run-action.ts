/**
 * Runs the built action (spawn.ts) in a workspace holding a copy of
 * examples/, for the end-to-end tests of the verdicts, the outputs and the
 * files. The workspace is a temporary copy rather than the repository itself
 * so the default `report-path`/`markdown-path` (relative to the workspace)
 * can be used without writing into the checkout.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Annotation } from './runner-files.js';
import { writeFiles } from './runner-files.js';
import { EXAMPLES, runActionStep } from './spawn.js';

export interface ActionRun {
  /** Exit code of the process (null if it was killed). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Step outputs parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** Contents of GITHUB_STEP_SUMMARY after the run. */
  summary: string;
  /** `::error` and `::warning` commands from stdout (annotations and the setFailed message). */
  errors: Annotation[];
  warnings: Annotation[];
  /** The workspace the step ran in (GITHUB_WORKSPACE). */
  workspace: string;
}

export interface RunOptions {
  /** Files to add to the workspace before the run, path relative to it → content (text, or bytes such as a zip). */
  files?: Record<string, string | Buffer>;
  /** Kill the process after this long (ms). */
  timeoutMs?: number;
}

const created: string[] = [];

/** Removes every temporary directory runAction created (call from afterAll). */
export function removeRunDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the bundle with `inputs` (action.yml names, e.g. `deployment-volume`) and no other runner variable. */
export async function runAction(inputs: Record<string, string>, opts: RunOptions = {}): Promise<ActionRun> {
  const root = mkdtempSync(join(tmpdir(), 'tailgate-e2e-'));
  created.push(root);
  const workspace = join(root, 'workspace');
  const runnerDir = join(root, 'runner');
  mkdirSync(runnerDir, { recursive: true });
  cpSync(EXAMPLES, join(workspace, 'examples'), { recursive: true });
  writeFiles(workspace, opts.files ?? {});
  const run = await runActionStep({ workspace, runnerDir, inputs, timeoutMs: opts.timeoutMs ?? 60_000 });
  return {
    code: run.code,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: run.outputs,
    summary: run.summary,
    errors: run.commands.filter((c) => c.command === 'error'),
    warnings: run.commands.filter((c) => c.command === 'warning'),
    workspace,
  };
}
