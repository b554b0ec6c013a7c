/**
 * How a format's rows map to a behaviour. Set by action inputs (`behavior`,
 * `scorer`, `hit-values`, `score-threshold`, `score-key`, `matcher`) or per
 * file by the policy. Each reader documents its defaults next to its code.
 */
export interface MappingOptions {
  /** Behaviour name override; readers otherwise use their format's default name. */
  behavior?: string;
  /** Inspect: which scorer; lm-eval: which metric. */
  scorer?: string;
  /** Score values that count as the behaviour (e.g. ['I'] or ['yes']). */
  hitValues?: string[];
  /** Numeric scores ≥ this count as the behaviour. */
  scoreThreshold?: number;
  /** Dict-valued scores: which key to read. */
  scoreKey?: string;
  /** lm-eval sampled tasks: a regular expression a generation must match to count as a hit. */
  matcher?: string;
  /** lm-eval: which filter's rows to read when a doc_id has several (one filter per doc_id). */
  filter?: string;
  /**
   * Inspect multiple-choice: take p from the option tokens' logprobs in
   * samples/*.json instead of from scores (`hitValues` then names the options
   * that count as the behaviour).
   */
  useLogprobs?: boolean;
  /**
   * Which grouping a format offers besides its default: garak `detector`
   * (default) or `probe`; lm-eval `filter` (one behaviour per filter);
   * promptfoo `test-idx` (each testIdx its own query).
   */
  groupBy?: GroupBy;
}

/** The values of `group-by`; each reader accepts the ones that apply to it. */
export const GROUP_BY_VALUES = ['detector', 'probe', 'filter', 'test-idx'] as const;
export type GroupBy = (typeof GROUP_BY_VALUES)[number];
