/**
 * `tailgate forecast` with a policy `files` section, in-process (src, not the
 * bundle): positionals are the `results` group, and with `--policy` holding
 * `files:` they are optional. Scenario and hand-computed expectations:
 * helpers/policy-files-scenario.ts.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runForecast } from '../../src/cli/forecast.js';
import { expectScenarioReport, scenarioFiles } from '../helpers/policy-files-scenario.js';
import { writeFiles } from '../helpers/runner-files.js';

const ws = mkdtempSync(join(tmpdir(), 'tailgate-cli-files-'));
writeFiles(ws, { ...scenarioFiles(), 'thresholds-only.yml': 'defaults:\n  fail-worst-query-risk: 0.5\n' });
afterAll(() => rmSync(ws, { recursive: true, force: true }));

async function forecast(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, cwd: ws };
  const code = await runForecast(['--deployment-volume', '10k', '--bootstrap', '200', '--hit-values', 'I', ...argv], io);
  return { code, stdout };
}

describe('tailgate forecast --policy with `files:`', () => {
  it('needs no positional: the policy groups are read into one report and one gate', async () => {
    const r = await forecast('--policy', 'tailgate.yml', '--json', 'no-results.json');
    expect(r.code).toBe(1); // fail in enforce mode
    expect(r.stdout.split('\n')[0]).toBe('tailgate 0.1.0: FAIL');
    expectScenarioReport(JSON.parse(readFileSync(join(ws, 'no-results.json'), 'utf8')), false);
  });

  it('positionals are the `results` group, read first with the inputs’ format and mapping', async () => {
    const r = await forecast('evals/native.jsonl', '--policy', 'tailgate.yml', '--json', 'with-results.json');
    expect(r.code).toBe(1);
    expectScenarioReport(JSON.parse(readFileSync(join(ws, 'with-results.json'), 'utf8')), true);
  });

  it('without files anywhere, the "give the result files" error stays', async () => {
    await expect(forecast()).rejects.toThrow(
      'tailgate forecast: give the result files (or quoted globs) to read as arguments, or a --policy with a `files` section',
    );
    // A policy without `files:` names no file either.
    await expect(forecast('--policy', 'thresholds-only.yml')).rejects.toThrow('tailgate forecast: give the result files');
  });
});
