/**
 * Bounds on every read of untrusted artifacts (security: zip bombs, runaway
 * lines, glob explosions, hostile nesting and names). Exceeding one is an
 * InputError naming the bound. docs/limits.md lists each with the
 * memory it implies.
 */
export const LIMITS = {
  /** Longest accepted line of a JSONL/CSV file. */
  maxLineBytes: 16 * 1024 * 1024,
  /** Largest JSON document read whole (results.json, an Inspect .json log); just under V8's ~512 MiB string limit. */
  maxJsonBytes: 500 * 1024 * 1024,
  /** Largest uncompressed zip entry. */
  maxEntryBytes: 256 * 1024 * 1024,
  /** Total uncompressed bytes read from one zip. */
  maxZipBytes: 2 * 1024 * 1024 * 1024,
  /** Entries in one zip. */
  maxZipEntries: 200_000,
  /** Files matched by all `results` globs together. */
  maxFiles: 10_000,
  /**
   * Deepest nesting of a JSON or YAML value that tailgate walks (a grouping
   * key such as promptfoo vars or a garak prompt, a policy file). Real values
   * nest a handful of levels; the bound turns a hostile `[[[[…` into a named
   * error instead of a stack overflow.
   */
  maxNestingDepth: 100,
  /**
   * Behaviours in one run. Each costs about 4 KB of JSON report and 1 KB of
   * job summary, so 1,000 fill the 1 MiB summary and keep the report near
   * 4 MB, well under the 100 MiB a baseline report may have.
   */
  maxBehaviors: 1_000,
  /** Longest behaviour name, in UTF-16 code units (what a JavaScript string's length counts). */
  maxBehaviorNameChars: 256,
  /** Longest query id, in UTF-16 code units. */
  maxQueryIdChars: 1_024,
} as const;
