import { INPUT_DEFAULTS, INPUT_NAMES, RUNNER_INPUTS, type InputName } from '../config/inputs.js';
import { MAPPING_KEYS } from '../config/mapping.js';
import { VERSION } from '../version.js';
import { BACKTEST_DEFAULTS, BACKTEST_INPUTS } from './backtest-options.js';
import { REDTEAM_INPUTS, REPORTS_INPUTS } from './compare/options.js';
import { INPUT_DESCRIPTIONS } from './input-docs.js';

/**
 * `--help` text for each command. The action inputs are documented from
 * action.yml's own descriptions and readSettings' own defaults, so the CLI
 * and the workflow docs cannot drift apart.
 */

/** The action inputs `tailgate forecast` offers as options: all but the token and the artifact inputs. */
export const CLI_INPUTS: readonly InputName[] = INPUT_NAMES.filter((name) => !RUNNER_INPUTS.includes(name));

/** Inputs that only mean something on a runner: accepted and checked, no effect locally (or replaced by a CLI flag). */
const ACTION_ONLY: Partial<Record<InputName, string>> = {
  'report-path': 'In the CLI: the same as --json (nothing is written unless one of them is given).',
  'markdown-path': 'In the CLI: the same as --markdown (nothing is written unless one of them is given).',
  summary: 'Action only: accepted and checked, no effect in the CLI.',
  comment: 'Action only: accepted and checked, no effect in the CLI.',
  'comment-key': 'Action only: accepted and checked, no effect in the CLI.',
  'comment-timeout': 'Action only: accepted and checked, no effect in the CLI.',
};

/** Inputs grouped as a reader looks for them; inputs in no group are listed under "Other inputs". */
const GROUPED: { title: string; names: InputName[] }[] = [
  { title: 'Forecast', names: ['deployment-volume', 'tail-size', 'confidence', 'bootstrap', 'seed', 'frequency-tau'] },
  {
    title: 'Gate',
    names: [
      'fail-worst-query-risk',
      'warn-worst-query-risk',
      'fail-aggregate-risk',
      'warn-aggregate-risk',
      'fail-frequency',
      'warn-frequency',
      'gate-on',
      'mode',
      'on-insufficient-data',
      'max-error-share',
      'on-error-budget',
      'policy',
    ],
  },
  {
    title: 'Reading the files',
    names: ['results', 'format', ...MAPPING_KEYS],
  },
  { title: 'Action outputs', names: ['report-path', 'markdown-path', 'summary', 'comment', 'comment-key', 'comment-timeout'] },
];

/** Every input in CLI_INPUTS, once: the groups above, then any input they do not name. */
function groups(): { title: string; names: InputName[] }[] {
  const named = new Set(GROUPED.flatMap((g) => g.names));
  const other = CLI_INPUTS.filter((name) => !named.has(name));
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
  tailgate compare --policy policy.yml [options]
  tailgate compare --baseline base.json current.json [options]
  tailgate history --file tailgate-history.json [--last N]
  tailgate <command> --help
  tailgate --version

Commands:
  forecast   Forecast worst-query, aggregate and frequency risk at deployment volume N,
             gate on the thresholds, print a table; exit code 1 on a failing gate or an error.
  backtest   Check the method on your own eval: fit on m queries, forecast the worst of n others,
             over many random splits (the paper's §4 protocol), Gumbel tail beside the log-normal baseline.
  compare    Red-team choice (the paper's §6): rank the policy's red-team sources by their forecast at
             the queries the budget buys. Or compare two tailgate JSON reports and gate on the risk increase.
  history    Print each behaviour's trend from a tailgate history file (the action's \`history\` input).

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
    'Every action input is an option, --<input-name> VALUE, checked exactly as in a workflow, except',
    `${RUNNER_INPUTS.join(', ')}: they need a runner (download artifacts`,
    'with `gh run download` and give their files as arguments).',
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
    option(
      '--ratios LIST',
      `Deployment sizes as multiples of m (n = ratio × m), comma-separated, each > 1. Default: ${d.ratios.join(',')}.`,
    ),
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

/** compare's wording, per mode, where an input means something narrower than in the action. */
const COMPARE_TEXT: Record<'red-team' | 'reports', Partial<Record<InputName, string>>> = {
  'red-team': {
    policy:
      'YAML policy file (required): its `red-team` section (budget; sources with cost-per-query and result globs, relative to the working directory) is what is compared.',
    'deployment-volume':
      'Accepted and checked so a forecast command line can be reused, but not used: each source is forecast at the queries its budget buys.',
  },
  reports: {
    baseline:
      "The baseline: a tailgate JSON report (the shipped model's, e.g. the report-path of an earlier run). The current report is the positional argument.",
    policy: 'YAML policy file: per-behaviour fail-risk-increase/warn-risk-increase over the inputs, as in the action.',
    mode: '`enforce`: exit code 1 when a fail-level risk increase fires; `advisory`: exit code 0 whatever the verdict.',
  },
};

export function compareHelp(): string {
  const entry =
    (mode: 'red-team' | 'reports') =>
    (name: InputName): string => {
      const own = COMPARE_TEXT[mode][name];
      const def = INPUT_DEFAULTS[name];
      const label = name === 'policy' || name === 'baseline' ? `--${name} FILE` : `--${name} VALUE`;
      return option(label, `${own ?? describe(name)}${def === undefined ? '' : ` Default: ${def}.`}`);
    };
  return [
    'Usage: tailgate compare --policy policy.yml [options]',
    '       tailgate compare --baseline base.json current.json [options]',
    '',
    "Red-team choice (Jones et al. 2025, §6), with --policy: for each source of the policy's `red-team`",
    'section, forecasts the worst-query risk at the queries the budget buys (floor(budget / cost per query)),',
    'with its bootstrap interval, ranks the sources, and says whether the intervals separate the best from',
    'the runner-up (the choice matters) or overlap (the data cannot tell them apart at this budget).',
    'Exit code 0; 1 on an error.',
    '',
    'Two reports, with --baseline: compares a current tailgate JSON report with a baseline report',
    '(e.g. a release candidate with the shipped model) without forecasting again: per behaviour, both',
    'worst-query forecasts, their ratio, whether the intervals overlap, and the risk-increase gate.',
    'Behaviours on one side only are listed. Exit code 1 when --fail-risk-increase fires in enforce mode,',
    'or on an error; otherwise 0.',
    '',
    'Output (both modes):',
    option(
      '--json PATH',
      'Write the comparison as JSON to PATH (the `redTeam` or `baseline` field of the action report, with the tool and settings).',
    ),
    option('--markdown PATH', 'Write the comparison as Markdown to PATH (the section of the PR comment).'),
    option('-h, --help', 'Show this help.'),
    '',
    'Red-team choice (--policy):',
    ...REDTEAM_INPUTS.map(entry('red-team')),
    '',
    'Two reports (--baseline):',
    ...REPORTS_INPUTS.map(entry('reports')),
    '',
    'Examples:',
    '  tailgate compare --policy examples/red-team/policy.yml',
    '  tailgate compare --baseline shipped/tailgate-report.json tailgate-report.json --fail-risk-increase 3x',
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
