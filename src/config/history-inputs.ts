/**
 * The history inputs (docs/history.md): where the forecast history is kept,
 * how many records it holds, and how many of the last records the creep
 * rule's reference is the best of. Called by readSettings only.
 *
 * - `history: branch`: a JSON file (`history-path`) on the data branch
 *   `history-branch`, written through the contents API on pushes to the
 *   default branch and read on pull requests;
 * - `history: file`: `history-path` is a file in the workspace (or a cache
 *   restored into it), read and written there;
 * - `history: off` (default): nothing is read or written.
 */
import { InputError } from '../domain/errors.js';
import { parseEnum, parseInteger } from './parse.js';
import type { HistorySettings } from './settings.js';

export type HistoryInput = 'history' | 'history-branch' | 'history-path' | 'history-size' | 'history-window';

const STORES = ['off', 'branch', 'file'] as const;
/** Records kept: up to the 10,000 a history file may hold when read back. */
export const HISTORY_SIZE = { min: 1, max: 10_000 };
/** K: a reference older than 1,000 pushes says little about today. */
export const HISTORY_WINDOW = { min: 1, max: 1000 };
/** A branch name git and the contents API both take: no spaces, `..`, `~^:?*[\` or leading `-`/`/`. */
const BRANCH = /^(?!-|\/)(?!.*\.\.)(?!.*\/\/)(?!.*\.lock$)[A-Za-z0-9._/-]{1,200}(?<!\/)(?<!\.)$/;
/** A file path inside the data branch: relative segments of safe characters, no `.` or `..` segment. */
const DATA_PATH = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** `get` returns the trimmed input or its default. */
export function readHistoryInputs(get: (name: HistoryInput) => string): HistorySettings | null {
  const store = parseEnum('history', get('history'), STORES);
  const size = parseInteger('history-size', get('history-size'), HISTORY_SIZE.min, HISTORY_SIZE.max);
  const window = parseInteger('history-window', get('history-window'), HISTORY_WINDOW.min, HISTORY_WINDOW.max);
  if (store === 'off') return null;
  const branch = get('history-branch');
  const path = get('history-path');
  if (!BRANCH.test(branch)) {
    throw new InputError(
      `Input \`history-branch\`: got ${JSON.stringify(branch.slice(0, 100))}; use a branch name of letters, digits, \`.\`, \`_\`, \`-\` and \`/\`, e.g. tailgate-data.`,
    );
  }
  if (path === '' || (store === 'branch' && !DATA_PATH.test(path))) {
    throw new InputError(
      `Input \`history-path\`: got ${JSON.stringify(path.slice(0, 100))}; with \`history: branch\` use a relative path inside the data branch of letters, digits, \`.\`, \`_\`, \`-\` and \`/\`, e.g. tailgate-history.json.`,
    );
  }
  return { store, branch, path, size, window };
}
