/**
 * src/action/sources.ts: which groups the action reads, in workspace and
 * artifact mode, with the policy's `files` groups. The artifact download is
 * mocked (and the runner's log, to keep the output quiet); the downloaded
 * artifacts are directories made here. The files are only selected, never read.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ArtifactEdge } from '../../src/action/sources.js';
import type { DownloadedArtifact } from '../../src/github/artifacts/download.js';
import type { PolicyFileGroup, Settings } from '../../src/config/settings.js';
import { readSettings } from '../../src/config/inputs.js';
import { policyFileReader } from '../../src/sources/policy-file.js';

const root = mkdtempSync(join(tmpdir(), 'tailgate-action-sources-'));
let inputs: Record<string, string> = {};
let downloaded: DownloadedArtifact[] = [];

const realRunner = await import('../../src/action/runner.js');
jest.unstable_mockModule('../../src/action/runner.js', () => ({
  ...realRunner,
  info: jest.fn(),
}));
jest.unstable_mockModule('../../src/github/artifacts/download.js', () => ({
  downloadArtifacts: jest.fn(async () => ({ artifacts: downloaded })),
}));
const { sourceGroups } = await import('../../src/action/sources.js');

function artifact(name: string, files: string[]): DownloadedArtifact {
  const directory = join(root, 'artifacts', name);
  mkdirSync(directory, { recursive: true });
  for (const f of files) {
    mkdirSync(dirname(join(directory, f)), { recursive: true });
    writeFileSync(join(directory, f), '{}\n');
  }
  return { name, id: 1, directory, files: files.length };
}

const INSPECT_GROUP: PolicyFileGroup = { results: ['logs/*.eval'], format: 'inspect', mapping: { hitValues: ['I'] } };

function settings(results: string, files?: PolicyFileGroup[]): Settings {
  const values: Record<string, string> = { ...inputs, results, 'deployment-volume': '1M', scorer: 'complied' };
  const base = readSettings((name) => values[name] ?? '', { policyText: policyFileReader(root) });
  return { ...base, policy: files === undefined ? null : { defaults: {}, behaviors: {}, files } };
}

/** [label, file names, format, mapping] per group. */
const summary = (groups: Awaited<ReturnType<typeof sourceGroups>>) =>
  groups.map((g) => [g.label, g.files.map((f) => f.name), g.format, g.mapping]);

/** The download is mocked, so the client is never called; sourceGroups makes its download directory in `root`. */
const edge: ArtifactEdge = {
  client: {
    list: () => Promise.reject(new Error('not called')),
    download: () => Promise.reject(new Error('not called')),
  },
  tempDir: root,
};
const groupsOf = (s: Settings) => sourceGroups(s, root, edge);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('sourceGroups in artifact mode', () => {
  beforeAll(() => {
    inputs = { 'artifact-pattern': 'eval-*' };
    downloaded = [artifact('eval-inspect', ['logs/a.eval']), artifact('eval-native', ['r.jsonl'])];
  });

  it('`results` and a policy group each filter the artifacts; the group’s mapping is layered over the inputs', async () => {
    expect(summary(await groupsOf(settings('*.jsonl', [INSPECT_GROUP])))).toEqual([
      ['results', ['artifact:eval-native/r.jsonl'], 'auto', { scorer: 'complied', useLogprobs: false }],
      ['policy files[0]', ['artifact:eval-inspect/logs/a.eval'], 'inspect', { scorer: 'complied', hitValues: ['I'], useLogprobs: false }],
    ]);
  });

  it('neither `results` nor groups: every file of every artifact, with the inputs’ format and mapping (as before)', async () => {
    expect(summary(await groupsOf(settings('')))).toEqual([
      [
        'results',
        ['artifact:eval-inspect/logs/a.eval', 'artifact:eval-native/r.jsonl'],
        'auto',
        { scorer: 'complied', useLogprobs: false },
      ],
    ]);
  });

  it('groups without `results`: only the groups’ files, so an artifact no group reads is an error', async () => {
    await expect(groupsOf(settings('', [INSPECT_GROUP]))).rejects.toThrow(
      "artifact:eval-native: the artifact has no file matching 'logs/*.eval' to read",
    );
  });
});

describe('sourceGroups in workspace mode', () => {
  beforeAll(() => {
    inputs = {};
    mkdirSync(join(root, 'logs'), { recursive: true });
    writeFileSync(join(root, 'logs', 'b.eval'), '');
  });

  it('`results` is optional when the policy has groups', async () => {
    expect(summary(await groupsOf(settings('', [INSPECT_GROUP])))).toEqual([
      ['policy files[0]', ['logs/b.eval'], 'inspect', { scorer: 'complied', hitValues: ['I'], useLogprobs: false }],
    ]);
  });

  it('with neither, `results` is required', async () => {
    await expect(groupsOf(settings(''))).rejects.toThrow('Input `results` is required');
  });
});
