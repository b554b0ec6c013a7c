/**
 * Which groups of result files one run reads, each with its format and
 * mapping: the `results` input (the inputs' format and mapping) and the
 * groups of the policy's `files` section (their keys over the inputs). The
 * globs are resolved where the files are: sources/groups.ts in the
 * workspace, sources/artifact-files.ts in downloaded artifacts.
 */
import type { MappingOptions } from '../domain/mapping.js';
import { layerMapping } from './mapping.js';
import type { Settings } from './settings.js';

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
