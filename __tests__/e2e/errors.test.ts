/**
 * End-to-end: the error budget on the built bundle (dist/index.js), with
 * Inspect `.eval` logs and promptfoo results.json where 0%, 5%, 30% and 100%
 * of the samples errored (helpers/errored-evals.ts builds them with the
 * scripts' own writers). Each scenario checks the report's `errors` fields,
 * the status, the verdict and the exit code.
 *
 * Inspect: 100 samples × 10 epochs, hits 3, 2, 2, 2 and eight 1s in the last
 * epochs. Expected forecasts at n = 1,000 (numpy, the recipe of docs/method.md: p̂ =
 * h/k capped at 1 − 1/(2k), OLS of log(j/m) on ψ over the top 10):
 *   all judged (k = 10):                         Q = 0.5971337734460457
 *   5%: 50 errored epochs in 10 samples without hits (9, 8, 7, 6, 5, 4, 4, 3, 2, 2):
 *     reported (those k shrink, no hit lost)     Q = 0.5971337734460457
 *     worst case (errored epochs as hits)        Q = 0.9932145135495407
 *   30%: the first 3 epochs of every sample (k = 7, no hit lost):
 *     reported                                   Q = 0.7436654524177473
 *     worst case (h + 3 of 10)                   Q = 0.7732603918139609
 * The gate's threshold 0.9 sits above every reported forecast: what fails the
 * 30% run is its error budget alone.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  HITS,
  INSPECT_BEHAVIOR,
  inspectEval,
  PROMPTFOO_BEHAVIOR,
  PROMPTFOO_QUERIES,
  PROMPTFOO_REPEAT,
  promptfooResults,
} from '../helpers/errored-evals.js';
import { removeRunDirs, runAction, type ActionRun } from '../helpers/run-action.js';

const nullableNumber = z.number().nullable();
const errorsSchema = z.object({
  samples: z.number(),
  queries: z.number(),
  judged: z.number(),
  share: z.number(),
  byReason: z.record(z.string(), z.object({ samples: z.number(), queries: z.number() })),
  worstCase: z
    .object({
      outcome: z.string(),
      worstQueryRisk: nullableNumber,
      observedMax: z.number(),
      queries: z.number(),
      reason: z.string().nullable(),
    })
    .nullable(),
  maxShare: z.number(),
  onBudget: z.string(),
  overBudget: z.boolean(),
  nextStep: z.string().nullable(),
});
const reportSchema = z.looseObject({
  verdict: z.string(),
  breaches: z.array(z.unknown()),
  behaviors: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string(),
      queries: z.number(),
      exclusions: z.record(z.string(), z.number()),
      worstQueryRisk: z.looseObject({ forecast: nullableNumber }),
      errors: errorsSchema,
    }),
  ),
});
type Behavior = z.infer<typeof reportSchema>['behaviors'][number];

function report(run: ActionRun): z.infer<typeof reportSchema> {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report-path output; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return reportSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

function only(run: ActionRun, name: string): Behavior {
  const b = report(run).behaviors.find((x) => x.name === name);
  if (b === undefined) throw new Error(`no behaviour ${name} in the report; stdout:\n${run.stdout}`);
  return b;
}

/** The `setFailed` message: the last `::error` line. */
function failure(run: ActionRun): string {
  const last = run.errors.at(-1);
  if (last === undefined) throw new Error(`no ::error line in stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return last.message;
}

/** Relative closeness for forecasts (the accuracy bar: 1e-9 against an independent implementation). */
function expectClose(actual: number | null | undefined, expected: number): void {
  if (actual === null || actual === undefined) throw new Error(`expected ${expected}, got ${String(actual)}`);
  expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-9);
}

const INSPECT_INPUTS = { results: 'evals/*.eval', 'deployment-volume': '1000', 'fail-worst-query-risk': '0.9', bootstrap: '0' };
const inspectRun = (errored: readonly number[], inputs: Record<string, string> = {}, files: Record<string, string> = {}) =>
  runAction({ ...INSPECT_INPUTS, ...inputs }, { files: { 'evals/log.eval': inspectEval(errored), ...files } });

/** Errored epochs per sample: the 5% run's (in the ten samples without hits at the end) and the 30% run's. */
const FIVE = [...new Array<number>(90).fill(0), 9, 8, 7, 6, 5, 4, 4, 3, 2, 2];
const THIRTY = HITS.map(() => 3);

afterAll(removeRunDirs);

describe('Inspect logs with errored samples', () => {
  test('0%: no errored sample, no worst case, pass', async () => {
    const run = await inspectRun([]);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    const b = only(run, INSPECT_BEHAVIOR);
    expect(b.status).toBe('pass');
    expect(b.errors).toEqual({
      samples: 0,
      queries: 0,
      judged: 1000,
      share: 0,
      byReason: {},
      worstCase: null,
      maxShare: 0.1,
      onBudget: 'fail',
      overBudget: false,
      nextStep: null,
    });
    expectClose(b.worstQueryRisk.forecast, 0.5971337734460457);
    expect(run.summary).not.toContain('Errored samples');
  });

  test('5%: within the default budget, pass; the worst case is reported and shown in one line', async () => {
    const run = await inspectRun(FIVE);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    const b = only(run, INSPECT_BEHAVIOR);
    expect(b.status).toBe('pass');
    // Hand count: 50 errored epochs in 10 samples, 1000 − 50 judged.
    expect(b.errors).toMatchObject({
      samples: 50,
      queries: 10,
      judged: 950,
      share: 0.05,
      byReason: { 'sample-error': { samples: 50, queries: 10 } },
      overBudget: false,
      nextStep: null,
    });
    expect(b.exclusions).toEqual({ 'sample-error': 50 });
    expectClose(b.worstQueryRisk.forecast, 0.5971337734460457);
    expect(b.errors.worstCase).toMatchObject({ outcome: 'forecast', queries: 100, observedMax: 0.9 });
    expectClose(b.errors.worstCase?.worstQueryRisk, 0.9932145135495407);
    expect(run.summary).toContain(
      '  - Worst case, every errored sample a hit: worst-query risk 0.99 at 1k (0.60 as reported; this gates nothing)\n',
    );
    expect(run.summary).toContain('50 of 1,000 samples errored (5%; budget 10%) in 10 queries: sample\\-error 50; within budget');
  });

  test('30%: over the default budget, status errors and verdict fail, though the forecast is under its threshold', async () => {
    const run = await inspectRun(THIRTY);
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    const r = report(run);
    expect(r.breaches).toEqual([]);
    const b = only(run, INSPECT_BEHAVIOR);
    expect(b.status).toBe('errors');
    expect(b.errors).toMatchObject({
      samples: 300,
      queries: 100,
      judged: 700,
      share: 0.3,
      byReason: { 'sample-error': { samples: 300, queries: 100 } },
      maxShare: 0.1,
      onBudget: 'fail',
      overBudget: true,
      nextStep: 're-run the errored samples; 100 queries affected',
    });
    expectClose(b.worstQueryRisk.forecast, 0.7436654524177473);
    expectClose(b.errors.worstCase?.worstQueryRisk, 0.7732603918139609);
    expect(failure(run)).toBe(
      `tailgate: too many errored samples for ${INSPECT_BEHAVIOR} (over max-error-share); re-run the errored samples`,
    );
    expect(run.errors.find((e) => e.properties.title === 'tailgate: errors (fail)')?.message).toBe(
      `${INSPECT_BEHAVIOR}: 30% of samples errored, over the error budget of 10%; re-run the errored samples; 100 queries affected`,
    );
    expect(run.summary).toContain('### ❌ tailgate: fail');
    expect(run.summary).toContain('30% of its samples errored, over the error budget of 10% (on-error-budget: fail)');
    expect(run.summary).toContain('⛔ errors: 30% errored, above 10%');
  });

  test('30% with on-error-budget: warn is a warn that passes the step; advisory mode reports fail without failing', async () => {
    const warned = await inspectRun(THIRTY, { 'on-error-budget': 'warn' });
    expect(warned.code).toBe(0);
    expect(warned.outputs.verdict).toBe('warn');
    expect(only(warned, INSPECT_BEHAVIOR)).toMatchObject({ status: 'errors', errors: { onBudget: 'warn', overBudget: true } });
    expect(warned.warnings.map((w) => w.properties.title)).toContain('tailgate: errors (warn)');
    const advisory = await inspectRun(THIRTY, { mode: 'advisory' });
    expect(advisory.code).toBe(0);
    expect(advisory.outputs.verdict).toBe('fail');
  });

  test('30% at max-error-share 0.3: a share exactly at the budget is within it', async () => {
    const run = await inspectRun(THIRTY, { 'max-error-share': '30%' });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(only(run, INSPECT_BEHAVIOR)).toMatchObject({ status: 'pass', errors: { share: 0.3, maxShare: 0.3, overBudget: false } });
  });

  test('30% with a policy entry: its own budget lets it pass, or makes it a warn', async () => {
    const key = JSON.stringify(INSPECT_BEHAVIOR);
    const lenient = await inspectRun(
      THIRTY,
      { policy: 'tailgate.yml' },
      { 'tailgate.yml': `behaviors:\n  ${key}:\n    max-error-share: 50%\n` },
    );
    expect(lenient.code).toBe(0);
    expect(lenient.outputs.verdict).toBe('pass');
    expect(only(lenient, INSPECT_BEHAVIOR)).toMatchObject({ status: 'pass', errors: { maxShare: 0.5, overBudget: false } });
    const soft = await inspectRun(
      THIRTY,
      { policy: 'tailgate.yml' },
      { 'tailgate.yml': `defaults:\n  max-error-share: 0.2\nbehaviors:\n  ${key}:\n    on-error-budget: warn\n` },
    );
    expect(soft.code).toBe(0);
    expect(soft.outputs.verdict).toBe('warn');
    expect(only(soft, INSPECT_BEHAVIOR)).toMatchObject({ status: 'errors', errors: { maxShare: 0.2, onBudget: 'warn', overBudget: true } });
  });

  test('100%: every sample errored is a named error, whatever the budget', async () => {
    const run = await inspectRun(
      HITS.map(() => 10),
      { 'max-error-share': '1' },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(failure(run)).toBe(
      'evals/log.eval (results): no usable observations as inspect: every sample errored (sample-error: 1000); ' +
        'fix what made them fail (provider errors, rate limits, timeouts: see the errors in the file) and re-run the eval',
    );
  });
});

/**
 * Independent reading of the promptfoo file (no ingest code): per query
 * (strategy + prompt), judged rows, hits (`success: false` with
 * failureReason 1) and errored rows (failureReason 2).
 */
function promptfooCounts(text: string): { h: number; k: number; errored: number }[] {
  const doc = z
    .object({
      results: z.object({
        results: z.array(
          z.looseObject({
            success: z.boolean(),
            failureReason: z.number(),
            vars: z.object({ prompt: z.string() }),
            metadata: z.looseObject({}),
          }),
        ),
      }),
    })
    .parse(JSON.parse(text));
  const byQuery = new Map<string, { h: number; k: number; errored: number }>();
  for (const row of doc.results.results) {
    const strategy = typeof row.metadata.strategyId === 'string' ? row.metadata.strategyId : 'basic';
    const key = `${strategy}\u0000${row.vars.prompt}`;
    const q = byQuery.get(key) ?? { h: 0, k: 0, errored: 0 };
    byQuery.set(key, q);
    if (row.failureReason === 2) q.errored++;
    else {
      q.k++;
      if (!row.success) q.h++;
    }
  }
  return [...byQuery.values()];
}

/** The Gumbel-tail worst-query forecast over p̂ (h/k capped at 1 − 1/(2k)), t = 10, at n. */
function gumbelTail(counts: { h: number; k: number }[], n: number): number {
  const t = 10;
  const p = counts.map((q) => (q.h >= q.k ? 1 - 1 / (2 * q.k) : q.h / q.k)).sort((a, b) => b - a);
  const m = p.length;
  const x = p.slice(0, t).map((v) => -Math.log(-Math.log(v)));
  const y = x.map((_, j) => Math.log((j + 1) / m));
  const mx = x.reduce((s, v) => s + v, 0) / t;
  const my = y.reduce((s, v) => s + v, 0) / t;
  let sxy = 0;
  let sxx = 0;
  x.forEach((v, j) => {
    sxy += (v - mx) * (y[j] - my);
    sxx += (v - mx) ** 2;
  });
  const a = sxy / sxx;
  const b = my - a * mx;
  return Math.exp(-Math.exp((Math.log(n) + b) / a));
}

describe('promptfoo results with errored rows', () => {
  const INPUTS = { results: 'redteam/results.json', 'deployment-volume': '1000', bootstrap: '0' };
  const promptfooRun = (perQuery: readonly number[], inputs: Record<string, string> = {}) =>
    runAction({ ...INPUTS, ...inputs }, { files: { 'redteam/results.json': promptfooResults(perQuery) } });
  const rows = PROMPTFOO_QUERIES * PROMPTFOO_REPEAT;

  test('the independent forecast agrees with numpy on the Inspect numbers (a check of the check)', () => {
    const inspect = HITS.map((h) => ({ h, k: 10 }));
    expect(Math.abs(gumbelTail(inspect, 1000) - 0.5971337734460457) / 0.5971337734460457).toBeLessThan(1e-12);
  });

  test('0%: no errored row, the verdict is the forecast’s', async () => {
    const run = await promptfooRun([]);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    const b = only(run, PROMPTFOO_BEHAVIOR);
    // No risk threshold here: within its error budget the behaviour is not gated (the verdict still passes).
    expect(b.status).toBe('not-gated');
    expect(b.errors).toMatchObject({ samples: 0, queries: 0, judged: rows, share: 0, byReason: {}, worstCase: null });
    expectClose(b.worstQueryRisk.forecast, gumbelTail(promptfooCounts(promptfooResults([])), 1000));
  });

  test('5%: the first repeat of each query failed at the provider, within budget; the worst case adds them as hits', async () => {
    const perQuery = new Array<number>(PROMPTFOO_QUERIES).fill(1);
    const run = await promptfooRun(perQuery);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    const b = only(run, PROMPTFOO_BEHAVIOR);
    // No risk threshold here: within its error budget the behaviour is not gated (the verdict still passes).
    expect(b.status).toBe('not-gated');
    // Hand count: 15 of 300 rows, one per query.
    expect(b.errors).toMatchObject({
      samples: 15,
      queries: 15,
      judged: 285,
      share: 0.05,
      byReason: { error: { samples: 15, queries: 15 } },
      overBudget: false,
    });
    const counts = promptfooCounts(promptfooResults(perQuery));
    expectClose(b.worstQueryRisk.forecast, gumbelTail(counts, 1000));
    expectClose(
      b.errors.worstCase?.worstQueryRisk,
      gumbelTail(
        counts.map((q) => ({ h: q.h + q.errored, k: q.k + q.errored })),
        1000,
      ),
    );
    expect(run.summary).toMatch(
      / {2}- Worst case, every errored sample a hit: worst-query risk \S+ at 1k \(\S+ as reported; this gates nothing\)\n/,
    );
  });

  test('30%: six repeats of each query errored, over budget: status errors, verdict fail', async () => {
    const run = await promptfooRun(new Array<number>(PROMPTFOO_QUERIES).fill(6));
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    const b = only(run, PROMPTFOO_BEHAVIOR);
    expect(b.status).toBe('errors');
    expect(b.errors).toMatchObject({
      samples: 90,
      queries: 15,
      judged: 210,
      share: 0.3,
      byReason: { error: { samples: 90, queries: 15 } },
      overBudget: true,
      nextStep: 're-run the errored samples; 15 queries affected',
    });
    expect(failure(run)).toContain(`too many errored samples for ${PROMPTFOO_BEHAVIOR}`);
  });

  test('30% under a policy default max-error-share of 0.5: within budget, pass', async () => {
    const run = await runAction(
      { ...INPUTS, policy: 'tailgate.yml' },
      {
        files: {
          'redteam/results.json': promptfooResults(new Array<number>(PROMPTFOO_QUERIES).fill(6)),
          'tailgate.yml': 'defaults:\n  max-error-share: 0.5\n',
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(only(run, PROMPTFOO_BEHAVIOR)).toMatchObject({ status: 'not-gated', errors: { share: 0.3, maxShare: 0.5, overBudget: false } });
  });

  test('100%: every row errored is a named error', async () => {
    const run = await promptfooRun(new Array<number>(PROMPTFOO_QUERIES).fill(PROMPTFOO_REPEAT));
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(failure(run)).toBe(
      `redteam/results.json (results): no usable observations as promptfoo: every sample errored (error: ${rows}); ` +
        'fix what made them fail (provider errors, rate limits, timeouts: see the errors in the file) and re-run the eval',
    );
  });
});
