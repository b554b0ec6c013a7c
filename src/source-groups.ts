/**
 * Which groups of result files one run reads, each with its format and
 * mapping: the `results` input (the inputs' format and mapping) and the
 * groups of the policy's `files` section (their keys over the inputs).
 * Shared by the action (src/action/sources.ts, which also handles artifacts)
 * and the CLI (`tailgate forecast`); no `@actions/*` here.
 */
import { layerMapping } from './config/mapping.js';
import type { Settings } from './config/settings.js';
import type { MappingOptions } from './domain/mapping.js';
import { InputError } from './domain/errors.js';
import type { PathScope } from './ingest/inside.js';
import type { SourceGroup } from './ingest/ingest.js';
import { LIMITS } from './ingest/limits.js';
import { resolveGlobs } from './ingest/resolve.js';

/** A group before its globs are resolved. */
export interface GroupSpec {
  /** `results` for the input, `policy files[i]` for the policy's i-th group (0-based, as in policy error messages). */
  label: string;
  /** Globs, `!pattern` excludes; empty only for the `results` group in artifact mode (every file). */
  patterns: string[];
  format: string;
  mapping: MappingOptions;
}

export const RESULTS_LABEL = 'results';

/**
 * The `results` group (when the input is set) first, then the policy's
 * groups in file order. A policy group's format defaults to the `format`
 * input and its mapping is the mapping inputs overridden key by key by the
 * group's keys (the inputs are the lowest layer). Empty when neither is set:
 * the caller decides whether that is an error (workspace) or means "every
 * file" (artifacts).
 */
export function groupSpecs(settings: Pick<Settings, 'results' | 'format' | 'mapping' | 'policy'>): GroupSpec[] {
  const specs: GroupSpec[] = [];
  if (settings.results.length > 0)
    specs.push({ label: RESULTS_LABEL, patterns: settings.results, format: settings.format, mapping: settings.mapping });
  for (const [i, group] of (settings.policy?.files ?? []).entries()) {
    specs.push({
      label: `policy files[${i}]`,
      patterns: group.results,
      format: group.format ?? settings.format,
      mapping: layerMapping(settings.mapping, group.mapping),
    });
  }
  return specs;
}

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
      const files = await resolveGlobs(spec.patterns, workspace, maxFiles, scope);
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
