/**
 * The workspace rule: a file tailgate reads must really lie inside the
 * directory it was named in (the workspace, an artifact's download folder,
 * or, for a CLI path that names a place outside the working directory, that
 * place), after every symbolic link on its way is resolved. docs/security.md
 * gives the threat and the choices.
 *
 * Real paths are compared with real paths: a root that is itself reached
 * through a link (a workspace under a linked /home, macOS's /tmp) is fine; a
 * link inside it that leads out is not.
 */
import { lstatSync, readlinkSync } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import type { PathScope } from '../domain/byte-source.js';

/** True when `file` is `root` or below it. Both absolute; compare real paths with real paths. */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The directory a pattern (or a literal path) is confined to, before links
 * are resolved; see {@link PathScope}.
 */
export function confinementRoot(pattern: string, cwd: string, scope: PathScope): string {
  const dir = path.resolve(cwd);
  if (scope === 'workspace') return dir;
  const { base, literal } = staticBase(pattern);
  const named = path.resolve(dir, base);
  if (isInside(dir, named)) return dir;
  return literal ? path.dirname(named) : named;
}

/** {@link confinementRoot} for a literal path (no glob syntax: `[` and `*` are file name characters here). */
export function pathRoot(file: string, cwd: string, scope: PathScope): string {
  const dir = path.resolve(cwd);
  const named = path.resolve(dir, file);
  return scope === 'workspace' || isInside(dir, named) ? dir : path.dirname(named);
}

/** How a message names the root of {@link confinementRoot}. */
export function rootName(root: string, cwd: string, scope: PathScope): string {
  if (path.resolve(root) === path.resolve(cwd)) return scope === 'workspace' ? 'the workspace' : 'the working directory';
  return `the directory ${root}`;
}

/**
 * The leading segments of a glob that hold no glob syntax, unescaped
 * (`run \[1\].jsonl` → `run [1].jsonl`), and whether that is the whole pattern.
 */
function staticBase(pattern: string): { base: string; literal: boolean } {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment.replace(/\\(.)/g, '$1'));
  }
  const base = fixed.join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base, literal: fixed.length === segments.length };
}

/**
 * The first symbolic link on the way from `base` down to `file` (both as
 * written, before resolving), as `relative/link -> target`; null when the way
 * has none or `file` is not below `base` at all. For messages only.
 */
export async function linkOnTheWay(base: string, file: string): Promise<string | null> {
  for (const step of steps(base, file)) {
    const stat = await lstat(step).catch(() => null);
    if (stat === null) return null;
    if (stat.isSymbolicLink()) return describeLink(base, step, await readlink(step).catch(() => '?'));
  }
  return null;
}

/** {@link linkOnTheWay} for synchronous callers (the policy file is read while the inputs are). */
export function linkOnTheWaySync(base: string, file: string): string | null {
  for (const step of steps(base, file)) {
    let isLink: boolean;
    try {
      isLink = lstatSync(step).isSymbolicLink();
    } catch {
      return null;
    }
    if (isLink) return describeLink(base, step, readlinkOr(step));
  }
  return null;
}

function readlinkOr(step: string): string {
  try {
    return readlinkSync(step);
  } catch {
    return '?';
  }
}

/** base/a, base/a/b, … down to file; empty when file is not below base. */
function steps(base: string, file: string): string[] {
  const rel = path.relative(path.resolve(base), path.resolve(file));
  if (rel === '' || !isInside(path.resolve(base), path.resolve(file))) return [];
  const out: string[] = [];
  let at = path.resolve(base);
  for (const segment of rel.split(path.sep)) {
    at = path.join(at, segment);
    out.push(at);
  }
  return out;
}

function describeLink(base: string, link: string, target: string): string {
  return `${path.relative(path.resolve(base), link).split(path.sep).join('/')} -> ${target}`;
}

/**
 * The InputError text for a file whose real path is outside its root.
 * `subject` says who named it (`results: the glob 'evals/*.jsonl' matched
 * evals/a.jsonl`); `link` is from {@link linkOnTheWay}.
 */
export function outsideMessage(subject: string, real: string, where: string, link: string | null): string {
  const how = link === null ? `, which is outside ${where}` : `, but the link ${link} takes it outside ${where}`;
  return (
    `${subject}${how} (real path ${real}); tailgate reads only files inside ${where}, so that a link cannot bring in ` +
    'files from elsewhere on the runner. Move or copy the files into it instead of linking to them.'
  );
}
