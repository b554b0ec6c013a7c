/**
 * Bytes to read, as the format readers receive them (docs/design.md,
 * "sources/"). A reader never opens a file: sources/ hands it a source whose
 * `open()` holds the file rules (the workspace rule, no FIFOs), and the tests
 * hand it bytes in memory.
 */
import type { Readable } from 'node:stream';
import type { BaselinePorts } from './baseline.js';
import type { MappingOptions } from './mapping.js';

export interface ByteSource {
  /** How messages name it: the workspace-relative path, or `artifact:<name>/<path>`. */
  readonly name: string;
  /** Identity: two sources with the same key are the same bytes (for files, the real path). */
  readonly key: string;
  /**
   * Opens the bytes. A rule the source breaks (a link out of the workspace, a
   * directory, a FIFO) is an InputError naming it; any other failure (a file
   * gone, no permission) is thrown as it is, for the reader to word.
   */
  open(): Promise<OpenedBytes>;
}

/** Open bytes: read at a position, or stream from the start. `close()` (or destroying the stream) releases them. */
export interface OpenedBytes {
  /** The size when opened; a reader that reads whole bounds itself by it and catches bytes that grow past it. */
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `buffer` at `offset`; resolves to the bytes read (0 at the end). */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  /** The bytes from the start, in chunks of about `chunkBytes`; the stream owns the bytes: destroying it closes them. */
  stream(chunkBytes?: number): Readable;
  close(): Promise<void>;
}

/**
 * Where user-named paths must stay.
 * - `workspace` (the action): inside the working directory, always; a glob
 *   or path that names a place outside it (`../x`, `/tmp/x`) is refused too.
 * - `named` (the CLI, run by a person on their own files): a relative glob
 *   stays inside the working directory as above; a glob or path naming a
 *   place outside it is confined to that place, so a link there still
 *   cannot lead elsewhere.
 */
export type PathScope = 'workspace' | 'named';

/**
 * The workspace's files as the pipeline reaches them beyond the result files
 * it is handed: red-team sources and baseline globs. sources/workspace-files.ts
 * builds it for main.ts and the CLI.
 */
export interface WorkspaceFiles {
  /** The directory globs are relative to, and how far they may reach. */
  readonly root: string;
  readonly scope: PathScope;
  /** The files `patterns` name under the `results` rules: every pattern must match, at most LIMITS.maxFiles. */
  resolve: (patterns: string[]) => Promise<ByteSource[]>;
  /** The baseline's files under `dir`: see {@link BaselinePorts}. */
  findFiles: BaselinePorts['findFiles'];
}

/**
 * Files read with one format and mapping: the `results` input, or one group
 * of the policy's `files` section. `label` names the group in messages
 * (`results`, `policy files[0]`).
 */
export interface SourceGroup {
  label: string;
  files: ByteSource[];
  /** `auto` or a reader id. */
  format: string;
  mapping: MappingOptions;
}
