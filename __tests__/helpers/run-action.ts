/**
 * Runs the committed bundle (`node dist/index.js`) the way a GitHub runner
 * does, for the end-to-end tests: a fresh process with an explicit
 * environment (only PATH, HOME, the runner's GITHUB_* files and the step's
 * INPUT_* values: nothing leaks in from the outer process), a workspace
 * holding a copy of examples/, and empty GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, which @actions/core requires to exist.
 *
 * The workspace is a temporary copy rather than the repository itself so the
 * default `report-path`/`markdown-path` (relative to the workspace) can be
 * used without writing into the checkout.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(REPO_ROOT, 'dist', 'index.js');
export const EXAMPLES = join(REPO_ROOT, 'examples');

/** A workflow command the step printed (`::error title=…::message`), unescaped. */
export interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

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

/** Writes `files` (relative path → text or bytes) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** Empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `dir`: @actions/core exits 1 when GITHUB_OUTPUT names a missing file (DESIGN §6). */
export function runnerFiles(dir: string): { outputFile: string; summaryFile: string } {
  const outputFile = join(dir, 'github_output');
  const summaryFile = join(dir, 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  return { outputFile, summaryFile };
}

/** Step inputs as a runner passes them: `INPUT_` + the name upper-cased, spaces as `_`, dashes kept (as getInput reads them). */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

/**
 * Runs the bundle with `inputs` (action.yml names, e.g. `deployment-volume`).
 * Input env names are `INPUT_` + the name upper-cased with spaces as `_`
 * (dashes kept), as @actions/core's getInput reads them.
 */
export async function runAction(inputs: Record<string, string>, opts: RunOptions = {}): Promise<ActionRun> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` (the e2e tests run the committed bundle)`);
  const root = mkdtempSync(join(tmpdir(), 'tailgate-e2e-'));
  created.push(root);
  const workspace = join(root, 'workspace');
  const runner = join(root, 'runner');
  mkdirSync(runner, { recursive: true });
  cpSync(EXAMPLES, join(workspace, 'examples'), { recursive: true });
  writeFiles(workspace, opts.files ?? {});
  const { outputFile, summaryFile } = runnerFiles(runner);

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? root,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  Object.assign(env, inputEnv(inputs));

  const { code, stdout, stderr } = await spawnNode([BUNDLE], { cwd: workspace, env, timeoutMs: opts.timeoutMs ?? 30_000 });
  const commands = parseWorkflowCommands(stdout);
  return {
    code,
    stdout,
    stderr,
    outputs: parseGithubOutput(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    errors: commands.filter((c) => c.command === 'error'),
    warnings: commands.filter((c) => c.command === 'warning'),
    workspace,
  };
}

export interface NodeSpawnOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/** The current Node binary (process.execPath), so the child runs on the same version as the tests. */
export function spawnNode(args: string[], opts: NodeSpawnOptions): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/**
 * Parses a GITHUB_OUTPUT file. @actions/core writes each output as
 * `name<<DELIM` + EOL + value + EOL + `DELIM` + EOL (a fresh random DELIM per
 * output, so values may span lines); the older one-line `name=value` form is
 * accepted too. Anything else is an error rather than being skipped.
 */
export function parseGithubOutput(text: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const out: Record<string, string> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    i += 1;
    if (line === '' && i === lines.length) break; // the final EOL
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]);
      if (i === lines.length) throw new Error(`GITHUB_OUTPUT: output '${name}' has no closing delimiter ${delimiter}`);
      i += 1;
      out[name] = value.join('\n');
      continue;
    }
    const simple = /^([^=]+)=(.*)$/.exec(line);
    if (simple === null) throw new Error(`GITHUB_OUTPUT: cannot parse line ${i}: ${JSON.stringify(line)}`);
    out[simple[1]] = simple[2];
  }
  return out;
}

/**
 * `::command key=value,key=value::message` lines from a step's stdout, with
 * @actions/core's escapes undone (message: %25 %0D %0A; properties also %3A %2C).
 */
export function parseWorkflowCommands(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (m === null) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ command: m[1], properties, message: unescapeData(m[3]) });
  }
  return out;
}

/** One pass, so an escaped `%` followed by `0A` (`%250A`) comes back as the text `%0A`, not a newline. */
const UNESCAPE: Readonly<Record<string, string>> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

function unescapeData(s: string): string {
  return s.replace(/%(25|0D|0A)/g, (code) => UNESCAPE[code] ?? code);
}

function unescapeProperty(s: string): string {
  return s.replace(/%(25|0D|0A|3A|2C)/g, (code) => UNESCAPE[code] ?? code);
}
