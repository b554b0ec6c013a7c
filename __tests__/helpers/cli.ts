/**
 * The CLI in process: main(argv, io) exactly as the bin (src/cli.ts) calls
 * it, with a piped (non-terminal) stderr. Tests of flags, messages and
 * numbers use it; the simulated laws of the interval and the self-check are
 * then computed once per test file instead of once per spawned run. Tests of
 * the built bundle itself spawn it through helpers/spawn.ts.
 */
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from './spawn.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cliInProcess(args: string[], cwd: string = REPO_ROOT): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => ((stderr += text), true) },
  });
  return { code, stdout, stderr };
}
