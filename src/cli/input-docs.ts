/**
 * Descriptions of the action inputs, exactly as in action.yml, so `tailgate
 * forecast --help` documents every flag with the text the workflow docs use.
 * action.yml is not bundled, hence the copy; __tests__/cli/help.test.ts fails
 * when the two differ. Generated: run `npm run docs` after changing action.yml.
 * Partial on purpose: an input added to readSettings before its text is
 * copied here still gets a help line (pointing at action.yml), and the build
 * does not break over documentation.
 */

export const INPUT_DESCRIPTIONS: Readonly<Partial<Record<string, string>>> = {
  results:
    'Result files to read: newline-separated globs, relative to the workspace (`!pattern` excludes), read with `format` and the mapping inputs. With artifact inputs, globs over the files inside the downloaded artifacts (default: all of them, unless the policy has `files`). Optional when the policy has a `files` section, whose groups are read beside these files into the same evaluation; a file matched twice is an error.',
  'artifact-name':
    'Artifacts to read, one name per line, from this run (make the job `needs:` the uploading jobs) or from `run-id`. Not with `artifact-pattern`.',
  'artifact-pattern':
    'Globs over artifact names (`*`, `?`), one per line, e.g. `eval-shard-*` for matrix shards; all matches are merged into one evaluation set.',
  'run-id': 'Read the artifacts from this workflow run instead of the current one. Needs `github-token` with `actions: read`.',
  repository: '`owner/name` of the repository of `run-id` (empty: this repository).',
  format: 'Input format: `auto` (detected per file) or one of native-jsonl, native-csv, inspect, promptfoo, lm-eval, harmbench, garak.',
  'deployment-volume': 'Deployment volume n: the number of deployment queries to forecast at. Accepts 1000000, 1e6, 1M, 250k.',
  'fail-worst-query-risk': 'Fail when the forecast worst-query risk (largest p among n queries) exceeds this probability, e.g. 0.01 or 1%.',
  'warn-worst-query-risk': 'Warn when the forecast worst-query risk exceeds this probability.',
  'fail-aggregate-risk': 'Fail when the forecast aggregate risk (P(at least one of n queries shows the behaviour)) exceeds this.',
  'warn-aggregate-risk': 'Warn when the forecast aggregate risk exceeds this.',
  'frequency-tau': 'τ for behaviour frequency: the share of deployment queries with p > τ.',
  'fail-frequency': 'Fail when the forecast share of deployment queries with p > τ exceeds this.',
  'warn-frequency': 'Warn when the forecast share of deployment queries with p > τ exceeds this.',
  'tail-size': 'Number t of top elicitation scores the Gumbel tail is fitted to (3 to 1000).',
  confidence:
    'Two-sided level of the intervals (0.9: the upper end is a 95% bound). The worst-query interval is a calibrated prediction interval for the worst of the n deployment queries.',
  bootstrap:
    'Bootstrap resamples (0 turns the bootstrap off; otherwise 100 to 100000). They give the aggregate-risk and frequency intervals, and widen the worst-query interval by the sampling noise of h/k.',
  seed: 'Seed of the bootstrap and backtest, so runs are reproducible.',
  'gate-on':
    'What a threshold is compared with: the `forecast`; the `upper` end of its interval (for worst-query risk, a calibrated bound on the worst deployment query); or the whole `interval`, which clears (upper end at or below), breaches (lower end above) or is inconclusive (straddles; see `on-inconclusive`).',
  mode: '`enforce` fails the step on a fail verdict; `advisory` reports without failing.',
  'on-insufficient-data':
    'When a behaviour has too few nonzero queries to forecast: `pass`, `warn` (verdict insufficient, step passes) or `fail`.',
  'on-inconclusive':
    'With `gate-on: interval`, when an interval straddles a threshold: `pass`, `warn` (verdict inconclusive, step passes) or `fail`. The report says what eval size or samples per query would decide it.',
  'max-error-share':
    'Error budget: the largest share of errored samples (errored ÷ (errored + judged), per behaviour) before its status is `errors`, e.g. 0.1 or 10%. `1` allows any share except every sample errored.',
  'on-error-budget':
    'Verdict of a behaviour over its error budget: `fail` (fails the step in `enforce` mode, not in `advisory`) or `warn`. Never `pass`.',
  policy:
    'YAML policy file with per-behaviour thresholds that override these inputs, and optionally a `files` section: groups of result files, each with its own `format` and mapping keys (over the mapping inputs), read into one evaluation.',
  behavior: 'Behaviour name for rows or formats that do not name one.',
  scorer: 'Inspect: which scorer to read; lm-eval: which per-sample metric (e.g. `exact_match`; default: the only one the rows carry).',
  'hit-values': 'Comma-separated score values that count as the behaviour (e.g. `I` or `yes`).',
  'score-threshold': 'Numeric scores at or above this count as the behaviour.',
  'score-key': 'For dict-valued scores: the key to read.',
  matcher: 'lm-eval sampled tasks: a regular expression a generation must match to count as a hit.',
  filter: 'lm-eval: which filter to read when a document has several.',
  'use-logprobs': "Inspect multiple-choice: take p from the option tokens' logprobs instead of scores.",
  'group-by':
    'How rows group into behaviours and queries, where a format offers a choice: garak `detector` (the default: one behaviour per detector) or `probe` (one per probe, an output is a hit when any detector flags it); lm-eval `filter` (one behaviour per filter instead of reading one); promptfoo `test-idx` (each testIdx its own query).',
  baseline:
    'Baseline to compare with: newline-separated globs of a tailgate JSON report, or of result files to forecast with the same settings. Relative to the workspace, or to the downloaded artifact when `baseline-artifact` is set (default there: every file in it).',
  'baseline-artifact':
    'Name of an artifact holding the baseline (a tailgate report or result files). Needs `baseline-run-id` or `baseline-workflow`, and `permissions: actions: read`.',
  'baseline-run-id': 'Run id whose `baseline-artifact` is the baseline.',
  'baseline-workflow':
    'Workflow file name (e.g. `eval.yml`) or id: the baseline is `baseline-artifact` of its latest successful run on `baseline-branch` (runs of this repository that are not pull-request runs).',
  'baseline-branch': 'Branch for `baseline-workflow` (default: the pull request base branch, else the default branch).',
  'baseline-required': 'End the run with an error when the baseline cannot be found, instead of a warning.',
  'baseline-mismatch':
    'What a baseline that measured something else does: `warn` (default), `fail`, or `ignore`. Compared per behaviour: the query ids, format, mapping, tail size and samples per query.',
  'baseline-max-age': 'Warn when the baseline is older than this many days (e.g. `30`). Empty: no limit.',
  adjust:
    'How the risk-increase gate accounts for many behaviours judged at once: `none` (default; each behaviour alone) or `holm` (Holm step-down, so the chance of any false alarm across the gated behaviours stays at (1 − confidence)/2).',
  'fail-risk-increase':
    'Fail when a worst-query risk rose more than this factor over the baseline. When both runs share at least half their query ids: the paired shift of the forecast is above 0 and the ratio of the forecasts is above the factor. Otherwise: the lower end of the current interval is above factor × the upper end of the baseline interval. `3x` or `3`.',
  'warn-risk-increase': 'Warn on a risk increase beyond this factor (same rule as `fail-risk-increase`).',
  history:
    'Keep a forecast history and use it on pull requests: `off` (default), `branch` (a JSON file on the data branch `history-branch`, appended through the GitHub API on pushes to the default branch; that job needs `permissions: contents: write`) or `file` (`history-path` in the workspace, e.g. restored from a cache). Pull requests show the trend and gate creep (`fail-creep` / `warn-creep` in the policy).',
  'history-branch': 'Data branch holding the history with `history: branch`; created from the default branch when missing.',
  'history-path': 'The history file: a path inside the data branch (`history: branch`) or in the workspace (`history: file`).',
  'history-size': 'Records the history keeps, the oldest dropped first (1 to 10000).',
  'history-window': 'K for the creep rule: the reference is the lowest forecast of the last K records (1 to 1000).',
  comment: 'Sticky PR comment: `auto` (on pull request events), `always`, `on-breach` or `off`.',
  'comment-key': 'Key of the sticky comment; defaults to workflow and job. Matrix legs should set their own.',
  'comment-timeout':
    'Seconds the PR comment step may take in all (1 to 600). Each GitHub API request tailgate sends gets min(15, comment-timeout / 4) seconds and is retried twice on a 5xx or a timeout; when the time is up the comment is skipped with a warning, and the verdict stands.',
  'report-path':
    'Where to write the JSON report: a path relative to the workspace (it must stay inside it), or an absolute path (e.g. under `runner.temp`). Checked before any work; written whole, last, and never through a link.',
  'markdown-path': 'Where to write the Markdown report (the job summary text); same rules as `report-path`, and a different file.',
  summary: 'Write the Markdown report to the job summary.',
};
