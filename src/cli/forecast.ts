import { RUNNER_INPUTS, readSettings } from '../config/inputs.js';
import { exitCodeFor } from '../gate/exit.js';
import { InputError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { runPipeline } from '../pipeline.js';
import { serializeReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTerminal } from '../report/terminal.js';
import { groupSpecs } from '../config/groups.js';
import { workspaceGroups } from '../sources/groups.js';
import { workspaceFiles } from '../sources/workspace-files.js';
import type { Report } from '../domain/report.js';
import { parseArgs, type OptionSpec } from './args.js';
import { CLI_INPUTS, forecastHelp } from './help.js';
import { resultsValue, type CliIo } from './io.js';
import { createProgress, heartbeat } from './progress.js';
import { checkOutputs, writeOutput } from './write-output.js';
import { policyFileReader } from '../sources/policy-file.js';
import { cliHistory } from './history.js';

/**
 * GitHub's job summary cap (1 MiB), kept for the Markdown file so that
 * `--markdown` writes what the action's `markdown-path` would. The constant
 * lives in src/action/sinks.ts, which imports @actions/core: not in the CLI.
 */
const MARKDOWN_MAX_BYTES = 1024 * 1024;

const OPTIONS: OptionSpec[] = [
  ...CLI_INPUTS.map((name) => ({ name, repeatable: name === 'results' })),
  // Parsed so that the error can say why they are not options here.
  ...RUNNER_INPUTS.map((name) => ({ name })),
  { name: 'json' },
  { name: 'markdown' },
  { name: 'help', short: 'h', flag: true },
];

/**
 * `tailgate forecast`: the action's pipeline on local files. Flags map onto
 * action inputs one to one and go through readSettings, so validation and
 * defaults are the action's own; positionals are the `results` globs, and
 * a `--policy` with a `files` section adds its groups (positionals are then
 * optional).
 * Prints the terminal table and resolves to the gate's exit code.
 */
export async function runForecast(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, 'forecast', OPTIONS);
  if (args.flags.has('help')) {
    io.stdout.write(forecastHelp());
    return 0;
  }
  const runnerOnly = RUNNER_INPUTS.find((name) => args.values.has(name));
  if (runnerOnly !== undefined) throw runnerInput(runnerOnly);
  const results = resultsValue(args.positionals, args.values.get('results') ?? [], io.cwd);
  const one = (name: string): string => args.values.get(name)?.[0] ?? '';
  // Without --policy nothing else can name files, so say so before any other input's error.
  if (results.trim() === '' && one('policy').trim() === '') throw noFiles();
  const settings = readSettings((name) => (name === 'results' ? results : one(name)), { policyText: policyFileReader(io.cwd, 'named') });
  // Positionals are the `results` group; a policy `files` section adds its groups (and makes positionals optional).
  const specs = groupSpecs(settings);
  if (specs.length === 0) throw noFiles();
  // --json/--markdown, or the action's names for the same files; nothing is written unless asked.
  const outputs = await checkOutputs(io.cwd, pick(args.values, 'json', 'report-path'), pick(args.values, 'markdown', 'markdown-path'));

  const groups = await workspaceGroups(specs, io.cwd, LIMITS.maxFiles, 'named');
  const files = groups.flatMap((g) => g.files);
  const stop = heartbeat(
    createProgress(io.stderr),
    `reading and forecasting ${files.length === 1 ? files[0].name : `${files.length} files`}`,
  );
  // Before the forecasts: a history the CLI cannot read ends the run without the wait.
  const history = cliHistory(settings.history, io.cwd);
  let report: Report;
  try {
    // files: baseline paths and red-team sources resolve against the directory the CLI runs in.
    report = await runPipeline(settings, groups, {
      now: new Date(),
      context: null,
      files: workspaceFiles(io.cwd, 'named'),
      history,
    });
  } finally {
    stop();
  }
  io.stdout.write(renderTerminal(report));
  if (outputs.json !== undefined) await writeOutput(outputs.json, serializeReport(report));
  if (outputs.markdown !== undefined) {
    const markdown = renderMarkdown(report, { maxChars: MARKDOWN_MAX_BYTES, maxBytes: MARKDOWN_MAX_BYTES, kind: 'summary' }).body;
    await writeOutput(outputs.markdown, markdown);
  }
  return exitCodeFor(report.verdict, settings);
}

function runnerInput(name: string): InputError {
  return new InputError(
    `tailgate forecast: --${name} is an action input that needs a GitHub runner (the token, or artifacts of a workflow run); ` +
      'the CLI reads local files: download the artifacts first (gh run download) and give their files as arguments.',
  );
}

function noFiles(): InputError {
  return new InputError(
    'tailgate forecast: give the result files (or quoted globs) to read as arguments, or a --policy with a `files` section; see tailgate forecast --help.',
  );
}

/** The CLI flag or the action input naming the same file (and which was used); both given with different paths is an error. */
function pick(values: Map<string, string[]>, flag: string, input: string): { path: string | undefined; flag: string } {
  const a = values.get(flag)?.[0];
  const b = values.get(input)?.[0];
  if (a !== undefined && b !== undefined && a !== b) {
    throw new InputError(`tailgate forecast: --${flag} ${a} and --${input} ${b} name the same output; give one of them.`);
  }
  const path = a ?? b;
  const used = a !== undefined ? flag : input;
  if (path !== undefined && path.trim() === '') throw new InputError(`tailgate forecast: --${used} needs a file path.`);
  return { path, flag: used };
}
