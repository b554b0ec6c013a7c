/**
 * Selection and bounds, through a few-line fake of ArtifactClientPort (the
 * real client is exercised in __tests__/github/artifacts/download.test.ts).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { downloadArtifacts } from '../../../src/github/artifacts/download.js';
import type { ArtifactClientPort, ListedArtifact } from '../../../src/github/artifacts/port.js';
import { globToRegExp, selectArtifacts } from '../../../src/github/artifacts/select.js';
import type { ArtifactSettings } from '../../../src/config/settings.js';
import { InputError } from '../../../src/domain/errors.js';

const THIS_RUN = { kind: 'this-run' } as const;
const listed = (...names: string[]): ListedArtifact[] => names.map((name, i) => ({ name, id: i + 1, size: 100 }));

describe('globToRegExp', () => {
  test.each([
    ['eval-shard-*', 'eval-shard-12', true],
    ['eval-shard-*', 'eval-shard-', true], // * may match nothing, as in a shell
    ['eval-shard-*', 'xeval-shard-1', false], // anchored
    ['eval-shard-?', 'eval-shard-1', true],
    ['eval-shard-?', 'eval-shard-10', false], // ? is exactly one character
    ['eval.json', 'evalxjson', false], // . is literal
    ['r(1)+[a]{2}$^', 'r(1)+[a]{2}$^', true], // regex syntax is literal
    ['*', 'anything at all', true],
    ['é-*', 'é-1', true],
  ])('%p vs %p → %p', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });
});

describe('selectArtifacts', () => {
  const run = listed('eval-shard-2', 'coverage', 'eval-shard-1', 'eval-shard-10');

  test('names: exact and case-sensitive, result sorted by name', () => {
    expect(selectArtifacts({ kind: 'names', names: ['eval-shard-2', 'coverage'] }, run, THIS_RUN).map((a) => a.name)).toEqual([
      'coverage',
      'eval-shard-2',
    ]);
    expect(() => selectArtifacts({ kind: 'names', names: ['Coverage'] }, run, THIS_RUN)).toThrow(InputError);
  });

  test('every missing name is listed, not just the first', () => {
    expect(() => selectArtifacts({ kind: 'names', names: ['a', 'coverage', 'b'] }, run, THIS_RUN)).toThrow("no artifact named 'a', 'b'");
  });

  test('patterns: union of matches without repeats; each pattern must match something', () => {
    const picked = selectArtifacts({ kind: 'pattern', patterns: ['eval-shard-?', 'eval-shard-1*'] }, run, THIS_RUN);
    expect(picked.map((a) => a.name)).toEqual(['eval-shard-1', 'eval-shard-10', 'eval-shard-2']);
    expect(() => selectArtifacts({ kind: 'pattern', patterns: ['eval-*', 'lm-*'] }, run, THIS_RUN)).toThrow("no artifact matches 'lm-*'");
  });

  test('an empty run says so instead of listing nothing', () => {
    expect(() => selectArtifacts({ kind: 'pattern', patterns: ['*'] }, [], THIS_RUN)).toThrow('the run has no artifacts');
  });
});

describe('downloadArtifacts bounds (fake port)', () => {
  let dest: string;
  beforeEach(async () => {
    dest = await mkdtemp(path.join(os.tmpdir(), 'tailgate-select-'));
  });
  afterEach(async () => {
    await rm(dest, { recursive: true, force: true });
  });

  /** Lists `artifacts`; each download writes one small raw file and is recorded. */
  function fakePort(artifacts: ListedArtifact[]): ArtifactClientPort & { downloads: string[] } {
    const downloads: string[] = [];
    return {
      downloads,
      list: async () => artifacts,
      async download(artifact, _scope, directory) {
        downloads.push(artifact.name);
        await writeFile(path.join(directory, 'artifact'), 'raw bytes');
        return { digestMismatch: false };
      },
    };
  }
  const all: ArtifactSettings = { selection: { kind: 'pattern', patterns: ['*'] }, scope: THIS_RUN };

  test('more artifacts than maxArtifacts: refused before any download', async () => {
    const port = fakePort(listed('a', 'b', 'c'));
    const run = downloadArtifacts(all, { destination: dest, client: port, limits: { maxArtifacts: 2 } });
    await expect(run).rejects.toThrow('select 3 artifacts of this workflow run, more than the limit of 2');
    expect(port.downloads).toEqual([]);
  });

  test('listed sizes over maxListedBytes: refused before any download', async () => {
    // 3 × 100 bytes listed = 300 > 250.
    const port = fakePort(listed('a', 'b', 'c'));
    const run = downloadArtifacts(all, { destination: dest, client: port, limits: { maxListedBytes: 250 } });
    await expect(run).rejects.toThrow('hold 300 bytes, more than the limit of 250');
    expect(port.downloads).toEqual([]);
  });

  test('exactly at the limits passes (bounds are inclusive)', async () => {
    const port = fakePort(listed('a', 'b'));
    const { artifacts } = await downloadArtifacts(all, {
      destination: dest,
      client: port,
      limits: { maxArtifacts: 2, maxListedBytes: 200, maxExtractedBytes: 18 }, // 2 × 'raw bytes' (9 bytes)
    });
    expect(artifacts.map((a) => a.files)).toEqual([1, 1]);
    expect((await readdir(dest)).sort()).toEqual(['a', 'b']);
  });

  test('written bytes over maxExtractedBytes stop the download', async () => {
    const port = fakePort(listed('a', 'b'));
    const run = downloadArtifacts(all, { destination: dest, client: port, limits: { maxExtractedBytes: 17 } });
    await expect(run).rejects.toThrow('hold more than 17 bytes of files together');
  });

  test('a listing name that is not a single directory name is refused', async () => {
    const port = fakePort(listed('..'));
    const run = downloadArtifacts({ selection: { kind: 'names', names: ['..'] }, scope: THIS_RUN }, { destination: dest, client: port });
    await expect(run).rejects.toThrow("artifact '..' of the listing cannot be used as a directory name");
  });

  test('an artifact directory that already exists is not overwritten', async () => {
    await mkdir(path.join(dest, 'a'));
    const run = downloadArtifacts(all, { destination: dest, client: fakePort(listed('a')) });
    await expect(run).rejects.toThrow(`${path.join(dest, 'a')} already exists`);
  });
});
