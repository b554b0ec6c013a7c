/**
 * Locating the baseline: workspace paths (real files in a temp directory),
 * an artifact of a given run, and the latest successful run of a workflow,
 * with fakes of the two GitHub ports (paginated over two pages).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFiles } from '../../../src/sources/baseline-files.js';
import { locateBaseline } from '../../../src/decisions/baseline/locate.js';
import type { ArtifactQuery, BaselinePorts, LocateContext, RunQuery, WorkflowRun } from '../../../src/domain/baseline.js';
import { findBaselineRun } from '../../../src/decisions/baseline/workflow-run.js';
import { InputError } from '../../../src/domain/errors.js';

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-locate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function run(id: number, more: Partial<WorkflowRun> = {}): WorkflowRun {
  return {
    id,
    runNumber: id - 1000,
    headSha: `${id}`.padStart(40, 'a'),
    event: 'push',
    conclusion: 'success',
    headRepository: 'acme/model',
    htmlUrl: `https://github.com/acme/model/actions/runs/${id}`,
    ...more,
  };
}

/** A fake API: `runs` newest first, served in pages; `artifacts` maps run id → files of its artifact. */
function fakeGitHub(runs: WorkflowRun[], artifacts: Record<number, Record<string, string>>) {
  const listed: RunQuery[] = [];
  const downloaded: ArtifactQuery[] = [];
  const ports: Required<Pick<BaselinePorts, 'listWorkflowRuns' | 'downloadArtifact'>> = {
    listWorkflowRuns: async (q) => {
      listed.push(q);
      return runs.slice((q.page - 1) * q.perPage, q.page * q.perPage);
    },
    downloadArtifact: async (q) => {
      downloaded.push(q);
      const files = artifacts[q.runId];
      if (files === undefined) return null;
      const path = tempTree(files);
      return { path };
    },
  };
  return { ports, listed, downloaded };
}

const search = {
  workflow: 'eval.yml',
  branch: 'main',
  artifact: 'tailgate-report',
  repository: 'acme/model',
  currentRunId: 2000,
  downloadDir: '/tmp/dl',
};

describe('findBaselineRun', () => {
  it('takes the newest eligible run that has the artifact, across pages, passing over PR, fork, failed and own runs', async () => {
    const runs = [
      run(2000), // this run
      run(1999, { event: 'pull_request' }), // a PR whose head branch is called main
      run(1998, { headRepository: 'mallory/model' }), // a fork's run
      run(1997, { conclusion: 'failure' }),
      run(1996), // eligible, but its artifact expired
      run(1995, { headRepository: 'ACME/Model' }), // same repository, other letter case
    ];
    const gh = fakeGitHub(runs, { 1995: { 'report.json': '{}' } });
    const found = await findBaselineRun(gh.ports, search, { perPage: 4, maxPages: 5, maxTried: 5 });
    expect(found).toMatchObject({ kind: 'found', run: { id: 1995 }, passedOver: [{ id: 1996 }] });
    expect(gh.listed.map((q) => q.page)).toEqual([1, 2]);
    expect(gh.listed[0]).toEqual({ workflow: 'eval.yml', branch: 'main', page: 1, perPage: 4 });
    expect(gh.downloaded.map((q) => [q.runId, q.name, q.destination])).toEqual([
      [1996, 'tailgate-report', join('/tmp/dl', '1996')],
      [1995, 'tailgate-report', join('/tmp/dl', '1995')],
    ]);
  });

  it('stops after a short page, and says why nothing was found', async () => {
    const gh = fakeGitHub([run(1999, { event: 'pull_request_target' })], {});
    expect(await findBaselineRun(gh.ports, search, { perPage: 4, maxPages: 5, maxTried: 5 })).toEqual({
      kind: 'missing',
      reason: 'no successful run of workflow eval.yml on branch main (1 pull-request or other-repository run was not considered)',
    });
    expect(gh.listed).toHaveLength(1);
  });

  it('gives up after maxTried runs without the artifact, naming them', async () => {
    const gh = fakeGitHub([run(1990), run(1989), run(1988), run(1987)], {});
    expect(await findBaselineRun(gh.ports, search, { perPage: 10, maxPages: 5, maxTried: 2 })).toEqual({
      kind: 'missing',
      reason:
        'none of the last 2 successful runs of eval.yml on main (#990, #989) has an artifact named "tailgate-report" (not uploaded, or expired)',
    });
    expect(gh.downloaded).toHaveLength(2);
  });
});

const context = (workspace: string): LocateContext => ({
  workspace,
  downloadDir: mkdtempSync(join(tmpdir(), 'tailgate-dl-')),
  repository: 'acme/model',
  defaultBranch: 'main',
  currentRunId: 2000,
  serverUrl: 'https://github.com',
});

describe('locateBaseline', () => {
  it('path: the files in the workspace, named as there', async () => {
    const ws = tempTree({ 'base/a.jsonl': '', 'base/b.jsonl': '', 'base/notes.md': '' });
    const located = await locateBaseline({ kind: 'path', patterns: ['base/*.jsonl'] }, { findFiles }, context(ws));
    expect(located).toMatchObject({ kind: 'found', origin: { description: 'base/a.jsonl, base/b.jsonl', runId: null }, warnings: [] });
    if (located.kind === 'found') expect(located.files.map((f) => f.name)).toEqual(['base/a.jsonl', 'base/b.jsonl']);
  });

  it('path: nothing there is missing (a warning later), part of it is an error', async () => {
    const ws = tempTree({ 'base/a.jsonl': '' });
    expect(await locateBaseline({ kind: 'path', patterns: ['old/*.json'] }, { findFiles }, context(ws))).toEqual({
      kind: 'missing',
      reason: "no file in the workspace matches 'old/*.json'",
      origin: { description: 'old/*.json', runId: null, runUrl: null, sha: null },
    });
    await expect(locateBaseline({ kind: 'path', patterns: ['base/*.jsonl', 'old/*.json'] }, { findFiles }, context(ws))).rejects.toThrow(
      "baseline: 'old/*.json' matched no file in the workspace while other patterns did",
    );
  });

  it('path: a baseline glob cannot leave the workspace through a link; the error names the glob and the link', async () => {
    const outside = tempTree({ 'old/report.json': '{}' });
    const ws = tempTree({ 'base/a.jsonl': '' });
    symlinkSync(join(outside, 'old'), join(ws, 'prev'));
    await expect(locateBaseline({ kind: 'path', patterns: ['prev/*.json'] }, { findFiles }, context(ws))).rejects.toThrow(
      `baseline: the glob 'prev/*.json' matched prev/report.json, but the link prev -> ${join(outside, 'old')} takes it outside the workspace`,
    );
  });

  it('run: the artifact of that run, files named artifact:<name>/…', async () => {
    const gh = fakeGitHub([], { 77: { 'out/tailgate-report.json': '{}' } });
    const located = await locateBaseline(
      { kind: 'run', artifact: 'rep', runId: 77, patterns: ['**'] },
      { findFiles, ...gh.ports },
      context('/nowhere'),
    );
    expect(located).toMatchObject({
      kind: 'found',
      origin: { description: 'artifact "rep" of run 77', runId: 77, runUrl: 'https://github.com/acme/model/actions/runs/77' },
    });
    if (located.kind === 'found') expect(located.files.map((f) => f.name)).toEqual(['artifact:rep/out/tailgate-report.json']);
    expect(
      await locateBaseline({ kind: 'run', artifact: 'rep', runId: 78, patterns: ['**'] }, { findFiles, ...gh.ports }, context('/nowhere')),
    ).toMatchObject({
      kind: 'missing',
      reason: 'run 78 has no artifact named "rep" (not uploaded, or expired)',
    });
  });

  it('workflow: the branch defaults to the context, the origin names the run, newer runs passed over are a warning', async () => {
    const gh = fakeGitHub([run(1999), run(1998)], { 1998: { 'r.json': '{}' } });
    const located = await locateBaseline(
      { kind: 'workflow', artifact: 'rep', workflow: 'eval.yml', branch: null, patterns: ['**'] },
      { findFiles, ...gh.ports },
      context('/nowhere'),
    );
    expect(gh.listed[0]).toMatchObject({ workflow: 'eval.yml', branch: 'main' });
    expect(located).toMatchObject({
      kind: 'found',
      origin: { description: 'artifact "rep" of run #998 (eval.yml on main)', runId: 1998, sha: '1998'.padStart(40, 'a') },
      warnings: ['baseline: the newer successful run #999 of eval.yml on main had no artifact "rep"; compared with run #998 instead.'],
    });
  });

  it('a GitHub API failure while looking is a missing baseline with the trimmed message, not a crash', async () => {
    const page502 = `<html>${' <p>Bad gateway</p>\n'.repeat(40)}</html>`;
    const ports: BaselinePorts = {
      findFiles,
      listWorkflowRuns: async () => {
        throw new Error(page502);
      },
      downloadArtifact: async () => {
        throw new Error('Resource not accessible by integration');
      },
    };
    const viaWorkflow = await locateBaseline(
      { kind: 'workflow', artifact: 'rep', workflow: 'eval.yml', branch: 'main', patterns: ['**'] },
      ports,
      context('/x'),
    );
    expect(viaWorkflow.kind).toBe('missing');
    if (viaWorkflow.kind === 'missing') {
      expect(viaWorkflow.reason).toMatch(
        /^looking for the artifact "rep" of the latest successful eval\.yml run on main failed: <html> <p>Bad gateway/,
      );
      expect(viaWorkflow.reason.length).toBeLessThan(400);
      expect(viaWorkflow.reason).not.toContain('\n');
    }
    expect(await locateBaseline({ kind: 'run', artifact: 'rep', runId: 9, patterns: ['**'] }, ports, context('/x'))).toMatchObject({
      kind: 'missing',
      reason:
        'downloading artifact "rep" of run 9 failed: Resource not accessible by integration (check that the job has `permissions: actions: read`)',
    });
  });

  it('artifact sources without the GitHub ports (the CLI) are an error naming the input', async () => {
    await expect(
      locateBaseline({ kind: 'run', artifact: 'rep', runId: 1, patterns: ['**'] }, { findFiles }, context('/x')),
    ).rejects.toThrow(InputError);
    await expect(
      locateBaseline(
        { kind: 'workflow', artifact: 'rep', workflow: 'e.yml', branch: 'main', patterns: ['**'] },
        { findFiles },
        context('/x'),
      ),
    ).rejects.toThrow('Input `baseline-workflow`: downloading a baseline artifact needs the GitHub API');
    const gh = fakeGitHub([], {});
    await expect(
      locateBaseline(
        { kind: 'workflow', artifact: 'rep', workflow: 'e.yml', branch: null, patterns: ['**'] },
        { findFiles, ...gh.ports },
        { ...context('/x'), defaultBranch: null },
      ),
    ).rejects.toThrow('set `baseline-branch`');
  });
});
