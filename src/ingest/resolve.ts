import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from './format.js';
import { LIMITS } from './limits.js';
import type { SourceFile } from './observation.js';

/**
 * Expands the `results` globs into the files to read.
 *
 * - Each pattern (blank entries ignored) must match at least one file after
 *   the `!pattern` exclusions are applied, so a typo fails loudly instead of
 *   silently gating on fewer files.
 * - Results are files only, de-duplicated and sorted by name, so reports and
 *   forecasts do not depend on directory listing order.
 * - tinyglobby roots each crawl at the pattern's static prefix and prunes
 *   directories the pattern cannot match, so `results/*.jsonl` never walks
 *   the rest of the workspace. Symbolic links are neither followed nor
 *   returned: a glob cannot leave the workspace through a link. Dot files
 *   match only when the pattern names the dot segment (tinyglobby's default).
 *   A pattern naming a directory matches the files below it.
 * - More than `maxFiles` files (default LIMITS.maxFiles) is an InputError.
 *
 * `name` is the path relative to `cwd` with `/` separators; `path` is absolute.
 */
export async function resolveGlobs(patterns: string[], cwd: string, maxFiles: number = LIMITS.maxFiles): Promise<SourceFile[]> {
  const root = path.resolve(cwd);
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '');
  const exclusions = cleaned.filter((p) => p.startsWith('!'));
  const includes = cleaned.filter((p) => !p.startsWith('!'));
  if (includes.length === 0) {
    throw new InputError('results: no glob to search for (give at least one pattern that is not an !exclusion)');
  }

  const byPath = new Map<string, SourceFile>();
  for (const pattern of includes) {
    // One crawl per pattern, exclusions applied, so each pattern's own match count is known.
    const found = await glob([pattern, ...exclusions], {
      cwd: root,
      absolute: true,
      onlyFiles: true,
      followSymbolicLinks: false,
    });
    if (found.length === 0) {
      const after = exclusions.length > 0 ? ` after the exclusions ${exclusions.map((e) => `'${e}'`).join(', ')}` : '';
      throw new InputError(
        `results: the glob '${pattern}' matched no files${after} (searched in ${root}); ` +
          'check the path, or that the step producing the results ran first',
      );
    }
    for (const abs of found) {
      const file = path.resolve(abs);
      if (!byPath.has(file)) byPath.set(file, { path: file, name: path.relative(root, file).split(path.sep).join('/') });
    }
    if (byPath.size > maxFiles) throw tooMany(maxFiles);
  }
  return [...byPath.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function tooMany(max: number): InputError {
  return new InputError(
    `results: the globs matched more than ${max} files (the limit); narrow the patterns or exclude files with !pattern`,
  );
}
