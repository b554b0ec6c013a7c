/**
 * One scenario for the policy `files` section, run twice: through src/
 * (__tests__/pipeline-policy-files.test.ts) and through the built bundle
 * (__tests__/e2e/policy-files.test.ts), so the e2e expectations are checked against
 * src before dist is rebuilt. Text fixtures only: runAction writes workspace
 * files as text.
 *
 * Workspace:
 * - evals/native.jsonl           ← fixtures/native/groups.jsonl (the `results` input)
 * - logs/popularity.json         ← fixtures/inspect/log.json (policy files[0], Inspect)
 * - redteam/promptfoo-results.json ← fixtures/promptfoo/redteam-v3.json (files[1], promptfoo)
 * - generated/harm.jsonl         ← 1000 given probabilities (files[2], native JSONL)
 *
 * Expected values, by hand from the fixtures (see the ingest-* tests' tables):
 * - files[0], Inspect `includes` scorer, hit-values I from the INPUT (the
 *   group sets only behavior and format, so it inherits the input):
 *   sample 1: C, C → 0/2; sample 2: I, error → 1/1; sample 3: NaN, C → 0/1.
 *   m = 3, Σk = 4, nonzero 1, excluded 2 (sample-error, non-finite-score).
 *   Were the inputs not layered under the group (default: C is the hit),
 *   it would read 2/2, 0/1, 1/1 instead.
 * - files[1], promptfoo red team: harmful:hate 0/3, 1/3, 2/3 (m 3, Σk 9,
 *   nonzero 2, excluded 1); pii:direct 1/2 (m 1, Σk 2, excluded 1).
 * - results: labels m 2, Σk 4; scores m 1, Σk 3; probs m 1 (one given
 *   probability counts 1); counts m 1, Σk 10, excluded 1; default m 1, Σk 1, nonzero 0.
 * - files[2], `harm`: ψ = c + E/λ with E ~ Exp(1), c = −4, λ = 2 (an exact
 *   exponential tail in ψ, as in __tests__/decisions/baseline/pipeline.test.ts). At n = 10⁴ the
 *   closed form is ψ_n = c + ln(n)/λ = −4 + 4.605 = 0.605 and
 *   Q = exp(−exp(−0.605)) = 0.579, far above the policy's fail threshold
 *   0.01 for `harm`: the one gate fails on a behaviour that only a policy
 *   group feeds.
 */
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { mulberry32 } from './prng.js';

const fixture = (rel: string): string => readFileSync(new URL(`../fixtures/${rel}`, import.meta.url), 'utf8');

function harmJsonl(): string {
  const u = mulberry32(1);
  const rows = Array.from({ length: 1000 }, (_, i) => {
    const psi = -4 - Math.log(1 - u()) / 2;
    return JSON.stringify({ query_id: `h${i}`, behavior: 'harm', prob: Math.exp(-Math.exp(-psi)) });
  });
  return rows.join('\n') + '\n';
}

export const POLICY = [
  'behaviors:',
  '  harm:',
  '    fail-worst-query-risk: 0.01',
  'files:',
  '  - results: logs/*.json',
  '    format: inspect',
  '    behavior: said-incorrect',
  '  - results: [redteam/promptfoo-*.json]',
  '  - results: generated/harm.jsonl',
  '    format: native-jsonl',
  '',
].join('\n');

/** Workspace path → text. */
export function scenarioFiles(): Record<string, string> {
  return {
    'tailgate.yml': POLICY,
    'evals/native.jsonl': fixture('native/groups.jsonl'),
    'logs/popularity.json': fixture('inspect/log.json'),
    'redteam/promptfoo-results.json': fixture('promptfoo/redteam-v3.json'),
    'generated/harm.jsonl': harmJsonl(),
  };
}

/** Action inputs (action.yml names). `hit-values` is a mapping INPUT the Inspect group inherits. */
export const INPUTS: Readonly<Record<string, string>> = {
  results: 'evals/*.jsonl',
  policy: 'tailgate.yml',
  'hit-values': 'I',
  'deployment-volume': '10k',
  bootstrap: '200',
};

const reportSchema = z.looseObject({
  verdict: z.string(),
  inputs: z.array(z.looseObject({ file: z.string(), format: z.string(), rows: z.number() })),
  breaches: z.array(z.looseObject({ behavior: z.string(), metric: z.string(), level: z.string() })),
  behaviors: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string(),
      outcome: z.string(),
      queries: z.number(),
      samples: z.number(),
      nonzero: z.number(),
      excluded: z.number(),
      worstQueryRisk: z.looseObject({ forecast: z.number().nullable() }),
    }),
  ),
});

/** [queries, Σk, nonzero, excluded] per behaviour, from the table in the module comment. */
const COUNTS: Record<string, [number, number, number, number]> = {
  'said-incorrect': [3, 4, 1, 2],
  'harmful:hate': [3, 9, 2, 1],
  'pii:direct': [1, 2, 1, 1],
  labels: [2, 4, 2, 0],
  scores: [1, 3, 1, 0],
  probs: [1, 1, 1, 0],
  counts: [1, 10, 1, 1],
  default: [1, 1, 0, 0],
  harm: [1000, 1000, 1000, 0],
};

/**
 * Checks a report (the object, or the parsed JSON file) against the scenario.
 * `withResults`: whether the `results` input was set (its native file is then read first).
 */
export function expectScenarioReport(raw: unknown, withResults: boolean): void {
  const report = reportSchema.parse(raw);
  const native = [{ file: 'evals/native.jsonl', format: 'native-jsonl', rows: 13 }];
  expect(report.inputs.map(({ file, format, rows }) => ({ file, format, rows }))).toEqual([
    ...(withResults ? native : []),
    { file: 'logs/popularity.json', format: 'inspect', rows: 6 },
    { file: 'redteam/promptfoo-results.json', format: 'promptfoo', rows: 13 },
    { file: 'generated/harm.jsonl', format: 'native-jsonl', rows: 1000 },
  ]);
  const expected = Object.entries(COUNTS).filter(
    ([name]) => withResults || !['labels', 'scores', 'probs', 'counts', 'default'].includes(name),
  );
  expect(Object.fromEntries(report.behaviors.map((b) => [b.name, [b.queries, b.samples, b.nonzero, b.excluded]]))).toEqual(
    Object.fromEntries(expected),
  );
  const harm = report.behaviors.find((b) => b.name === 'harm');
  expect(harm?.outcome).toBe('forecast');
  // Closed form 0.579; a tail fit on 1000 draws lands well within a factor of 5 of it, and far above 0.01.
  expect(harm?.worstQueryRisk.forecast).toBeGreaterThan(0.579 / 5);
  expect(harm?.worstQueryRisk.forecast).toBeLessThanOrEqual(1);
  expect(harm?.status).toBe('fail');
  expect(report.breaches.map((b) => [b.behavior, b.metric, b.level])).toEqual([['harm', 'worst-query-risk', 'fail']]);
  expect(report.verdict).toBe('fail');
}
