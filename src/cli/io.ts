import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertPathToPattern } from 'tinyglobby';
import type { ProgressStream } from './progress.js';

/** Where a command writes and which directory it runs in; process.* in the bin, fakes in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  cwd: string;
}

/**
 * The `results` value for the positional arguments plus any `--results`
 * values, one pattern per line. A positional that names an existing path is
 * escaped, so a file called `run[1].jsonl` or `a (copy).csv` is read as
 * named instead of being taken for a glob; anything else stays a glob (the
 * user quoted it so that tailgate expands it, `**` included).
 */
export function resultsValue(positionals: string[], flagged: string[], cwd: string): string {
  const literal = positionals.map((arg) => (existsSync(resolve(cwd, arg)) ? convertPathToPattern(arg) : arg));
  return [...literal, ...flagged].join('\n');
}
