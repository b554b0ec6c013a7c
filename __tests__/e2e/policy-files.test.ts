/**
 * End-to-end: the built bundle (dist/index.js) with a policy `files` section,
 * run as a GitHub runner runs it. The scenario and its hand-computed
 * expectations are in helpers/policy-files-scenario.ts; the same scenario
 * runs through src/ in __tests__/pipeline-policy-files.test.ts. A bundle built before
 * the `files` section existed refuses the policy (unknown key `files`), so
 * these tests fail on it.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { expectScenarioReport, INPUTS, scenarioFiles } from '../helpers/policy-files-scenario.js';
import { removeRunDirs, runAction, type ActionRun } from '../helpers/run-action.js';

afterAll(removeRunDirs);

/** The JSON report named by the `report-path` output, as parsed JSON (the scenario helper checks its shape). */
function report(run: ActionRun): unknown {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report-path output; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('action with a policy `files` section (built bundle)', () => {
  it('reads `results` and every group into one report; the one gate fails on a group-fed behaviour', async () => {
    const run = await runAction({ ...INPUTS }, { files: scenarioFiles() });
    expect(run.outputs.verdict).toBe('fail');
    // enforce mode: a fail is a failed step.
    expect(run.code).toBe(1);
    expectScenarioReport(report(run), true);
    expect(run.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^harm: worst-query-risk .* exceeds the fail threshold 0.01 at n = 10000$/),
    );
  });

  it('runs without the `results` input when the policy has groups', async () => {
    const { results: _omitted, ...inputs } = INPUTS;
    const run = await runAction(inputs, { files: scenarioFiles() });
    expect(run.outputs.verdict).toBe('fail');
    expectScenarioReport(report(run), false);
  });

  it('a file matched by `results` and a group is an error naming the file and both groups', async () => {
    const run = await runAction({ ...INPUTS, results: 'evals/*.jsonl\nlogs/*.json' }, { files: scenarioFiles() });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.errors.map((e) => e.message).join('\n')).toContain('logs/popularity.json: matched by both results and policy files[0]');
  });

  it('neither `results` nor `files:` keeps the "results is required" error', async () => {
    const run = await runAction({ 'deployment-volume': '10k' }, { files: scenarioFiles() });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.errors.map((e) => e.message).join('\n')).toContain('Input `results` is required');
  });
});
