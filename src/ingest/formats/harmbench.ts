import { z } from 'zod';
import { canonicalJson, shortHash } from '../canonical.js';
import { clip, clipList, preview } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { checkShape, isRecord, jsonPath, kindOf, messageOf, readJsonFile } from '../json-file.js';
import type { ObservationSink } from '../../domain/observation.js';
import type { ByteSource } from '../../domain/byte-source.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * HarmBench `evaluate_completions.py --save_path results.json`; its own
 * pipeline (scripts/step3) saves it as
 * `results/<method>/<experiment>/results/<model>.json`, beside the unlabelled
 * `completions/<model>.json` (refused with a message that says which step to run):
 * `json.dump({behavior_id: [{test_case, generation, label, advbench_label?}, …]}, indent=4)`.
 * `label` is the classifier's verdict: 1 = the generation is an instance of
 * the behaviour, 0 = it is not, −1 = the classifier answered neither yes nor
 * no (excluded, counted as `label-minus-one`). `test_case` is the attack
 * prompt (a string; a `[image, text]` pair for multimodal behaviours).
 *
 * Query = one test case (the prompt the model saw, grouped within its
 * behavior_id), behaviour = `options.behavior ?? 'harmbench'`. This is the
 * paper's reading: p(x) is the chance that a sampled output on a fixed prompt
 * x shows the harm, so several generations of one test case are k samples of
 * one query. HarmBench usually generates once, greedily, per test case; then
 * every p̂ is 0 or 1 and the reader says so. The per-behaviour view (each
 * behavior_id a query, its test cases the samples: HarmBench's own
 * per-behaviour ASR) is the `harmbench-behavior` format.
 *
 * `options.scoreKey` picks the label field (default `label`; `advbench_label`
 * is HarmBench's refusal-prefix metric, 1 = jailbroken).
 */

const RowSchema = z.object({
  test_case: z.union([z.string(), z.array(z.unknown())]),
  generation: z.string().nullish(),
});

/** evaluate_completions writes `{\n    "<behavior_id>": [\n        {\n            "test_case": …`. */
const HEAD = /^\uFEFF?\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\[\s*\{\s*"(?:test_case|generation)"\s*:/;

type QueryBy = 'test-case' | 'behavior-id';

function makeReader(id: string, description: string, queryBy: QueryBy, autodetect: boolean): FormatReader {
  return {
    id,
    description,
    detect: (head: Buffer) => autodetect && HEAD.test(head.toString('utf8')),
    read: (file, options, sink) => readHarmbench(file, options, sink, queryBy),
  };
}

export const harmbenchReader = makeReader(
  'harmbench',
  'HarmBench evaluate_completions results.json (each test case a query)',
  'test-case',
  true,
);

/** Same file, each behavior_id a query; chosen by name only (`format: harmbench-behavior`), never auto-detected. */
export const harmbenchBehaviorReader = makeReader(
  'harmbench-behavior',
  'HarmBench results.json, each behavior_id a query and its test cases the samples',
  'behavior-id',
  false,
);

async function readHarmbench(file: ByteSource, options: MappingOptions, sink: ObservationSink, queryBy: QueryBy): Promise<ReadSummary> {
  const doc = await readJsonFile(file);
  if (!isRecord(doc)) {
    throw new InputError(`${file.name}: expected an object mapping behavior_id to result arrays, got ${kindOf(doc)}`);
  }
  const behavior = options.behavior ?? 'harmbench';
  const labelKey = options.scoreKey ?? 'label';
  const skipped: string[] = [];
  const samplesPerQuery = new Map<string, number>();
  let rows = 0;
  for (const [behaviorId, list] of Object.entries(doc)) {
    if (!Array.isArray(list)) {
      skipped.push(behaviorId);
      continue;
    }
    list.forEach((raw, i) => {
      rows++;
      const path = jsonPath('', [behaviorId, i]);
      const row = checkShape(RowSchema, raw, file.name, path, 'expected {test_case, generation, label} as evaluate_completions.py writes');
      const label = isRecord(raw) ? raw[labelKey] : undefined;
      if (label === undefined && isRecord(raw) && !Object.keys(raw).some((k) => k.endsWith('label'))) throw unlabelled(file, path);
      if (label !== -1 && label !== 0 && label !== 1) {
        throw new InputError(
          `${file.name}: ${jsonPath(path, [labelKey])}: expected 1, 0 or -1, got ${preview(label)}` +
            (labelKey === 'label' ? '' : ` (scoreKey '${clip(labelKey)}')`),
        );
      }
      try {
        const queryId = queryBy === 'behavior-id' ? behaviorId : `${behaviorId}/${shortHash(canonicalJson(row.test_case, 'test_case'))}`;
        if (label === -1) {
          // The classifier failed to judge: an errored sample for the error budget.
          sink.errored(behavior, 'label-minus-one', queryId);
          return;
        }
        samplesPerQuery.set(queryId, (samplesPerQuery.get(queryId) ?? 0) + 1);
        sink.sampled(behavior, queryId, label, 1, String(i));
      } catch (err) {
        throw new InputError(`${file.name}: ${path}: ${messageOf(err)}`);
      }
    });
  }
  if (rows === 0) {
    throw new InputError(
      `${file.name}: no usable rows: no behavior_id maps to a non-empty array of {test_case, generation, label}` +
        (skipped.length > 0 ? ` (keys without an array: ${keyList(skipped)})` : ''),
    );
  }
  if (skipped.length > 0) {
    sink.warn(`${file.name}: skipped ${skipped.length} keys whose value is not an array: ${keyList(skipped)}`);
  }
  if (queryBy === 'test-case' && samplesPerQuery.size > 0 && [...samplesPerQuery.values()].every((k) => k === 1)) {
    sink.warn(
      `${file.name}: every test case has a single generation, so each query's p̂ is 0 or 1; generate several ` +
        'completions per test case at temperature > 0, or use format harmbench-behavior (each behavior_id a query)',
    );
  }
  return { rows };
}

/**
 * HarmBench's pipeline writes `completions/<model>.json` (generate_completions.py:
 * the same map, rows `{test_case, generation}`) before its classifier labels
 * them into `results/<model>.json`. Without labels there is no outcome to count.
 */
function unlabelled(file: ByteSource, path: string): InputError {
  return new InputError(
    `${file.name}: ${path}: no label: this is a HarmBench completions file (generate_completions.py writes ` +
      "{test_case, generation} without the classifier's verdict); run HarmBench's classifier first " +
      '(evaluate_completions.py) and read its results/<method>/<experiment>/results/<model>.json',
  );
}

function keyList(keys: string[]): string {
  return clipList(keys, 5);
}
