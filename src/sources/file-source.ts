/**
 * A file found on disk as a {@link ByteSource}: opened under the workspace
 * rule (open-inside.ts) every time a reader opens it, so a file swapped for a
 * link after the globs ran is still caught.
 */
import { resolve } from 'node:path';
import type { ByteSource, OpenedBytes, PathScope } from '../domain/byte-source.js';
import { pathRoot } from './inside.js';
import { openInside } from './open-inside.js';

/** A file the globs found, with the directory it must stay in. */
export interface LocatedFile {
  /** Absolute path on disk (the real path, once the globs have resolved it). */
  path: string;
  /** How to name it in messages (workspace-relative when possible, or `artifact:<name>/<path>`). */
  name: string;
  /**
   * The directory the file must really lie in: the workspace, or the
   * artifact's download folder (see inside.ts). Checked again when the file
   * is opened.
   */
  root: string;
  /** How messages name `root` (`the workspace`); default its path. */
  rootName?: string;
}

export function fileSource(file: LocatedFile): ByteSource {
  return { name: file.name, key: file.path, open: () => openFile(file) };
}

async function openFile(file: LocatedFile): Promise<OpenedBytes> {
  const handle = await openInside(file);
  let size: number;
  try {
    ({ size } = await handle.stat());
  } catch (err) {
    await handle.close();
    throw err;
  }
  return {
    size,
    read: async (buffer, offset, length, position) => (await handle.read(buffer, offset, length, position)).bytesRead,
    // The stream owns the handle: destroying it closes the file.
    stream: (chunkBytes) => handle.createReadStream(chunkBytes === undefined ? {} : { highWaterMark: chunkBytes }),
    close: () => handle.close(),
  };
}

/**
 * A path a person named (a CLI argument): relative to `cwd`, and confined
 * like every named path (inside.ts, `scope`).
 */
export function pathSource(cwd: string, input: string, scope: PathScope): ByteSource {
  return fileSource({ path: resolve(cwd, input), name: input, root: pathRoot(input, cwd, scope) });
}
