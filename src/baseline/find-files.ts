/**
 * The default `findFiles` port: glob the baseline's files in a directory.
 *
 * Unlike ingest/resolve.ts, a pattern that matches nothing is reported back
 * rather than thrown, because for a baseline "nothing there" is a normal
 * outcome (the first run, an expired cache) that becomes a warning. The crawl
 * options are the same as there: files only, symbolic links neither followed
 * nor returned (a glob cannot leave the directory through a link), dot files
 * only when named, sorted by name, at most LIMITS.maxFiles.
 */
import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from '../ingest/format.js';
import { LIMITS } from '../ingest/limits.js';
import type { SourceFile } from '../ingest/observation.js';
import type { FoundFiles } from './ports.js';

export async function findFiles(patterns: string[], dir: string, label: string, maxFiles: number = LIMITS.maxFiles): Promise<FoundFiles> {
  const root = path.resolve(dir);
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '');
  const exclusions = cleaned.filter((p) => p.startsWith('!'));
  const includes = cleaned.filter((p) => !p.startsWith('!'));
  if (includes.length === 0) throw new InputError('baseline: no glob to search for (give at least one pattern that is not an !exclusion)');
  const byPath = new Map<string, SourceFile>();
  const unmatched: string[] = [];
  for (const pattern of includes) {
    const found = await glob([pattern, ...exclusions], { cwd: root, absolute: true, onlyFiles: true, followSymbolicLinks: false });
    if (found.length === 0) unmatched.push(pattern);
    for (const abs of found) {
      const file = path.resolve(abs);
      const name = `${label}${path.relative(root, file).split(path.sep).join('/')}`;
      if (!byPath.has(file)) byPath.set(file, { path: file, name });
    }
    if (byPath.size > maxFiles) {
      throw new InputError(
        `baseline: the globs matched more than ${maxFiles} files (the limit); narrow the patterns or exclude files with !pattern`,
      );
    }
  }
  const files = [...byPath.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, unmatched };
}
