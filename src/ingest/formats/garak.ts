import { z } from 'zod';
import { canonicalJson, shortHash } from '../canonical.js';
import { clip, clipList } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { checkShape, forEachJsonLine, isRecord, kindOf, messageOf } from '../json-file.js';
import type { ObservationSink } from '../../domain/observation.js';
import { InputError } from '../../domain/errors.js';

/**
 * garak `report.jsonl` (checked against garak/attempt.py `Attempt.as_dict`,
 * garak/harnesses/base.py and garak/evaluators/base.py, v0.9–v0.16):
 * lines with `entry_type` `start_run setup`, `init`, `plugin_cache`,
 * `attempt`, `eval`, `completion`, `digest`. Only `attempt` entries are read.
 *
 * - Each attempt is written twice: with `status: 1` after generation (no
 *   detector results) and with `status: 2` after detection. Only status 2
 *   counts; status 1 lines are skipped.
 * - `detector_results` is `{detector: [score per output]}`, a score in [0, 1]
 *   or null (no output, or the detector could not judge it). garak's
 *   ThresholdEvaluator fails an output when score ≥ `eval_threshold` (0.5),
 *   so a hit is score ≥ `options.scoreThreshold ?? 0.5`.
 * - k = outputs that got a score. Not `run.generations` from the setup
 *   entry: outputs can be missing or unscored. Outputs no chosen detector
 *   scored (a failed generation is null, and so is its score) are errored
 *   samples `no-score`; an attempt with no output at all is `no-outputs`, one
 *   with empty `detector_results` is `no-detector-results`, one that the
 *   `scoreKey` detector did not judge (others did) is excluded as
 *   `detector-missing`. The error budget counts the first three.
 * - Detectors: `options.scoreKey` names one (e.g. `mitigation.MitigationBypass`);
 *   without it an output is a hit when any detector of the attempt flags it.
 * - Query = probe + prompt. `prompt` is a string in garak < 0.11 and a
 *   Conversation `{turns: [{role, content: Message}], notes}` since; both are
 *   reduced to (role, text, attachment) turns before hashing, so a
 *   conversation's `notes` and a message's `lang` do not split a query.
 * - Behaviour: `options.behavior`, else the probe (`probe_classname`).
 */

// NaN (a bare token in Python JSON) is kept and treated like null: no judgement.
const ScoresSchema = z.record(z.string(), z.array(z.union([z.number(), z.nan(), z.null()])));

const AttemptSchema = z.object({
  uuid: z.string().optional(),
  probe_classname: z.string(),
  prompt: z.unknown(),
  /** Only counted (for the errored samples of an attempt without detector results); entries are not read. */
  outputs: z.array(z.unknown()).nullish().catch(undefined),
  detector_results: ScoresSchema,
});

type Attempt = z.output<typeof AttemptSchema>;

const HEAD = /^\{\s*"entry_type"\s*:\s*"(?:start_run setup|init|attempt|config|plugin_cache)"/;

const COMPLETE = 2;

export const garakReader: FormatReader = {
  id: 'garak',
  description: 'garak report.jsonl (attempt entries with status 2 and detector scores)',

  detect(head: Buffer, _name: string): boolean {
    const text = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return HEAD.test(text);
  },

  async read(file, options, sink): Promise<ReadSummary> {
    const threshold = options.scoreThreshold ?? 0.5;
    const detectorsSeen = new Set<string>();
    let started = 0;
    let complete = 0;
    let untyped = 0;
    const rows = await forEachJsonLine(file, (entry, where) => {
      if (!isRecord(entry)) throw new InputError(`${where}: expected a JSON object per line, got ${kindOf(entry)}`);
      if (typeof entry.entry_type !== 'string') {
        untyped++;
        return;
      }
      if (entry.entry_type !== 'attempt') return;
      if (entry.status !== COMPLETE) {
        started++;
        return;
      }
      complete++;
      const attempt = checkShape(AttemptSchema, entry, where, '', 'expected a garak attempt entry (Attempt.as_dict)');
      const behavior = options.behavior ?? attempt.probe_classname;
      for (const d of Object.keys(attempt.detector_results)) detectorsSeen.add(d);
      try {
        mapAttempt(attempt, behavior, options.scoreKey, threshold, sink);
      } catch (err) {
        throw new InputError(`${where}: ${messageOf(err)}`);
      }
    });
    if (complete === 0) {
      throw new InputError(
        `${file.name}: no usable rows: ${started} attempt entries but none with status 2 (scored); ` +
          'the run may have stopped before detection, or this is not a garak report',
      );
    }
    if (options.scoreKey !== undefined && !detectorsSeen.has(options.scoreKey)) {
      throw new InputError(
        `${file.name}: scoreKey '${clip(options.scoreKey)}' is not a detector in this report; ` +
          `detectors found: ${clipList([...detectorsSeen].sort()) || 'none'}`,
      );
    }
    if (started > complete) {
      sink.warn(`${file.name}: ${started - complete} attempts never reached status 2 (unscored); they are not counted`);
    }
    if (untyped > 0) sink.warn(`${file.name}: skipped ${untyped} lines without an entry_type`);
    return { rows };
  },
};

/** One finished attempt into the sink; plain Errors (the caller adds the line). */
function mapAttempt(attempt: Attempt, behavior: string, scoreKey: string | undefined, threshold: number, sink: ObservationSink): void {
  const queryId = `${attempt.probe_classname}/${shortHash(canonicalJson(promptTurns(attempt.prompt), 'prompt'))}`;
  const detected = Object.keys(attempt.detector_results);
  if (detected.length === 0) {
    // Finished but never judged: its outputs (one when they are not listed) count as errored.
    sink.errored(behavior, 'no-detector-results', queryId, Math.max(1, attempt.outputs?.length ?? 0));
    return;
  }
  const detectors = scoreKey === undefined ? detected : [scoreKey];
  const scores = detectors.map((d) => attempt.detector_results[d]);
  if (scores.some((s) => s === undefined)) {
    // Judged, only not by the chosen detector: a choice of the probe's setup, not a failure.
    sink.exclude(behavior, 'detector-missing');
    return;
  }
  const { hits, k, unscored } = countHits(
    scores.filter((s) => s !== undefined),
    threshold,
  );
  if (unscored > 0) sink.errored(behavior, 'no-score', queryId, unscored);
  if (k > 0) sink.sampled(behavior, queryId, hits, k, attempt.uuid);
  else if (unscored === 0) sink.errored(behavior, 'no-outputs', queryId);
}

/**
 * Per output index: the scores of the chosen detectors that are numbers. An
 * output is a hit when the highest of them reaches the threshold, and
 * unscored when none is a number. Arrays of unequal length are padded with
 * null (an output a detector did not score).
 */
function countHits(scores: (number | null)[][], threshold: number): { hits: number; k: number; unscored: number } {
  const outputs = Math.max(...scores.map((s) => s.length));
  let hits = 0;
  let k = 0;
  let unscored = 0;
  for (let i = 0; i < outputs; i++) {
    let best = -Infinity;
    for (const s of scores) {
      const v = s[i];
      if (typeof v === 'number' && Number.isFinite(v) && v > best) best = v;
    }
    if (best === -Infinity) unscored++;
    else {
      k++;
      if (best >= threshold) hits++;
    }
  }
  return { hits, k, unscored };
}

/** The prompt as `[role, text, attachment]` turns, for either garak prompt shape. */
function promptTurns(prompt: unknown): unknown {
  if (typeof prompt === 'string') return [['user', prompt, null]];
  if (!isRecord(prompt) || !Array.isArray(prompt.turns)) return prompt ?? null;
  return prompt.turns.map((turn: unknown) => {
    if (!isRecord(turn)) return turn;
    const content = turn.content;
    if (!isRecord(content)) return [turn.role ?? null, content ?? null, null];
    return [turn.role ?? null, content.text ?? null, content.data_checksum ?? content.data_path ?? null];
  });
}
