import { readdir, type Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from '../domain/errors.js';
import { confinementRoot, isInside, linkOnTheWay, outsideMessage, rootName } from './inside.js';
import { LIMITS } from '../domain/limits.js';
import type { LocatedFile } from './file-source.js';
import type { PathScope } from '../domain/byte-source.js';

/**
 * Expands the `results` globs into the files to read.
 *
 * - Each pattern (blank entries ignored) must match at least one file after
 *   the `!pattern` exclusions are applied, so a typo fails loudly instead of
 *   silently gating on fewer files.
 * - Results are files only, de-duplicated by real path and sorted by name, so
 *   reports and forecasts do not depend on directory listing order.
 * - Links follow the workspace rule ({@link matchInside}): a file whose real
 *   path leaves the workspace is an InputError naming the glob and the link.
 * - More than `maxFiles` files (default LIMITS.maxFiles) is an InputError.
 *
 * `name` is the path relative to `cwd` with `/` separators; `path` is the real path.
 */
export async function resolveGlobs(
  patterns: string[],
  cwd: string,
  maxFiles: number = LIMITS.maxFiles,
  scope: PathScope = 'workspace',
): Promise<LocatedFile[]> {
  const root = path.resolve(cwd);
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '');
  const exclusions = cleaned.filter((p) => p.startsWith('!'));
  const includes = cleaned.filter((p) => !p.startsWith('!'));
  if (includes.length === 0) {
    throw new InputError('results: no glob to search for (give at least one pattern that is not an !exclusion)');
  }

  const byPath = new Map<string, LocatedFile>();
  for (const pattern of includes) {
    // One crawl per pattern, exclusions applied, so each pattern's own match count is known.
    const found = await matchInside(pattern, exclusions, crawlIn(root, scope, pattern, 'results'));
    if (found.length === 0) {
      const after = exclusions.length > 0 ? ` after the exclusions ${exclusions.map((e) => `'${e}'`).join(', ')}` : '';
      throw new InputError(
        `results: the glob '${pattern}' matched no files${after} (searched in ${root}); ` +
          'check the path, or that the step producing the results ran first',
      );
    }
    for (const file of found) if (!byPath.has(file.path)) byPath.set(file.path, file);
    if (byPath.size > maxFiles) throw tooMany(maxFiles);
  }
  return [...byPath.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Where one glob is crawled and confined, and who asks (for messages). */
export interface Crawl {
  /** Directory the pattern is relative to; names are relative to it. */
  cwd: string;
  /** The directory every match must really lie in (inside.ts), and how messages call it. */
  root: string;
  rootName: string;
  /** Put before each name: '' in the workspace, `artifact:<name>/` inside an artifact. */
  namePrefix: string;
  /** Who named the glob, for messages: `results`, `policy files[0]`, `baseline`. */
  subject: string;
}

/** The {@link Crawl} for a glob relative to `cwd` (`scope` decides the root, see PathScope; `where` names it when it is not the workspace). */
export function crawlIn(cwd: string, scope: PathScope, pattern: string, subject: string, namePrefix = '', where?: string): Crawl {
  const root = confinementRoot(pattern, cwd, scope);
  return { cwd: path.resolve(cwd), root, rootName: where ?? rootName(root, cwd, scope), namePrefix, subject };
}

/**
 * The regular files one include pattern matches (exclusions applied), each
 * with its real path, confined to `crawl.root`.
 *
 * The crawl never follows a link into a directory: tinyglobby roots it at
 * the pattern's static prefix and prunes what the pattern cannot match, and
 * a link met on the way is not descended, so `**` cannot wander off through
 * one. Links are shown to the matcher as files (LINKS_AS_FILES), so a glob
 * that matches a link says so: a link to a file inside the root is read as
 * that file; a matched file whose real path is outside the root (through a
 * file link, or a linked directory in the pattern's prefix, such as
 * `evals/*.jsonl` with `evals -> /elsewhere`), or a matched link to a
 * directory outside, is an InputError naming the glob and the link. Links to
 * directories inside, dangling links, FIFOs and sockets are skipped.
 */
export async function matchInside(pattern: string, exclusions: string[], crawl: Crawl): Promise<LocatedFile[]> {
  let realRoot: string;
  try {
    realRoot = await realpath(crawl.root);
  } catch {
    return []; // no such directory: nothing to match
  }
  const hits = await glob([pattern, ...exclusions], {
    cwd: crawl.cwd,
    absolute: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    fs: LINKS_AS_FILES,
  });
  const files: LocatedFile[] = [];
  for (const hit of hits) {
    const abs = path.resolve(hit);
    const real = await realpath(abs).catch(() => null);
    if (real === null) continue; // a dangling link: nothing to read
    const name = `${crawl.namePrefix}${path.relative(crawl.cwd, abs).split(path.sep).join('/')}`;
    if (!isInside(realRoot, real)) {
      const link = await linkOnTheWay(crawl.root, abs);
      throw new InputError(outsideMessage(`${crawl.subject}: the glob '${pattern}' matched ${name}`, real, crawl.rootName, link));
    }
    const stats = await stat(real).catch(() => null);
    if (stats !== null && stats.isFile()) files.push({ path: real, name, root: realRoot, rootName: crawl.rootName });
  }
  return files;
}

/**
 * fdir (tinyglobby's crawler) reads directories with
 * `readdir(path, { withFileTypes: true }, callback)` and, with links not
 * followed, drops link entries unseen. Presenting a link as a plain file
 * makes it matchable without ever descending into it; matchInside then
 * resolves it under the workspace rule.
 */
function readdirShowingLinks(
  dir: string,
  options: { withFileTypes: true },
  callback: (err: Error | null, entries: Dirent[]) => void,
): void {
  readdir(dir, options, (err, entries) => callback(err, (entries ?? []).map(linkAsFile)));
}

function linkAsFile(entry: Dirent): Dirent {
  if (!entry.isSymbolicLink()) return entry;
  return Object.create(entry, {
    isFile: { value: () => true },
    isDirectory: { value: () => false },
    isSymbolicLink: { value: () => false },
  }) as Dirent;
}

/** The crawler only calls the `withFileTypes` overload of readdir; the cast widens our one overload to fs.readdir's type. */
const LINKS_AS_FILES = { readdir: readdirShowingLinks as unknown as typeof readdir };

function tooMany(max: number): InputError {
  return new InputError(
    `results: the globs matched more than ${max} files (the limit); narrow the patterns or exclude files with !pattern`,
  );
}
