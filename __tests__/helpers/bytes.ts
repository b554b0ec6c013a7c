/**
 * Byte sources for the reader tests: bytes in memory, a fixture read into
 * memory, or a source that cannot be opened. The readers see exactly what
 * sources/ hands them in a run, without a temp file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ByteSource, OpenedBytes } from '../../src/domain/byte-source.js';

/** `content` (UTF-8 for a string) under `name`; `key` defaults to one per name. */
export function bytesSource(name: string, content: string | Uint8Array, key = `memory:${name}`): ByteSource {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return { name, key, open: async () => opened(bytes) };
}

/** `__tests__/fixtures/<rel>`, read into memory, named `name` (default its base name). */
export function fixtureSource(rel: string, name = basename(rel)): ByteSource {
  return bytesSource(name, readFileSync(fixturePath(rel)), `fixture:${rel}`);
}

/** `examples/<rel>`, read into memory, named `name` (default the relative path). */
export function exampleSource(rel: string, name = rel): ByteSource {
  return bytesSource(name, readFileSync(fileURLToPath(new URL(`../../examples/${rel}`, import.meta.url))), `example:${rel}`);
}

export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));
}

/** A source whose open() fails as the file system does for a missing file. */
export function missingSource(name: string): ByteSource {
  return {
    name,
    key: `missing:${name}`,
    open: () => Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${name}'`), { code: 'ENOENT' })),
  };
}

function opened(bytes: Buffer): OpenedBytes {
  return {
    size: bytes.length,
    read: async (buffer, offset, length, position) => {
      const n = Math.max(0, Math.min(length, bytes.length - position));
      bytes.copy(buffer, offset, position, position + n);
      return n;
    },
    stream: (chunkBytes = 64 * 1024) => Readable.from(chunks(bytes, chunkBytes), { objectMode: false }),
    close: async () => undefined,
  };
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
