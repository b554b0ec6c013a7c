// Types for scripts/lib/zip-writer.mjs, so TypeScript tests can build zips with it.

export interface ZipEntry {
  name: string;
  data: string | Buffer;
  /** 0 (stored), 8 (deflate), 93 (zstd, needs the `zstd` CLI) or 12 (bzip2: claimed only). */
  method: 0 | 8 | 12 | 93;
  declaredSize?: number;
  zstdArgs?: string[];
}

export function crc32(buf: Uint8Array): number;
export function zip(entries: ZipEntry[]): Buffer;
