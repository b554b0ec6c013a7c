import { z } from 'zod';
import type { FormatReader, ReadSummary } from '../format.js';
import { Grouping } from './garak-grouping.js';
import { checkShape, forEachJsonLine, isRecord, kindOf, messageOf } from '../json-file.js';
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
 * - An attempt can carry several detectors, with continuous scores (a
 *   toxicity model gives 5e-5 … 8e-4). Two readings are legitimate, and they
 *   give different query counts, so the user chooses (`group-by`):
 *   - `detector` (default): each detector is a behaviour; an output is a hit
 *     when that detector's score reaches the threshold. A detector that
 *     several probes use gathers their queries. Attempts with no detector
 *     results are errored samples of the detectors their probe used (of the
 *     probe's name when it used none).
 *   - `probe`: each probe is a behaviour; an output is a hit when any
 *     detector of the attempt flags it.
 *   `options.scoreKey` names one detector (e.g. `mitigation.MitigationBypass`)
 *   under either.
 * - Query = probe + prompt. `prompt` is a string in garak < 0.11 and a
 *   Conversation `{turns: [{role, content: Message}], notes}` since; both are
 *   reduced to (role, text, attachment) turns before hashing, so a
 *   conversation's `notes` and a message's `lang` do not split a query.
 * - Behaviour: `options.behavior`, else the detector or the probe
 *   (`probe_classname`). One name for several detectors would pool one
 *   output's judgements as if they were separate samples, so under `detector`
 *   it is an error unless `scoreKey` picks one.
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

export type Attempt = z.output<typeof AttemptSchema>;

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
    const grouping = new Grouping(file.name, options, sink);
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
      try {
        grouping.attempt(attempt, where);
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(`${where}: ${messageOf(err)}`);
      }
    });
    if (complete === 0) {
      throw new InputError(
        `${file.name}: no usable rows: ${started} attempt entries but none with status 2 (scored); ` +
          'the run may have stopped before detection, or this is not a garak report',
      );
    }
    grouping.finish();
    if (started > complete) {
      sink.warn(`${file.name}: ${started - complete} attempts never reached status 2 (unscored); they are not counted`);
    }
    if (untyped > 0) sink.warn(`${file.name}: skipped ${untyped} lines without an entry_type`);
    return { rows };
  },
};
