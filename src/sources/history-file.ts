/**
 * The history file in the workspace (`history: file`, docs/history.md), read
 * and written under the workspace rule (docs/security.md): it must really lie
 * inside the workspace, its read is bounded, and it is written whole (a
 * temporary file renamed over it), never through a link.
 */
import { dirname, resolve } from 'node:path';
import type { PathScope } from '../domain/byte-source.js';
import { InputError } from '../domain/errors.js';
import { MAX_HISTORY_BYTES } from '../decisions/history/record.js';
import { readInsideSync } from './open-inside.js';
import { checkOutputPath, writeFileWhole } from './output-files.js';

const LABEL = 'Input `history-path`';

/**
 * The file's text; null when it does not exist yet (the first push starts
 * it). `workspace` scope: it must really lie in the workspace; `named` (the
 * CLI): any path the user names, read inside its own folder.
 */
export function readHistoryFile(workspace: string, input: string, scope: PathScope = 'workspace'): string | null {
  const file = resolve(workspace, input);
  const root = scope === 'workspace' ? workspace : dirname(file);
  try {
    const tooBig = (size: number) =>
      new InputError(
        `History ${input}: ${size} bytes, more than the ${MAX_HISTORY_BYTES} read; lower \`history-size\` or start a new file.`,
      );
    return readInsideSync({ path: file, name: `history ${input}`, root }, MAX_HISTORY_BYTES, tooBig).toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (typeof err === 'object' && err !== null && Reflect.get(err, 'code') === 'ENOENT') return null;
    throw new InputError(
      `History ${input}: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}; check \`history-path\`.`,
    );
  }
}

/** Writes the file whole, after the same checks as the report files. */
export async function writeHistoryFile(workspace: string, input: string, text: string): Promise<void> {
  const file = await checkOutputPath(input, LABEL, workspace, 'workspace');
  await writeFileWhole(file, text, LABEL);
}
