/**
 * The only reader of action inputs: turns them into one {@link Settings}.
 *
 * `getInput` is passed in (main.ts gives `core.getInput`, tests a map), so
 * this module never imports `@actions/*`. A runner passes an empty string for
 * an input the workflow does not set, so empty means "use the default"; a
 * non-empty value is parsed strictly and never replaced by the default.
 */
import { InputError } from '../domain/errors.js';
import { readArtifactSettings } from './artifact-inputs.js';
import { readBaselineInputs } from './baseline-inputs.js';
import { readHistoryInputs } from './history-inputs.js';
import { THRESHOLD_INPUTS } from './policy-entry.js';
import { ON_ERROR_BUDGET } from './error-budget.js';
import { parseBoolean, parseEnum, parseInteger, parseMultiline, parseNumber, parseProbability, parseVolume } from './parse.js';
import { parsePolicy } from './policy.js';
import { MAPPING_KEYS, readMapping } from './mapping.js';
import type { CommentMode, Settings } from './settings.js';
import { BOUNDS, validateSettings } from './validate.js';
import type { GateOn, Mode, OnInsufficient, Thresholds } from '../domain/rules.js';
import { METRICS } from '../domain/rules.js';

/** Every input readSettings reads, spelled as in action.yml. */
export const INPUT_NAMES = [
  'results',
  'artifact-name',
  'artifact-pattern',
  'run-id',
  'repository',
  'github-token',
  'format',
  'deployment-volume',
  'fail-worst-query-risk',
  'warn-worst-query-risk',
  'fail-aggregate-risk',
  'warn-aggregate-risk',
  'frequency-tau',
  'fail-frequency',
  'warn-frequency',
  'tail-size',
  'confidence',
  'bootstrap',
  'seed',
  'gate-on',
  'mode',
  'on-insufficient-data',
  'on-inconclusive',
  'max-error-share',
  'on-error-budget',
  'policy',
  'report-path',
  'markdown-path',
  'summary',
  ...MAPPING_KEYS,
  'comment',
  'comment-key',
  'comment-timeout',
  'baseline',
  'baseline-artifact',
  'baseline-run-id',
  'baseline-workflow',
  'baseline-branch',
  'baseline-required',
  'baseline-mismatch',
  'baseline-max-age',
  'adjust',
  'fail-risk-increase',
  'warn-risk-increase',
  'history',
  'history-branch',
  'history-path',
  'history-size',
  'history-window',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

/**
 * Inputs that only mean something on a runner: the token and the artifacts
 * of a workflow run. The CLI offers no flag for them (a token on a command
 * line ends up in shell history).
 */
export const RUNNER_INPUTS: readonly InputName[] = ['artifact-name', 'artifact-pattern', 'run-id', 'repository', 'github-token'];

/** Defaults for empty inputs, as strings so they go through the same parsers (and so action.yml can quote them). */
export const INPUT_DEFAULTS: Readonly<Partial<Record<InputName, string>>> = {
  format: 'auto',
  'frequency-tau': '0.5',
  'tail-size': '10',
  confidence: '0.9',
  bootstrap: '1000',
  seed: '0',
  'gate-on': 'forecast',
  mode: 'enforce',
  'on-insufficient-data': 'warn',
  'on-inconclusive': 'warn',
  'max-error-share': '0.1',
  'on-error-budget': 'fail',
  'report-path': 'tailgate-report.json',
  'markdown-path': 'tailgate-report.md',
  summary: 'true',
  'use-logprobs': 'false',
  comment: 'auto',
  'comment-timeout': '60',
  'baseline-required': 'false',
  'baseline-mismatch': 'warn',
  adjust: 'none',
  history: 'off',
  'history-branch': 'tailgate-data',
  'history-path': 'tailgate-history.json',
  'history-size': '200',
  'history-window': '10',
};

const GATE_ON: readonly GateOn[] = ['forecast', 'upper', 'interval'];
const MODES: readonly Mode[] = ['enforce', 'advisory'];
const ON_INSUFFICIENT: readonly OnInsufficient[] = ['pass', 'warn', 'fail'];
const COMMENT_MODES: readonly CommentMode[] = ['auto', 'always', 'on-breach', 'off'];

export interface ReadOptions {
  /**
   * The text of the policy file the `policy` input names (as written). main.ts
   * and the CLI pass the file reader of sources/, which holds the workspace
   * rule; this module stays pure.
   */
  policyText: (input: string) => string;
  /** The runner's GITHUB_REPOSITORY: the default of `repository`. */
  repository?: string;
  /**
   * Called with the `github-token` value as soon as it is read, before any
   * input is checked, so that main.ts can register it as a secret before an
   * error message could quote it.
   */
  onSecret?: (value: string) => void;
}

/** `comment-timeout` bounds, in seconds: a budget under a second cannot fit one request; over ten minutes holds a job for a comment. */
const COMMENT_TIMEOUT = { min: 1, max: 600 };

/** Reads every input once, applies defaults, parses, parses the policy file's text, and runs validateSettings. */
export function readSettings(getInput: (name: string) => string, opts: ReadOptions): Settings {
  const values = new Map<InputName, string>(INPUT_NAMES.map((name) => [name, getInput(name).trim()]));
  const githubToken = values.get('github-token') ?? '';
  if (githubToken !== '') opts.onSecret?.(githubToken);
  /** The input, or its default when empty ('' when it has none). */
  const get = (name: InputName): string => {
    const value = values.get(name) ?? '';
    return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value;
  };
  const required = (name: InputName, what: string): string => {
    const value = get(name);
    if (value === '') throw new InputError(`Input \`${name}\` is required: ${what}.`);
    return value;
  };

  // Empty is allowed here: with artifact inputs, `results` only filters the downloaded files.
  // main.ts checks that one of them says what to read.
  const results = parseMultiline(get('results'));
  if (results.length === 0 && get('results') !== '') {
    throw new InputError('Input `results` has only blank or `#` comment lines: give one or more globs of result files.');
  }
  const thresholds: Thresholds = {};
  for (const field of METRICS.flatMap((m) => [m.fail, m.warn])) {
    const name = THRESHOLD_INPUTS[field];
    const raw = get(inputName(name));
    // Unset stays absent (not gated), so a Thresholds object only holds what the user asked for.
    if (raw !== '') thresholds[field] = parseProbability(name, raw, { allowZero: false, allowOne: true });
  }
  const policyInput = get('policy');
  const { baseline, riskIncrease, adjust } = readBaselineInputs(get);
  const settings: Settings = {
    results,
    // Named formats are checked by the ingest registry, which knows them; here only `auto` is special.
    format: get('format'),
    mapping: readMapping(get),
    deploymentVolume: parseVolume('deployment-volume', required('deployment-volume', 'give the number of deployment queries n, e.g. 1M')),
    thresholds,
    frequencyTau: parseProbability('frequency-tau', get('frequency-tau'), { allowZero: false, allowOne: false }),
    tailSize: parseInteger('tail-size', get('tail-size'), BOUNDS.tailSize.min, BOUNDS.tailSize.max),
    confidence: parseNumber('confidence', get('confidence'), 0, 1, { exclusive: true }),
    bootstrap: parseBootstrap(get('bootstrap')),
    seed: parseInteger('seed', get('seed'), BOUNDS.seed.min, BOUNDS.seed.max),
    gateOn: parseEnum('gate-on', get('gate-on'), GATE_ON),
    mode: parseEnum('mode', get('mode'), MODES),
    onInsufficientData: parseEnum('on-insufficient-data', get('on-insufficient-data'), ON_INSUFFICIENT),
    onInconclusive: parseEnum('on-inconclusive', get('on-inconclusive'), ON_INSUFFICIENT),
    errorBudget: {
      maxShare: parseProbability('max-error-share', get('max-error-share'), { allowZero: true, allowOne: true }),
      onBudget: parseEnum('on-error-budget', get('on-error-budget'), ON_ERROR_BUDGET),
    },
    // The label is the path as written, so messages match what the user sees in the workflow file.
    policy: policyInput === '' ? null : parsePolicy(opts.policyText(policyInput), policyInput),
    policyPath: policyInput === '' ? null : policyInput,
    // Report paths stay as written; main.ts resolves them where it writes.
    reportPath: get('report-path'),
    markdownPath: get('markdown-path'),
    summary: parseBoolean('summary', get('summary')),
    comment: parseEnum('comment', get('comment'), COMMENT_MODES),
    commentKey: get('comment-key'),
    commentTimeoutMs:
      1000 * parseNumber('comment-timeout', get('comment-timeout'), COMMENT_TIMEOUT.min, COMMENT_TIMEOUT.max, { exclusive: false }),
    artifacts: readArtifactSettings((name) => get(inputName(name)), opts.repository),
    githubToken,
    baseline,
    riskIncrease,
    adjust,
    history: readHistoryInputs(get),
  };
  validateSettings(settings);
  return settings;
}

/** 0 (no interval) or 100..100000: one parse over the whole range, then the gap 1..99 named precisely. */
function parseBootstrap(raw: string): number {
  const value = parseInteger('bootstrap', raw, 0, BOUNDS.bootstrap.max);
  if (value !== 0 && value < BOUNDS.bootstrap.min) {
    throw new InputError(
      `Input \`bootstrap\`: got ${JSON.stringify(raw)}; use 0 to disable the interval or ${BOUNDS.bootstrap.min} to ${BOUNDS.bootstrap.max} resamples.`,
    );
  }
  return value;
}

/** Narrows a threshold input name from THRESHOLD_INPUTS to InputName (checked, not cast). */
function inputName(name: string): InputName {
  const hit = INPUT_NAMES.find((n) => n === name);
  if (hit === undefined) throw new Error(`internal: ${name} is not in INPUT_NAMES`);
  return hit;
}
