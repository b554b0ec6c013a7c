/**
 * Turns one downloaded artifact (its stored bytes, as the client saved them)
 * into files under the artifact's own directory, under LIMITS.
 *
 * Why not let @actions/artifact unzip: it streams into unzip-stream with no
 * bound on entry count or inflated size, and artifacts of another run (the
 * workflow_run pattern reads fork PR runs) are untrusted input. Here every
 * entry goes through src/ingest/zip.ts (size, count, bomb and CRC checks)
 * and through a path check, and is written as a regular file: a symlink or
 * `../` entry cannot place anything outside the artifact's directory.
 */
import { mkdir, open, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../domain/errors.js';
import { fileSource } from '../../sources/file-source.js';
import { openZip, type ZipLimits, type ZipReader } from '../../ingest/zip.js';

/** Local file header, or the end record of an empty zip. */
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

export interface PlaceOptions extends ZipLimits {
  /** Bytes written so far by this whole download, and the cap on them (shared by all artifacts). */
  budget: { used: number; limit: number };
}

/**
 * Moves or extracts the single file the client saved in `stagedDir` into
 * `targetDir` (which exists and is empty). Returns the number of files placed.
 *
 * Zip or raw: upload-artifact zips by default, but with `archive: false`
 * (skipArchive) it stores one file as-is and names the artifact after it. The
 * client's own choice rests on the Content-Type, which skipDecompress hides
 * from us, so we decide from the bytes: not a zip → a raw upload, kept under
 * the artifact's name. A zip named `*.eval` holding `header.json` or
 * `_journal/` at its root is an Inspect log uploaded raw (an `.eval` is itself
 * a zip) and is kept whole too, for the Inspect reader.
 */
export async function placeDownload(stagedDir: string, targetDir: string, artifact: string, opts: PlaceOptions): Promise<number> {
  const label = `artifact:${artifact}`;
  const saved = await readdir(stagedDir, { withFileTypes: true });
  const files = saved.filter((d) => d.isFile());
  if (files.length !== 1 || saved.length !== 1) {
    throw new Error(
      `${label}: expected the download to save one file, found ${saved.length} entries; this is a bug in tailgate or @actions/artifact`,
    );
  }
  const file = path.join(stagedDir, files[0].name);
  if (!(await startsWithZipMagic(file))) return keepRaw(file, targetDir, artifact, opts.budget);

  // Our own staging folder, yet opened like any source file: one way to open, one set of checks.
  const zip = await openZip(await fileSource({ path: file, name: label, root: stagedDir }).open(), label, opts);
  try {
    if (isRawInspectLog(artifact, zip)) {
      zip.close();
      return await keepRaw(file, targetDir, artifact, opts.budget);
    }
    return await extractAll(zip, targetDir, label, opts);
  } finally {
    zip.close(); // safe twice (ZipReader.close)
  }
}

async function extractAll(zip: ZipReader, targetDir: string, label: string, opts: PlaceOptions): Promise<number> {
  let count = 0;
  for (const entry of zip.names()) {
    const segments = safeSegments(entry, label);
    if (segments.length === 0) continue; // "./" or a directory record
    const data = await zip.read(entry); // bounded per entry and per zip by openZip's limits
    charge(opts.budget, data.length, `${label} (zip entry ${entry})`);
    const dest = path.join(targetDir, ...segments);
    try {
      await mkdir(path.dirname(dest), { recursive: true });
      // wx: never overwrite; a name that is both a file and a directory prefix fails here instead of clobbering.
      await writeFile(dest, data, { flag: 'wx' });
    } catch (err) {
      throw new InputError(`${label} (zip entry ${entry}): cannot write it (${messageOf(err)}); the artifact's zip is malformed`);
    }
    count++;
  }
  return count;
}

/**
 * The entry's path segments, or an InputError when the name could leave the
 * directory: absolute, a drive letter, `..`, or a NUL. Both `/` and `\` count
 * as separators, because a Windows runner's path.join would honour `\`.
 */
export function safeSegments(entry: string, label: string): string[] {
  const segments = entry.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  const unsafe = /^[\\/]/.test(entry) || /^[A-Za-z]:/.test(entry) || entry.includes('\0') || segments.some((s) => s === '..');
  if (unsafe) {
    throw new InputError(`${label}: zip entry '${entry}' points outside the artifact (absolute path or ..); refusing to extract it`);
  }
  return segments;
}

function isRawInspectLog(artifact: string, zip: ZipReader): boolean {
  return artifact.toLowerCase().endsWith('.eval') && zip.names().some((n) => n === 'header.json' || n.startsWith('_journal/'));
}

/** A raw upload: the artifact is named after its file (upload-artifact's skipArchive), so the file keeps that name. */
async function keepRaw(file: string, targetDir: string, artifact: string, budget: PlaceOptions['budget']): Promise<number> {
  charge(budget, (await stat(file)).size, `artifact:${artifact}`);
  await rename(file, path.join(targetDir, artifact));
  return 1;
}

function charge(budget: PlaceOptions['budget'], bytes: number, where: string): void {
  budget.used += bytes;
  if (budget.used > budget.limit) {
    throw new InputError(
      `${where}: the selected artifacts hold more than ${budget.limit} bytes of files together (the limit); ` +
        'select fewer artifacts with artifact-name or artifact-pattern',
    );
  }
}

async function startsWithZipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_MAGIC.some((m) => m.equals(head));
  } finally {
    await handle.close();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
