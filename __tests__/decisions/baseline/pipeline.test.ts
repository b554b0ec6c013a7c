/**
 * The baseline and red-team steps through runPipeline, on real native JSONL
 * files in a temporary workspace and settings read by readSettings (unit
 * level; the lead's e2e runs the bundle).
 *
 * Data: given probabilities with ψ = c + E/λ, E ~ Exp(1) (an exact
 * exponential tail in ψ, see __tests__/decisions/red-team/choose-source.test.ts). At n = 10⁴ the
 * closed-form worst-query risk Q = exp(−exp(−(c + ln n/λ))) is
 * - baseline "harm" (c = −5, λ = 3):  ψ = −1.93, Q = 1.0e-3;
 * - current  "harm" (c = −4, λ = 2):  ψ = 0.605, Q = 0.58,
 * a 500-fold increase that no bootstrap noise covers, so a 3× gate fires.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../../../src/config/inputs.js';
import { InputError } from '../../../src/domain/errors.js';
import { resolveGlobs } from '../../../src/sources/globs.js';
import { runPipeline } from '../../../src/pipeline.js';
import { serializeReport } from '../../../src/report/json.js';
import type { Report } from '../../../src/domain/report.js';
import { mulberry32 } from '../../helpers/prng.js';
import { policyFileReader } from '../../../src/sources/policy-file.js';
import { fileSource } from '../../../src/sources/file-source.js';
import { workspaceFiles } from '../../../src/sources/workspace-files.js';

function jsonl(behavior: string, m: number, c: number, lambda: number, seed: number): string {
  const u = mulberry32(seed);
  return (
    Array.from({ length: m }, (_, i) =>
      JSON.stringify({ query_id: `q${i}`, behavior, prob: Math.exp(-Math.exp(-(c - Math.log(1 - u()) / lambda))) }),
    ).join('\n') + '\n'
  );
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-pipe-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const files = {
  'current/harm.jsonl': jsonl('harm', 1000, -4, 2, 1),
  'current/new.jsonl': jsonl('new-behaviour', 500, -5, 3, 2),
  'base/harm.jsonl': jsonl('harm', 1000, -5, 3, 3),
  'base/leak.jsonl': jsonl('leak', 500, -5, 3, 4),
};

/** Inputs as a workflow would give them; bootstrap small to keep the test quick. */
async function run(ws: string, inputs: Record<string, string>): Promise<Report> {
  const all: Record<string, string> = { results: 'current/*.jsonl', 'deployment-volume': '10k', bootstrap: '100', ...inputs };
  const settings = readSettings((name) => all[name] ?? '', { policyText: policyFileReader(ws) });
  const found = (await resolveGlobs(settings.results, ws)).map(fileSource);
  return runPipeline(settings, found, { now: new Date(Date.UTC(2026, 10, 20)), context: null, files: workspaceFiles(ws) });
}

describe('runPipeline with a baseline', () => {
  const ws = workspace(files);

  it('a baseline report: compares per behaviour, lists one-sided behaviours, and the 3× gate fails the run', async () => {
    const base = await run(ws, { results: 'base/*.jsonl' });
    writeFileSync(join(ws, 'base-report.json'), serializeReport(base));
    const report = await run(ws, { baseline: 'base-report.json', 'fail-risk-increase': '3x' });
    const section = report.baseline;
    expect(section).toMatchObject({ status: 'compared', kind: 'report', source: 'base-report.json', deploymentVolume: 10_000 });
    expect(section?.behaviors.map((r) => [r.name, r.presence])).toEqual([
      ['harm', 'both'],
      ['new-behaviour', 'current-only'],
      ['leak', 'baseline-only'],
    ]);
    const harm = section?.behaviors[0];
    // The baseline side is the baseline report's own numbers.
    expect(harm?.baseline?.forecast).toBe(base.behaviors.find((b) => b.name === 'harm')?.worstQueryRisk.forecast);
    // Closed forms above: ~0.58 against ~1e-3; the forecasts land within a factor of a few of them.
    expect(harm?.ratio).toBeGreaterThan(50);
    expect(harm?.overlap).toBe(false);
    expect(report.breaches).toEqual([
      expect.objectContaining({ behavior: 'harm', metric: 'risk-increase', level: 'fail', threshold: 3, basis: 'interval' }),
    ]);
    expect(report.verdict).toBe('fail');
    expect(report.redTeam).toBeNull();
  });

  it("baseline result files are forecast with this run's settings", async () => {
    const report = await run(ws, { baseline: 'base/*.jsonl', 'warn-risk-increase': '2' });
    expect(report.baseline).toMatchObject({
      status: 'compared',
      kind: 'results',
      source: 'base/harm.jsonl, base/leak.jsonl',
      generatedAt: null,
    });
    expect(report.verdict).toBe('warn');
  });

  it('a missing baseline is a warning and a visible section, never a silent pass', async () => {
    const report = await run(ws, { baseline: 'nowhere/*.json', 'fail-risk-increase': '3x' });
    expect(report.baseline).toMatchObject({
      status: 'missing',
      reason: "no file in the workspace matches 'nowhere/*.json'",
      behaviors: [],
    });
    expect(report.warnings).toContain(
      "Baseline not found: no file in the workspace matches 'nowhere/*.json'. Nothing was compared and the risk-increase gate did not run.",
    );
    expect(report.verdict).toBe('pass');
  });

  it('with baseline-required: true a missing baseline ends the run with an InputError', async () => {
    const error = await run(ws, { baseline: 'nowhere/*.json', 'baseline-required': 'true' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InputError);
    expect(error instanceof Error ? error.message : '').toMatch(/^Baseline not found: .*`baseline-required` is true/);
  });

  it('an artifact baseline without GitHub ports is an error naming the input', async () => {
    await expect(run(ws, { 'baseline-artifact': 'rep', 'baseline-run-id': '5' })).rejects.toThrow(
      'Input `baseline-run-id`: downloading a baseline artifact needs the GitHub API',
    );
  });
});

describe('runPipeline with a red-team section', () => {
  it('ranks the sources at what the budget buys and names the best', async () => {
    // The wiring is under test here (the protocol is in __tests__/decisions/red-team/choose-source.test.ts), so the
    // sources differ by far: "heavy" (c = −4, λ = 1.5, cost 1) buys 100,000 queries, "thin"
    // (c = −3, λ = 5, cost 10) buys 10,000. Closed form: Q_heavy(1e5) = exp(−exp(−(−4 + ln 1e5/1.5))) = 0.975,
    // Q_thin(1e4) = exp(−exp(−(−3 + ln 1e4/5))) = 0.041.
    const ws = workspace({
      'current/harm.jsonl': jsonl('harm', 300, -4, 2, 5),
      'rt/heavy.jsonl': jsonl('harm', 1000, -4, 1.5, 6),
      'rt/thin.jsonl': jsonl('harm', 1000, -3, 5, 7),
      'policy.yml': [
        'red-team:',
        '  budget: 100000',
        '  sources:',
        '    - {name: thin, results: rt/thin.jsonl, cost-per-query: 10}',
        '    - {name: heavy, results: rt/heavy.jsonl, cost-per-query: 1}',
      ].join('\n'),
    });
    const report = await run(ws, { policy: 'policy.yml' });
    expect(report.redTeam?.sources).toEqual([
      { name: 'thin', costPerQuery: 10, queriesBought: 10_000 },
      { name: 'heavy', costPerQuery: 1, queriesBought: 100_000 },
    ]);
    expect(report.redTeam?.bestSource).toBe('heavy');
    expect(report.redTeam?.behaviors[0].ranking.map((s) => s.source)).toEqual(['heavy', 'thin']);
  });

  it('a source glob that matches nothing is an error naming the source', async () => {
    const ws = workspace({
      'current/harm.jsonl': jsonl('harm', 300, -4, 2, 5),
      'policy.yml':
        'red-team:\n  budget: 10\n  sources:\n    - {name: a, results: rt/a.jsonl, cost-per-query: 1}\n    - {name: b, results: rt/b.jsonl, cost-per-query: 1}\n',
    });
    await expect(run(ws, { policy: 'policy.yml' })).rejects.toThrow(
      /^red-team source "a": results: the glob 'rt\/a\.jsonl' matched no files/,
    );
  });
});
