import { INPUT_DEFAULTS, INPUT_NAMES, type InputName } from '../config/inputs.js';
import { VERSION } from '../version.js';
import { BACKTEST_DEFAULTS, BACKTEST_INPUTS } from './backtest-options.js';
import { INPUT_DESCRIPTIONS } from './input-docs.js';

/**
 * `--help` text for each command. The action inputs are documented from
 * action.yml's own descriptions and readSettings' own defaults, so the CLI
 * and the workflow docs cannot drift apart.
 */

/** Inputs that only mean something on a runner: accepted and checked, no effect locally (or replaced by a CLI flag). */
const ACTION_ONLY: Partial<Record<InputName, string>> = {
  'report-path': 'In the CLI: the same as --json (nothing is written unless one of them is given).',
  'markdown-path': 'In the CLI: the same as --markdown (nothing is written unless one of them is given).',
  summary: 'Action only: accepted and checked, no effect in the CLI.',
  comment: 'Action only: accepted and checked, no effect in the CLI.',
  'comment-key': 'Action only: accepted and checked, no effect in the CLI.',
};

/** Inputs grouped as a reader looks for them; inputs in no group are listed under "Other inputs". */
const GROUPED: { title: string; names: InputName[] }[] = [
  { title: 'Forecast', names: ['deployment-volume', 'tail-size', 'confidence', 'bootstrap', 'seed', 'frequency-tau'] },
  {
    title: 'Gate',
    names: ['fail-worst-query-risk', 'warn-worst-query-risk', 'fail-aggregate-risk', 'warn-aggregate-risk', 'fail-frequency', 'warn-frequency', 'gate-on', 'mode', 'on-insufficient-data', 'policy'],
  },
  { title: 'Reading the files', names: ['results', 'format', 'behavior', 'scorer', 'hit-values', 'score-threshold', 'score-key', 'matcher', 'filter', 'use-logprobs'] },
  { title: 'Action outputs', names: ['report-path', 'markdown-path', 'summary', 'comment', 'comment-key'] },
];

/** Every input in INPUT_NAMES, once: the groups above, then any input they do not name. */
function groups(): { title: string; names: InputName[] }[] {
  const named = new Set(GROUPED.flatMap((g) => g.names));
  const other = INPUT_NAMES.filter((name) => !named.has(name));
  return other.length === 0 ? GROUPED : [...GROUPED, { title: 'Other inputs', names: other }];
}

/** An input's action.yml description, or a pointer to action.yml when it has not been copied yet. */
function describe(name: InputName): string {
  return INPUT_DESCRIPTIONS[name] ?? 'See the input of the same name in action.yml.';
}

export const MAIN_HELP = `tailgate ${VERSION}: forecast rare-behaviour risk from eval results (Jones et al. 2025, arXiv 2502.16797)

Usage:
  tailgate forecast <files or globs…> --deployment-volume N [options]
  tailgate backtest <files or globs…> [options]
  tailgate <command> --help
  tailgate --version

Commands:
  forecast   Forecast worst-query, aggregate and frequency risk at deployment volume N,
             gate on the thresholds, print a table; exit code 1 on a failing gate or an error.
  backtest   Check the method on your own eval: fit on m queries, forecast the worst of n others,
             over many random splits (the paper's §4 protocol), Gumbel tail beside the log-normal baseline.

Maintainers:
  bench-bootstrap [--queries M] [--resamples B] [--repeat R] [--data sampled|given]
             Time B bootstrap resamples with refits at m = M in process and print JSON
             (used by npm run bench; defaults 1000, 1000, 3, sampled).

Runs the same code as the GitHub Action, on local files; nothing is sent anywhere.
`;

export function forecastHelp(): string {
  const lines = [
    'Usage: tailgate forecast <files or globs…> --deployment-volume N [options]',
    '',
    'Reads the result files (any format the action reads; quote a glob to let tailgate expand it),',
    'forecasts each behaviour at N deployment queries, gates on the thresholds and prints a table.',
    'Every action input is an option, --<input-name> VALUE, checked exactly as in a workflow.',
    'Positional arguments are the `results` globs; a path that exists is taken literally.',
    '',
    'Exit code: 0 on pass or warn (and on fail in advisory mode); 1 on fail in enforce mode, on',
    'insufficient data with --on-insufficient-data fail, or on an error (message on stderr).',
    '',
    'Output:',
    option('--json PATH', 'Write the JSON report to PATH.'),
    option('--markdown PATH', 'Write the Markdown report (the job summary text) to PATH.'),
    option('-h, --help', 'Show this help.'),
  ];
  for (const group of groups()) {
    lines.push('', `${group.title}:`);
    for (const name of group.names) {
      const note = ACTION_ONLY[name];
      // An action-only input's default is the runner's (the CLI writes no report unless asked): the note replaces it.
      const def = note === undefined ? INPUT_DEFAULTS[name] : undefined;
      const text = `${describe(name)}${def === undefined ? '' : ` Default: ${def}.`}${note === undefined ? '' : ` ${note}`}`;
      lines.push(option(name === 'results' ? '--results GLOB' : `--${name} VALUE`, text));
    }
  }
  lines.push(
    '',
    'Examples:',
    '  tailgate forecast results.jsonl --deployment-volume 1M --fail-worst-query-risk 0.01',
    "  tailgate forecast 'logs/*.eval' --scorer refusal --hit-values I --deployment-volume 250k --json report.json",
    '',
  );
  return lines.join('\n');
}

export function backtestHelp(): string {
  const d = BACKTEST_DEFAULTS;
  return [
    'Usage: tailgate backtest <files or globs…> [options]',
    '',
    "Runs the paper's backtest (Jones et al. 2025, §4) on your own queries: for each (m, n), draw",
    'm + n distinct queries at random, fit on the m, forecast the worst-query risk of the other n,',
    'and compare with the largest p̂ among those n. A cell needs m + n queries of the behaviour;',
    'cells the data cannot fill are listed as such. Prints one row per behaviour and (m, n), for the',
    'Gumbel tail and the log-normal baseline side by side: the share of splits within 10× of the',
    'realised maximum, the share underestimated, and the median |log10(forecast / realised)|.',
    '',
    'Options:',
    option('--fit-sizes LIST', `Evaluation set sizes m, comma-separated, each at least the tail size. Default: ${d.fitSizes.join(',')}.`),
    option('--ratios LIST', `Deployment sizes as multiples of m (n = ratio × m), comma-separated, each > 1. Default: ${d.ratios.join(',')}.`),
    option('--splits N', `Random splits per (m, n), ${d.minSplits} to ${d.maxSplits}. Default: ${d.splits}.`),
    option('--seed N', `${describe('seed')} Default: ${INPUT_DEFAULTS.seed ?? ''}.`),
    option('--tail-size N', `${describe('tail-size')} Default: ${INPUT_DEFAULTS['tail-size'] ?? ''}.`),
    ...BACKTEST_INPUTS.map((name) => option(name === 'results' ? '--results GLOB' : `--${name} VALUE`, describe(name))),
    option('-h, --help', 'Show this help.'),
    '',
    'Example:',
    '  tailgate backtest big-eval.jsonl --fit-sizes 100,1000 --ratios 10,100 --splits 200',
    '',
  ].join('\n');
}

/** Every input documented by forecastHelp, in order (the help test checks none is missing or doubled). */
export function documentedInputs(): InputName[] {
  return groups().flatMap((g) => g.names);
}

const LABEL_WIDTH = 32;
const TEXT_WIDTH = 70;

/** One option: the label padded to a column, the text word-wrapped under it. */
function option(label: string, text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > TEXT_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l, i) => `  ${(i === 0 ? label : '').padEnd(LABEL_WIDTH)}${l}`).join('\n');
}
