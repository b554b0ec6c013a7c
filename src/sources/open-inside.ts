/**
 * The one way a source file is opened: every reader of a user-named file
 * (result files of every format, baseline reports, the policy) goes through
 * here, so no reader can forget the workspace rule of inside.ts.
 *
 * Check, then open, then check what was opened (docs/security.md):
 * 1. realpath(file) must lie inside realpath(root);
 * 2. that real path is opened with O_NOFOLLOW (its last component cannot
 *    have become a link since) and O_NONBLOCK (a FIFO cannot hang the run);
 * 3. the opened descriptor must be a regular file, and its own path, as the
 *    kernel reports it in /proc/self/fd, must still be inside the root. Where
 *    there is no /proc (macOS, Windows), the path must still lead to the
 *    very file held open (same device and inode).
 * A directory swapped for a link between 1 and 2 is caught by 3.
 */
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { InputError } from '../domain/errors.js';
import { isInside, linkOnTheWay, linkOnTheWaySync, outsideMessage } from './inside.js';
import type { LocatedFile } from './file-source.js';

/** O_NOFOLLOW and O_NONBLOCK do not exist on Windows; there the later checks stand alone. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `file` for reading under the rules above. Containment and file-type
 * violations are InputErrors naming the file; an fs error (missing file,
 * no permission) is thrown as is, for the caller to word.
 */
export async function openInside(file: LocatedFile): Promise<FileHandle> {
  const real = await checkedRealPath(file);
  const handle = await open(real.path, READ_FLAGS);
  try {
    await verifyOpened(handle.fd, await handle.stat(), real, file);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Reads a small file whole, synchronously, under the same rules (the policy
 * is read while the inputs are, before anything async runs). A file over
 * `maxBytes` gets `tooBig(size)`.
 */
export function readInsideSync(file: LocatedFile, maxBytes: number, tooBig: (size: number) => Error): Buffer {
  const root = realpathSync(file.root);
  const real = realpathSync(file.path);
  if (!isInside(root, real)) {
    throw new InputError(outsideMessage(`${file.name}: the file`, real, file.rootName ?? root, linkOnTheWaySync(file.root, file.path)));
  }
  const fd = openSync(real, READ_FLAGS);
  try {
    const stats = fstatSync(fd);
    checkOpened(readlinkOr(fd), stats, { path: real, root }, file, () => statSync(real));
    if (stats.size > maxBytes) throw tooBig(stats.size);
    const buffer = Buffer.alloc(stats.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    // One byte more than fstat said: a file that grew meanwhile is caught, not cut.
    if (filled > maxBytes) throw tooBig(filled);
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** A checked real path and the real root it lies in. */
export interface RealPath {
  path: string;
  root: string;
}

async function checkedRealPath(file: LocatedFile): Promise<RealPath> {
  const root = await realpath(file.root);
  const real = await realpath(file.path);
  if (!isInside(root, real)) {
    throw new InputError(outsideMessage(`${file.name}: the file`, real, file.rootName ?? root, await linkOnTheWay(file.root, file.path)));
  }
  return { path: real, root };
}

/**
 * Step 3 on an open descriptor: it must hold a regular file that still lies
 * inside `real.root`. Exported for the tests, which hand it a descriptor a
 * race would have produced (a file outside, opened through a swapped link).
 */
export async function verifyOpened(fd: number, stats: Stats, real: RealPath, file: LocatedFile, proc = procPathOf): Promise<void> {
  const procPath = await proc(fd);
  const again = procPath === null ? await stat(real.path).catch(() => null) : null;
  checkOpened(procPath, stats, real, file, () => again);
}

/** The path the kernel gives an open descriptor (Linux), or null where there is no /proc. Tests pass their own. */
function procPathOf(fd: number): Promise<string | null> {
  return readlink(`/proc/self/fd/${fd}`).catch(() => null);
}

/**
 * `procPath`: the opened file's path per /proc, or null where there is none;
 * then `statAgain()` gives what the real path leads to now, to compare with
 * the descriptor's own identity.
 */
function checkOpened(procPath: string | null, stats: Stats, real: RealPath, file: LocatedFile, statAgain: () => Stats | null): void {
  if (stats.isDirectory()) throw new InputError(`${file.name}: is a directory, not a file; give a file (or a glob of files) instead`);
  if (!stats.isFile()) {
    throw new InputError(
      `${file.name}: not a regular file (a FIFO, socket or device); point the glob at the result files (tailgate reads regular files only)`,
    );
  }
  if (procPath !== null && procPath.startsWith('/')) {
    if (!isInside(real.root, procPath)) throw changed(file, procPath, real.root);
    return;
  }
  const now = statAgain();
  if (now === null || now.dev !== stats.dev || now.ino !== stats.ino) throw changed(file, real.path, real.root);
}

function readlinkOr(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

function changed(file: LocatedFile, opened: string, root: string): InputError {
  return new InputError(
    `${file.name}: the file changed while it was being opened and now lies outside ${root} (${opened}); ` +
      'something in the workspace is swapping files or links during the run. Make the steps before tailgate finish first.',
  );
}
