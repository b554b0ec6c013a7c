/**
 * The downloaded artifacts' files as {@link LocatedFile}s for `ingestFiles`,
 * which reads them all into one accumulator: matrix shards merge into one
 * evaluation set, a query spread over shards adds up its samples, and rows
 * repeating a (behaviour, query, sample id) are counted as `duplicates`.
 */
import path from 'node:path';
import { InputError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import type { LocatedFile } from './file-source.js';
import { matchInside } from './globs.js';

/** What sources.ts needs of a download (download.ts's DownloadedArtifact fits). */
export interface ArtifactDirectory {
  name: string;
  directory: string;
}

/** One group's globs over the artifacts' files; empty `patterns` means every file. */
export interface ArtifactGroup {
  /** Names the group in messages: `results`, `policy files[0]`. */
  label: string;
  patterns: string[];
}

/**
 * The files of each group (the `results` input and the policy's `files`
 * groups), in the order of `groups`: every file of every artifact, or those
 * matching the group's `patterns` (`!pattern` excludes) relative to each
 * artifact's directory.
 *
 * - `name` is `artifact:<artifact-name>/<relative path>`, so messages point
 *   into the artifact; `path` is absolute. In the order of `downloaded` (the
 *   download sorts by name), then by path within each artifact.
 * - Every include pattern of every group must match in at least one artifact,
 *   and each artifact must contribute to at least one group: a shard that
 *   silently adds nothing would shrink the evaluation set unnoticed. A policy
 *   typically takes Inspect logs from one artifact and promptfoo results from
 *   another; an artifact no group reads is an error.
 * - Dot files are skipped unless a pattern names them, and every file must
 *   really lie inside its artifact's folder (the workspace rule of inside.ts,
 *   with that folder as the root), through the same crawl as globs.ts
 *   (matchInside). resolveGlobs is not reused because it requires every
 *   pattern to match in its one directory, and shards may legitimately differ
 *   (one holds `.eval` logs, another JSONL).
 * - A file matched by two groups is left in both: ingestGroups refuses it
 *   with both groups named. `maxFiles` bounds the files of all groups together.
 */
export async function artifactGroupFiles(
  downloaded: ArtifactDirectory[],
  groups: ArtifactGroup[],
  maxFiles: number = LIMITS.maxFiles,
): Promise<LocatedFile[][]> {
  const plans = groups.map((group) => plan(group));
  const out: LocatedFile[][] = groups.map(() => []);
  let total = 0;
  for (const artifact of downloaded) {
    const root = path.resolve(artifact.directory);
    let contributed = 0;
    for (const [i, p] of plans.entries()) {
      const found = new Map<string, LocatedFile>();
      for (const pattern of p.searches) {
        const crawl = {
          cwd: root,
          root,
          rootName: `the folder of artifact:${artifact.name}`,
          namePrefix: `artifact:${artifact.name}/`,
          subject: p.label,
        };
        const hits = await matchInside(pattern, p.exclusions, crawl);
        if (hits.length > 0) p.matched.add(pattern);
        for (const hit of hits) if (!found.has(hit.path)) found.set(hit.path, hit);
      }
      const files = [...found.values()];
      out[i]?.push(...files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
      contributed += files.length;
      total += files.length;
    }
    if (contributed === 0) throw emptyArtifact(artifact.name, plans);
    if (total > maxFiles) {
      throw new InputError(
        `the downloaded artifacts hold more than ${maxFiles} files to read (LIMITS.maxFiles); narrow the results globs or the artifact selection`,
      );
    }
  }
  for (const p of plans) {
    const unmatched = p.includes.filter((pattern) => !p.matched.has(pattern));
    if (unmatched.length > 0) {
      throw new InputError(
        `${p.label}: the glob${unmatched.length > 1 ? 's' : ''} ${unmatched.map((u) => `'${u}'`).join(', ')} matched no file in the ` +
          `downloaded artifacts (${downloaded.map((a) => a.name).join(', ')}); globs are relative to each artifact's root`,
      );
    }
  }
  return out;
}

interface Plan {
  label: string;
  includes: string[];
  exclusions: string[];
  /** The includes, or `**` (every file) when the group gives none. */
  searches: string[];
  /** Include patterns that matched in some artifact so far. */
  matched: Set<string>;
}

function plan(group: ArtifactGroup): Plan {
  const cleaned = group.patterns.map((p) => p.trim()).filter((p) => p !== '');
  const exclusions = cleaned.filter((p) => p.startsWith('!'));
  const includes = cleaned.filter((p) => !p.startsWith('!'));
  if (cleaned.length > 0 && includes.length === 0) {
    throw new InputError(`${group.label}: only !exclusions given; add a glob of the files to read inside the artifacts`);
  }
  return { label: group.label, includes, exclusions, searches: includes.length > 0 ? includes : ['**'], matched: new Set() };
}

function emptyArtifact(name: string, plans: Plan[]): InputError {
  const globs = (p: Plan) => [...p.includes, ...p.exclusions].map((g) => `'${g}'`).join(', ');
  let filter = '';
  if (plans.length === 1 && plans[0] !== undefined && plans[0].includes.length > 0) filter = ` matching ${globs(plans[0])}`;
  // Several groups: list each group's globs, so the user sees which selection missed the artifact.
  if (plans.length > 1)
    filter = ` matching any group's globs (${plans.map((p) => `${p.label}: ${p.includes.length > 0 ? globs(p) : 'every file'}`).join('; ')})`;
  return new InputError(
    `artifact:${name}: the artifact has no file${filter} to read (dot files are skipped); ` +
      'check that the uploading job wrote its results, or select only the artifacts that hold results',
  );
}
