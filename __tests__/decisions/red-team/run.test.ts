/**
 * forecastRedTeam's I/O edge: each source's files are read with its format,
 * and what the readers warn about reaches the caller named by source, so the
 * action's report and `tailgate compare` can show it beside the ranking.
 */
import { ruleBook } from '../../../src/config/rules.js';
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../../../src/config/inputs.js';
import { forecastRedTeam } from '../../../src/decisions/red-team/forecast-sources.js';
import { runPipeline } from '../../../src/pipeline.js';
import { writeFiles } from '../../helpers/runner-files.js';
import { policyFileReader } from '../../../src/sources/policy-file.js';
import { workspaceFiles } from '../../../src/sources/workspace-files.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** HarmBench results: `hits` of `cases` test cases with label 1; `extra` adds a key whose value is not a list. */
function harmbench(cases: number, hits: number, extra = false): string {
  const rows = Array.from({ length: cases }, (_, i) => ({ test_case: `case ${i}`, generation: 'g', label: i < hits ? 1 : 0 }));
  return JSON.stringify({ 'harmful-advice': rows, ...(extra ? { summary: 'not a list' } : {}) });
}

const POLICY = `red-team:
  budget: 1000
  sources:
    - name: cheap
      results: cheap.json
      cost-per-query: 1
    - name: dear
      results: dear.json
      cost-per-query: 10
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-redteam-run-'));
  dirs.push(dir);
  writeFiles(dir, {
    'cheap.json': harmbench(40, 3, true),
    'dear.json': harmbench(40, 2),
    'policy.yml': POLICY,
    'target.json': harmbench(30, 1),
  });
  return dir;
}

const inputs = (ws: string) =>
  readSettings((name) => ({ policy: 'policy.yml', 'deployment-volume': '1M', bootstrap: '0' })[name] ?? '', {
    policyText: policyFileReader(ws),
  });

describe('forecastRedTeam', () => {
  it('ranks both sources and returns the readers’ warnings, each naming its source', async () => {
    const ws = workspace();
    const settings = inputs(ws);
    const { result, warnings } = await forecastRedTeam(settings.policy!.redTeam!, settings, ruleBook(settings), workspaceFiles(ws).resolve);
    expect(result.behaviors.map((b) => b.behavior)).toEqual(['harmbench']); // HarmBench's default behaviour name; behavior ids are queries
    expect(result.behaviors[0].ranking.map((r) => r.source).sort()).toEqual(['cheap', 'dear']);
    // Only the cheap source's file has the non-list key (harmbench.ts skips it with a warning); both
    // have one generation per test case, which harmbench.ts also warns about.
    const skipped = warnings.filter((w) => w.includes('skipped 1 keys'));
    expect(skipped).toEqual([
      expect.stringMatching(/^red-team source "cheap": cheap\.json: skipped 1 keys whose value is not an array: summary/),
    ]);
    expect(warnings.filter((w) => w.includes('single generation')).map((w) => w.split(':')[0])).toEqual([
      'red-team source "cheap"',
      'red-team source "dear"',
    ]);
  });

  it('through the pipeline, the warning lands in the report beside the ranking', async () => {
    const ws = workspace();
    const settings = inputs(ws);
    const files = workspaceFiles(ws);
    const report = await runPipeline(settings, await files.resolve(['target.json']), { now: new Date(0), context: null, files });
    expect(report.redTeam?.behaviors[0].behavior).toBe('harmbench');
    const skipped = report.warnings.filter((w) => w.includes('skipped 1 keys'));
    expect(skipped).toEqual([expect.stringMatching(/^red-team source "cheap": cheap\.json:/)]);
    // The target's own reader warnings stay unprefixed beside them.
    expect(report.warnings).toContainEqual(expect.stringMatching(/^target\.json: every test case has a single generation/));
  });
});
