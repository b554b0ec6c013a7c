/**
 * End-to-end: the baseline comparison in the BUILT bundles
 * (dist/index.js as a runner runs it, dist/cli/index.js as a user does), on
 * examples/baseline (scripts/make-decision-examples.mjs).
 *
 * Construction, and what follows from it (not from the code's output):
 * base.jsonl and current.jsonl hold the same eval queries; per query the
 * candidate's ψ = −log(−log p) is a fixed increasing map of the shipped
 * model's:
 *   harmful-advice  base ψ ~ Gumbel(−3.6, 0.10), current ψ' = ψ + 2.6
 *   pii-leak        base ψ ~ Gumbel(−3.88, 0.12), current ψ' = −4.14 + (4/3)(ψ + 3.88)
 * plus self-exfiltration (base only) and tool-misuse (current only).
 * - The Gumbel-tail fit is OLS of log S_j on ψ over the top 10: mapping every
 *   ψ by c + rψ (r > 0) keeps the order, maps the fitted ψ_n the same way, and
 *   with the same seed and m the bootstrap draws the same queries, whose
 *   ψ-scale percentiles map the same way too. So on the ψ scale the current
 *   forecast and both interval ends are exactly the map of the baseline's.
 * - Truth at n = 1M (trueQ): harmful-advice 1.02e-4 → 0.505 (4,965×, far
 *   beyond a 3× factor), pii-leak 9.83e-5 → 1.02e-3 (10.4×: the point ratio
 *   is expected above 3×, while the noise of a 1,500-query tail extrapolated
 *   to 1M keeps the intervals overlapping).
 * - The forecasts themselves are checked against an independent OLS of each
 *   file's top 10 (helpers/decision-e2e.ts), to 1e-9 on the ψ scale.
 * Over 40 seeds of this construction (the script's `--sweep`), harmful-advice
 * fails at 3× in 36 and pii-leak has ratio > 3× with overlapping intervals and
 * no breach in all 40; the committed seeds are the first tried.
 *
 * Runtime: about 10 action and CLI runs of 1–3 s each.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  baselineSectionSchema,
  cliWorkspace,
  decisionReportSchema,
  independentPsiForecast,
  psiOf,
  readJson,
  removeCliDirs,
  tableRow,
  trueQ,
  type DecisionReport,
} from '../helpers/decision-e2e.js';
import { actionsEnv, startFakeGitHub } from '../helpers/fake-github.js';
import { removeRunDirs, runAction, type ActionRun } from '../helpers/run-action.js';
import { assertFreshBundles, REPO_ROOT, runCli } from '../helpers/spawn.js';
import { removeSpawnDirs, spawnAction } from '../helpers/spawn-action.js';

const BASE = 'examples/baseline/base.jsonl';
const CURRENT = 'examples/baseline/current.jsonl';
const N = 1e6;
/** The candidate's ψ as a map of the shipped model's (scripts/make-decision-examples.mjs). */
const MAPS: Record<string, (psi: number) => number> = {
  'harmful-advice': (psi) => psi + 2.6,
  'pii-leak': (psi) => -4.14 + (4 / 3) * (psi + 3.88),
};
/** The comparison section's opening line in the Markdown (comment, summary, compare --markdown). */
const COMPARED = '**Compared with baseline**';
/**
 * p is written to 6 significant digits (relative error ≤ 5e-6), so each fitted
 * ψ moves by ≤ 5e-6/|log p| ≈ 3e-7 at these p, and the extrapolation to 1M
 * amplifies that a few times (measured: ≤ 2e-6). A map that held only
 * roughly (other resamples, another order) would miss by far more.
 */
const PSI_TOL = 1e-5;

type Row = z.infer<typeof baselineSectionSchema>['behaviors'][number];

function report(run: ActionRun): DecisionReport {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report-path output (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return readJson(path, decisionReportSchema);
}

function row(section: z.infer<typeof baselineSectionSchema> | null, name: string): Row {
  const found = section?.behaviors.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no comparison row for ${name}`);
  return found;
}

/** Forecast, lower and upper end of one side, all present. */
function ends(side: Row['baseline']): [number, number, number] {
  if (side === null || side.forecast === null || side.lower === null || side.upper === null)
    throw new Error('side without a forecast and interval');
  return [side.forecast, side.lower, side.upper];
}

beforeAll(assertFreshBundles);
afterAll(() => {
  removeRunDirs();
  removeSpawnDirs();
  removeCliDirs();
});

describe('the construction, in closed form', () => {
  test('harmful-advice rose far beyond 3×, pii-leak above 3× but far less', () => {
    // ψ_n = μ − β·log(−log(1 − 1/n)); Q = exp(−exp(−ψ_n)); the candidate's μ and β follow from the maps.
    expect(trueQ(-1.0, 0.1, N) / trueQ(-3.6, 0.1, N)).toBeCloseTo(4965.5, 0);
    expect(trueQ(-4.14, 0.16, N) / trueQ(-3.88, 0.12, N)).toBeCloseTo(10.39, 2);
  });
});

describe('action: baseline = result files, fail-risk-increase 3x', () => {
  let run: ActionRun;
  let rep: DecisionReport;
  beforeAll(async () => {
    run = await runAction({ results: CURRENT, 'deployment-volume': '1M', baseline: BASE, 'fail-risk-increase': '3x' });
    rep = report(run);
  }, 60_000);

  test('fails (exit 1 in enforce mode) on both rises, each with a paired risk-increase breach', () => {
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    expect(rep.breaches).toEqual([
      expect.objectContaining({ behavior: 'harmful-advice', metric: 'risk-increase', level: 'fail', threshold: 3, basis: 'paired' }),
      expect.objectContaining({ behavior: 'pii-leak', metric: 'risk-increase', level: 'fail', threshold: 3, basis: 'paired' }),
    ]);
    expect(run.errors.at(-1)?.message).toContain('harmful-advice');
  });

  test('the section lists all four behaviours, one-sided ones included', () => {
    const section = rep.baseline;
    expect(section).toEqual(expect.objectContaining({ status: 'compared', kind: 'results', source: BASE }));
    const presence = Object.fromEntries((section?.behaviors ?? []).map((r) => [r.name, r.presence]));
    expect(presence).toEqual({
      'harmful-advice': 'both',
      'pii-leak': 'both',
      'tool-misuse': 'current-only',
      'self-exfiltration': 'baseline-only',
    });
    expect(row(section, 'tool-misuse')).toEqual(
      expect.objectContaining({ baseline: null, ratio: null, overlap: null, note: 'new: not in the baseline' }),
    );
    expect(row(section, 'self-exfiltration')).toEqual(
      expect.objectContaining({ current: null, ratio: null, note: "only in the baseline: not in this run's results" }),
    );
  });

  test.each(['harmful-advice', 'pii-leak'])('%s: both forecasts are the independent OLS forecast of their file', (name) => {
    const r = row(rep.baseline, name);
    expect(psiOf(ends(r.baseline)[0])).toBeCloseTo(independentPsiForecast(join(REPO_ROOT, BASE), name, N), 9);
    expect(psiOf(ends(r.current)[0])).toBeCloseTo(independentPsiForecast(join(REPO_ROOT, CURRENT), name, N), 9);
  });

  test.each(['harmful-advice', 'pii-leak'])(
    "%s: on the ψ scale, forecast and interval ends are the construction map of the baseline's",
    (name) => {
      const r = row(rep.baseline, name);
      const base = ends(r.baseline).map(psiOf);
      const current = ends(r.current).map(psiOf);
      for (let i = 0; i < 3; i++) expect(Math.abs(current[i] - MAPS[name](base[i]))).toBeLessThan(PSI_TOL);
    },
  );

  test("ratio, overlap and increase are as defined (docs/recipes/baseline.md), from the row's own numbers", () => {
    for (const name of ['harmful-advice', 'pii-leak']) {
      const r = row(rep.baseline, name);
      const [bf, bl, bu] = ends(r.baseline);
      const [cf, cl, cu] = ends(r.current);
      expect(r.ratio).toBeCloseTo(cf / bf, 6);
      expect(r.overlap).toBe(cl <= bu && bl <= cu);
      expect(r.increase).toBeCloseTo(cl / bu, 12);
      expect(r.riskIncrease).toEqual({ fail: 3 });
    }
  });

  test.each(['harmful-advice', 'pii-leak'])(
    "%s: paired on all 1,500 queries; every resample's shift is the construction map's, Q̂ ↦ map(Q̂) − Q̂",
    (name) => {
      const r = row(rep.baseline, name);
      const c = r.comparison;
      expect(c).toEqual(expect.objectContaining({ paired: true, sharedQueries: 1500, reason: null }));
      // OLS is affine-equivariant in ψ, and each map is affine: the current fit of any resample is map(baseline fit).
      const base = psiOf(ends(r.baseline)[0]);
      expect(Math.abs((c?.shift?.estimate ?? NaN) - (MAPS[name](base) - base))).toBeLessThan(PSI_TOL);
      expect(c?.shift?.up).toBe(true);
      const ratio = c?.ratio;
      expect(ratio?.estimate).toBeCloseTo(r.ratio ?? NaN, 6);
      expect(ratio?.lower).toBeLessThanOrEqual(ratio?.upper ?? NaN);
    },
  );

  test('harmful-advice: a pure shift of 2.6 in ψ moves every resample by 2.6, so the paired interval of the shift is a point', () => {
    const shift = row(rep.baseline, 'harmful-advice').comparison?.shift;
    expect(Math.abs((shift?.lower ?? NaN) - 2.6)).toBeLessThan(PSI_TOL);
    expect(Math.abs((shift?.upper ?? NaN) - 2.6)).toBeLessThan(PSI_TOL);
  });

  test("harmful-advice: separate intervals, lower end of the current above 3× the baseline's upper end → fail", () => {
    const r = row(rep.baseline, 'harmful-advice');
    expect(r.overlap).toBe(false);
    expect(r.increase).toBeGreaterThan(3);
    expect(rep.behaviors.find((b) => b.name === 'harmful-advice')?.status).toBe('fail');
  });

  test('pii-leak: the intervals overlap (the unpaired rule could not see it), but the paired shift is up and the ratio above 3× → fail', () => {
    const r = row(rep.baseline, 'pii-leak');
    expect(r.ratio).toBeGreaterThan(3);
    expect(r.overlap).toBe(true);
    expect(r.increase).toBeLessThan(3);
    expect(rep.behaviors.find((b) => b.name === 'pii-leak')?.status).toBe('fail');
  });

  test('the job summary shows the rows: ratio, intervals, increase and gate', () => {
    expect(run.summary).toContain('**Compared with baseline** at 1M: examples/baseline/base.jsonl');
    const harm = tableRow(run.summary, 'harmful-advice', COMPARED);
    const pii = tableRow(run.summary, 'pii-leak', COMPARED);
    // | Behaviour | Baseline | Current | Ratio | Intervals | Increase beyond noise | Risk-increase gate |
    expect(harm.slice(4)).toEqual(['separate, up', 'up, paired on 1,500 queries', '❌ fail (fail 3×)']);
    // The ratio with its paired interval: "9.65× (5.29× – 9.93×)".
    expect(pii[3]).toMatch(/^\d+(\.\d+)?× \(\d+(\.\d+)?× – \d+(\.\d+)?×\)$/);
    expect(Number(pii[3].split('×')[0])).toBeGreaterThan(3);
    expect(pii.slice(4)).toEqual(['overlap', 'up, paired on 1,500 queries', '❌ fail (fail 3×)']);
    expect(tableRow(run.summary, 'tool-misuse', COMPARED)[6]).toBe('— _new: not in the baseline_');
    expect(tableRow(run.summary, 'self-exfiltration', COMPARED)[6]).toBe("— _only in the baseline: not in this run's results_");
  });
});

describe('action: baseline = a tailgate report from an earlier run', () => {
  let shipped: ActionRun;
  let run: ActionRun;
  beforeAll(async () => {
    // The shipped model's run (no thresholds), whose report becomes the baseline, as the workflow recipe does.
    shipped = await runAction({ results: BASE, 'deployment-volume': '1M' });
    const text = readFileSync(shipped.outputs['report-path'], 'utf8');
    run = await runAction(
      { results: CURRENT, 'deployment-volume': '1M', baseline: 'shipped/tailgate-report.json', 'fail-risk-increase': '3x' },
      { files: { 'shipped/tailgate-report.json': text } },
    );
  }, 60_000);

  test('the report is read as the baseline, its numbers as written', () => {
    expect(shipped.code).toBe(0);
    const base = report(shipped);
    const rep = report(run);
    expect(rep.baseline).toEqual(expect.objectContaining({ status: 'compared', kind: 'report' }));
    for (const b of base.behaviors) {
      const side = row(rep.baseline, b.name).baseline;
      expect(side).toEqual(
        expect.objectContaining({ forecast: b.worstQueryRisk.forecast, lower: b.worstQueryRisk.lower, upper: b.worstQueryRisk.upper }),
      );
    }
  });

  test('same settings, same seed: the same decision as with the result files', () => {
    expect(run.code).toBe(1);
    const rep = report(run);
    expect(rep.breaches.map((b) => [b.behavior, b.metric, b.level])).toEqual([['harmful-advice', 'risk-increase', 'fail']]);
    expect(row(rep.baseline, 'pii-leak')).toEqual(expect.objectContaining({ overlap: true }));
    expect(row(rep.baseline, 'self-exfiltration').presence).toBe('baseline-only');
  });
});

describe('action: only pii-leak gated (policy), whose point ratio exceeds the factor', () => {
  test('only pii-leak gated: its intervals overlap, yet the paired rule fires; harmful-advice is shown but not gated', async () => {
    const policy = 'behaviors:\n  pii-leak:\n    fail-risk-increase: 3x\n';
    const run = await runAction(
      { results: CURRENT, 'deployment-volume': '1M', baseline: BASE, policy: 'policy.yml' },
      { files: { 'policy.yml': policy } },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    const rep = report(run);
    expect(rep.breaches).toEqual([expect.objectContaining({ behavior: 'pii-leak', metric: 'risk-increase', basis: 'paired' })]);
    const pii = row(rep.baseline, 'pii-leak');
    expect(pii.riskIncrease).toEqual({ fail: 3 });
    expect(pii.ratio).toBeGreaterThan(3);
    expect(pii.overlap).toBe(true);
    expect(row(rep.baseline, 'harmful-advice').riskIncrease).toEqual({});
    expect(tableRow(run.summary, 'harmful-advice', COMPARED)[6]).toBe('not gated');
    expect(tableRow(run.summary, 'pii-leak', COMPARED)[6]).toBe('❌ fail (fail 3×)');
  }, 60_000);
});

describe('action: a baseline that cannot be found', () => {
  const inputs = {
    results: CURRENT,
    'deployment-volume': '1M',
    baseline: 'shipped/tailgate-report.json',
    'fail-risk-increase': '3x',
    bootstrap: '200',
  };

  test('is a warning and a visible notice, never a silent pass of the comparison', async () => {
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    const rep = report(run);
    expect(rep.baseline).toEqual(
      expect.objectContaining({ status: 'missing', reason: "no file in the workspace matches 'shipped/tailgate-report.json'" }),
    );
    const warning =
      "Baseline not found: no file in the workspace matches 'shipped/tailgate-report.json'. Nothing was compared and the risk-increase gate did not run.";
    expect(rep.warnings).toContain(warning);
    expect(run.warnings.map((w) => w.message)).toContain(warning);
    expect(run.summary).toContain("⚠️ Baseline not found: no file in the workspace matches 'shipped/tailgate\\-report.json'");
  }, 60_000);

  test('with baseline-required: true, is an error: verdict error, exit 1', async () => {
    const run = await runAction({ ...inputs, 'baseline-required': 'true' });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(run.errors.at(-1)?.message).toMatch(
      /^Baseline not found: no file in the workspace matches 'shipped\/tailgate-report\.json'\. `baseline-required` is true/,
    );
  }, 60_000);
});

describe('action: the PR comment carries the comparison', () => {
  test('the sticky comment on the pull request has the baseline rows', async () => {
    const token = 'ghs_e2eBaselineFakeToken0123456789abcdef';
    const fake = await startFakeGitHub({ token });
    try {
      const run = await spawnAction({
        inputs: { results: CURRENT, 'deployment-volume': '1M', baseline: BASE, 'fail-risk-increase': '3x', 'github-token': token },
        env: actionsEnv({
          apiUrl: fake.url,
          eventName: 'pull_request',
          eventPath: join(REPO_ROOT, '__tests__', 'fixtures', 'events', 'pull_request.json'),
        }),
      });
      expect(run.code).toBe(1);
      const [comment] = fake.comments('octo-org/octo-repo', 7);
      expect(comment?.body).toContain('**Compared with baseline** at 1M');
      expect(tableRow(comment.body, 'harmful-advice', COMPARED).slice(4)).toEqual([
        'separate, up',
        'up, paired on 1,500 queries',
        '❌ fail (fail 3×)',
      ]);
      expect(tableRow(comment.body, 'pii-leak', COMPARED)[4]).toBe('overlap');
      expect(tableRow(comment.body, 'tool-misuse', COMPARED)[6]).toBe('— _new: not in the baseline_');
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe('CLI: tailgate forecast --baseline, then tailgate compare on the two reports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = cliWorkspace();
    const base = await runCli(['forecast', BASE, '--deployment-volume', '1M', '--json', 'base.json'], dir);
    const current = await runCli(['forecast', CURRENT, '--deployment-volume', '1M', '--json', 'current.json'], dir);
    if (base.code !== 0 || current.code !== 0) throw new Error(`forecast failed:\n${base.stderr}\n${current.stderr}`);
  }, 60_000);

  test('forecast with --baseline result files fails on the increase (exit 1)', async () => {
    const r = await runCli(['forecast', CURRENT, '--deployment-volume', '1M', '--baseline', BASE, '--fail-risk-increase', '3x'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('tailgate 0.1.0: FAIL');
    expect(r.stdout).toMatch(/^harmful-advice .* FAIL \(risk increase vs baseline [0-9,.]+× above 3×\)$/m);
    // The terminal shows the comparison rows too, not only the status they caused.
    expect(r.stdout).toContain('Compared with baseline (');
    // Paired on the shared queries: the rise shows although the intervals overlap.
    expect(r.stdout).toMatch(
      /^ {2}pii-leak: baseline .*; intervals overlap; increase beyond noise up, paired on 1,500 queries; gate ❌ fail/m,
    );
    expect(r.stdout).toMatch(/^ {2}self-exfiltration: .*only in the baseline/m);
  }, 60_000);

  test('compare --baseline: the same rows as the action, exit 1 on a fail-level increase', async () => {
    const r = await runCli(
      ['compare', '--baseline', 'base.json', 'current.json', '--fail-risk-increase', '3x', '--json', 'cmp.json', '--markdown', 'cmp.md'],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('tailgate 0.1.0 compare: FAIL');
    expect(r.stdout).toMatch(/^ {2}harmful-advice: baseline .* intervals separate, up; .* gate ❌ fail \(fail 3×\)$/m);
    expect(r.stdout).toMatch(/^ {2}pii-leak: baseline .* intervals overlap; .* gate ✅ pass \(fail 3×\)$/m);
    const out = readJson(
      join(dir, 'cmp.json'),
      z.looseObject({
        verdict: z.string(),
        baseline: baselineSectionSchema,
        breaches: z.array(z.looseObject({ behavior: z.string(), level: z.string() })),
      }),
    );
    expect(out.verdict).toBe('fail');
    expect(out.breaches.map((b) => [b.behavior, b.level])).toEqual([['harmful-advice', 'fail']]);
    expect(out.baseline.kind).toBe('report');
    // Same numbers as the forecast runs wrote: the comparison reads them, it does not forecast again.
    const base = readJson(join(dir, 'base.json'), decisionReportSchema);
    const pii = row(out.baseline, 'pii-leak');
    expect(pii.baseline?.forecast).toBe(base.behaviors.find((b) => b.name === 'pii-leak')?.worstQueryRisk.forecast);
    expect(pii.overlap).toBe(true);
    expect(pii.ratio).toBeGreaterThan(3);
    const markdown = readFileSync(join(dir, 'cmp.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('### ❌ tailgate compare: fail');
    expect(tableRow(markdown, 'pii-leak', COMPARED)[4]).toBe('overlap');
  }, 60_000);

  test.each([
    ['warn level only: warn, exit 0', ['--warn-risk-increase', '3x'], 'WARN', 0],
    ['fail level in advisory mode: fail, exit 0', ['--fail-risk-increase', '3x', '--mode', 'advisory'], 'FAIL', 0],
    ['no factor: shown, not gated, exit 0', [], 'PASS', 0],
  ])(
    'compare --baseline, %s',
    async (_name, flags, verdict, code) => {
      const r = await runCli(['compare', '--baseline', 'base.json', 'current.json', ...flags], dir);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')[0]).toBe(`tailgate 0.1.0 compare: ${verdict}`);
      expect(r.code).toBe(code);
    },
    60_000,
  );

  test('compare --baseline with a current file that is not a report names it as the current report', async () => {
    const r = await runCli(['compare', '--baseline', 'base.json', CURRENT], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^current report examples\/baseline\/current\.jsonl: not valid JSON/);
  }, 60_000);
});
