import { InputError } from '../domain/errors.js';
import { safeLog } from '../report/safe-log.js';
import { VERSION } from '../version.js';
import { runBacktest } from './backtest.js';
import { runBenchBootstrap } from './bench-bootstrap.js';
import { runCompare } from './compare/command.js';
import { runForecast } from './forecast.js';
import { historyHelp, runHistory } from './history.js';
import { backtestHelp, CLI_INPUTS, compareHelp, forecastHelp, MAIN_HELP } from './help.js';
import type { CliIo } from './io.js';

/**
 * The CLI's one failure sink: dispatches the command and turns anything it
 * throws into a message on stderr and exit code 1. Never exits the process
 * itself (the bin sets process.exitCode), so stdout is flushed first.
 * Everything written goes through safeLog: the CLI also runs in workflow
 * steps, whose output the runner reads for workflow commands.
 */
export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  const io = safeIo(rawIo);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case '--help':
      case '-h':
        io.stdout.write(MAIN_HELP);
        return 0;
      case 'help':
        io.stdout.write(COMMAND_HELP.get(rest[0] ?? '')?.() ?? MAIN_HELP);
        return 0;
      case '--version':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case 'forecast':
        return await runForecast(rest, io);
      case 'backtest':
        return await runBacktest(rest, io);
      case 'compare':
        return await runCompare(rest, io);
      case 'history':
        return runHistory(rest, io);
      case 'bench-bootstrap':
        return runBenchBootstrap(rest, io);
      case undefined:
        io.stderr.write(MAIN_HELP);
        return 1;
      default:
        throw new InputError(
          `tailgate: unknown command '${command}'; use 'tailgate forecast', 'tailgate backtest', 'tailgate compare' or 'tailgate history' (see tailgate --help).`,
        );
    }
  } catch (error) {
    io.stderr.write(`${errorText(error)}\n`);
    return 1;
  }
}

/**
 * `io` with every write passed through safeLog (report/safe-log.ts): file and
 * behaviour names in the terminal report, messages quoting file contents.
 * Each write is treated as starting a line, which is the safe assumption.
 */
function safeIo(io: CliIo): CliIo {
  const stderr = io.stderr;
  return {
    cwd: io.cwd,
    stdout: { write: (text: string) => io.stdout.write(safeLog(text)) },
    stderr: {
      get isTTY() {
        return stderr.isTTY;
      },
      get columns() {
        return stderr.columns;
      },
      write: (text: string) => stderr.write(safeLog(text)),
    },
  };
}

/** `tailgate help <command>`; any other word gets the main help (a Map: `help constructor` must not reach Object.prototype). */
const COMMAND_HELP: ReadonlyMap<string, () => string> = new Map([
  ['forecast', forecastHelp],
  ['backtest', backtestHelp],
  ['compare', compareHelp],
  ['history', historyHelp],
]);

/**
 * An InputError is the user's to fix: its message as is, with the action's
 * wording "Input `name`" turned into the flag the user typed. Anything else
 * is our bug: say so and give the stack. Thrown non-Errors are shown too:
 * an error must never pass as success.
 */
export function errorText(error: unknown): string {
  if (error instanceof InputError) return cliWording(error.message);
  if (error instanceof Error)
    return `tailgate failed: ${error.message}\n(this is a bug in tailgate; please report it with this trace)\n${error.stack ?? ''}`;
  return `tailgate failed: ${String(error)}`;
}

const INPUT_MENTION = /Input `([a-z-]+)`/g;
const KNOWN = new Set<string>([...CLI_INPUTS, 'fit-sizes', 'ratios', 'splits', 'queries', 'resamples', 'repeat', 'data']);

function cliWording(message: string): string {
  return message.replace(INPUT_MENTION, (whole, name: string) => (KNOWN.has(name) ? `Option --${name}` : whole));
}
