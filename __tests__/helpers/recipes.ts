/**
 * Reading the recipes in examples/workflows/ the way a runner would, for
 * __tests__/e2e/examples.test.ts: the tailgate step's `with:` map with its
 * `${{ … }}` expressions evaluated from a small context, action.yml's
 * defaults filled in for inputs the step leaves out (a runner passes every
 * input that has a default), and the artifacts a workflow uploads (names
 * expanded over a one-key matrix). Then running the BUILT bundle on those
 * inputs in a temporary workspace.
 *
 * Workflows are parsed with YAML's failsafe schema, so every scalar stays
 * the string the recipe wrote (`0.10` stays "0.10", as the runner passes it).
 * Only the expressions the recipes use are known; any other is an error, so
 * a recipe that starts using a new one makes the test say so.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Annotation } from './runner-files.js';
import { REPO_ROOT, runActionStep } from './spawn.js';

export const WORKFLOWS = join(REPO_ROOT, 'examples', 'workflows');
/** What the recipes call the action (the README tells users to put their own owner). */
export const ACTION = 'tailgate-dev/tailgate@v1';

type YamlMap = Record<string, unknown>;

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isMap(value)) throw new Error(`${where}: expected a mapping`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Error(`${where}.${k}: expected a scalar`);
    out[k] = v;
  }
  return out;
}

export interface Step {
  job: string;
  uses?: string;
  with: Record<string, string>;
  /** Values of the job's one-key matrix (e.g. shard: 0..3), or none. */
  matrix: { key: string; values: string[] } | null;
}

function readWorkflow(file: string): YamlMap & { jobs: YamlMap } {
  const workflow: unknown = parse(readFileSync(join(WORKFLOWS, file), 'utf8'), { schema: 'failsafe' });
  if (!isMap(workflow) || !isMap(workflow.jobs)) throw new Error(`${file}: no jobs mapping`);
  return { ...workflow, jobs: workflow.jobs };
}

/** The workflow's `name:` (what GITHUB_WORKFLOW holds when it runs). */
export function workflowName(file: string): string {
  const { name } = readWorkflow(file);
  if (typeof name !== 'string') throw new Error(`${file}: no name`);
  return name;
}

/** Every step of every job of `file` (a name in examples/workflows/). */
export function workflowSteps(file: string): Step[] {
  const workflow = readWorkflow(file);
  const steps: Step[] = [];
  for (const [job, body] of Object.entries(workflow.jobs)) {
    if (!isMap(body) || !Array.isArray(body.steps)) continue;
    const matrix = isMap(body.strategy) && isMap(body.strategy.matrix) ? Object.entries(body.strategy.matrix) : [];
    if (matrix.length > 1) throw new Error(`${file} job ${job}: only a one-key matrix is supported here`);
    const oneKey = matrix.length === 1 && Array.isArray(matrix[0][1]) ? { key: matrix[0][0], values: matrix[0][1].map(String) } : null;
    for (const step of body.steps) {
      if (!isMap(step)) continue;
      steps.push({
        job,
        uses: typeof step.uses === 'string' ? step.uses : undefined,
        with: stringMap(step.with, `${file} job ${job} with`),
        matrix: oneKey,
      });
    }
  }
  return steps;
}

/** The context expressions are evaluated in. */
export interface ExpressionContext {
  token: string;
  /** The event payload (`github.event.*`). */
  event: unknown;
  matrix?: Record<string, string>;
}

/**
 * Replaces each `${{ expr }}` in `text`. Known: `github.token`,
 * `github.event.<path>` (looked up in the payload), `matrix.<key>`.
 */
export function evaluate(text: string, ctx: ExpressionContext): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expr: string) => {
    if (expr === 'github.token') return ctx.token;
    const matrix = /^matrix\.([\w-]+)$/.exec(expr);
    if (matrix !== null) {
      const value = ctx.matrix?.[matrix[1]];
      if (value === undefined) throw new Error(`expression '${expr}': no such matrix value`);
      return value;
    }
    if (expr.startsWith('github.event.')) {
      let value: unknown = ctx.event;
      for (const key of expr.slice('github.event.'.length).split('.')) value = isMap(value) ? value[key] : undefined;
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new Error(`expression '${expr}': not a string or number in the event payload`);
      return String(value);
    }
    throw new Error(`expression '${expr}' is not known to the recipe test; add it to evaluate() in helpers/recipes.ts`);
  });
}

/** action.yml's inputs that have a default, name → default text (still unevaluated). */
export function actionDefaults(): Record<string, string> {
  const action: unknown = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'), { schema: 'failsafe' });
  if (!isMap(action) || !isMap(action.inputs)) throw new Error('action.yml has no inputs mapping');
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (isMap(spec) && typeof spec.default === 'string') out[name] = spec.default;
  }
  return out;
}

/** The inputs a runner gives the step: action.yml's defaults, then the step's `with:`, all evaluated. */
export function stepInputs(step: Step, ctx: ExpressionContext): Record<string, string> {
  const merged = { ...actionDefaults(), ...step.with };
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, evaluate(v, ctx)]));
}

/** Names of the artifacts `actions/upload-artifact` steps of `file` upload, one per matrix leg. */
export function uploadedArtifacts(file: string, ctx: ExpressionContext): string[] {
  return workflowSteps(file)
    .filter((s) => s.uses?.startsWith('actions/upload-artifact@') === true)
    .flatMap((s) => {
      const { matrix } = s;
      const legs: Record<string, string>[] = matrix === null ? [{}] : matrix.values.map((v) => ({ [matrix.key]: v }));
      return legs.map((leg) => evaluate(s.with.name ?? '', { ...ctx, matrix: leg }));
    });
}

export interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  errors: Annotation[];
  warnings: Annotation[];
  workspace: string;
}

const created: string[] = [];

/** Removes every temporary directory runStep created (call from afterAll). */
export function removeStepDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs the bundle as the recipe's step: `files` (workspace path → absolute
 * source path, copied byte for byte) laid out in a fresh workspace, the
 * runner's files and RUNNER_TEMP in a sibling directory, `env` (GITHUB_*,
 * ACTIONS_*) as given and `inputs` as INPUT_* variables. Nothing else from
 * the outer process leaks in.
 */
export async function runStep(args: {
  inputs: Record<string, string>;
  env: Record<string, string>;
  files: Record<string, string>;
}): Promise<StepRun> {
  const root = mkdtempSync(join(tmpdir(), 'tailgate-recipe-'));
  created.push(root);
  const workspace = join(root, 'workspace');
  const runnerDir = join(root, 'runner');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(runnerDir, 'temp'), { recursive: true });
  for (const [target, source] of Object.entries(args.files)) {
    mkdirSync(dirname(join(workspace, target)), { recursive: true });
    cpSync(source, join(workspace, target));
  }
  const run = await runActionStep({
    workspace,
    runnerDir,
    inputs: args.inputs,
    env: { ...args.env, RUNNER_TEMP: join(runnerDir, 'temp') },
    timeoutMs: 90_000,
  });
  return {
    code: run.code,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: run.outputs,
    errors: run.commands.filter((c) => c.command === 'error'),
    warnings: run.commands.filter((c) => c.command === 'warning'),
    workspace,
  };
}

/**
 * The first ```yaml block in the section under the first Markdown heading
 * whose text contains "Quick start" (any level, any case; the section ends
 * at the next heading of the same or a higher level), or null. Lines inside
 * fences are never headings: a YAML comment (`# Quick start: …`) is not one.
 */
export function quickStartBlock(markdown: string): string | null {
  let fence = false;
  let level = 0;
  let block: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const isFence = /^```/.test(line);
    if (!fence && !isFence) {
      const heading = /^(#{1,6})\s(.*)$/.exec(line);
      if (heading !== null && level > 0 && heading[1].length <= level) return null;
      if (heading !== null && level === 0 && /quick start/i.test(heading[2])) level = heading[1].length;
    }
    if (level > 0 && block !== null) {
      if (isFence) return block.join('\n') + '\n';
      block.push(line);
    } else if (level > 0 && !fence && /^```ya?ml\s*$/.test(line)) {
      block = [];
    }
    if (isFence) fence = !fence;
  }
  return null;
}
