/**
 * run() (src/main.ts) in process, with a fake runner protocol
 * (src/action/runner.ts): the inputs come from a map, and every output,
 * secret, log line and failure is recorded. The fake is registered before
 * main.ts is imported. The eval is small and written here,
 * so each run takes a fraction of a second; the e2e suites run the bundle.
 */
import { afterAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFiles } from './helpers/runner-files.js';

/** What the fake runner saw, in order. */
let calls: { fn: string; args: unknown[] }[] = [];
let inputs: Record<string, string> = {};
/** Makes the fake's setOutput throw for this output name, as a broken GITHUB_OUTPUT file would. */
let brokenOutput: string | null = null;
const record =
  (fn: string) =>
  (...args: unknown[]): void => {
    calls.push({ fn, args });
  };

const realRunner = await import('../src/action/runner.js');
jest.unstable_mockModule('../src/action/runner.js', () => ({
  ...realRunner,
  getInput: (name: string) => inputs[name] ?? '',
  setOutput: (name: string, value: unknown) => {
    if (name === brokenOutput) throw new Error('cannot write GITHUB_OUTPUT');
    calls.push({ fn: 'setOutput', args: [name, value] });
  },
  setSecret: record('setSecret'),
  setFailed: record('setFailed'),
  info: record('info'),
  debug: record('debug'),
  notice: record('notice'),
  warning: record('warning'),
  error: record('error'),
}));
const { run } = await import('../src/main.js');

const TOKEN = 'ghs_MainRunTestToken0123456789abcdef';
const workspace = mkdtempSync(join(tmpdir(), 'tailgate-main-run-'));
/** 30 queries, hits 1..12 of k = 20: every query nonzero, so the tail fits; every forecast is far above 1e-6. */
const EVAL = Array.from({ length: 30 }, (_, q) => JSON.stringify({ query_id: `q${q}`, hits: (q % 12) + 1, k: 20 })).join('\n');
writeFiles(workspace, { 'eval.jsonl': `${EVAL}\n` });

const saved = { ...process.env };
beforeEach(() => {
  calls = [];
  brokenOutput = null;
  // Only what run() is given here: no runner files (no job summary), no event (the comment is skipped).
  for (const name of Object.keys(process.env)) if (/^(GITHUB_|RUNNER_|ACTIONS_|INPUT_)/.test(name)) delete process.env[name];
  process.env.GITHUB_WORKSPACE = workspace;
});
afterAll(() => {
  process.env = saved;
  rmSync(workspace, { recursive: true, force: true });
});

const base = { results: 'eval.jsonl', 'deployment-volume': '1M', bootstrap: '0', 'github-token': TOKEN };
function outputs(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of calls) if (c.fn === 'setOutput') out[String(c.args[0])] = c.args[1];
  return out;
}
const failures = () => calls.filter((c) => c.fn === 'setFailed').map((c) => c.args[0]);

describe('run()', () => {
  test('pass: outputs set, report written, no failure; the token is masked before anything is logged', async () => {
    inputs = { ...base, 'fail-worst-query-risk': '1' };
    await run();
    expect(failures()).toEqual([]);
    expect(outputs()).toMatchObject({ verdict: 'pass', 'report-path': join(workspace, 'tailgate-report.json') });
    const report = JSON.parse(readFileSync(join(workspace, 'tailgate-report.json'), 'utf8')) as { verdict: string };
    expect(report.verdict).toBe('pass');
    // The first call of all registers the token with the runner, and nothing ever prints it.
    expect(calls[0]).toEqual({ fn: 'setSecret', args: [TOKEN] });
    expect(JSON.stringify(calls.slice(1))).not.toContain(TOKEN);
    expect(readFileSync(join(workspace, 'tailgate-report.json'), 'utf8')).not.toContain(TOKEN);
  });

  test('fail in enforce mode: one setFailed, last, naming the behaviour; verdict output fail', async () => {
    inputs = { ...base, 'fail-worst-query-risk': '1e-6' };
    await run();
    expect(outputs().verdict).toBe('fail');
    expect(failures()).toEqual(['tailgate: forecast risk exceeds a fail threshold for default at n = 1000000']);
    expect(calls.at(-1)?.fn).toBe('setFailed');
  });

  test('fail in advisory mode: the verdict is reported, the step passes', async () => {
    inputs = { ...base, 'fail-worst-query-risk': '1e-6', mode: 'advisory' };
    await run();
    expect(outputs().verdict).toBe('fail');
    expect(failures()).toEqual([]);
  });

  test('a bad input: verdict error and the input error as the failure, without the "tailgate failed" prefix', async () => {
    inputs = { ...base, 'deployment-volume': 'lots' };
    await run();
    expect(outputs()).toEqual({ verdict: 'error' });
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatch(/^Input `deployment-volume`/);
  });

  test('a sink failing after the report was written: the report is rewritten as error, reported as a tailgate failure', async () => {
    inputs = { ...base, 'fail-worst-query-risk': '1' };
    brokenOutput = 'breaches';
    await run();
    expect(outputs().verdict).toBe('error');
    expect(failures()).toEqual(['tailgate failed: cannot write GITHUB_OUTPUT']);
    // The file on disk agrees with the outputs and the exit code: not a pass.
    const report = JSON.parse(readFileSync(join(workspace, 'tailgate-report.json'), 'utf8')) as { verdict: string };
    expect(report.verdict).toBe('error');
  });
});
