/**
 * Artifact mode with the policy's `files` groups: each group's globs filter
 * the downloaded artifacts' files; an artifact need only feed one group.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { artifactGroupFiles } from '../../src/sources/artifact-files.js';
import { InputError } from '../../src/domain/errors.js';

let root: string;
/** Writes `files` under root/<name>/ and returns the artifact's directory record. */
async function artifact(name: string, files: string[]): Promise<{ name: string; directory: string }> {
  const directory = path.join(root, name);
  await mkdir(directory, { recursive: true });
  for (const f of files) {
    await mkdir(path.dirname(path.join(directory, f)), { recursive: true });
    await writeFile(path.join(directory, f), '{}\n');
  }
  return { name, directory };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tailgate-groups-art-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('artifactGroupFiles', () => {
  it('splits the artifacts’ files by group; each artifact feeds one group only, which is allowed', async () => {
    const inspect = await artifact('eval-inspect', ['logs/a.eval', 'logs/b.eval', 'notes.txt']);
    const promptfoo = await artifact('eval-promptfoo', ['promptfoo-results.json']);
    const native = await artifact('eval-native', ['pii.jsonl']);
    const files = await artifactGroupFiles(
      [inspect, native, promptfoo],
      [
        { label: 'results', patterns: ['*.jsonl'] },
        { label: 'policy files[0]', patterns: ['logs/*.eval', '!**/b.eval'] },
        { label: 'policy files[1]', patterns: ['promptfoo-*.json'] },
      ],
    );
    expect(files.map((group) => group.map((f) => f.name))).toEqual([
      ['artifact:eval-native/pii.jsonl'],
      ['artifact:eval-inspect/logs/a.eval'],
      ['artifact:eval-promptfoo/promptfoo-results.json'],
    ]);
    expect(files[1]?.[0]?.path).toBe(path.join(root, 'eval-inspect', 'logs', 'a.eval'));
  });

  it('an artifact no group reads is still an error, listing every group’s globs', async () => {
    const a = await artifact('s1', ['logs/a.eval']);
    const b = await artifact('s2', ['readme.md']);
    const run = artifactGroupFiles(
      [a, b],
      [
        { label: 'results', patterns: ['*.jsonl', '!x.jsonl'] },
        { label: 'policy files[0]', patterns: ['logs/*.eval'] },
      ],
    );
    await expect(run).rejects.toThrow(InputError);
    // s1 is read by files[0]; s2 by nobody. (Checked per artifact, before the unmatched-glob check.)
    await expect(run).rejects.toThrow(
      "artifact:s2: the artifact has no file matching any group's globs (results: '*.jsonl', '!x.jsonl'; policy files[0]: 'logs/*.eval') to read",
    );
  });

  it("a group's glob that matches in no artifact names the group", async () => {
    const a = await artifact('s1', ['r.jsonl']);
    await expect(
      artifactGroupFiles(
        [a],
        [
          { label: 'results', patterns: ['*.jsonl'] },
          { label: 'policy files[0]', patterns: ['logs/*.eval'] },
        ],
      ),
    ).rejects.toThrow(
      "policy files[0]: the glob 'logs/*.eval' matched no file in the downloaded artifacts (s1); globs are relative to each artifact's root",
    );
  });

  it('a file matched by two groups is returned in both (ingestGroups refuses it, naming both)', async () => {
    const a = await artifact('s1', ['r.jsonl']);
    const files = await artifactGroupFiles(
      [a],
      [
        { label: 'results', patterns: ['*.jsonl'] },
        { label: 'policy files[0]', patterns: ['r.*'] },
      ],
    );
    expect(files.map((g) => g.map((f) => f.name))).toEqual([['artifact:s1/r.jsonl'], ['artifact:s1/r.jsonl']]);
  });

  it('only exclusions in a group, and more files than maxFiles over all groups, are errors', async () => {
    const a = await artifact('s1', ['1.jsonl', '2.eval']);
    await expect(artifactGroupFiles([a], [{ label: 'policy files[3]', patterns: ['!*.csv'] }])).rejects.toThrow(
      'policy files[3]: only !exclusions given',
    );
    const groups = [
      { label: 'results', patterns: ['*.jsonl'] },
      { label: 'policy files[0]', patterns: ['*.eval'] },
    ];
    // One file per group, two in all.
    await expect(artifactGroupFiles([a], groups, 1)).rejects.toThrow('more than 1 files');
    await expect(artifactGroupFiles([a], groups, 2)).resolves.toHaveLength(2);
  });
});
