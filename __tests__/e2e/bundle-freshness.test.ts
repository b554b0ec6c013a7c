/**
 * The e2e tests refuse a bundle built from other sources than src/ holds, or
 * not the one the last build wrote (helpers/spawn.ts,
 * scripts/lib/source-hash.mjs): checked here on a small tree in a temp
 * directory. The expected hashes are Python's:
 *   hashlib.sha256(b'src/a.ts\x00export const a = 1;\n\x00').hexdigest()
 *   hashlib.sha256(b'src/a.ts\x00export const a = 1;\n\x00src/z/b.ts\x00export const b = 2;\n\x00').hexdigest()
 *   hashlib.sha256(b'// bundle\n').hexdigest(), hashlib.sha256(b'// cli bundle\n').hexdigest(), hashlib.sha256(b'// chunk\n').hexdigest()
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecord, sourceHash } from '../../scripts/lib/source-hash.mjs';
import { writeFiles } from '../helpers/runner-files.js';
import { bundleProblem } from '../helpers/spawn.js';

const ONE_FILE = '71d594b687ecd01a07a5ccd8865d64d23958d1447e9840df9b93fd77747e97cd';
const TWO_FILES = '260847b0dc79603fa7b7a7682c163ab7470baf0585bf559debb4e3d16465000e';
const BUNDLE = '874f5bde72d92306d7d8a7754c2fe8c6faee5262458c89ef060e00b585a63c06';
const CLI_BUNDLE = '72d9e85a3592da5883883fd69a62d46fc0626859c50cc569ae144201128946fc';
const CHUNK = 'd02c67d5e3d6c7ce95088307cf58c46fcc19a14088d3d7efb210c2d63e263733';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tailgate-bundle-check-'));
  writeFiles(root, {
    'src/a.ts': 'export const a = 1;\n',
    'src/notes.md': 'not a source',
    'dist/index.js': '// bundle\n',
    'dist/cli/index.js': '// cli bundle\n',
    'dist/source-hash.txt': `src/ ${ONE_FILE}\ndist/index.js ${BUNDLE}\ndist/cli/index.js ${CLI_BUNDLE}\n`,
  });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the bundles are the ones built from these sources', () => {
  test('the record: the .ts files under src/ only, by path and content, and each bundle', () => {
    expect(sourceHash(root)).toBe(ONE_FILE);
    // Bundles in path order: dist/cli/index.js sorts before dist/index.js.
    expect(buildRecord(root)).toBe(`src/ ${ONE_FILE}\ndist/cli/index.js ${CLI_BUNDLE}\ndist/index.js ${BUNDLE}\n`);
    writeFiles(root, { 'src/z/b.ts': 'export const b = 2;\n' });
    expect(sourceHash(root)).toBe(TWO_FILES);
  });

  test('fresh: no problem, whatever the mtimes say (a fresh clone gives every file the same moment)', () => {
    const later = new Date(Date.now() + 3600_000);
    utimesSync(join(root, 'src/a.ts'), later, later);
    expect(bundleProblem(root)).toBeNull();
  });

  test('a changed or added source makes the bundle stale, and the message says to build', () => {
    writeFiles(root, { 'src/a.ts': 'export const a = 2;\n' });
    expect(bundleProblem(root)).toBe(
      'dist/ was built from other sources than src/ holds now: run `npm run build` before the end-to-end tests',
    );
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n', 'src/z/b.ts': 'export const b = 2;\n' });
    expect(bundleProblem(root)).toMatch(/run `npm run build`/);
  });

  test('a bundle that is not the one the build wrote (e.g. restored from git) is refused', () => {
    writeFiles(root, { 'dist/index.js': '// an older bundle\n' });
    expect(bundleProblem(root)).toBe(
      'dist/index.js is not what the last build wrote (restored from git?): run `npm run build` before the end-to-end tests',
    );
  });

  test('a chunk the build did not write (left by an older build), or one it wrote that is gone, is refused', () => {
    writeFiles(root, { 'dist/913.index.js': '// a chunk of an older build\n' });
    expect(bundleProblem(root)).toBe(
      'dist/913.index.js is not what the last build wrote (restored from git?): run `npm run build` before the end-to-end tests',
    );
    writeFiles(root, {
      // hashlib.sha256(b'// chunk\n').hexdigest()
      'dist/source-hash.txt': `src/ ${ONE_FILE}\ndist/154.index.js ${CHUNK}\ndist/cli/index.js ${CLI_BUNDLE}\ndist/index.js ${BUNDLE}\n`,
    });
    unlinkSync(join(root, 'dist/913.index.js'));
    expect(bundleProblem(root)).toMatch(/^dist\/154\.index\.js is not what the last build wrote/);
    writeFiles(root, { 'dist/154.index.js': '// chunk\n' });
    expect(bundleProblem(root)).toBeNull();
  });

  test('a missing bundle or build record is named', () => {
    unlinkSync(join(root, 'dist/source-hash.txt'));
    unlinkSync(join(root, 'dist/cli/index.js'));
    expect(bundleProblem(root)).toBe('dist/cli/index.js, dist/source-hash.txt missing: run `npm run build` before the end-to-end tests');
  });
});
