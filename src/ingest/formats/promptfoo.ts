import { canonicalJson, shortHash } from '../canonical.js';
import { clipList } from '../excerpt.js';
import type { FormatReader, ReadSummary } from '../format.js';
import { checkShape, forEachJsonLine, messageOf, readJsonFile } from '../json-file.js';
import type { ObservationSink } from '../../domain/observation.js';
import {
  exclusionReason,
  metaString,
  OutputFileSchema,
  providerIdOf,
  providerTemperatures,
  queryKeyParts,
  ResultRowSchema,
  type ResultRow,
} from './promptfoo-schema.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * promptfoo `eval -o results.json` (v3; legacy v2) and `-o results.jsonl`.
 *
 * Each row (`results.results[i]`, or a JSONL line) is one sample: k = 1, hit =
 * the behaviour. Mapping (defaults; `behavior` overrides the name):
 * - behaviour name: `options.behavior`, else the red-team plugin id
 *   (`metadata.pluginId`, e.g. `harmful:hate`), else `promptfoo`;
 * - hit = `!success`. For red-team rows `success: true` means the target
 *   resisted the attack, so a failed row is the harmful behaviour; for plain
 *   evals a failed row is "the output failed its assertions" — the behaviour
 *   an assertion suite guards against;
 * - exclusions: see `exclusionReason` (execution errors, ungraded rows,
 *   grader errors), counted per reason and by the error budget, with the
 *   query they belong to;
 * - query = provider + prompt + test vars + red-team strategy (see
 *   `queryKeyParts`), not `testIdx`: `--repeat N` runs each test N times,
 *   each time under a new testIdx (promptfoo's evaluator counts testIdx up
 *   per repeat), and those N i.i.d. rows are the k = N samples of one query.
 *   Tests that differ only in a field outside vars (an assertion, a
 *   description) share this key; `group-by: test-idx` adds testIdx to it
 *   for them, at the price of one sample per query under --repeat. Strategies
 *   (basic, jailbreak, crescendo …) share vars, prompt and provider and differ
 *   only in `metadata.strategyId`, so the strategy is part of the key;
 *   plugin rows without one are promptfoo's `basic` strategy.
 */

const PROMPTFOO_HINT = 'expected the layout of `promptfoo eval -o results.json`: {evalId, results: {version, results: [...]}, config}';

/** results.json: `JSON.stringify({evalId, results, …}, null, 2)`, so `evalId` is the first key; very old files start with `results`. */
const JSON_HEAD = /^\uFEFF?\s*\{\s*(?:"evalId"\s*:[^]*"results"\s*:|"results"\s*:\s*\{\s*"version"\s*:\s*[23]\b)/;

/**
 * A JSONL line is one EvaluateResult written key by key from
 * `EvalResult.toEvaluateResult()` (`cost`, `description`, `error`,
 * `gradingResult`, `id`, …, `namedScores`, …, `promptIdx`, …). The line may be
 * cut at the 64 KiB head, so two independent signs are accepted.
 */
function looksLikeJsonlRow(firstLine: string): boolean {
  if (!firstLine.startsWith('{')) return false;
  if (/^\{"cost":[^,]*,"(?:description|error|gradingResult|id|latencyMs)":/.test(firstLine)) return true;
  return firstLine.includes('"namedScores":') && /"(?:promptIdx|testIdx|success)":/.test(firstLine);
}

export const promptfooJsonReader: FormatReader = {
  id: 'promptfoo',
  description: 'promptfoo `eval -o results.json` (version 3, legacy version 2)',

  detect(head: Buffer, _name: string): boolean {
    return JSON_HEAD.test(head.toString('utf8'));
  },

  async read(file, options, sink): Promise<ReadSummary> {
    const doc = checkShape(OutputFileSchema, await readJsonFile(file), file.name, '', PROMPTFOO_HINT);
    const rows = doc.results.results;
    if (rows.length === 0) {
      throw new InputError(`${file.name}: no usable rows: results.results is empty (did the eval run any test?)`);
    }
    const mapper = new PromptfooMapper(file.name, options, sink, providerTemperatures(doc.config));
    rows.forEach((raw, i) => mapper.row(raw, file.name, `results.results[${i}]`));
    mapper.finish();
    return { rows: rows.length };
  },
};

export const promptfooJsonlReader: FormatReader = {
  id: 'promptfoo-jsonl',
  description: 'promptfoo `eval -o results.jsonl` (one EvaluateResult per line)',

  detect(head: Buffer, _name: string): boolean {
    const text = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    const nl = text.indexOf('\n');
    return looksLikeJsonlRow(nl === -1 ? text : text.slice(0, nl));
  },

  async read(file, options: MappingOptions, sink: ObservationSink): Promise<ReadSummary> {
    // JSONL carries no config block, so provider temperatures are unknown here.
    const mapper = new PromptfooMapper(file.name, options, sink, new Map());
    const rows = await forEachJsonLine(file, (value, where) => mapper.row(value, where, ''));
    if (rows === 0) throw new InputError(`${file.name}: no usable rows: the file has no result lines`);
    mapper.finish();
    return { rows };
  },
};

/** Per query: how many graded rows, and whether they all returned the same output. */
interface RepeatState {
  n: number;
  output: string;
  same: boolean;
  temperatureZero: boolean;
}

/**
 * Maps the rows of one file to the sink and collects what the user should
 * know about independence: cached responses, identical repeats at
 * temperature 0, attack-search strategies, single runs.
 */
class PromptfooMapper {
  private cached = 0;
  private graded = 0;
  private readonly searchStrategies = new Set<string>();
  /** Keyed by behaviour + query id; memory grows with queries, not rows. */
  private readonly repeats = new Map<string, RepeatState>();

  constructor(
    private readonly name: string,
    private readonly options: MappingOptions,
    private readonly sink: ObservationSink,
    private readonly temperatures: Map<string, number>,
  ) {}

  row(raw: unknown, where: string, base: string): void {
    const row = checkShape(ResultRowSchema, raw, where, base, 'expected a promptfoo EvaluateResult row');
    const pluginId = metaString(row.metadata, 'pluginId') ?? metaString(row.testCase?.metadata, 'pluginId');
    const behavior = this.options.behavior ?? pluginId ?? 'promptfoo';
    try {
      const strategy =
        metaString(row.metadata, 'strategyId') ??
        metaString(row.testCase?.metadata, 'strategyId') ??
        (pluginId === undefined ? undefined : 'basic');
      const queryId = queryIdOf(providerIdOf(row), strategy, this.keyOf(row, strategy, where));
      const reason = exclusionReason(row);
      if (reason !== undefined) {
        // Every exclusion here is a row nobody could judge (the call or the grader failed): the error budget counts it.
        this.sink.errored(behavior, reason, queryId);
        return;
      }
      // Providers that search for an attack per row (iterative, crescendo, GOAT …) record the prompt they ended on.
      if (strategy !== undefined && row.metadata?.redteamFinalPrompt !== undefined) this.searchStrategies.add(strategy);
      if (row.response?.cached === true) this.cached++;
      this.trackRepeat(`${behavior}\u0000${queryId}`, row);
      this.graded++;
      this.sink.sampled(behavior, queryId, row.success ? 0 : 1, 1, row.id ?? undefined);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${where}: ${base === '' ? '' : `${base}: `}${messageOf(err)}`);
    }
  }

  /** The query key: the content, plus `testIdx` when the user asked for one query per test index. */
  private keyOf(row: ResultRow, strategy: string | undefined, where: string): unknown[] {
    const parts = queryKeyParts(row, strategy);
    if (this.options.groupBy !== 'test-idx') return parts;
    if (row.testIdx === undefined) {
      throw new InputError(
        `${where}: group-by test-idx reads each row's testIdx, and this row has none (promptfoo v2 files lack it); ` +
          'remove group-by to group rows by provider, prompt and vars',
      );
    }
    return [...parts, row.testIdx];
  }

  private trackRepeat(key: string, row: ResultRow): void {
    const out = row.response?.output;
    const output = shortHash(typeof out === 'string' ? out : canonicalJson(out ?? null, 'response.output'));
    const t0 =
      row.prompt.config?.temperature === 0 || row.testCase?.options?.temperature === 0 || this.temperatures.get(providerIdOf(row)) === 0;
    const state = this.repeats.get(key);
    if (state === undefined) {
      this.repeats.set(key, { n: 1, output, same: true, temperatureZero: t0 });
      return;
    }
    state.n++;
    state.same &&= state.output === output;
    state.temperatureZero ||= t0;
  }

  /** Emits the file's independence warnings. */
  finish(): void {
    const name = this.name;
    if (this.cached > 0) {
      this.sink.warn(
        `${name}: ${this.cached} of ${this.graded} graded rows were served from promptfoo's cache (response.cached): ` +
          'a cached answer repeats an earlier sample, so those samples are not independent; run with --no-cache',
      );
    }
    let repeated = 0;
    let identical = 0;
    let identicalAtZero = 0;
    for (const s of this.repeats.values()) {
      if (s.n < 2) continue;
      repeated++;
      if (s.same) identical++;
      if (s.same && s.temperatureZero) identicalAtZero++;
    }
    if (identicalAtZero > 0) {
      this.sink.warn(
        `${name}: ${identicalAtZero} queries ran at temperature 0 and gave the same output on every repeat: ` +
          'repeats at temperature 0 are not independent samples (p̂ is 0 or 1); sample at temperature > 0',
      );
    } else if (repeated > 0 && identical === repeated) {
      this.sink.warn(
        `${name}: every repeated query gave the same output on all its repeats (temperature 0 or caching?): ` +
          'such repeats are not independent samples',
      );
    }
    if (repeated === 0 && this.repeats.size > 0) {
      this.sink.warn(
        `${name}: each query was run once, so its estimate p̂ is 0 or 1; use \`promptfoo eval --repeat N\` ` +
          'to sample each query several times',
      );
    }
    if (this.searchStrategies.size > 0) {
      this.sink.warn(
        `${name}: strategies ${clipList([...this.searchStrategies].sort())} search for an attack per row ` +
          '(metadata.redteamFinalPrompt): each row is the outcome of one attack search, not an independent ' +
          'sample of a fixed prompt; read their forecast as per-attack risk',
      );
    }
  }
}

/** Query id from the grouping key: a readable prefix and the hashed content. */
function queryIdOf(provider: string, strategy: string | undefined, key: unknown[]): string {
  const hash = shortHash(canonicalJson(key, 'the query key (provider, prompt, test vars, strategy)'));
  return strategy === undefined ? `${provider}/${hash}` : `${provider}/${strategy}/${hash}`;
}
