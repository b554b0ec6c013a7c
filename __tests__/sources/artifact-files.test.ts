import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { artifactGroupFiles, type ArtifactDirectory } from '../../src/sources/artifact-files.js';

import { InputError } from '../../src/domain/errors.js';

/** The `results` group alone over the artifacts (empty `patterns`: every file). */
async function artifactSourceFiles(downloaded: ArtifactDirectory[], patterns: string[] = [], maxFiles?: number) {
  const [files] = await artifactGroupFiles(downloaded, [{ label: 'results', patterns }], maxFiles);
  return files ?? [];
}

let root: string;
/** Writes `files` (relative path → content) under root/<name>/ and returns the artifact's directory record. */
async function artifact(name: string, files: string[]): Promise<{ name: string; directory: string }> {
  const directory = path.join(root, name);
  for (const f of files) {
    await mkdir(path.dirname(path.join(directory, f)), { recursive: true });
    await writeFile(path.join(directory, f), '{}\n');
  }
  await mkdir(directory, { recursive: true });
  return { name, directory };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tailgate-sources-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('artifactSourceFiles', () => {
  test('all files by default, dot files skipped, named artifact:<name>/<path>, sorted', async () => {
    const a = await artifact('shard-b', ['z.jsonl', 'logs/a.eval', '.hidden/x.jsonl', '.DS_Store']);
    const b = await artifact('shard-a', ['r.jsonl']);
    const files = await artifactSourceFiles([a, b]);
    expect(files.map((f) => f.name)).toEqual(['artifact:shard-b/logs/a.eval', 'artifact:shard-b/z.jsonl', 'artifact:shard-a/r.jsonl']);
    expect(files[0].path).toBe(path.join(root, 'shard-b', 'logs', 'a.eval'));
  });

  test('results globs apply relative to each artifact; a glob may match in some artifacts only', async () => {
    const a = await artifact('s1', ['out/r.jsonl', 'out/debug.jsonl', 'notes.txt']);
    const b = await artifact('s2', ['run.eval']);
    const files = await artifactSourceFiles([a, b], ['out/*.jsonl', '*.eval', '!**/debug.jsonl']);
    expect(files.map((f) => f.name)).toEqual(['artifact:s1/out/r.jsonl', 'artifact:s2/run.eval']);
  });

  test("a link in an artifact's folder cannot lead out of it: the error names the group, the glob and the link", async () => {
    const a = await artifact('shard', ['r.jsonl']);
    const elsewhere = await artifact('elsewhere', ['secret.jsonl']);
    await symlink(path.join(elsewhere.directory, 'secret.jsonl'), path.join(a.directory, 'leak.jsonl'));
    await expect(artifactSourceFiles([a], ['*.jsonl'])).rejects.toThrow(
      `results: the glob '*.jsonl' matched artifact:shard/leak.jsonl, but the link leak.jsonl -> ${path.join(elsewhere.directory, 'secret.jsonl')} ` +
        'takes it outside the folder of artifact:shard',
    );
  });

  test('a glob that matches in no artifact is named', async () => {
    const a = await artifact('s1', ['r.jsonl']);
    const b = await artifact('s2', ['q.jsonl']);
    const run = artifactSourceFiles([a, b], ['*.jsonl', '*.csv']);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow("the glob '*.csv' matched no file in the downloaded artifacts (s1, s2)");
  });

  test('an artifact that contributes no file is an error (a silent shard would shrink the eval set)', async () => {
    const a = await artifact('s1', ['r.jsonl']);
    const b = await artifact('s2', ['readme.md']);
    await expect(artifactSourceFiles([a, b], ['*.jsonl'])).rejects.toThrow("artifact:s2: the artifact has no file matching '*.jsonl'");
    const empty = await artifact('s3', []);
    await expect(artifactSourceFiles([a, empty])).rejects.toThrow('artifact:s3: the artifact has no file to read');
  });

  test('more files than maxFiles is refused', async () => {
    const a = await artifact('s1', ['1.jsonl', '2.jsonl']);
    const b = await artifact('s2', ['3.jsonl']);
    await expect(artifactSourceFiles([a, b], undefined, 2)).rejects.toThrow('more than 2 files');
    await expect(artifactSourceFiles([a, b], undefined, 3)).resolves.toHaveLength(3);
  });

  test('only exclusions is an error', async () => {
    const a = await artifact('s1', ['1.jsonl']);
    await expect(artifactSourceFiles([a], ['!*.csv'])).rejects.toThrow('only !exclusions given');
  });
});
