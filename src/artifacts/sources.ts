/**
 * The downloaded artifacts' files as {@link SourceFile}s for `ingestFiles`,
 * which reads them all into one accumulator: matrix shards merge into one
 * evaluation set, a query spread over shards adds up its samples, and rows
 * repeating a (behaviour, query, sample id) are counted as `duplicates`.
 */
import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from '../ingest/format.js';
import { LIMITS } from '../ingest/limits.js';
import type { SourceFile } from '../ingest/observation.js';

/** What sources.ts needs of a download (download.ts's DownloadedArtifact fits). */
export interface ArtifactDirectory {
  name: string;
  directory: string;
}

/**
 * Every file of every artifact, or those matching `patterns` (the `results`
 * globs, `!pattern` excludes) relative to each artifact's directory.
 *
 * - `name` is `artifact:<artifact-name>/<relative path>`, so messages point
 *   into the artifact; `path` is absolute. In the order of `downloaded`
 *   (download.ts sorts by name), then by path within each artifact.
 * - Each include pattern must match in at least one artifact, and each
 *   artifact must contribute at least one file: a shard that silently adds
 *   nothing would shrink the evaluation set unnoticed.
 * - Dot files are skipped unless a pattern names them, and links are not
 *   followed, as in src/ingest/resolve.ts. resolveGlobs itself is not reused
 *   because it requires every pattern to match in its one directory, and
 *   shards may legitimately differ (one holds `.eval` logs, another JSONL).
 */
export async function artifactSourceFiles(
  downloaded: ArtifactDirectory[],
  patterns?: string[],
  maxFiles: number = LIMITS.maxFiles,
): Promise<SourceFile[]> {
  const cleaned = (patterns ?? []).map((p) => p.trim()).filter((p) => p !== '');
  const exclusions = cleaned.filter((p) => p.startsWith('!'));
  const includes = cleaned.filter((p) => !p.startsWith('!'));
  if (cleaned.length > 0 && includes.length === 0) {
    throw new InputError('results: only !exclusions given; add a glob of the files to read inside the artifacts');
  }
  const searches = includes.length > 0 ? includes : ['**'];
  const matched = new Set<string>();
  const out: SourceFile[] = [];
  for (const artifact of downloaded) {
    const root = path.resolve(artifact.directory);
    const found = new Set<string>();
    for (const pattern of searches) {
      const hits = await glob([pattern, ...exclusions], { cwd: root, absolute: true, onlyFiles: true, followSymbolicLinks: false });
      if (hits.length > 0) matched.add(pattern);
      for (const hit of hits) found.add(path.resolve(hit));
    }
    if (found.size === 0) throw emptyArtifact(artifact.name, includes, exclusions);
    const files = [...found].map((abs) => ({
      path: abs,
      name: `artifact:${artifact.name}/${path.relative(root, abs).split(path.sep).join('/')}`,
    }));
    out.push(...files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    if (out.length > maxFiles) {
      throw new InputError(
        `the downloaded artifacts hold more than ${maxFiles} files to read (LIMITS.maxFiles); narrow the results globs or the artifact selection`,
      );
    }
  }
  const unmatched = includes.filter((p) => !matched.has(p));
  if (unmatched.length > 0) {
    throw new InputError(
      `results: the glob${unmatched.length > 1 ? 's' : ''} ${unmatched.map((p) => `'${p}'`).join(', ')} matched no file in the ` +
        `downloaded artifacts (${downloaded.map((a) => a.name).join(', ')}); globs are relative to each artifact's root`,
    );
  }
  return out;
}

function emptyArtifact(name: string, includes: string[], exclusions: string[]): InputError {
  const filter = includes.length > 0 ? ` matching ${[...includes, ...exclusions].map((p) => `'${p}'`).join(', ')}` : '';
  return new InputError(
    `artifact:${name}: the artifact has no file${filter} to read (dot files are skipped); ` +
      'check that the uploading job wrote its results, or select only the artifacts that hold results',
  );
}
