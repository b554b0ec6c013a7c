/**
 * The step's side of the runner protocol: inputs from `INPUT_*` variables,
 * outputs and the job summary appended to the files the runner names
 * (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`), log lines and annotations as
 * workflow commands on stdout. GitHub documents it in "Workflow commands for
 * GitHub Actions"; it is what @actions/core writes, line for line, and
 * __tests__/action/runner.test.ts holds the two side by side.
 *
 * Why not @actions/core itself: its entry module also loads its OIDC client,
 * and with it @actions/http-client and undici: 40% of the code the action
 * loads at start, and about 30 ms of it (docs/performance.md). tailgate never
 * asks for an OIDC token. The GitHub and artifact code, which do need an HTTP
 * stack, still load @actions/core when a run calls GitHub.
 *
 * Only src/action/log.ts and src/action/secrets.ts call the log functions,
 * so that every line passes safeLog first (ESLint enforces it).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';

/** Where an annotation points, as @actions/core names it. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** An action input, trimmed; '' when unset. Spaces in the name become `_`, as the runner writes them. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * A step output. In the outputs file each value sits between two lines of a
 * fresh random delimiter, so a value with line breaks cannot start another
 * output. Outside a runner (no `GITHUB_OUTPUT`) the older `set-output`
 * command is written to the log instead.
 */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT ?? '';
  if (file === '') {
    process.stdout.write(EOL);
    command('set-output', { name }, value);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`step output ${name}: the output or its value contains the delimiter ${delimiter}; re-run the step`);
  }
  if (!existsSync(file))
    throw new Error(
      `GITHUB_OUTPUT names a missing file (${file}), so the step outputs cannot be written; point it at an existing file, or unset it outside a runner`,
    );
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

/** Appends Markdown to the job summary; a no-op outside a runner (no `GITHUB_STEP_SUMMARY`). */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY ?? '';
  if (file === '') return;
  try {
    await appendFile(file, `${markdown}${EOL}`, { encoding: 'utf8' });
  } catch (err) {
    throw new Error(
      `cannot write the job summary to GITHUB_STEP_SUMMARY (${file}): ${(err as Error).message}; set summary: false, or point GITHUB_STEP_SUMMARY at a writable file`,
    );
  }
}

/** Masks a value in the rest of the job's log. */
export function setSecret(value: string): void {
  command('add-mask', {}, value);
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

/** Shown only when the run has step debug logging on. */
export function debug(message: string): void {
  command('debug', {}, message);
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  command('notice', annotationProperties(properties), message);
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  command('warning', annotationProperties(properties), message);
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  command('error', annotationProperties(properties), message);
}

/** Fails the step (exit code 1 when the process ends) with `message` as its error line. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** The runner's names for an annotation's properties; none at all when none is given. */
function annotationProperties(p: AnnotationProperties): Record<string, string | number | undefined> {
  if (Object.keys(p).length === 0) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}

/**
 * `::name key=value,key=value::message` on one line. The message escapes
 * `%`, CR and LF (the runner decodes them); a property value also escapes `:`
 * and `,`, which would end it. Empty and unset properties are left out (the
 * space after the name stays, as @actions/core writes it).
 */
function command(name: string, properties: Record<string, string | number | undefined>, message: string): void {
  const set = Object.entries(properties).filter((entry): entry is [string, string | number] => Boolean(entry[1]));
  const head =
    Object.keys(properties).length === 0
      ? name
      : `${name} ${set.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')}`;
  process.stdout.write(`::${head}::${escapeData(message)}${EOL}`);
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
