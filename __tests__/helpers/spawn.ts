/**
 * The one place the tests start a process: `node` on the built bundles
 * (dist/index.js, the action; dist/cli/index.js, the CLI) or on a script,
 * always with an explicit environment, so the outer process's INPUT_* and
 * GITHUB_* variables (set when the tests themselves run inside Actions) never
 * leak into the child.
 *
 * Before the first run of a bundle, the bundles are checked against src/:
 * the build records a hash of the sources it was built from and of the
 * bundles it wrote (scripts/lib/source-hash.mjs), and a bundle built from
 * other sources, or not the one the build wrote (restored from git), is
 * refused with "run `npm run build`", rather than silently testing old code.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRecord, BUNDLES, STAMP_PATH } from '../../scripts/lib/source-hash.mjs';
import { inputEnv, parseGithubOutput, parseWorkflowCommands, runnerFiles, type Annotation } from './runner-files.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(REPO_ROOT, 'dist', 'index.js');
export const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'cli', 'index.js');
export const EXAMPLES = join(REPO_ROOT, 'examples');

/**
 * Why the bundles under `root` cannot be tested, or null when they are the
 * ones the last build wrote from exactly the sources in `root`/src.
 */
export function bundleProblem(root: string = REPO_ROOT): string | null {
  const missing = [...BUNDLES, STAMP_PATH].filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) return `${missing.join(', ')} missing: run \`npm run build\` before the end-to-end tests`;
  const recorded = lines(readFileSync(join(root, STAMP_PATH), 'utf8'));
  const now = lines(buildRecord(root));
  if (recorded.get('src/') !== now.get('src/')) {
    return 'dist/ was built from other sources than src/ holds now: run `npm run build` before the end-to-end tests';
  }
  // Entries and chunks alike, in both directions: a chunk the build did not write (left from an older
  // build) or one it wrote that is gone both mean the bundles are not what the build made.
  const files = [...new Set([...recorded.keys(), ...now.keys()])].filter((file) => file !== 'src/').sort();
  const changed = files.filter((file) => recorded.get(file) !== now.get(file));
  if (changed.length > 0) {
    const verb = changed.length > 1 ? 'are' : 'is';
    return `${changed.join(' and ')} ${verb} not what the last build wrote (restored from git?): run \`npm run build\` before the end-to-end tests`;
  }
  return null;
}

/** `name hash` lines as a map. */
function lines(text: string): Map<string, string> {
  const pairs = text.split('\n').flatMap((line): [string, string][] => {
    const space = line.indexOf(' ');
    return space < 0 ? [] : [[line.slice(0, space), line.slice(space + 1)]];
  });
  return new Map(pairs);
}

let checked: string | null | undefined;

/** Throws when the bundles are missing or stale (checked once per test file). */
export function assertFreshBundles(): void {
  checked ??= bundleProblem();
  if (checked !== null) throw new Error(checked);
}

export interface NodeRun {
  /** Exit code (null if the process was killed by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the process, in ms. */
  elapsedMs: number;
}

export interface NodeSpawnOptions {
  cwd: string;
  /** The child's whole environment: nothing else is passed. */
  env: Record<string, string>;
  /** Kill the process after this long; the run then rejects with its output so far. */
  timeoutMs: number;
}

/**
 * Children running at once from one test file. Several files run side by side
 * (jest.config.js), and some start a dozen runs together in a beforeAll; on a
 * 2-core machine an unbounded burst starves every run past its timeout.
 */
const MAX_CHILDREN = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

/** `node …args` on the current Node binary (process.execPath), so the child runs on the same version as the tests. */
export async function spawnNode(args: string[], opts: NodeSpawnOptions): Promise<NodeRun> {
  if (args[0] === BUNDLE || args[0] === CLI_BUNDLE) assertFreshBundles();
  const release = await slot();
  try {
    return await runNode(args, opts);
  } finally {
    release();
  }
}

function runNode(args: string[], opts: NodeSpawnOptions): Promise<NodeRun> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${args.join(' ')} did not finish within ${opts.timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

/** PATH and HOME: what any child needs, and nothing from an outer runner. */
export function baseEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? home };
}

/** `node dist/cli/index.js …args` in `cwd`, with PATH and HOME (and `env`) only. */
export function runCli(args: string[], cwd: string, opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<NodeRun> {
  return spawnNode([CLI_BUNDLE, ...args], { cwd, env: { ...baseEnv(cwd), ...opts.env }, timeoutMs: opts.timeoutMs ?? 60_000 });
}

export interface StepOptions {
  /** GITHUB_WORKSPACE, and the step's working directory. */
  workspace: string;
  /** Where GITHUB_OUTPUT and GITHUB_STEP_SUMMARY are made (outside the workspace). */
  runnerDir: string;
  /** Step inputs by their action.yml names (`deployment-volume`). */
  inputs: Record<string, string>;
  /** The runner's other variables (event, API URL, RUNNER_TEMP, …); never GITHUB_WORKSPACE/OUTPUT/STEP_SUMMARY. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface StepRun extends NodeRun {
  /** Step outputs parsed from GITHUB_OUTPUT (heredoc form). */
  outputs: Record<string, string>;
  /** GITHUB_OUTPUT as written, delimiters included. */
  outputsText: string;
  /** GITHUB_STEP_SUMMARY after the run. */
  summary: string;
  /** Every `::command::` line of stdout (warning, notice, error, add-mask, …), unescaped. */
  commands: Annotation[];
  workspace: string;
}

/** Runs the action bundle as a runner runs a step: fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, INPUT_* from `inputs`. */
export async function runActionStep(opts: StepOptions): Promise<StepRun> {
  for (const reserved of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE']) {
    if (opts.env !== undefined && reserved in opts.env) throw new Error(`runActionStep sets ${reserved} itself`);
  }
  const { outputFile, summaryFile } = runnerFiles(opts.runnerDir);
  const env: Record<string, string> = {
    ...baseEnv(opts.runnerDir),
    ...opts.env,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...inputEnv(opts.inputs),
  };
  const run = await spawnNode([BUNDLE], { cwd: opts.workspace, env, timeoutMs: opts.timeoutMs ?? 60_000 });
  const outputsText = readFileSync(outputFile, 'utf8');
  return {
    ...run,
    outputs: parseGithubOutput(outputsText),
    outputsText,
    summary: readFileSync(summaryFile, 'utf8'),
    commands: parseWorkflowCommands(run.stdout),
    workspace: opts.workspace,
  };
}
