import { parseArgs } from '../args.js';
import { COMPARE_OPTIONS, compareMode } from './options.js';
import { runRedTeamCompare } from './red-team.js';
import { runReportCompare } from './report-pair.js';
import { compareHelp } from '../help.js';
import type { CliIo } from '../io.js';

/**
 * `tailgate compare`, the two decisions beyond the forecast, on local files (docs/recipes/local-cli.md):
 * - `--policy FILE`: the red-team choice of the policy's `red-team` section;
 * - `--baseline BASE.json CURRENT.json`: two reports, gated on risk increase.
 * Parses once, picks the mode (compareMode refuses options of the other
 * one), and hands over. Resolves to the exit code.
 */
export async function runCompare(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, 'compare', COMPARE_OPTIONS);
  if (args.flags.has('help')) {
    io.stdout.write(compareHelp());
    return 0;
  }
  return compareMode(args) === 'reports' ? runReportCompare(args, io) : runRedTeamCompare(args, io);
}
