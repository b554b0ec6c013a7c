/**
 * `tailgate compare` in process (src/cli/main.ts with a fake stdout/stderr):
 * argument handling, both modes, outputs and exit codes. The built bundle is
 * covered by __tests__/e2e/baseline.test.ts and __tests__/e2e/redteam.test.ts.
 *
 * Report mode uses hand-made reports whose worst-query numbers are chosen so
 * the expected values are plain arithmetic (the rule of docs/recipes/baseline.md: a level fires when
 * the lower end of the current interval exceeds factor × the baseline's upper
 * end, strictly):
 *   harmful-advice  baseline 0.001 (0.0004–0.0025)  current 0.1 (0.04–0.25)
 *                   ratio 0.1/0.001 = 100, separate, increase 0.04/0.0025 = 16
 *   pii-leak        baseline 0.01 (0.004–0.025)     current 0.05 (0.02–0.125)
 *                   ratio 5, overlap (0.02 ≤ 0.025), increase 0.8
 *   old-behaviour   baseline only;  new-behaviour  current only.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { increaseVerdict } from '../../src/cli/compare/report-pair.js';
import { main } from '../../src/cli/main.js';
import { serializeReport } from '../../src/report/json.js';
import type { Report, ReportBehavior } from '../../src/domain/report.js';
import { baseReport, tailBehavior } from '../helpers/reports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

async function cli(argv: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => ((stderr += text), true), isTTY: false },
  });
  return { code, stdout, stderr };
}

function behaviour(name: string, [forecast, lower, upper]: [number, number, number]): ReportBehavior {
  const b = tailBehavior({ name, m: 1000, nonzero: 50, a: -20, p1: 0.01 });
  return { ...b, worstQueryRisk: { ...b.worstQueryRisk, forecast, lower, upper } };
}

function reportOf(behaviors: ReportBehavior[], over: Partial<Report> = {}): string {
  return serializeReport(baseReport({ verdict: 'pass', behaviors, ...over }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailgate-cli-compare-'));
  writeFileSync(
    join(dir, 'base.json'),
    reportOf([
      behaviour('harmful-advice', [0.001, 0.0004, 0.0025]),
      behaviour('pii-leak', [0.01, 0.004, 0.025]),
      behaviour('old-behaviour', [0.02, 0.01, 0.04]),
    ]),
  );
  writeFileSync(
    join(dir, 'current.json'),
    reportOf(
      [
        behaviour('harmful-advice', [0.1, 0.04, 0.25]),
        behaviour('pii-leak', [0.05, 0.02, 0.125]),
        behaviour('new-behaviour', [0.03, 0.01, 0.06]),
      ],
      { verdict: 'warn', generatedAt: '2026-11-21T08:00:00.000Z' },
    ),
  );
  writeFileSync(join(dir, 'not-a-report.json'), '{"hello": 1}\n');
  writeFileSync(join(dir, 'pii-policy.yml'), 'behaviors:\n  pii-leak:\n    fail-risk-increase: 4x\n');
  writeFileSync(join(dir, 'no-red-team.yml'), 'defaults:\n  fail-worst-query-risk: 0.5\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compare --baseline BASE CURRENT (two reports)', () => {
  test('fail-level increase beyond the noise: FAIL, exit 1; rows with ratio, overlap, increase and one-sided behaviours', async () => {
    const r = await cli([
      'compare',
      '--baseline',
      'base.json',
      'current.json',
      '--fail-risk-increase',
      '3x',
      '--json',
      'out/cmp.json',
      '--markdown',
      'out/cmp.md',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('tailgate 0.1.0 compare: FAIL');
    expect(lines[1]).toBe('"harmful-advice" rose beyond its risk-increase factor outside the noise of the two intervals.');
    expect(lines[2]).toBe(
      'current report current.json: written 2026-11-21T08:00:00.000Z at n = 1M; its own verdict (its thresholds, not re-judged here): warn',
    );
    expect(r.stdout).toContain(
      '  harmful-advice: baseline 0.0010 (4.0e-4 – 0.0025) → current 0.10 (0.040 – 0.25); ratio 100×; intervals separate, up; increase beyond noise 16×; gate ❌ fail (fail 3×)',
    );
    expect(r.stdout).toContain(
      '  pii-leak: baseline 0.010 (0.0040 – 0.025) → current 0.050 (0.020 – 0.13); ratio 5×; intervals overlap; increase beyond noise within noise; gate ✅ pass (fail 3×)',
    );
    expect(r.stdout).toContain(
      '  new-behaviour: baseline — → current 0.030 (0.010 – 0.060); ratio —; intervals —; increase beyond noise —; gate —; new: not in the baseline',
    );
    expect(r.stdout).toContain(
      "  old-behaviour: baseline 0.020 (0.010 – 0.040) → current —; ratio —; intervals —; increase beyond noise —; gate —; only in the baseline: not in this run's results",
    );

    const out: unknown = JSON.parse(readFileSync(join(dir, 'out/cmp.json'), 'utf8'));
    expect(out).toEqual(
      expect.objectContaining({
        verdict: 'fail',
        current: { file: 'current.json', generatedAt: '2026-11-21T08:00:00.000Z', deploymentVolume: 1e6, verdict: 'warn' },
        breaches: [{ behavior: 'harmful-advice', metric: 'risk-increase', level: 'fail', value: 16, threshold: 3, basis: 'interval' }],
        baseline: expect.objectContaining({ status: 'compared', kind: 'report', source: 'base.json' }),
      }),
    );
    const markdown = readFileSync(join(dir, 'out/cmp.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('### ❌ tailgate compare: fail');
    expect(markdown).toContain(
      '| harmful\\-advice | 0.0010 (4.0e-4 – 0.0025) | 0.10 (0.040 – 0.25) | 100× | separate, up | 16× | ❌ fail (fail 3×) |',
    );
  });

  test('a lower end exactly at factor × the upper end passes (strict >): 0.04 = 16 × 0.0025', async () => {
    const r = await cli(['compare', '--baseline', 'base.json', 'current.json', '--fail-risk-increase', '16']);
    expect(r.stdout.split('\n')[0]).toBe('tailgate 0.1.0 compare: PASS');
    expect(r.code).toBe(0);
  });

  test.each([
    ['warn level fires: WARN, exit 0', ['--warn-risk-increase', '10x'], 'WARN', 0],
    ['fail in advisory mode: FAIL, exit 0', ['--fail-risk-increase', '3x', '--mode', 'advisory'], 'FAIL', 0],
    ['no factor: PASS, nothing gated', [], 'PASS', 0],
  ])('%s', async (_name, flags, verdict, code) => {
    const r = await cli(['compare', '--baseline', 'base.json', 'current.json', ...flags]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`tailgate 0.1.0 compare: ${verdict}`);
    expect(r.code).toBe(code);
  });

  test('no factor: the headline says nothing is gated', async () => {
    const r = await cli(['compare', '--baseline', 'base.json', 'current.json']);
    expect(r.stdout.split('\n')[1]).toBe(
      'No risk-increase factor is set (--fail-risk-increase, --warn-risk-increase or the policy): the comparison is shown, nothing is gated.',
    );
  });

  test('per-behaviour factors from the policy: pii-leak at 4× (ratio 5× but increase 0.8×) passes; harmful-advice not gated', async () => {
    const r = await cli(['compare', '--baseline', 'base.json', 'current.json', '--policy', 'pii-policy.yml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}pii-leak: .*gate ✅ pass \(fail 4×\)$/m);
    expect(r.stdout).toMatch(/^ {2}harmful-advice: .*gate not gated$/m);
  });

  test.each([
    [
      'a factor below 1',
      ['--fail-risk-increase', '0.5x'],
      'Option --fail-risk-increase: got "0.5x"; out of range; use a factor of at least 1',
    ],
    [
      'warn above fail',
      ['--fail-risk-increase', '2x', '--warn-risk-increase', '3x'],
      'warn-risk-increase (3) must not exceed fail-risk-increase (2)',
    ],
    ['a bad mode', ['--mode', 'strict'], 'Option --mode'],
  ])("the action inputs' own checks: %s", async (_name, flags, message) => {
    const r = await cli(['compare', '--baseline', 'base.json', 'current.json', ...flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });

  test('the current report is named as such when it is not a tailgate report', async () => {
    const r = await cli(['compare', '--baseline', 'base.json', 'not-a-report.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^current report not-a-report\.json: not a valid tailgate report \(schemaVersion 1\): /);
    expect(r.stderr).toContain('tailgate compare reads two tailgate JSON reports');
  });

  test('the baseline report is named as the baseline', async () => {
    const r = await cli(['compare', '--baseline', 'missing.json', 'current.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^baseline missing\.json: cannot read the file: /);
  });

  test.each([
    [
      'a current report without --baseline',
      ['current.json'],
      "comparing two reports needs --baseline BASE.json ('current.json' would be the current report)",
    ],
    ['--baseline without a current report', ['--baseline', 'base.json'], 'give exactly one current report after the options (got 0)'],
    [
      'two current reports',
      ['--baseline', 'base.json', 'current.json', 'base.json'],
      'give exactly one current report after the options (got 2)',
    ],
    [
      'an option of the red-team mode',
      ['--baseline', 'base.json', 'current.json', '--bootstrap', '100'],
      '--bootstrap does not apply to comparing two reports',
    ],
  ])('usage errors: %s', async (_name, args, message) => {
    const r = await cli(['compare', ...args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('compare --policy (red-team choice)', () => {
  // The repository's worked example; bootstrap 100 keeps it fast (the numbers are e2e-redteam's business).
  test('ranks the sources, exit 0; --deployment-volume is checked, accepted and said to be unused', async () => {
    const r = await cli(
      [
        'compare',
        '--policy',
        'examples/red-team/policy.yml',
        '--bootstrap',
        '100',
        '--deployment-volume',
        '1M',
        '--json',
        join(dir, 'rt.json'),
      ],
      ROOT,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Red-team choice at a budget of 100,000:');
    expect(r.stdout).toMatch(/^ {2}#\d haiku: cost 1, buys 100,000 \(m = 1,000\)/m);
    expect(r.stdout).toMatch(/^ {2}#\d sonnet: cost 10, buys 10,000 \(m = 1,000\)/m);
    expect(r.stdout).toContain('--deployment-volume is not used here: each source is forecast at the queries its budget buys.');
    const out: unknown = JSON.parse(readFileSync(join(dir, 'rt.json'), 'utf8'));
    expect(out).toEqual(
      expect.objectContaining({
        settings: { tailSize: 10, confidence: 0.9, bootstrap: 100, seed: 0 },
        redTeam: expect.objectContaining({
          budget: 100_000,
          sources: [
            { name: 'haiku', costPerQuery: 1, queriesBought: 100_000 },
            { name: 'sonnet', costPerQuery: 10, queriesBought: 10_000 },
          ],
        }),
      }),
    );
  });

  test('--bootstrap 0: the worst-query intervals are the pivot alone, so the choice can still be judged', async () => {
    const r = await cli(['compare', '--policy', 'examples/red-team/policy.yml', '--bootstrap', '0'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no bootstrap');
    expect(r.stdout).toMatch(/intervals (overlap|lies wholly above)/);
  });

  test.each([
    ['no --policy', [], 'tailgate compare: give --policy FILE, a policy with a `red-team` section'],
    [
      'a policy without a red-team section',
      ['--policy', join('no-red-team.yml')],
      'has no `red-team` section; add a `red-team` section with a budget and at least two sources',
    ],
    [
      'a bad --deployment-volume (checked even though unused)',
      ['--policy', 'no-red-team.yml', '--deployment-volume', 'lots'],
      'Option --deployment-volume',
    ],
    [
      'an option of the report mode',
      ['--policy', 'no-red-team.yml', '--fail-risk-increase', '3x'],
      '--fail-risk-increase does not apply to the red-team choice (--policy FILE)',
    ],
    ['an unknown option', ['--policy', 'no-red-team.yml', '--budget', '10'], "unknown option '--budget'"],
  ])('errors: %s', async (_name, args, message) => {
    const r = await cli(['compare', ...args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('increaseVerdict', () => {
  const breach = (level: 'warn' | 'fail') => ({
    behavior: 'x',
    metric: 'risk-increase' as const,
    level,
    value: 5,
    threshold: 3,
    basis: 'interval' as const,
  });
  test('fail over warn over pass', () => {
    expect(increaseVerdict([])).toBe('pass');
    expect(increaseVerdict([breach('warn')])).toBe('warn');
    expect(increaseVerdict([breach('warn'), breach('fail')])).toBe('fail');
  });
});

describe('help and dispatch', () => {
  test('compare --help documents every option of both modes; `help compare` is the same text', async () => {
    const r = await cli(['compare', '--help']);
    expect(r.code).toBe(0);
    for (const name of [
      'policy',
      'tail-size',
      'confidence',
      'bootstrap',
      'seed',
      'deployment-volume',
      'format',
      'behavior',
      'scorer',
      'hit-values',
      'score-threshold',
      'score-key',
      'matcher',
      'filter',
      'use-logprobs',
      'baseline',
      'fail-risk-increase',
      'warn-risk-increase',
      'mode',
      'json',
      'markdown',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}--${name}\\b`, 'm'));
    }
    expect((await cli(['help', 'compare'])).stdout).toBe(r.stdout);
  });

  test('the main help names compare; an unknown command points at it', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}compare /m);
    const r = await cli(['comapre']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("use 'tailgate forecast', 'tailgate backtest', 'tailgate compare' or 'tailgate history'");
  });

  test('`help constructor` is the main help, not a crash', async () => {
    const r = await cli(['help', 'constructor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli(['--help'])).stdout);
  });
});
