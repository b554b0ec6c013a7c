import { canonicalJson, shortHash } from '../canonical.js';
import { clip, clipList } from '../excerpt.js';
import type { Attempt } from './garak.js';
import { isRecord, messageOf } from '../json-file.js';
import type { ObservationSink } from '../../domain/observation.js';
import { InputError } from '../../domain/errors.js';
import type { MappingOptions } from '../../domain/mapping.js';

/**
 * garak attempts into the sink, grouped by detector (default) or by probe:
 * see garak.ts for the two readings and why the user chooses.
 */

/** One file's attempts into the sink, by detector or by probe. */
export class Grouping {
  private readonly byProbe: boolean;
  private readonly threshold: number;
  private readonly detectorsSeen = new Set<string>();
  /** Per probe: the detectors it used, for attempts that came back without any. */
  private readonly probeDetectors = new Map<string, Set<string>>();
  /** Per probe: queries, counts of outputs no detector judged, and the first line, assigned in finish(). */
  private readonly unjudged = new Map<string, Map<string, { n: number; where: string }>>();

  constructor(
    private readonly name: string,
    private readonly options: MappingOptions,
    private readonly sink: ObservationSink,
  ) {
    this.byProbe = options.groupBy === 'probe';
    this.threshold = options.scoreThreshold ?? 0.5;
  }

  attempt(attempt: Attempt, where: string): void {
    const probe = attempt.probe_classname;
    const queryId = `${probe}/${shortHash(canonicalJson(promptTurns(attempt.prompt), 'prompt'))}`;
    const detected = Object.keys(attempt.detector_results);
    for (const d of detected) this.detectorsSeen.add(d);
    if (detected.length === 0) {
      // Finished but never judged: its outputs (one when they are not listed) count as errored.
      const n = Math.max(1, attempt.outputs?.length ?? 0);
      if (this.byProbe) this.sink.errored(this.options.behavior ?? probe, 'no-detector-results', queryId, n);
      else {
        const pending = this.unjudged.get(probe) ?? new Map<string, { n: number; where: string }>();
        const entry = pending.get(queryId);
        if (entry === undefined) pending.set(queryId, { n, where });
        else entry.n += n;
        this.unjudged.set(probe, pending);
      }
      return;
    }
    const detectors = this.options.scoreKey === undefined ? detected : [this.options.scoreKey];
    if (!this.byProbe) {
      const used = this.probeDetectors.get(probe) ?? new Set<string>();
      for (const d of detected) used.add(d);
      this.probeDetectors.set(probe, used);
    }
    if (this.byProbe) {
      this.emit(this.options.behavior ?? probe, queryId, detectors, attempt);
      return;
    }
    for (const d of detectors) this.emit(this.detectorBehavior(d), queryId, [d], attempt);
  }

  /** The behaviour of detector `d`; a `behavior` name fits one detector only. */
  private detectorBehavior(d: string): string {
    const named = this.options.behavior;
    if (named === undefined) return d;
    if (this.options.scoreKey === undefined && this.detectorsSeen.size > 1) {
      throw new InputError(
        `${this.name}: behavior '${clip(named)}' names one behaviour, but the attempts carry several detectors ` +
          `(${clipList([...this.detectorsSeen].sort())}) and each is its own behaviour (group-by detector); ` +
          'set score-key to one detector, or group-by to probe',
      );
    }
    return named;
  }

  private emit(behavior: string, queryId: string, detectors: string[], attempt: Attempt): void {
    const scores = detectors.map((d) => attempt.detector_results[d]);
    if (scores.some((s) => s === undefined)) {
      // Judged, only not by the chosen detector: a choice of the probe's setup, not a failure.
      this.sink.exclude(behavior, 'detector-missing');
      return;
    }
    const { hits, k, unscored } = countHits(
      scores.filter((s) => s !== undefined),
      this.threshold,
    );
    if (unscored > 0) this.sink.errored(behavior, 'no-score', queryId, unscored);
    if (k > 0) this.sink.sampled(behavior, queryId, hits, k, attempt.uuid);
    else if (unscored === 0) this.sink.errored(behavior, 'no-outputs', queryId);
  }

  finish(): void {
    const scoreKey = this.options.scoreKey;
    if (scoreKey !== undefined && !this.detectorsSeen.has(scoreKey)) {
      throw new InputError(
        `${this.name}: scoreKey '${clip(scoreKey)}' is not a detector in this report; ` +
          `detectors found: ${clipList([...this.detectorsSeen].sort()) || 'none'}`,
      );
    }
    for (const [probe, pending] of this.unjudged) {
      const used = scoreKey === undefined ? [...(this.probeDetectors.get(probe) ?? [])] : [scoreKey];
      const behaviors = used.length === 0 ? [this.options.behavior ?? probe] : used.map((d) => this.detectorBehavior(d));
      for (const behavior of behaviors) {
        for (const [queryId, { n, where }] of pending) {
          try {
            this.sink.errored(behavior, 'no-detector-results', queryId, n);
          } catch (err) {
            // A bound the sink enforces names the first line of the attempts it came from.
            throw err instanceof InputError ? err : new InputError(`${where}: ${messageOf(err)}`);
          }
        }
      }
    }
  }
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
