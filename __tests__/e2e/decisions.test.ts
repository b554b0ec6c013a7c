/**
 * End-to-end: clear, breach and inconclusive decisions (gate-on: interval),
 * the sampling plan, the top queries, a not-gated behaviour and a zero-hit
 * behaviour, through the built bundle (dist/index.js).
 *
 * Data: m = 900 given probabilities per behaviour, ψ ~ Gumbel(μ, β) drawn with
 * the test's own generator; n = 90,000. The expected outcome of each decision
 * is worked out here, independently of src: an OLS on the top 10 written in
 * this file, and the pivot's 5% and 95% constants at (t, m, n) = (10, 900,
 * 90,000) from an independent numpy simulation, (−3.76, 5.92). Thresholds sit
 * at least one β̂ away from the interval's ends, so the ±0.1 Monte-Carlo error
 * of the constants cannot flip an outcome.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { removeRunDirs, runAction, type ActionRun } from '../helpers/run-action.js';
import { gumbelScores } from '../helpers/prng.js';

const M = 900;
const N = 90_000;
const C_LO = -3.76;
const C_HI = 5.92;

const ZERO_SAMPLES = 5_000;
const POPULATIONS = { clear: [-3, 0.08, 11], breach: [-1, 0.3, 12], open: [-2, 0.15, 13], free: [-2, 0.15, 14] } as const;

/** ψ of each population's queries, the rows that carry them, and the zero-hit behaviour's rows (hits 0 of 10). */
function dataset(): { rows: string; psi: Record<string, number[]> } {
  const psi: Record<string, number[]> = {};
  const lines: string[] = [];
  for (const [name, [mu, beta, seed]] of Object.entries(POPULATIONS)) {
    psi[name] = gumbelScores(M, mu, beta, seed);
    psi[name].forEach((x, i) => lines.push(JSON.stringify({ query_id: `${name}-${i}`, behavior: name, prob: Math.exp(-Math.exp(-x)) })));
  }
  for (let i = 0; i < ZERO_SAMPLES / 10; i++) lines.push(JSON.stringify({ query_id: `zero-${i}`, behavior: 'zero', hits: 0, k: 10 }));
  return { rows: `${lines.join('\n')}\n`, psi };
}

/** The paper's fit, written out: OLS of log(j/m) on the top 10 ψ; returns Q̂ at n and β̂ = −1/a. */
function fit(psi: number[]): { centre: number; scale: number } {
  const top = [...psi].sort((x, y) => y - x).slice(0, 10);
  const ys = top.map((_, j) => Math.log((j + 1) / M));
  const mx = top.reduce((s, x) => s + x, 0) / 10;
  const my = ys.reduce((s, y) => s + y, 0) / 10;
  let sxy = 0;
  let sxx = 0;
  top.forEach((x, j) => {
    sxy += (x - mx) * (ys[j] - my);
    sxx += (x - mx) ** 2;
  });
  const a = sxy / sxx;
  const b = my - a * mx;
  return { centre: -(Math.log(N) + b) / a, scale: -1 / a };
}

const pAt = (psi: number): number => Math.exp(-Math.exp(-psi));

const reportSchema = z.looseObject({
  verdict: z.string(),
  behaviors: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string(),
      decisions: z.array(z.looseObject({ metric: z.string(), level: z.string(), threshold: z.number(), outcome: z.string() })),
      plan: z
        .looseObject({
          kind: z.string(),
          queries: z.number().nullable(),
          settlesAs: z.string().nullable(),
          rateBound: z.number().nullable(),
        })
        .nullable(),
      topQueries: z.array(z.looseObject({ id: z.string(), p: z.number(), hits: z.number().nullable(), samples: z.number().nullable() })),
      worstQueryRisk: z.looseObject({ intervalMethod: z.string().nullable(), medianMax: z.number().nullable() }),
      bound: z.looseObject({ expectedHitsAtN: z.number().nullable(), rateUpperBound: z.number().nullable() }).nullable(),
    }),
  ),
});

describe('decisions on the built bundle (gate-on: interval)', () => {
  const { rows, psi } = dataset();
  const fits = Object.fromEntries(Object.entries(psi).map(([name, x]) => [name, fit(x)]));
  // Thresholds in ψ, placed by the independent fit: clear sits 1 β̂ above the upper end, breach 1 β̂ below the lower end,
  // and open halfway into the upper part of the interval, past the 2.97 a larger eval could reach.
  const at = (name: string, c: number): number => pAt(fits[name].centre + c * fits[name].scale);
  const thresholds = { clear: at('clear', C_HI + 1), breach: at('breach', C_LO - 1), open: at('open', 4.5) };
  let run: ActionRun;

  beforeAll(async () => {
    const policy = [
      'behaviors:',
      `  clear: { fail-worst-query-risk: ${thresholds.clear} }`,
      `  breach: { warn-worst-query-risk: ${thresholds.breach} }`,
      `  open: { fail-worst-query-risk: ${thresholds.open} }`,
      '  zero: { fail-aggregate-risk: 0.5 }',
      '',
    ].join('\n');
    run = await runAction(
      {
        results: 'decisions.jsonl',
        policy: 'policy.yml',
        'deployment-volume': String(N),
        'gate-on': 'interval',
        bootstrap: '0',
        comment: 'off',
      },
      { files: { 'decisions.jsonl': rows, 'policy.yml': policy } },
    );
  }, 60_000);
  afterAll(removeRunDirs);

  const report = () => reportSchema.parse(JSON.parse(readFileSync(run.outputs['report-path'] ?? '', 'utf8')));
  const behavior = (name: string) => {
    const found = report().behaviors.find((b) => b.name === name);
    if (found === undefined) throw new Error(`no behaviour ${name}\n${run.stdout}`);
    return found;
  };

  test('a warn breach beats an inconclusive decision in the verdict; the step passes (warn)', () => {
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('warn');
  });

  test('clear, breach and inconclusive decisions, each with its threshold', () => {
    expect(behavior('clear').decisions).toEqual([
      expect.objectContaining({ metric: 'worst-query-risk', level: 'fail', threshold: thresholds.clear, outcome: 'clear' }),
    ]);
    expect(behavior('clear').status).toBe('pass');
    expect(behavior('breach').decisions[0].outcome).toBe('breach');
    expect(behavior('breach').status).toBe('warn');
    expect(behavior('open').decisions[0].outcome).toBe('inconclusive');
    expect(behavior('open').status).toBe('inconclusive');
  });

  test('the inconclusive behaviour gets a plan, and the comment says it', () => {
    const plan = behavior('open').plan;
    expect(plan?.kind).toBe('decision');
    // z = 4.5 sits inside today's interval, so a fresh eval settles it only with the chance today's uncertainty allows;
    // at n/m = 100 that stays below 0.8 (docs/method.md), and the plan says how far it gets.
    expect(plan?.queries).toBeNull();
    expect(plan?.chance).toBeGreaterThan(0.3);
    expect(plan?.chance).toBeLessThan(0.8);
    expect(run.summary).toContain('**Next steps**');
    expect(run.summary).toMatch(
      /[Ee]ven an eval 100× today's size would settle the worst-query risk against the fail threshold [\d.]+ only with chance 0\.\d\d/,
    );
  });

  test('top queries are named with the ids the file gave', () => {
    const top = behavior('open').topQueries;
    expect(top).toHaveLength(10);
    const best = psi.open.indexOf(Math.max(...psi.open));
    expect(top[0]).toEqual({ id: `open-${best}`, p: pAt(psi.open[best]), hits: null, samples: null });
    expect(run.summary).toContain(`Top queries: open\\-${best}`);
  });

  test('a behaviour without thresholds is not-gated, never a pass', () => {
    expect(behavior('free').status).toBe('not-gated');
    expect(behavior('free').decisions).toEqual([]);
    expect(run.summary).toMatch(/\| free \|.*➖ not-gated \|/);
  });

  test('zero hits: the exact rate bound, its expected deployment count, an aggregate threshold it cannot clear, and a plan', () => {
    const zero = behavior('zero');
    // Clopper–Pearson one-sided 95% bound for 0 hits in 5,000 samples: 1 − 0.05^(1/5000).
    const rate = 1 - 0.05 ** (1 / ZERO_SAMPLES);
    expect(zero.bound?.rateUpperBound).toBeCloseTo(rate, 12);
    expect(zero.bound?.expectedHitsAtN).toBeCloseTo(N * rate, 8);
    expect(zero.status).toBe('insufficient');
    expect(zero.decisions).toEqual([expect.objectContaining({ metric: 'aggregate-risk', outcome: 'inconclusive' })]);
    expect(zero.plan).toMatchObject({ kind: 'zero-hits', queries: Math.ceil(10 / (rate * 10)) });
  });

  test('the worst-query interval is the pivot, with its median-unbiased forecast', () => {
    expect(behavior('open').worstQueryRisk.intervalMethod).toBe('pivot');
    expect(behavior('open').worstQueryRisk.medianMax).toBeGreaterThan(0);
  });
});
