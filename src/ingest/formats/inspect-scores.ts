import { clip, clipList, preview } from '../excerpt.js';
import type { MappingOptions } from '../../domain/mapping.js';
import { queryIdOf, type EpochRecord, type LogInfo } from './inspect-schema.js';
import type { ObservationSink } from '../../domain/observation.js';
import { InputError } from '../../domain/errors.js';

/**
 * Inspect scores → per-epoch hits.
 *
 * Each (sample, epoch) is one sampled output: `sink.sampled(behavior,
 * task/model/id, hit ? 1 : 0, 1, String(epoch))`, so the accumulator adds the
 * epochs of a sample up to h of k (and, by the epoch as sample id, counts an
 * epoch that arrives twice, e.g. the same log matched by two globs). An epoch counts in k only when it has no
 * `error` and a finite value from the chosen scorer; the rest are excluded
 * with a reason: `sample-error` (an errored sample, counted by the error
 * budget too), `unscored` (no value, or `null`),
 * `non-finite-score` (NaN is Inspect's "unscored" sentinel; ±Infinity too),
 * `unmappable-score` (a list, or a string the rules below cannot read).
 *
 * Which values are hits ("the scorer said the behaviour occurred"):
 * - `hitValues` given: a string or boolean value is a hit when it is listed
 *   (compared as text: `C`, `yes`, `true`); a number when its decimal text is
 *   listed, unless `scoreThreshold` is also given.
 * - otherwise the value is read as Inspect's `value_to_float` reads it
 *   (scorer/_metric.py: C → 1, P → 0.5, I and N → 0, yes/true → 1, no/false
 *   → 0, numeric strings, numbers, booleans) and is a hit when it is
 *   ≥ `scoreThreshold`, DEFAULT 1. So the default hit is `C`, `true`, `yes`
 *   or a number ≥ 1, and `P`/`N` are never hits unless listed.
 * - numbers strictly between 0 and 1 (model-graded partial credit) with
 *   neither `scoreThreshold` nor `hitValues` are refused: "≥ 1" would count
 *   0.9 as no behaviour, and reading the grade as a probability would treat
 *   a degree of correctness as a chance of the behaviour. The user says
 *   where the cut is.
 * - reducers: each epoch's own score is read (summaries.json and samples/),
 *   never the epoch-reduced score, so a `max`, `mode` or `at_least_k`
 *   reducer changes nothing here: k is the epochs, h the epochs that hit.
 * - dict values need `scoreKey` (which key to read), then the rules above.
 * For a safety scorer `C` may mean "refused": the default is only right when
 * the scorer's "correct" is the behaviour; otherwise set hit-values.
 */
export function ingestScoreRecords(log: LogInfo, records: EpochRecord[], options: MappingOptions, sink: ObservationSink): void {
  const scorer = resolveScorer(log, records, options.scorer);
  const behavior = options.behavior ?? `${log.task}:${scorer}`;
  const mapper = new ScoreMapper(options, scorer, log.where);
  // Map everything before emitting, so a configuration error found by the
  // guards at the end leaves the sink untouched.
  const outcomes = records.map((r) => {
    if (r.errored) return 'sample-error';
    const score = r.scores?.[scorer];
    return score === undefined ? 'unscored' : mapper.map(score.value);
  });
  mapper.check();
  const excluded = new Map<string, number>();
  outcomes.forEach((outcome, i) => {
    const r = records[i];
    if (outcome === 'hit' || outcome === 'miss') {
      sink.sampled(behavior, queryIdOf(log, r.id), outcome === 'hit' ? 1 : 0, 1, String(r.epoch));
    } else {
      excluded.set(outcome, (excluded.get(outcome) ?? 0) + 1);
      // An epoch that raised is the error budget's business; an unscored one is the scorer's choice.
      if (outcome === 'sample-error') sink.errored(behavior, outcome, queryIdOf(log, r.id));
    }
  });
  for (const [reason, count] of excluded) if (reason !== 'sample-error') sink.exclude(behavior, reason, count);
  if (outcomes.length > 0 && [...excluded.values()].reduce((a, b) => a + b, 0) === outcomes.length) {
    sink.warn(
      `${log.where}: no epoch has a usable '${clip(scorer)}' score (${describeCounts(excluded)}); this log adds nothing to '${clip(behavior)}'`,
    );
  }
  mapper.warnUnmappable(sink);
}

/**
 * The scorer to read: the one named (it must exist), else the only one.
 * Scorers are the keys of the samples' `scores` plus `eval.scorers` (with
 * any package prefix dropped, as Inspect's unique_scorer_name does).
 */
export function resolveScorer(log: LogInfo, records: EpochRecord[], requested: string | undefined): string {
  const names = new Set<string>(log.declaredScorers);
  for (const r of records) for (const key of Object.keys(r.scores ?? {})) names.add(key);
  const list = [...names].sort();
  if (requested !== undefined) {
    if (names.has(requested)) return requested;
    const present = list.length > 0 ? `scorers in this log: ${clipList(list)}` : 'this log has no scorer at all';
    throw new InputError(`${log.where}: scorer '${clip(requested)}' is not in this Inspect log (${present}); set scorer to one of them`);
  }
  if (list.length === 1) return list[0];
  if (list.length === 0) {
    throw new InputError(
      `${log.where}: this Inspect log has no scorer (no sample has scores and eval.scorers is empty); ` +
        'score it first (inspect score) or give the task a scorer',
    );
  }
  throw new InputError(
    `${log.where}: this Inspect log has several scorers (${clipList(list)}); set scorer to the one that measures the behaviour`,
  );
}

type Outcome = 'hit' | 'miss' | 'unscored' | 'non-finite-score' | 'unmappable-score';

/** How many distinct values to remember for messages. */
const MAX_SEEN = 20;

class ScoreMapper {
  private readonly seen = new Map<string, number>();
  private readonly unmappable = new Map<string, number>();
  private readonly dictKeys = new Set<string>();
  private keyFound = false;
  /** A few numeric scores strictly between 0 and 1 read without a threshold, for the refusal. */
  private readonly fractions: number[] = [];
  private hits = 0;
  private mapped = 0;

  constructor(
    private readonly options: MappingOptions,
    private readonly scorer: string,
    private readonly where: string,
  ) {}

  map(value: unknown): Outcome {
    const { scoreKey, hitValues, scoreThreshold } = this.options;
    let v = value;
    if (isRecord(v)) {
      const keys = Object.keys(v);
      if (scoreKey === undefined) {
        throw new InputError(
          `${this.where}: scorer '${clip(this.scorer)}' gives dict values (keys: ${clipList(keys)}); set score-key to the key that measures the behaviour`,
        );
      }
      keys.forEach((k) => this.dictKeys.add(k));
      if (!Object.hasOwn(v, scoreKey)) return 'unscored';
      this.keyFound = true;
      v = v[scoreKey];
    }
    if (v === null || v === undefined) return 'unscored';
    if (typeof v === 'number' && !Number.isFinite(v)) return 'non-finite-score';
    let hit: boolean | undefined;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') {
      const text = String(v);
      bump(this.seen, text);
      if (hitValues !== undefined && !(typeof v === 'number' && scoreThreshold !== undefined)) hit = hitValues.includes(text);
      else {
        const x = inspectFloat(v);
        if (x !== undefined && scoreThreshold === undefined && typeof v === 'number' && x > 0 && x < 1) this.fractions.push(x);
        hit = x === undefined ? undefined : x >= (scoreThreshold ?? 1);
      }
    }
    if (hit === undefined) {
      bump(this.unmappable, Array.isArray(v) ? '(a list)' : typeof v === 'string' ? clip(v) : preview(v));
      return 'unmappable-score';
    }
    this.mapped++;
    if (hit) this.hits++;
    return hit ? 'hit' : 'miss';
  }

  /** Guards against a configuration that would silently give p = 0 everywhere. */
  check(): void {
    const { scoreKey, hitValues } = this.options;
    const subject = `scorer '${clip(this.scorer)}'`;
    if (this.fractions.length > 0) {
      // Partial credit is a degree, not a chance: neither "≥ 1" nor "a probability" reads it honestly.
      throw new InputError(
        `${this.where}: ${subject} gives partial-credit scores between 0 and 1 (e.g. ${this.fractions.slice(0, 3).join(', ')}); ` +
          'set score-threshold to the score at or above which a sample shows the behaviour, or hit-values to the exact values that do',
      );
    }
    if (scoreKey !== undefined && !this.keyFound && this.seen.size + this.unmappable.size + this.dictKeys.size > 0) {
      const keys = this.dictKeys.size > 0 ? `dict keys seen: ${clipList(this.dictKeys)}` : 'its values are not dicts';
      throw new InputError(`${this.where}: score-key '${clip(scoreKey)}' never occurs in ${subject} (${keys}); fix score-key`);
    }
    if (this.mapped === 0 && this.unmappable.size > 0) {
      throw new InputError(
        `${this.where}: none of ${subject}'s values can be read as hit or miss (values seen: ${describeCounts(this.unmappable)}); ` +
          'set hit-values to the values that mean the behaviour occurred',
      );
    }
    // Zero hits is a clean result when hit-values and the values seen share Inspect's grade letters (a model
    // that always refused gives only C to a refusal scorer whose behaviour is I); otherwise it is a misspelling.
    if (hitValues !== undefined && this.mapped > 0 && this.hits === 0 && !sameGradeVocabulary(hitValues, this.seen.keys())) {
      throw new InputError(
        `${this.where}: hit-values ${preview(hitValues)} match none of ${subject}'s values (values seen: ${describeCounts(this.seen)}); ` +
          'check the spelling and the polarity (for a safety scorer C may mean "refused")',
      );
    }
  }

  warnUnmappable(sink: ObservationSink): void {
    if (this.unmappable.size === 0) return;
    sink.warn(
      `${this.where}: scorer '${clip(this.scorer)}' has values that are neither hit nor miss under the current mapping ` +
        `(${describeCounts(this.unmappable)}); they are excluded as unmappable-score — list them in hit-values if they mean the behaviour`,
    );
  }
}

/** Inspect's grade letters (scorer/_metric.py: CORRECT, INCORRECT, PARTIAL, NOANSWER). */
const GRADES = new Set(['C', 'I', 'P', 'N']);

function sameGradeVocabulary(hitValues: readonly string[], seen: Iterable<string>): boolean {
  return hitValues.every((v) => GRADES.has(v)) && [...seen].every((v) => GRADES.has(v));
}

/**
 * Inspect's value_to_float (scorer/_metric.py) for scalars, except that a
 * string it cannot read is `undefined` here (Inspect logs a warning and uses 0,
 * which would silently count as "no behaviour").
 */
export function inspectFloat(v: string | number | boolean): number | undefined {
  if (typeof v !== 'string') return Number(v);
  if (v === 'C') return 1;
  if (v === 'P') return 0.5;
  if (v === 'I' || v === 'N') return 0;
  const lower = v.toLowerCase();
  if (lower === 'yes' || lower === 'true') return 1;
  if (lower === 'no' || lower === 'false') return 0;
  const x = v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(x) ? x : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bump(counts: Map<string, number>, key: string): void {
  if (counts.has(key) || counts.size < MAX_SEEN) counts.set(key, (counts.get(key) ?? 0) + 1);
}

function describeCounts(counts: Map<string, number>): string {
  return [...counts].map(([value, n]) => `${value} ×${n}`).join(', ');
}
