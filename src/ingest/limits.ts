/**
 * Bounds on every read of untrusted artifacts (security: zip bombs, runaway
 * lines, glob explosions, hostile nesting). Exceeding one is an InputError
 * naming the bound.
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
} as const;
