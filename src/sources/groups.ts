/**
 * The groups of result files in the workspace: each group's globs
 * (config/groups.ts) resolved under the workspace rule. Shared by the action
 * (src/action/sources.ts, which also handles artifacts) and the CLI
 * (`tailgate forecast`).
 */
import { InputError } from '../domain/errors.js';
import type { PathScope, SourceGroup } from '../domain/byte-source.js';
import { RESULTS_LABEL, type GroupSpec } from '../config/groups.js';
import { LIMITS } from '../domain/limits.js';
import { fileSource } from './file-source.js';
import { resolveGlobs } from './globs.js';

/**
 * Resolves each group's globs in the workspace with the `results` rules
 * (every pattern must match, the workspace rule for links; see resolveGlobs;
 * `scope` is the CLI's `named` or the action's `workspace`). A policy group's glob error
 * is prefixed with the group's label, since resolveGlobs says `results:`
 * (which is also the group's key).
 */
export async function workspaceGroups(
  specs: GroupSpec[],
  workspace: string,
  maxFiles: number = LIMITS.maxFiles,
  scope: PathScope = 'workspace',
): Promise<SourceGroup[]> {
  const groups: SourceGroup[] = [];
  for (const spec of specs) {
    try {
      const files = (await resolveGlobs(spec.patterns, workspace, maxFiles, scope)).map(fileSource);
      groups.push({ label: spec.label, files, format: spec.format, mapping: spec.mapping });
    } catch (err) {
      if (err instanceof InputError && spec.label !== RESULTS_LABEL) throw new InputError(`${spec.label}: ${err.message}`);
      throw err;
    }
  }
  // Each group is held to the limit by resolveGlobs; all groups together are one evaluation and are held to it too.
  const total = groups.reduce((n, g) => n + g.files.length, 0);
  if (total > maxFiles) {
    throw new InputError(
      `the \`results\` input and the policy's \`files\` groups match ${total} files together, more than ${maxFiles} (the limit); narrow the globs or exclude files with !pattern`,
    );
  }
  return groups;
}
