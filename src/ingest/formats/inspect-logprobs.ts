import { preview } from '../excerpt.js';
import type { MappingOptions } from '../../domain/mapping.js';
import { queryIdOf, type LogInfo, type SampleLogprobs, type TokenLogprob } from './inspect-schema.js';
import type { ObservationSink } from '../../domain/observation.js';
import { InputError } from '../../domain/errors.js';

/**
 * Multiple-choice probabilities from logprobs (`useLogprobs`): for each
 * (sample, epoch), p = P(the first generated token is one of the `hitValues`
 * options | it is an option letter), a softmax over the option tokens'
 * logprobs in `output.choices[0].logprobs.content[0]` (the token itself and
 * its `top_logprobs`, inspect_ai model/_model_output.py). Options are lettered
 * as Inspect's answer_character does (A…Z, then 1, 2, …). Token variants that
 * differ only by surrounding whitespace (`A`, ` A`) are the same option and
 * their probabilities add. Each epoch is one `sink.given`; the accumulator
 * averages the epochs of a sample.
 *
 * The first token must be the answer letter: Inspect's default multiple_choice
 * template starts with "ANSWER:", which gives no option probabilities (those
 * samples are excluded as `no-option-logprobs`).
 */
export async function ingestLogprobSamples(
  log: LogInfo,
  samples: AsyncIterable<SampleLogprobs> | Iterable<SampleLogprobs>,
  options: MappingOptions,
  sink: ObservationSink,
): Promise<number> {
  const hit = hitOptions(options.hitValues, log.where);
  const behavior = options.behavior ?? `${log.task}:logprobs`;
  const given: Array<[string, number]> = [];
  const errored: string[] = [];
  const excluded = new Map<string, number>();
  const exclude = (reason: string) => excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
  const upper = new Tally();
  const lower = new Tally();
  const neither = new Tally();
  let rows = 0;
  let hitOffered = false;
  for await (const sample of samples) {
    rows++;
    if (sample.error) {
      exclude('sample-error');
      errored.push(queryIdOf(log, String(sample.id)));
      continue;
    }
    const letters = (sample.choices ?? []).map((_, i) => answerCharacter(i));
    const first = sample.output?.choices?.[0]?.logprobs?.content[0];
    if (letters.length === 0) exclude('no-choices');
    else if (first === undefined) exclude('no-logprobs');
    else {
      hitOffered ||= letters.some((l) => hit.has(l));
      const r = optionProbability(first, letters, hit);
      if (r === undefined) exclude('no-option-logprobs');
      else {
        given.push([queryIdOf(log, String(sample.id)), r.p]);
        // An absent non-hit option belongs only in the denominator, so leaving it
        // out makes p too large (an upper bound); an absent hit option x turns
        // (H + x) / (H + O + x) into H / (H + O), which is smaller (a lower bound).
        if (r.missingHit.length === 0) upper.add(r.missingOther);
        else if (r.missingOther.length === 0) lower.add(r.missingHit);
        else neither.add([...r.missingHit, ...r.missingOther]);
      }
    }
  }
  if (rows > 0 && given.length === 0) {
    throw new InputError(
      `${log.where}: no sample gives option logprobs (${[...excluded].map(([r, n]) => `${r} ×${n}`).join(', ')}); ` +
        'run the eval with --logprobs --top-logprobs 20 and a prompt whose first output token is the answer letter',
    );
  }
  if (rows > 0 && !hitOffered) {
    throw new InputError(
      `${log.where}: hit-values ${preview(options.hitValues)} are not options of any sample; list option letters (A, B, …)`,
    );
  }
  for (const [queryId, p] of given) sink.given(behavior, queryId, p);
  for (const queryId of errored) sink.errored(behavior, 'sample-error', queryId);
  for (const [reason, count] of excluded) if (reason !== 'sample-error') sink.exclude(behavior, reason, count);
  const absent = `absent from top_logprobs (raise --top-logprobs to make p exact)`;
  if (upper.count > 0)
    sink.warn(`${log.where}: p is an upper bound for ${upper.count} sample(s) because options ${upper.list()} were ${absent}`);
  if (lower.count > 0)
    sink.warn(`${log.where}: p is a lower bound for ${lower.count} sample(s) because hit options ${lower.list()} were ${absent}`);
  if (neither.count > 0)
    sink.warn(
      `${log.where}: p is neither an upper nor a lower bound for ${neither.count} sample(s) because options ${neither.list()} were ${absent}`,
    );
  return rows;
}

/** p and the options that top_logprobs did not list; undefined when no option token is listed at all. */
export function optionProbability(
  first: TokenLogprob,
  letters: string[],
  hit: Set<string>,
): { p: number; missingHit: string[]; missingOther: string[] } | undefined {
  const found: Array<{ option: string; logprob: number }> = [];
  const tokens = new Set<string>();
  // The generated token normally repeats inside top_logprobs; count each token string once.
  for (const candidate of [first, ...(first.top_logprobs ?? [])]) {
    if (tokens.has(candidate.token)) continue;
    tokens.add(candidate.token);
    const option = candidate.token.trim();
    if (letters.includes(option)) found.push({ option, logprob: candidate.logprob });
  }
  // Softmax shifted by the largest logprob: exp(ℓ − max) neither overflows nor
  // underflows to 0/0, and ℓ − max is exact for nearby ℓ, so p keeps full
  // precision even at logprobs near −1000 (where log-space differences lose ~1e-13).
  const max = Math.max(-Infinity, ...found.map((f) => f.logprob));
  if (max === -Infinity) return undefined;
  let num = 0;
  let den = 0;
  for (const { option, logprob } of found) {
    const w = Math.exp(logprob - max);
    den += w;
    if (hit.has(option)) num += w;
  }
  const present = new Set(found.map((f) => f.option));
  const missing = letters.filter((l) => !present.has(l));
  return { p: num / den, missingHit: missing.filter((l) => hit.has(l)), missingOther: missing.filter((l) => !hit.has(l)) };
}

/** Inspect's answer_character (_util/answer.py): 0 → A … 25 → Z, then 26 → "1", 27 → "2" … */
export function answerCharacter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index - 25);
}

function hitOptions(hitValues: string[] | undefined, where: string): Set<string> {
  if (hitValues === undefined || hitValues.length === 0) {
    throw new InputError(`${where}: use-logprobs needs hit-values: the option letters (A, B, …) that count as the behaviour`);
  }
  const bad = hitValues.filter((v) => !/^(?:[A-Z]|[1-9]\d*)$/.test(v));
  if (bad.length > 0) {
    throw new InputError(`${where}: hit-values ${preview(bad)} are not option letters; with use-logprobs list letters such as A or C`);
  }
  return new Set(hitValues);
}

/** Counts samples and remembers which options were missing, for one warning. */
class Tally {
  count = 0;
  private readonly options = new Set<string>();
  add(options: string[]): void {
    if (options.length === 0) return;
    this.count++;
    options.forEach((o) => this.options.add(o));
  }
  list(): string {
    return [...this.options].sort().join(', ');
  }
}
