import { InputError } from '../domain/errors.js';
import { checkOutputPath, writeFileWhole } from '../sources/output-files.js';

/**
 * The value of an output option (`--json`, `--markdown`), or undefined when
 * it is not given. An empty value is an error rather than "no file": the
 * user asked for a file and named none.
 */
export function outputPath(values: Map<string, string[]>, flag: string, command: string): string | undefined {
  const path = values.get(flag)?.[0];
  if (path !== undefined && path.trim() === '') throw new InputError(`tailgate ${command}: --${flag} needs a file path.`);
  return path;
}

/** An output file checked before any work: `path` absolute, `label` the option that named it. */
export interface OutputFile {
  path: string;
  label: string;
}

/**
 * The --json and --markdown files (either may be absent), checked as the
 * action checks its report paths (output-files.ts: not a directory, folders
 * that are folders, writable, not a link) and not the same file. Relative
 * paths are relative to `cwd`; the CLI may write anywhere the user names.
 */
export async function checkOutputs(
  cwd: string,
  json: { path: string | undefined; flag: string },
  markdown: { path: string | undefined; flag: string },
): Promise<{ json?: OutputFile; markdown?: OutputFile }> {
  const check = async (o: { path: string | undefined; flag: string }): Promise<OutputFile | undefined> =>
    o.path === undefined ? undefined : { path: await checkOutputPath(o.path, `--${o.flag}`, cwd, 'named'), label: `--${o.flag}` };
  const out = { json: await check(json), markdown: await check(markdown) };
  if (out.json !== undefined && out.markdown !== undefined && out.json.path === out.markdown.path) {
    throw new InputError(`${out.json.label} and ${out.markdown.label} both name ${out.json.path}; give them different files.`);
  }
  return out;
}

/** Writes `text` to a checked output file, whole or not at all; a failure names the option and the path. */
export async function writeOutput(file: OutputFile, text: string): Promise<void> {
  await writeFileWhole(file.path, text, file.label);
}
