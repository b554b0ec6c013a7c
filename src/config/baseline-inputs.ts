/**
 * The baseline inputs (docs/recipes/baseline.md): where the baseline is, whether it must be
 * found, and the risk-increase gate. Called by readSettings only.
 *
 * - `baseline` alone: globs in the workspace (a tailgate JSON report, or
 *   result files to forecast with the same settings).
 * - `baseline-artifact` + `baseline-run-id`: that run's artifact; `baseline`
 *   then selects files inside it (default: every file).
 * - `baseline-artifact` + `baseline-workflow` [+ `baseline-branch`]: the
 *   artifact of the latest successful run of that workflow on the branch
 *   (default: the PR's base branch, filled in by the caller).
 * Contradictory or dangling combinations are errors naming the inputs, so a
 * typo never silently turns the comparison off.
 */
import { InputError } from '../domain/errors.js';
import { parseFactor } from './factor.js';
import { parseBoolean, parseEnum, parseInteger, parseMultiline, parseNumber } from './parse.js';
import type { BaselineSettings, BaselineSource } from './settings.js';
import type { Adjust, OnMismatch, RiskIncrease } from '../domain/rules.js';

const ADJUST: readonly Adjust[] = ['none', 'holm'];
const ON_MISMATCH: readonly OnMismatch[] = ['warn', 'fail', 'ignore'];
/** `baseline-max-age` in days: up to ten years; a fraction of a day is allowed (0.5 = twelve hours). */
const MAX_AGE_DAYS = 3650;

export type BaselineInput =
  | 'baseline'
  | 'baseline-artifact'
  | 'baseline-run-id'
  | 'baseline-workflow'
  | 'baseline-branch'
  | 'baseline-required'
  | 'baseline-mismatch'
  | 'baseline-max-age'
  | 'adjust'
  | 'fail-risk-increase'
  | 'warn-risk-increase';

/** Run ids are positive and fit a double exactly. */
const MAX_RUN_ID = Number.MAX_SAFE_INTEGER;
/** A workflow file name (`eval.yml`) or its numeric id, as the Actions API's `workflow_id` accepts. */
const WORKFLOW = /^(?:[\w.-]+\.ya?ml|\d+)$/;

export interface BaselineInputs {
  baseline: BaselineSettings | null;
  riskIncrease: RiskIncrease;
  adjust: Adjust;
}

/** `get` returns the trimmed input or its default ('' when unset). */
export function readBaselineInputs(get: (name: BaselineInput) => string): BaselineInputs {
  const riskIncrease: RiskIncrease = {};
  if (get('fail-risk-increase') !== '') riskIncrease.fail = parseFactor('fail-risk-increase', get('fail-risk-increase'));
  if (get('warn-risk-increase') !== '') riskIncrease.warn = parseFactor('warn-risk-increase', get('warn-risk-increase'));
  const required = parseBoolean('baseline-required', get('baseline-required'));
  const adjust = parseEnum('adjust', get('adjust'), ADJUST);
  const onMismatch = parseEnum('baseline-mismatch', get('baseline-mismatch'), ON_MISMATCH);
  const maxAge = get('baseline-max-age');
  const maxAgeDays = maxAge === '' ? null : parseNumber('baseline-max-age', maxAge, 0, MAX_AGE_DAYS, { exclusive: true });
  const source = readSource(get);
  if (source === null) {
    if (required)
      throw new InputError(
        'Input `baseline-required` is true but no baseline is set: set `baseline` (a path) or `baseline-artifact`, or drop `baseline-required`.',
      );
    const gated = (['fail-risk-increase', 'warn-risk-increase'] as const).filter((n) => get(n) !== '');
    if (gated.length > 0) {
      throw new InputError(
        `Input \`${gated[0]}\` compares with a baseline, but none is set: set \`baseline\` (a path) or \`baseline-artifact\`.`,
      );
    }
    return { baseline: null, riskIncrease, adjust };
  }
  return { baseline: { source, required, onMismatch, maxAgeDays }, riskIncrease, adjust };
}

function readSource(get: (name: BaselineInput) => string): BaselineSource | null {
  const patterns = parseMultiline(get('baseline'));
  if (get('baseline') !== '' && patterns.length === 0) {
    throw new InputError('Input `baseline` has only blank or `#` comment lines: give globs of a tailgate JSON report or of result files.');
  }
  const artifact = get('baseline-artifact');
  const runId = get('baseline-run-id');
  const workflow = get('baseline-workflow');
  const branch = get('baseline-branch');
  if (branch !== '' && workflow === '')
    throw new InputError('Input `baseline-branch` only applies with `baseline-workflow`; set that too, or drop `baseline-branch`.');
  if (artifact === '') {
    const dangling = runId !== '' ? 'baseline-run-id' : workflow !== '' ? 'baseline-workflow' : undefined;
    if (dangling !== undefined)
      throw new InputError(`Input \`${dangling}\` needs \`baseline-artifact\`: the name of the artifact that holds the baseline.`);
    return patterns.length === 0 ? null : { kind: 'path', patterns };
  }
  // Inside an artifact, every file by default: the artifact is usually the report or the results alone.
  const inside = patterns.length === 0 ? ['**'] : patterns;
  if (runId !== '' && workflow !== '')
    throw new InputError('Inputs `baseline-run-id` and `baseline-workflow` both name where the baseline artifact is; set only one.');
  if (runId !== '') return { kind: 'run', artifact, runId: parseInteger('baseline-run-id', runId, 1, MAX_RUN_ID), patterns: inside };
  if (workflow === '') {
    throw new InputError(
      'Input `baseline-artifact` needs `baseline-run-id` (a run id) or `baseline-workflow` (e.g. `eval.yml`, whose latest successful run on the base branch is used).',
    );
  }
  // `.github/workflows/eval.yml` is how people see it in the repository; the API wants the file name.
  const file = workflow.replace(/^\.github\/workflows\//, '');
  if (!WORKFLOW.test(file)) {
    throw new InputError(
      `Input \`baseline-workflow\`: got ${JSON.stringify(workflow)}; use the workflow file name (e.g. \`eval.yml\`) or its numeric id.`,
    );
  }
  return { kind: 'workflow', artifact, workflow: file, branch: branch === '' ? null : branch, patterns: inside };
}
