import { z } from 'zod';
import { InputError } from '../../domain/errors.js';
import { jsonPath } from '../json-file.js';
import { describeIssue, safeCheck } from '../schema-issue.js';

/**
 * The parts of Inspect AI's log schema that tailgate reads, checked at runtime.
 * Field names and nesting follow inspect_ai `src/inspect_ai/log/_log.py`
 * (EvalLog, EvalSpec, EvalSample, EvalSampleSummary), `scorer/_metric.py`
 * (Score) and `model/_model_output.py` (ModelOutput, Logprobs). Inspect writes
 * with `exclude_none=True`, so every optional field may be absent; we also
 * accept `null`. Unknown fields are ignored (zod strips them).
 */

const SampleId = z.union([z.string(), z.number()]);

/** Score.value is `str | int | float | bool | list | dict`; the mapper in inspect-scores.ts interprets it. */
const Score = z.object({ value: z.unknown() });
const Scores = z.record(z.string(), Score).nullish();

/**
 * Log format versions these schemas follow: inspect_ai's LOG_SCHEMA_VERSION,
 * 2 since July 2024 (`_util/constants.py`; Inspect itself refuses anything
 * newer). Version 1 logs kept one `score` per sample instead of `scores`.
 */
export const KNOWN_LOG_VERSIONS: readonly number[] = [2];

/** header.json (and the top of a .json log): EvalLog without samples. */
export const LogHeader = z.object({
  version: z.number(),
  /** EvalStatus: "started" | "success" | "cancelled" | "error". A string here so a new status is a warning, not a failure. */
  status: z.string(),
  eval: z.object({
    task: z.string(),
    model: z.string(),
    /** EvalScorer[]: `name` is the scorer's registry name (may carry a package prefix). */
    scorers: z.array(z.object({ name: z.string() })).nullish(),
    config: z.object({ epochs: z.number().nullish() }).nullish(),
    model_generate_config: z.object({ temperature: z.number().nullish() }).nullish(),
  }),
  plan: z.object({ config: z.object({ temperature: z.number().nullish() }).nullish() }).nullish(),
  /** Set when a log was invalidated after the fact (EvalLog.invalidated). */
  invalidated: z.boolean().nullish(),
});
export type LogHeader = z.output<typeof LogHeader>;

/** One element of summaries.json / _journal/summaries/N.json (EvalSampleSummary): `error` is the message string. */
export const SampleSummary = z.object({
  id: SampleId,
  epoch: z.number(),
  scores: Scores,
  error: z.string().nullish(),
});

/** Just the scoring fields of an EvalSample (samples/*.json, or `samples[]` of a .json log): `error` is an EvalError object. */
export const SampleScores = z.object({
  id: SampleId,
  epoch: z.number(),
  scores: Scores,
  error: z.object({ message: z.string() }).nullish(),
});

/** A log probability: -Infinity (probability 0) is legal, NaN and +Infinity are not. */
const LogprobValue = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v) && v !== Infinity, {
  message: 'expected a log probability (a number ≤ 0 or -Infinity)',
});
const TopLogprob = z.object({ token: z.string(), logprob: LogprobValue });
const Logprob = TopLogprob.extend({ top_logprobs: z.array(TopLogprob).nullish() });

/** The fields of an EvalSample that multiple-choice logprobs need. */
export const SampleLogprobs = SampleScores.extend({
  choices: z.array(z.string()).nullish(),
  output: z
    .object({
      choices: z.array(z.object({ logprobs: z.object({ content: z.array(Logprob) }).nullish() })).nullish(),
    })
    .nullish(),
});
export type SampleLogprobs = z.output<typeof SampleLogprobs>;
export type TokenLogprob = z.output<typeof Logprob>;

/** What the score and logprob mappers need to know about one log. */
export interface LogInfo {
  /** The file, as messages name it. */
  where: string;
  task: string;
  model: string;
  /** Scorer names from eval.scorers, unqualified like the keys of `scores` (see resolveScorer). */
  declaredScorers: string[];
}

/** One (sample, epoch) as the score mapper sees it, from a summary or a full sample. */
export interface EpochRecord {
  id: string;
  epoch: number;
  scores: Record<string, { value?: unknown }> | null | undefined;
  errored: boolean;
}

/** Query id of a sample: epochs of the same sample id, task and model are one query. */
export function queryIdOf(log: LogInfo, sampleId: string): string {
  return `${log.task}/${log.model}/${sampleId}`;
}

/**
 * Checks `value` against `schema`; an InputError names `where` and the JSON
 * path of the first bad field (e.g. `summaries.json[3].epoch`).
 */
export function checkInspect<S extends z.ZodType>(schema: S, value: unknown, where: string, base: string): z.output<S> {
  const result = safeCheck(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const plain = issue === undefined ? { path: [], problem: 'unexpected shape' } : describeIssue(issue, value);
  const path = jsonPath(base, plain.path);
  throw new InputError(
    `${where}: ${path === '' ? '(top level)' : path}: ${plain.problem}; ` + 'this does not look like a log written by inspect_ai',
  );
}
