/**
 * What a GitHub runner gives a step and reads back, for the tests that run
 * the built bundle: INPUT_* variables, the GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and the workflow commands (`::warning::…`) the
 * step prints. spawn.ts runs the step; these are the pieces around it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A workflow command the step printed (`::error title=…::message`), unescaped. */
export interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Writes `files` (relative path → text or bytes) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** Empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `dir`: @actions/core exits 1 when GITHUB_OUTPUT names a missing file. */
export function runnerFiles(dir: string): { outputFile: string; summaryFile: string } {
  const outputFile = join(dir, 'github_output');
  const summaryFile = join(dir, 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  return { outputFile, summaryFile };
}

/** Step inputs as a runner passes them: `INPUT_` + the name upper-cased, spaces as `_`, dashes kept (as getInput reads them). */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

/**
 * Parses a GITHUB_OUTPUT file. @actions/core writes each output as
 * `name<<DELIM` + EOL + value + EOL + `DELIM` + EOL (a fresh random DELIM per
 * output, so values may span lines); the older one-line `name=value` form is
 * accepted too. Anything else is an error rather than being skipped.
 */
export function parseGithubOutput(text: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const out: Record<string, string> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    i += 1;
    if (line === '' && i === lines.length) break; // the final EOL
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]);
      if (i === lines.length) throw new Error(`GITHUB_OUTPUT: output '${name}' has no closing delimiter ${delimiter}`);
      i += 1;
      out[name] = value.join('\n');
      continue;
    }
    const simple = /^([^=]+)=(.*)$/.exec(line);
    if (simple === null) throw new Error(`GITHUB_OUTPUT: cannot parse line ${i}: ${JSON.stringify(line)}`);
    out[simple[1]] = simple[2];
  }
  return out;
}

/**
 * `::command key=value,key=value::message` lines from a step's stdout, with
 * @actions/core's escapes undone (message: %25 %0D %0A; properties also %3A %2C).
 */
export function parseWorkflowCommands(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (m === null) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ command: m[1], properties, message: unescapeData(m[3]) });
  }
  return out;
}

/** One pass, so an escaped `%` followed by `0A` (`%250A`) comes back as the text `%0A`, not a newline. */
const UNESCAPE: Readonly<Record<string, string>> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

function unescapeData(s: string): string {
  return s.replace(/%(25|0D|0A)/g, (code) => UNESCAPE[code] ?? code);
}

function unescapeProperty(s: string): string {
  return s.replace(/%(25|0D|0A|3A|2C)/g, (code) => UNESCAPE[code] ?? code);
}
