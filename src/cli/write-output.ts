import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../ingest/format.js';

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

/** Writes `text` to `path` (relative to `cwd`), creating folders; a failure names the path. */
export async function writeOutput(cwd: string, path: string, text: string): Promise<void> {
  const file = resolve(cwd, path);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}; check the path and its permissions.`,
    );
  }
}
