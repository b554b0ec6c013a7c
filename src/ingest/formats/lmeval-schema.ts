import { z } from 'zod';

/**
 * The raw shape of lm-evaluation-harness per-sample logs (`--log_samples`),
 * checked against lm_eval/evaluator.py (the logged `example` dict) and
 * lm_eval/loggers/evaluation_tracker.py `save_results_samples`:
 *
 * `{doc_id, doc, target, arguments, resps, filtered_resps, filter, metrics,
 *   doc_hash, prompt_hash, target_hash, <metric>: value, …}`
 *
 * History that shows up in real files:
 * - since 2024-05-31 one JSON object per line; `resps`/`filtered_resps` are
 *   stringified by `sanitize_list` ("strings everywhere": `["-1.25", "False"]`)
 *   and `arguments` is `{gen_args_0: {arg_0, arg_1}, …}`. The file was named
 *   `samples_<task>_<date>.json` until it became `.jsonl`, so a `.json` file
 *   may hold JSONL;
 * - 2024-05-03 to -05-31: `samples_<task>_<date>.json` is one indented JSON
 *   array of those dicts, with plain numbers and `arguments` as lists;
 * - before 2024-11-28 the `filter` and `metrics` keys are absent, and until
 *   `target` was passed through `str()` it may be an int or the gold text.
 */
export const SampleRowSchema = z.object({
  doc_id: z.union([z.number().int(), z.string()]),
  doc: z.unknown().optional(),
  target: z.unknown(),
  arguments: z.union([z.array(z.array(z.unknown())), z.record(z.string(), z.record(z.string(), z.unknown()))]).optional(),
  resps: z.array(z.unknown()),
  filtered_resps: z.array(z.unknown()),
  filter: z.string().optional(),
});

export type SampleRow = z.output<typeof SampleRowSchema>;

/**
 * `arguments` as one list of arguments per request, in request order. The
 * sanitised form `{gen_args_<i>: {arg_<j>: …}}` is ordered by the numbers in
 * the keys (not by key order, and not lexically: gen_args_10 follows gen_args_9).
 */
export function requestArgs(args: SampleRow['arguments']): unknown[][] | undefined {
  if (args === undefined) return undefined;
  if (Array.isArray(args)) return args;
  return byIndex(args, 'gen_args_').map((request) => byIndex(request, 'arg_'));
}

function byIndex<T>(record: Record<string, T>, prefix: string): T[] {
  return Object.entries(record)
    .filter(([k]) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)))
    .sort(([a], [b]) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map(([, v]) => v);
}

/**
 * Which request type produced the row:
 * - `loglikelihood` (multiple choice, or one scored continuation): each
 *   request is `(context, continuation)` with a string continuation;
 * - `generate_until` (sampled): `(context, gen_kwargs)` with a dict;
 * - `loglikelihood_rolling` (perplexity): `(text,)` alone.
 * Without `arguments`, `resps` tells: `[[[ll, is_greedy]], …]` versus `[[gen, …]]`.
 */
export type RequestKind = 'loglikelihood' | 'generate_until' | 'loglikelihood_rolling';

export function requestKind(args: unknown[][] | undefined, resps: unknown[]): RequestKind | undefined {
  if (args !== undefined && args.length > 0) {
    if (args.every((a) => a.length >= 2 && typeof a[1] === 'string')) return 'loglikelihood';
    if (args.every((a) => a.length >= 2 && typeof a[1] === 'object' && a[1] !== null)) return 'generate_until';
    if (args.every((a) => a.length === 1)) return 'loglikelihood_rolling';
    return undefined;
  }
  const first = resps[0];
  if (!Array.isArray(first)) return undefined;
  if (Array.isArray(first[0])) return 'loglikelihood';
  return resps.length === 1 && first.every((g) => typeof g === 'string') ? 'generate_until' : undefined;
}

/** Python `str(float)`: "-1.25", "1e-05", "-inf"; also plain JSON numbers (2024 arrays). */
const PY_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A log-likelihood from a logged value, or undefined when it is not one.
 * `-inf` (a continuation the model cannot produce) is accepted; `nan`, `inf`
 * and anything else are not: a log-probability is ≤ 0 or −∞.
 */
export function parseLogLikelihood(value: unknown): number | undefined {
  let x: number;
  if (value === -Infinity) return -Infinity; // a bare -Infinity in Python-written JSON
  if (typeof value === 'number') x = value;
  else if (typeof value === 'string') {
    const s = value.trim();
    if (s === '-inf' || s === '-Infinity') return -Infinity;
    if (!PY_FLOAT.test(s)) return undefined;
    x = Number(s);
  } else return undefined;
  return Number.isFinite(x) ? x : undefined;
}

/**
 * The task of `samples_<task>_<date>.jsonl`: the date is
 * `datetime.now().isoformat().replace(":", "-")`, e.g. `2024-06-01T12-30-45.123456`.
 * Task names may contain underscores, so only that suffix is cut.
 */
export function taskFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.jsonl?$/i, '');
  const task = base.replace(/^samples_/, '').replace(/_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?$/, '');
  return task === '' ? base : task;
}

/**
 * What each choice is called, for matching a text `target` or text
 * `hitValues`: first the continuation of each loglikelihood request
 * (`arg_1`, minus the target delimiter, usually a leading space), then
 * `doc.choices` when it is a list of strings of the right length (tasks whose
 * continuations are letters but whose target is the answer text).
 */
export class ChoiceNames {
  private readonly lists: (string | undefined)[][] = [];

  constructor(
    args: unknown[][] | undefined,
    doc: unknown,
    readonly count: number,
  ) {
    const continuations = Array.from({ length: count }, (_, i) => trimmed(args?.[i]?.[1]));
    this.lists.push(continuations);
    const docChoices = typeof doc === 'object' && doc !== null && 'choices' in doc ? doc.choices : undefined;
    if (Array.isArray(docChoices) && docChoices.length === count) this.lists.push(docChoices.map(trimmed));
  }

  /** Index of the first choice named `name` (continuations first), or -1. */
  indexOf(name: string): number {
    for (const list of this.lists) {
      const i = list.indexOf(name.trim());
      if (i !== -1) return i;
    }
    return -1;
  }

  /** Whether `name` names some choice other than `index`. */
  namesOther(name: string, index: number): boolean {
    return this.lists.some((list) => list.some((t, i) => i !== index && t === name.trim()));
  }
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Gold choices, and whether a numeric target also spells another choice's text. */
export interface Gold {
  choices: Set<number>;
  ambiguous: boolean;
}

/**
 * Resolves `target` to choice indices the way lm-eval scores it
 * (api/task.py `process_results`: an int is an index, a string is looked up
 * with `choices.index`, a list is several golds). Logged targets went through
 * `str()`, so an index arrives as "2" and a list as "[0, 2]": an all-digit
 * string within range is read as an index (lm-eval itself turns digit-only
 * templated targets into ints), anything else is matched against the choice
 * names. Undefined when nothing matches.
 */
export function resolveGold(target: unknown, names: ChoiceNames): Gold | undefined {
  const n = names.count;
  const inRange = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
  if (inRange(target)) return { choices: new Set([target]), ambiguous: false };
  if (Array.isArray(target)) {
    return target.length > 0 && target.every(inRange) ? { choices: new Set(target), ambiguous: false } : undefined;
  }
  if (typeof target !== 'string') return undefined;
  const s = target.trim();
  if (/^\d+$/.test(s) && Number(s) < n) {
    const index = Number(s);
    return { choices: new Set([index]), ambiguous: names.namesOther(s, index) };
  }
  if (/^\[\s*\d+(?:\s*,\s*\d+)*\s*\]$/.test(s)) {
    const list: unknown = JSON.parse(s);
    if (Array.isArray(list) && list.every(inRange)) return { choices: new Set(list), ambiguous: false };
  }
  const index = names.indexOf(s);
  return index === -1 ? undefined : { choices: new Set([index]), ambiguous: false };
}

/**
 * Choices named by `hitValues`: an all-digit value within range is an index,
 * any other value is matched against the choice names. Adds each value that
 * matched to `matched`, so the reader can flag values that never match.
 */
export function resolveHitValues(values: string[], names: ChoiceNames, matched: Set<string>): Set<number> {
  const hits = new Set<number>();
  for (const value of values) {
    const v = value.trim();
    const index = /^\d+$/.test(v) && Number(v) < names.count ? Number(v) : names.indexOf(v);
    if (index !== -1) {
      hits.add(index);
      matched.add(value);
    }
  }
  return hits;
}

/**
 * With the `acc_mutual_info` metric lm-eval appends one unconditional request
 * `("", continuation)` per choice after the real ones; only the first half
 * are the choices.
 */
export function conditionalCount(args: unknown[][] | undefined, n: number): number {
  if (args === undefined || n % 2 !== 0 || n === 0) return n;
  const m = n / 2;
  for (let i = 0; i < m; i++) {
    const cond = args[i];
    const uncond = args[m + i];
    if (cond?.[0] === '' || uncond?.[0] !== '' || uncond?.[1] !== cond?.[1]) return n;
  }
  return m;
}
