/**
 * The history on the command line (docs/history.md):
 * - `tailgate history --file F [--last N]` prints each behaviour's trend
 *   from a history file (one downloaded from the data branch, or a
 *   `history: file` one);
 * - `tailgate forecast --history file --history-path F` reads it for the
 *   trend and the creep rule, as a pull-request run does. The CLI never
 *   appends: records come from pushes to the default branch.
 */
import { resolve } from 'node:path';
import type { HistorySettings } from '../config/settings.js';
import { parseHistory } from '../decisions/history/record.js';
import type { ReadHistory } from '../decisions/history/step.js';
import { trendOf } from '../decisions/history/trend.js';
import { InputError } from '../domain/errors.js';
import { formatInterval, formatOptionalProbability, formatVolume } from '../report/numbers.js';
import { readHistoryFile } from '../sources/history-file.js';
import { parseArgs, type OptionSpec } from './args.js';
import type { CliIo } from './io.js';

const OPTIONS: OptionSpec[] = [{ name: 'file' }, { name: 'last' }, { name: 'help', short: 'h', flag: true }];
const LAST = { default: 20, max: 1000 };

export function historyHelp(): string {
  return `Usage: tailgate history --file tailgate-history.json [--last N]

Prints each behaviour's trend from a tailgate history file: per record of the last N (default ${LAST.default})
the commit, the date, the worst-query forecast and its interval, grouped by deployment volume.
Get the file from the data branch with: git show origin/tailgate-data:tailgate-history.json > h.json
`;
}

export function runHistory(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, 'history', OPTIONS);
  if (args.flags.has('help')) {
    io.stdout.write(historyHelp());
    return 0;
  }
  const file = args.values.get('file')?.[0] ?? args.positionals[0];
  if (file === undefined) throw new InputError('tailgate history: give the history file: tailgate history --file tailgate-history.json.');
  const lastRaw = args.values.get('last')?.[0] ?? String(LAST.default);
  const last = Number(lastRaw);
  if (!Number.isInteger(last) || last < 1 || last > LAST.max) {
    throw new InputError(`tailgate history: --last ${JSON.stringify(lastRaw)}; use a whole number from 1 to ${LAST.max}.`);
  }
  const text = readHistoryFile(resolve(io.cwd), resolve(io.cwd, file), 'named');
  if (text === null) throw new InputError(`tailgate history: ${file} not found; check the path.`);
  const history = parseHistory(text, file);
  const lines: string[] = [];
  const volumes = [...new Set(history.records.map((r) => r.deploymentVolume))];
  for (const volume of volumes) {
    const names = [...new Set(history.records.filter((r) => r.deploymentVolume === volume).flatMap((r) => r.behaviors.map((b) => b.name)))];
    for (const name of names) {
      lines.push(`${name} at n = ${formatVolume(volume)}`);
      for (const p of trendOf(history, name, volume, last)) {
        lines.push(
          `  ${p.commit.slice(0, 7)}  ${p.date.slice(0, 10).padEnd(10)}  ${formatOptionalProbability(p.forecast).padStart(8)}  ${formatInterval(p.lower, p.upper)}`,
        );
      }
      lines.push('');
    }
  }
  io.stdout.write(lines.length === 0 ? `${file}: no records yet.\n` : `${lines.join('\n')}`);
  return 0;
}

/** For `tailgate forecast`: the history file as a pull-request run reads it; `history: branch` needs the GitHub API. */
export function cliHistory(history: HistorySettings | null | undefined, cwd: string): ReadHistory | undefined {
  if (history === null || history === undefined) return undefined;
  if (history.store === 'branch') {
    throw new InputError(
      'tailgate forecast: --history branch reads the data branch through the GitHub API, which needs a runner; download the file (git show origin/tailgate-data:tailgate-history.json > h.json) and use --history file --history-path h.json.',
    );
  }
  const text = readHistoryFile(resolve(cwd), resolve(cwd, history.path), 'named');
  const base = { source: history.path, window: history.window };
  if (text === null) return { ...base, file: null, note: `no history file ${history.path} yet` };
  return { ...base, file: parseHistory(text, history.path), note: null };
}
