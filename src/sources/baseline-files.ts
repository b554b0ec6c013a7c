/**
 * The default `findFiles` port: glob the baseline's files in a directory.
 *
 * Unlike ingest/resolve.ts, a pattern that matches nothing is reported back
 * rather than thrown, because for a baseline "nothing there" is a normal
 * outcome (the first run, an expired cache) that becomes a warning. The crawl
 * is the same as there (matchInside): files only, links resolved under the
 * workspace rule (a file must really lie inside `dir`, or inside the directory
 * a CLI path names; see ingest/inside.ts), dot files only when named, sorted
 * by name, at most LIMITS.maxFiles.
 */
import path from 'node:path';
import { InputError } from '../domain/errors.js';
import type { PathScope } from '../domain/byte-source.js';
import { LIMITS } from '../domain/limits.js';
import { fileSource, type LocatedFile } from './file-source.js';
import { crawlIn, matchInside } from './globs.js';
import type { FoundFiles } from '../domain/baseline.js';

/**
 * `label` prefixes each file's name (`artifact:<name>/` inside a downloaded
 * artifact, '' in the workspace); `scope` is the workspace rule's (the CLI's
 * baseline paths may name a place outside its working directory).
 */
export async function findFiles(
  patterns: string[],
  dir: string,
  label: string,
  scope: PathScope = 'workspace',
  maxFiles: number = LIMITS.maxFiles,
): Promise<FoundFiles> {
  const root = path.resolve(dir);
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '');
  const exclusions = cleaned.filter((p) => p.startsWith('!'));
  const includes = cleaned.filter((p) => !p.startsWith('!'));
  if (includes.length === 0) throw new InputError('baseline: no glob to search for (give at least one pattern that is not an !exclusion)');
  const byPath = new Map<string, LocatedFile>();
  const unmatched: string[] = [];
  for (const pattern of includes) {
    const found = await matchInside(
      pattern,
      exclusions,
      crawlIn(root, scope, pattern, 'baseline', label, label === '' ? undefined : `the folder of ${label.replace(/\/$/, '')}`),
    );
    if (found.length === 0) unmatched.push(pattern);
    for (const file of found) if (!byPath.has(file.path)) byPath.set(file.path, file);
    if (byPath.size > maxFiles) {
      throw new InputError(
        `baseline: the globs matched more than ${maxFiles} files (the limit); narrow the patterns or exclude files with !pattern`,
      );
    }
  }
  const files = [...byPath.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files: files.map(fileSource), unmatched };
}
