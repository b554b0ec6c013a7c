/**
 * The policy `files` section through the action's path minus the bundle:
 * readSettings → groupSpecs → workspaceGroups → runPipeline, in a temporary
 * workspace (workspace mode). The scenario and its hand-computed expectations
 * are shared with the e2e test of the built bundle (helpers/policy-files-scenario.ts).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../src/config/inputs.js';
import { InputError } from '../src/domain/errors.js';
import { resolveGlobs } from '../src/sources/globs.js';
import { runPipeline } from '../src/pipeline.js';
import type { Report } from '../src/domain/report.js';
import { groupSpecs } from '../src/config/groups.js';
import { workspaceGroups } from '../src/sources/groups.js';
import { expectScenarioReport, INPUTS, POLICY, scenarioFiles } from './helpers/policy-files-scenario.js';
import { writeFiles } from './helpers/runner-files.js';
import { policyFileReader } from '../src/sources/policy-file.js';
import { fileSource } from '../src/sources/file-source.js';
import { workspaceFiles } from '../src/sources/workspace-files.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-policy-files-'));
  dirs.push(dir);
  writeFiles(dir, { ...scenarioFiles(), ...extra });
  return dir;
}

/** As main.ts does it, with the artifact inputs unset. */
async function run(ws: string, inputs: Record<string, string>): Promise<Report> {
  const settings = readSettings((name) => inputs[name] ?? '', { policyText: policyFileReader(ws) });
  const groups = await workspaceGroups(groupSpecs(settings), ws);
  return runPipeline(settings, groups, { now: new Date(Date.UTC(2026, 10, 20)), context: null, files: workspaceFiles(ws) });
}

describe('runPipeline with a policy `files` section (workspace mode)', () => {
  const ws = workspace();

  it('reads the `results` input and every group into one report and one gate', async () => {
    expectScenarioReport(await run(ws, { ...INPUTS }), true);
  });

  it('`results` is optional beside `files:`: only the groups are read', async () => {
    const { results: _omitted, ...inputs } = INPUTS;
    expectScenarioReport(await run(ws, inputs), false);
  });

  it('a file matched by `results` and a group is an error naming both', async () => {
    const err = await run(ws, { ...INPUTS, results: 'evals/*.jsonl\ngenerated/*.jsonl' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toContain('generated/harm.jsonl: matched by both results and policy files[2]');
  });

  it("a group's glob that matches nothing names the group and its key", async () => {
    const other = workspace({ 'tailgate.yml': POLICY.replace('generated/harm.jsonl', 'generated/nope.jsonl') });
    await expect(run(other, { ...INPUTS })).rejects.toThrow("policy files[2]: results: the glob 'generated/nope.jsonl' matched no files");
  });

  it('all groups together are held to the file limit (each alone is under it)', async () => {
    const settings = readSettings((name) => INPUTS[name] ?? '', { policyText: policyFileReader(ws) });
    // One file in `results` and one per group: 4 in all.
    await expect(workspaceGroups(groupSpecs(settings), ws, 3)).rejects.toThrow(
      "the `results` input and the policy's `files` groups match 4 files together, more than 3 (the limit)",
    );
    await expect(workspaceGroups(groupSpecs(settings), ws, 4)).resolves.toHaveLength(4);
  });

  it('the `results` files alone (ByteSource[]) are refused when the policy has groups, which would be skipped', async () => {
    const settings = readSettings((name) => INPUTS[name] ?? '', { policyText: policyFileReader(ws) });
    const files = (await resolveGlobs(settings.results, ws)).map(fileSource);
    await expect(runPipeline(settings, files, { now: new Date(0), context: null, files: workspaceFiles(ws) })).rejects.toThrow(
      'internal: the policy has a `files` section; pass runPipeline the groups',
    );
  });
});
