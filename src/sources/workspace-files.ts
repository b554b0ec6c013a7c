/**
 * The workspace's files for the pipeline (the WorkspaceFiles port): globs
 * under the `results` rules and the baseline's globs, both confined by the
 * workspace rule of inside.ts.
 */
import type { PathScope, WorkspaceFiles } from '../domain/byte-source.js';
import { LIMITS } from '../domain/limits.js';
import { findFiles } from './baseline-files.js';
import { fileSource } from './file-source.js';
import { resolveGlobs } from './globs.js';

/** `root`: the directory globs are relative to; `scope`: `workspace` for the action, `named` for the CLI. */
export function workspaceFiles(root: string, scope: PathScope = 'workspace'): WorkspaceFiles {
  return {
    root,
    scope,
    resolve: async (patterns) => (await resolveGlobs(patterns, root, LIMITS.maxFiles, scope)).map(fileSource),
    findFiles: (patterns, dir, label, findScope) => findFiles(patterns, dir, label, findScope),
  };
}
