import { readSettings } from '../../config/inputs.js';
import type { RedTeamResult } from '../../domain/red-team.js';
import { InputError } from '../../domain/errors.js';
import { ruleBook } from '../../config/rules.js';
import { forecastRedTeam } from '../../decisions/red-team/forecast-sources.js';
import { workspaceFiles } from '../../sources/workspace-files.js';
import { renderRedTeamText } from '../../report/decisions-text.js';
import { truncateText } from '../../report/escape.js';
import { assertFiniteNumbers } from '../../report/json.js';
import { redTeamMarkdown } from '../../report/sections/red-team.js';
import { VERSION } from '../../version.js';
import type { ParsedArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { createProgress, heartbeat } from '../progress.js';
import { checkOutputs, outputPath, writeOutput } from '../write-output.js';
import { policyFileReader } from '../../sources/policy-file.js';

/**
 * readSettings requires a deployment volume; the red-team choice forecasts
 * each source at the queries its budget buys instead, so any valid value
 * does when the flag is absent. Given, it is checked like any input.
 */
const UNUSED_VOLUME = '1';

const NO_SECTION = [
  'add a `red-team` section with a budget and at least two sources, e.g.',
  '  red-team:',
  '    budget: 100000',
  '    sources:',
  '      - {name: haiku, results: "redteam/haiku/*.jsonl", cost-per-query: 1}',
  '      - {name: sonnet, results: "redteam/sonnet/*.jsonl", cost-per-query: 10}',
  '(docs/recipes/red-team-choice.md in the tailgate repository)',
].join('\n');

/**
 * `tailgate compare --policy FILE`: the red-team choice of the action's
 * report section (paper §6), on local files. The sources' globs are relative
 * to the working directory, as they are to the workspace in the action.
 * Prints the ranking; exit code 0 (an error is the caller's 1).
 */
export async function runRedTeamCompare(args: ParsedArgs, io: CliIo): Promise<number> {
  const one = (name: string): string => args.values.get(name)?.[0] ?? '';
  if (one('policy').trim() === '') {
    throw new InputError(
      'tailgate compare: give --policy FILE, a policy with a `red-team` section (or --baseline BASE.json CURRENT.json to compare two reports); see tailgate compare --help.',
    );
  }
  const outputs = await checkOutputs(
    io.cwd,
    { path: outputPath(args.values, 'json', 'compare'), flag: 'json' },
    { path: outputPath(args.values, 'markdown', 'compare'), flag: 'markdown' },
  );
  const settings = readSettings((name) => (name === 'deployment-volume' && one(name) === '' ? UNUSED_VOLUME : one(name)), {
    policyText: policyFileReader(io.cwd, 'named'),
  });
  const policy = settings.policy?.redTeam;
  if (policy === undefined)
    throw new InputError(
      `tailgate compare: the policy ${settings.policyPath ?? one('policy')} has no \`red-team\` section; ${NO_SECTION}.`,
    );

  const stop = heartbeat(createProgress(io.stderr), `forecasting ${policy.sources.length} red-team sources`);
  let result: RedTeamResult;
  let warnings: string[];
  try {
    ({ result, warnings } = await forecastRedTeam(policy, settings, ruleBook(settings), workspaceFiles(io.cwd, 'named').resolve));
  } finally {
    stop();
  }
  const meta = {
    version: VERSION,
    tailSize: settings.tailSize,
    confidence: settings.confidence,
    bootstrap: settings.bootstrap,
    seed: settings.seed,
  };
  io.stdout.write(renderRedTeamText(result, { ...meta, volumeGiven: one('deployment-volume') !== '' }));
  // Reader warnings (temperature 0, cached responses) qualify the ranking: show them, cleaned like the rest.
  if (warnings.length > 0) io.stdout.write(`\nWarnings:\n${warnings.map((w) => `  - ${truncateText(w, 300)}`).join('\n')}\n`);
  if (outputs.json !== undefined) await writeOutput(outputs.json, redTeamJson(result, meta));
  if (outputs.markdown !== undefined) await writeOutput(outputs.markdown, redTeamMarkdown(result));
  return 0;
}

/**
 * The `--json` file: the ranking under `redTeam`, the same shape as the
 * action report's `redTeam` field, so one reader serves both; plus the tool
 * and the settings the numbers depend on.
 */
function redTeamJson(
  result: RedTeamResult,
  meta: { version: string; tailSize: number; confidence: number; bootstrap: number; seed: number },
): string {
  const { version, ...settings } = meta;
  const doc = { tool: { name: 'tailgate', version }, generatedAt: new Date().toISOString(), settings, redTeam: result };
  // JSON.stringify would write null for NaN or ∞, which a reader takes for "not computed".
  assertFiniteNumbers(doc, 'compare');
  return `${JSON.stringify(doc, null, 2)}\n`;
}
