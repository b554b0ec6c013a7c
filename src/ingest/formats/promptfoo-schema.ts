import { z } from 'zod';

/**
 * The raw shapes of promptfoo's `--output` files, as far as tailgate reads
 * them (checked against promptfoo src/types/index.ts `OutputFile`,
 * `EvaluateSummaryV3/V2`, `EvaluateResult`, `ResultFailureReason`, and
 * src/util/output `createOutputData` / JSONL writer, 2026):
 *
 * - `-o results.json`: `{evalId, results: {version: 3, timestamp, prompts,
 *   results: EvaluateResult[], stats}, config, shareableUrl, metadata?, …}`.
 *   Legacy evals export `results.version: 2` with a `table` instead of
 *   `prompts`; their rows lack `failureReason`, `testIdx`, `promptId`.
 *   Some v3 files have no top-level `metadata`.
 * - `-o results.jsonl`: one EvaluateResult per line.
 *
 * Fields we do not read are not listed; zod drops them.
 */

const Json = z.record(z.string(), z.unknown());

/** `results.json` down to the row array; rows are checked one by one for precise paths. */
export const OutputFileSchema = z.object({
  evalId: z.string().nullish(),
  results: z.object({
    version: z.number(),
    results: z.array(z.unknown()),
  }),
  config: z.unknown().optional(),
});

/** `ResultFailureReason`: NONE 0 (passed, or unknown why not), ASSERT 1, ERROR 2. */
const FAILURE_NONE = 0;
const FAILURE_ERROR = 2;

const GradingResultSchema = z.object({
  pass: z.boolean().optional(),
  reason: z.string().nullish(),
  // Set by LLM-grader matchers when a transport/parse failure prevented a real
  // evaluation (`graderError: true`); see promptfoo GradingResult.metadata.
  metadata: Json.nullish(),
  componentResults: z.array(z.unknown()).nullish(),
});

/** One `EvaluateResult` (v3 row, v2 row, or JSONL line). */
export const ResultRowSchema = z.object({
  /** Per-result UUID (v3); used as the sample id for duplicate counting. */
  id: z.string().nullish(),
  provider: z.union([z.string(), z.object({ id: z.string(), label: z.string().nullish() })]),
  prompt: z.object({
    raw: z.string().optional(),
    label: z.string().nullish(),
    id: z.string().nullish(),
    config: Json.nullish(),
  }),
  /** Hash of the prompt (v3); v2 rows have none. */
  promptId: z.string().nullish(),
  testIdx: z.number().optional(),
  vars: Json.nullish(),
  testCase: z
    .object({
      vars: Json.nullish(),
      metadata: Json.nullish(),
      options: Json.nullish(),
    })
    .nullish(),
  response: z
    .object({
      output: z.unknown().optional(),
      error: z.string().nullish(),
      cached: z.boolean().nullish(),
    })
    .nullish(),
  error: z.string().nullish(),
  failureReason: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  success: z.boolean(),
  gradingResult: GradingResultSchema.nullish(),
  metadata: Json.nullish(),
});

export type ResultRow = z.output<typeof ResultRowSchema>;

/** Reads a string field of a metadata object, if it is one. */
export function metaString(meta: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const value = meta?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * True when the grader itself failed (promptfoo sets `graderError: true` in
 * the grading metadata of the result or of one of its component results). Such
 * a row says nothing about the model: promptfoo's own docs say a grader error
 * "is not evidence that the criterion was or was not met".
 */
function hasGraderError(row: ResultRow): boolean {
  const grading = row.gradingResult;
  if (grading === null || grading === undefined) return false;
  if (grading.metadata?.graderError === true) return true;
  return (grading.componentResults ?? []).some(
    (c) => typeof c === 'object' && c !== null && 'metadata' in c && isGraderErrorMeta(c.metadata),
  );
}

function isGraderErrorMeta(meta: unknown): boolean {
  return typeof meta === 'object' && meta !== null && 'graderError' in meta && meta.graderError === true;
}

/**
 * Temperatures set per provider in the file's `config.providers` (entries of
 * the form `{id, config: {temperature}}`). Anything else in `config` is
 * ignored: it is free-form user configuration.
 */
export function providerTemperatures(config: unknown): Map<string, number> {
  const temps = new Map<string, number>();
  if (typeof config !== 'object' || config === null || !('providers' in config)) return temps;
  const providers = config.providers;
  if (!Array.isArray(providers)) return temps;
  const list: unknown[] = providers;
  for (const p of list) {
    if (typeof p !== 'object' || p === null || !('id' in p) || typeof p.id !== 'string') continue;
    const conf = 'config' in p ? p.config : undefined;
    if (typeof conf === 'object' && conf !== null && 'temperature' in conf && typeof conf.temperature === 'number') {
      temps.set(p.id, conf.temperature);
    }
  }
  return temps;
}

/**
 * Why a row cannot count, or undefined when it is a graded sample.
 *
 * - `failureReason 2` (ERROR) is an execution error: provider error, timeout,
 *   thrown exception. Never judge by `error` alone: promptfoo also fills
 *   `error` with the grader's reason on an ordinary failed assertion
 *   (`failureReason 1`).
 * - `failureReason 0` with `success: false` is promptfoo's "we don't know why
 *   it failed": in practice a non-red-team row whose provider returned no
 *   output (`error: 'No output'`, never graded).
 * - v2 rows have no `failureReason`: a failed row without a `gradingResult`
 *   was never graded, which in v2 means the provider call failed
 *   (`response.error` or a thrown error copied to `error`) or gave no output.
 * - A grader failure (`graderError`) is not evidence either way.
 * - A failed row whose every failing assertion crashed (`Custom function threw
 *   error: …`, promptfoo's reason when a javascript or python assertion
 *   throws; it sets `failureReason 1` and no `graderError`) was never judged:
 *   the checker broke, not the model. One real failing assertion beside the
 *   crash still makes the row a hit.
 */
export function exclusionReason(row: ResultRow): 'error' | 'ungraded' | 'grader-error' | 'assertion-error' | undefined {
  if (row.failureReason === FAILURE_ERROR) return 'error';
  if (!row.success && row.failureReason === FAILURE_NONE) return 'ungraded';
  if (!row.success && row.failureReason === undefined && (row.gradingResult ?? null) === null) {
    return nonEmpty(row.error) || nonEmpty(row.response?.error) ? 'error' : 'ungraded';
  }
  if (hasGraderError(row)) return 'grader-error';
  if (!row.success && onlyCrashesFailed(row)) return 'assertion-error';
  return undefined;
}

/** The reason promptfoo gives when an assertion's own code throws (assertions/javascript.ts, python.ts). */
const CRASH = /^Custom function threw error:/;

/** How deep assert-set results are followed; promptfoo nests one level per `assert-set`. */
const MAX_DEPTH = 8;

/**
 * Whether the row failed only because assertions crashed: at least one
 * failing component crashed and no failing component is a real verdict.
 * Without component results, the grading result's own reason decides.
 */
function onlyCrashesFailed(row: ResultRow): boolean {
  const grading = row.gradingResult;
  if (grading === null || grading === undefined) return false;
  const components = grading.componentResults ?? [];
  if (components.length === 0) return CRASH.test(grading.reason ?? '');
  const tally = { crashed: 0, failed: 0 };
  tallyFailures(components, tally, 0);
  return tally.crashed > 0 && tally.failed === 0;
}

function tallyFailures(components: unknown[], tally: { crashed: number; failed: number }, depth: number): void {
  for (const c of components) {
    if (typeof c !== 'object' || c === null || !('pass' in c) || c.pass !== false) continue;
    const nested: unknown[] = 'componentResults' in c && Array.isArray(c.componentResults) ? c.componentResults : [];
    if (nested.length > 0 && depth < MAX_DEPTH) {
      tallyFailures(nested, tally, depth + 1);
      continue;
    }
    const reason = 'reason' in c && typeof c.reason === 'string' ? c.reason : '';
    if (CRASH.test(reason)) tally.crashed++;
    else tally.failed++;
  }
}

function nonEmpty(s: string | null | undefined): s is string {
  return typeof s === 'string' && s.trim() !== '';
}

/** Runtime vars promptfoo merges into `vars` that change between repeats of one test. */
const RUNTIME_VAR = /^(?:_conversation$|__eval)/;

/**
 * The content that identifies a query, independent of `testIdx` (which
 * `--repeat` renumbers): provider id and label (two configs of one model are
 * different targets), the prompt (`promptId` hash; v2: label, else raw), the
 * test's vars, and the red-team strategy.
 *
 * Vars come from `testCase.vars` (the test as defined) rather than the row's
 * `vars`, which also hold `storeOutputAs` registers and `_conversation`
 * history that differ from one repeat to the next. When no vars survive
 * (`PROMPTFOO_STRIP_TEST_VARS`), the rendered prompt stands in for them.
 */
export function queryKeyParts(row: ResultRow, strategy: string | undefined): unknown[] {
  const provider = typeof row.provider === 'string' ? { id: row.provider, label: null } : row.provider;
  const prompt = nonEmpty(row.promptId) ? row.promptId : (row.prompt.label ?? row.prompt.raw ?? '');
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row.testCase?.vars ?? row.vars ?? {})) {
    if (!RUNTIME_VAR.test(k)) vars[k] = v;
  }
  const rendered = Object.keys(vars).length === 0 ? (row.prompt.raw ?? null) : null;
  // An empty label (promptfoo writes "" when none is set) is the same as none.
  return [provider.id, provider.label || null, prompt, vars, strategy ?? null, rendered];
}

export function providerIdOf(row: ResultRow): string {
  return typeof row.provider === 'string' ? row.provider : row.provider.id;
}
