/**
 * End-to-end: the red-teamer choice (paper §6) in the BUILT
 * bundles: the action's report section and `best-source` output
 * (dist/index.js), and `tailgate compare --policy` (dist/cli/index.js).
 *
 * Expected outcomes come from how the data is made, with ψ ~ Gumbel(μ, β)
 * and the truth Q(n) = exp(−exp(−ψ_n)), ψ_n = μ − β·log(−log(1 − 1/n)):
 * - examples/red-team (scripts/make-decision-examples.mjs): sonnet
 *   Gumbel(−2.82, 1/4) at cost 10, haiku Gumbel(−6.7, 2/3) at cost 1, budget
 *   100,000. Truth at the queries bought: haiku Q(100,000) = 0.686, sonnet
 *   Q(10,000) = 0.187, so haiku is the right choice, while sonnet's median
 *   largest p̂ of 1,000 queries (0.066) is far above haiku's (0.0017). Each
 *   forecast is checked against an independent OLS of its file's top 10.
 *   Whether the intervals separate is noise at these sizes: in 6 of 40 seeds
 *   (the script's `--sweep`); this file's seeds give the common overlap.
 * - Twins (made here): two sources drawn from the same distribution at the
 *   same cost have the same truth, so no choice is right. Two independent
 *   90% intervals of one quantity miss each other only when the estimates
 *   differ by more than 2·1.645 sd, i.e. 2.33 sd of their difference: ~2%
 *   (~7% if the bootstrap under-covers at an effective 80%).
 * - A clear case (made here): truth 0.65 against 3.6e-10 at 10,000 queries,
 *   a ψ gap of 3.9 where each tail's own noise at m = 1,000 is a few tenths.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { z } from 'zod';
import {
  cliWorkspace,
  decisionReportSchema,
  gumbelJsonl,
  independentPsiForecast,
  psiOf,
  readJson,
  redTeamSchema,
  removeCliDirs,
  trueQ,
  type DecisionReport,
} from '../helpers/decision-e2e.js';
import { removeRunDirs, runAction, type ActionRun } from '../helpers/run-action.js';
import { assertFreshBundles, REPO_ROOT, runCli } from '../helpers/spawn.js';

const POLICY = 'examples/red-team/policy.yml';
const BEHAVIOR = 'harmful-advice';
const compareJson = z.looseObject({
  tool: z.looseObject({ name: z.literal('tailgate') }),
  settings: z.looseObject({ bootstrap: z.number() }),
  redTeam: redTeamSchema,
});

type RedTeam = z.infer<typeof redTeamSchema>;

function report(run: ActionRun): DecisionReport {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report-path output (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return readJson(path, decisionReportSchema);
}

function onlyChoice(redTeam: RedTeam | null): RedTeam['behaviors'][number] {
  if (redTeam === null || redTeam.behaviors.length !== 1)
    throw new Error(`expected one behaviour in the red-team section, got ${JSON.stringify(redTeam)}`);
  return redTeam.behaviors[0];
}

/** A policy with two sources of one behaviour. */
function twoSourcePolicy(budget: number, sources: [string, string, number][]): string {
  const lines = ['red-team:', `  budget: ${budget}`, '  sources:'];
  for (const [name, results, cost] of sources)
    lines.push(`    - name: ${name}`, `      results: ${results}`, `      cost-per-query: ${cost}`);
  return `${lines.join('\n')}\n`;
}

beforeAll(assertFreshBundles);
afterAll(() => {
  removeRunDirs();
  removeCliDirs();
});

describe('the construction, in closed form', () => {
  test('at the budget haiku is truly riskier (0.686 vs 0.187), though sonnet finds riskier queries per query', () => {
    expect(trueQ(-6.7, 2 / 3, 100_000)).toBeCloseTo(0.6859, 4);
    expect(trueQ(-2.82, 1 / 4, 10_000)).toBeCloseTo(0.1868, 4);
    // Median of the largest of m = 1000: ψ = μ + β·(log m − log log 2).
    const medianMax = (mu: number, beta: number): number => Math.exp(-Math.exp(-(mu + beta * (Math.log(1000) - Math.log(Math.log(2))))));
    expect(medianMax(-2.82, 1 / 4)).toBeCloseTo(0.0657, 4);
    expect(medianMax(-6.7, 2 / 3)).toBeCloseTo(0.00172, 5);
  });
});

describe('action: policy with a red-team section (examples/red-team)', () => {
  let run: ActionRun;
  let rep: DecisionReport;
  beforeAll(async () => {
    run = await runAction({ results: 'examples/red-team/sonnet.jsonl', 'deployment-volume': '1M', policy: POLICY });
    rep = report(run);
  }, 60_000);

  test('passes (no thresholds) and sets best-source to the truly better source, haiku', () => {
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs['best-source']).toBe('haiku');
  });

  test('each source buys floor(budget / cost) queries: 100,000 / 1 and 100,000 / 10', () => {
    expect(rep.redTeam).toEqual(
      expect.objectContaining({
        budget: 100_000,
        confidence: 0.9,
        bestSource: 'haiku',
        sources: [
          { name: 'haiku', costPerQuery: 1, queriesBought: 100_000 },
          { name: 'sonnet', costPerQuery: 10, queriesBought: 10_000 },
        ],
      }),
    );
  });

  test('ranking: haiku first, each forecast the independent OLS forecast of its file at its queries bought', () => {
    const choice = onlyChoice(rep.redTeam);
    expect(choice.behavior).toBe(BEHAVIOR);
    expect(choice.ranking.map((s) => [s.rank, s.source, s.queries])).toEqual([
      [1, 'haiku', 1000],
      [2, 'sonnet', 1000],
    ]);
    for (const s of choice.ranking) {
      if (s.forecast === null) throw new Error(`${s.source}: no forecast`);
      const expected = independentPsiForecast(join(REPO_ROOT, `examples/red-team/${s.source}.jsonl`), BEHAVIOR, s.queriesBought);
      expect(psiOf(s.forecast)).toBeCloseTo(expected, 9);
    }
  });

  test("sonnet's largest p̂ is higher: today's maximum points the wrong way", () => {
    const by = Object.fromEntries(onlyChoice(rep.redTeam).ranking.map((s) => [s.source, s.observedMax]));
    expect(by.sonnet).toBeGreaterThan(by.haiku);
  });

  test('the intervals overlap at this size, and the summary says the choice does not matter', () => {
    const choice = onlyChoice(rep.redTeam);
    expect(choice.separation).toBe('overlap');
    const [best, second] = choice.ranking;
    expect(best.lower).not.toBeNull();
    expect((best.lower ?? 1) <= (second.upper ?? 0)).toBe(true);
    expect(run.summary).toContain('**Red-team choice** at a budget of 100,000');
    expect(run.summary).toContain(
      'but their 90% intervals overlap: at this budget the data cannot tell them apart, and either choice is defensible.',
    );
    expect(run.summary).toMatch(/^\| 1 \| haiku \| 1 \| 100,000 \| 1,000 \| /m);
    expect(run.summary).toMatch(/^\| 2 \| sonnet \| 10 \| 10,000 \| 1,000 \| /m);
  });
});

describe('CLI: tailgate compare --policy', () => {
  test("prints the ranking, exits 0, and its --json is the action report's redTeam", async () => {
    const dir = cliWorkspace();
    const r = await runCli(['compare', '--policy', POLICY, '--json', 'rt.json', '--markdown', 'rt.md'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('tailgate 0.1.0: red-team choice (Jones et al. 2025, §6)');
    expect(lines[1]).toBe('tail size 10 · 90% intervals · 1,000 bootstrap resamples · seed 0');
    expect(r.stdout).toContain('Red-team choice at a budget of 100,000:');
    expect(r.stdout).toMatch(/^ {2}#1 haiku: cost 1, buys 100,000 \(m = 1,000\), risk \S+ \(90%: \S+ – \S+\), largest p̂ \S+$/m);
    expect(r.stdout).toMatch(/^ {2}#2 sonnet: cost 10, buys 10,000 \(m = 1,000\), risk \S+ \(90%: \S+ – \S+\), largest p̂ \S+$/m);
    expect(r.stdout).toContain('but their 90% intervals overlap: at this budget the data cannot tell them apart');
    const cli = readJson(join(dir, 'rt.json'), compareJson);
    // Same code and settings as the action (tail 10, bootstrap 1000, seed 0): the same numbers.
    const action = report(await runAction({ results: 'examples/red-team/sonnet.jsonl', 'deployment-volume': '1M', policy: POLICY }));
    expect(cli.redTeam).toEqual(action.redTeam);
  }, 60_000);

  test('a policy without a red-team section is an error saying what to add (exit 1)', async () => {
    const dir = cliWorkspace({ 'policy.yml': 'defaults:\n  fail-worst-query-risk: 0.5\n' });
    const r = await runCli(['compare', '--policy', 'policy.yml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'tailgate compare: the policy policy.yml has no `red-team` section; add a `red-team` section with a budget and at least two sources',
    );
  }, 60_000);

  test('twins (same distribution, same cost): the intervals overlap and the output says the choice does not matter', async () => {
    const dir = cliWorkspace({
      'rt/alpha.jsonl': gumbelJsonl(BEHAVIOR, 'a', 1000, -2.82, 0.25, 1101),
      'rt/beta.jsonl': gumbelJsonl(BEHAVIOR, 'b', 1000, -2.82, 0.25, 1102),
      'rt/policy.yml': twoSourcePolicy(10_000, [
        ['alpha', 'rt/alpha.jsonl', 1],
        ['beta', 'rt/beta.jsonl', 1],
      ]),
    });
    const r = await runCli(['compare', '--policy', 'rt/policy.yml', '--json', 'rt.json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'but their 90% intervals overlap: at this budget the data cannot tell them apart, and either choice is defensible.',
    );
    expect(onlyChoice(readJson(join(dir, 'rt.json'), compareJson).redTeam).separation).toBe('overlap');
  }, 60_000);
});

describe('action: a clear case (truth 0.65 against 3.6e-10 at the budget)', () => {
  test('best-source is the stronger source and the summary says the choice matters', async () => {
    expect(trueQ(-1.0, 0.2, 10_000)).toBeCloseTo(0.65, 2);
    expect(trueQ(-4.0, 0.1, 10_000)).toBeCloseTo(3.63e-10, 12);
    const run = await runAction(
      { results: 'rt/strong.jsonl', 'deployment-volume': '1M', policy: 'rt/policy.yml', bootstrap: '200' },
      {
        files: {
          'rt/strong.jsonl': gumbelJsonl(BEHAVIOR, 's', 1000, -1.0, 0.2, 1201),
          'rt/weak.jsonl': gumbelJsonl(BEHAVIOR, 'w', 1000, -4.0, 0.1, 1202),
          'rt/policy.yml': twoSourcePolicy(10_000, [
            ['weak', 'rt/weak.jsonl', 1],
            ['strong', 'rt/strong.jsonl', 1],
          ]),
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.outputs['best-source']).toBe('strong');
    const choice = onlyChoice(report(run).redTeam);
    expect(choice.separation).toBe('clear');
    expect(run.summary).toContain("its 90% interval lies wholly above the runner-up's, so the choice matters.");
  }, 60_000);
});
