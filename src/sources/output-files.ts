/**
 * The files tailgate writes (the action's `report-path` and `markdown-path`,
 * the CLI's --json and --markdown): checked before any work, so a bad path is
 * an error naming its input instead of an EISDIR at the end, and written
 * whole or not at all. Shared by the action and the CLI; no @actions imports.
 *
 * Where they may go (docs/security.md): a relative path is relative to the
 * workspace and must stay inside it, also through links in its existing
 * folders; an absolute path names its place explicitly (`${{ runner.temp }}`)
 * and may point anywhere. The CLI (scope `named`) may name any place. The
 * file itself is never written through a link: it is written to a temporary
 * name beside it and renamed over the old one, which replaces a link instead
 * of following it, and leaves either the old file or the whole new one.
 */
import { constants, type Stats } from 'node:fs';
import { access, lstat, mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../domain/errors.js';
import { isInside, linkOnTheWay } from './inside.js';
import type { PathScope } from '../domain/byte-source.js';

/**
 * Checks one output path and returns it absolute. `label` names the input in
 * messages (``Input `report-path` ``, `--json`); `cwd` is the workspace.
 */
export async function checkOutputPath(value: string, label: string, cwd: string, scope: PathScope): Promise<string> {
  const dir = path.resolve(cwd);
  const target = path.resolve(dir, value);
  if (scope === 'workspace' && !path.isAbsolute(value) && !isInside(dir, target)) {
    throw new InputError(
      `${label}: ${value} leaves the workspace (${dir}); relative paths are relative to the workspace and stay inside it. ` +
        'Give an absolute path (e.g. ${{ runner.temp }}/tailgate-report.json) to write elsewhere.',
    );
  }
  const own = await lstat(target).catch(() => null);
  if (own !== null && own.isDirectory()) {
    throw new InputError(
      `${label}: ${target} is a directory; give a file name, e.g. ${path.join(value, path.basename(defaultName(label)))}.`,
    );
  }
  if (own !== null && own.isSymbolicLink()) {
    throw new InputError(
      `${label}: ${target} is a symbolic link; tailgate never writes through a link (it could point anywhere on the runner). ` +
        'Remove the link, or name another file.',
    );
  }
  if (own !== null && !own.isFile()) throw new InputError(`${label}: ${target} exists and is not a regular file; give another file.`);
  const parent = await nearestExisting(path.dirname(target));
  if (!parent.stats.isDirectory()) {
    throw new InputError(
      `${label}: ${parent.path} is a file, so ${target} cannot be created below it; give a path whose folders are folders.`,
    );
  }
  if (scope === 'workspace' && isInside(dir, target)) {
    const [realParent, realRoot] = await Promise.all([realpath(parent.path), realpath(dir)]);
    if (!isInside(realRoot, realParent)) {
      const link = await linkOnTheWay(dir, parent.path);
      throw new InputError(
        `${label}: ${value} is in the workspace, but ${link === null ? 'its folder' : `the link ${link}`} takes it outside ` +
          `(real path ${realParent}); give a path whose folders are inside the workspace, or an absolute path.`,
      );
    }
  }
  try {
    // Written as a new file in that folder, then renamed: the folder must be writable, whatever the old file's mode.
    await access(parent.path, constants.W_OK | constants.X_OK);
  } catch {
    throw new InputError(`${label}: cannot write in ${parent.path} (permission denied); give a file in a folder the job can write to.`);
  }
  return target;
}

/** Both action outputs checked, and not the same file (the Markdown would overwrite the JSON report). */
export async function checkReportPaths(
  paths: { reportPath: string; markdownPath: string },
  cwd: string,
): Promise<{ reportPath: string; markdownPath: string }> {
  const reportPath = await checkOutputPath(paths.reportPath, 'Input `report-path`', cwd, 'workspace');
  const markdownPath = await checkOutputPath(paths.markdownPath, 'Input `markdown-path`', cwd, 'workspace');
  if (reportPath === markdownPath) {
    throw new InputError(
      `Inputs \`report-path\` and \`markdown-path\` both name ${reportPath}; give them different files (defaults: tailgate-report.json, tailgate-report.md).`,
    );
  }
  return { reportPath, markdownPath };
}

/**
 * Writes `text` to `file` whole: to a new temporary file beside it, then
 * renamed over it. On failure the old file (if any) is untouched and the
 * temporary one removed. `label` names the input in the error.
 */
export async function writeFileWhole(file: string, text: string, label: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // wx: create, never follow or reuse what is there.
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(
      `${label}: cannot write ${file}: ${error instanceof Error ? error.message : String(error)}; check the path and its permissions.`,
    );
  }
}

/** The deepest existing folder (or file) on the way to `dir`. */
async function nearestExisting(dir: string): Promise<{ path: string; stats: Stats }> {
  for (let at = dir; ; at = path.dirname(at)) {
    const stats = await stat(at).catch(() => null);
    if (stats !== null) return { path: at, stats };
    if (path.dirname(at) === at) throw new InputError(`no folder of ${dir} exists; check the path`);
  }
}

function defaultName(label: string): string {
  return /markdown/.test(label) ? 'tailgate-report.md' : 'tailgate-report.json';
}
