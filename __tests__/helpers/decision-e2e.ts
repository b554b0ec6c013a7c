/**
 * Shared by the end-to-end tests of the two decisions beyond the paper (baseline comparison, red-team choice)
 * (__tests__/e2e/baseline.test.ts, __tests__/e2e/redteam.test.ts): running the built CLI bundle,
 * test-side data with known Gumbel tails, an independent Gumbel-tail fit of
 * a native JSONL file, and a runtime check of the report fields read.
 *
 * Nothing here imports src/: the expected numbers must not come from the
 * code under test.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { gumbelScores } from './prng.js';
import { writeFiles } from './runner-files.js';
import { EXAMPLES } from './spawn.js';

/** ψ = −log(−log p), the elicitation score (docs/method.md). */
export const psiOf = (p: number): number => -Math.log(-Math.log(p));
export const pOf = (psi: number): number => Math.exp(-Math.exp(-psi));

/**
 * Truth for ψ ~ Gumbel(μ, β): the top-1/n quantile Q(n) of p, from
 * P(Ψ > ψ_n) = 1 − exp(−exp(−(ψ_n − μ)/β)) = 1/n, i.e.
 * ψ_n = μ − β·log(−log(1 − 1/n)) (≈ μ + β·log n), Q(n) = exp(−exp(−ψ_n)).
 */
export function trueQ(mu: number, beta: number, n: number): number {
  return pOf(mu - beta * Math.log(-Math.log1p(-1 / n)));
}

/** Native JSONL of m given probabilities with ψ ~ Gumbel(μ, β), from the test-only generator (helpers/prng.ts). */
export function gumbelJsonl(behavior: string, idPrefix: string, m: number, mu: number, beta: number, seed: number): string {
  return gumbelScores(m, mu, beta, seed)
    .map((psi, i) => JSON.stringify({ query_id: `${idPrefix}-${i}`, behavior, prob: Number(pOf(psi).toPrecision(8)) }))
    .join('\n')
    .concat('\n');
}

const probRow = z.strictObject({ query_id: z.string(), behavior: z.string(), prob: z.number().min(0).max(1) });

/**
 * The Gumbel-tail forecast of docs/method.md, computed here without the ingest or
 * forecast code, from a native JSONL file of `prob` rows: per behaviour, the
 * top t p̂ (S_j = j/m), OLS of log S on ψ, ψ_n = −(log n + b)/a. Returns ψ_n
 * (the forecast on the ψ scale) for each behaviour.
 */
export function independentPsiForecast(file: string, behavior: string, n: number, t = 10): number {
  const p: number[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const row = probRow.parse(JSON.parse(line));
    if (row.behavior === behavior) p.push(row.prob);
  }
  if (p.length < t) throw new Error(`${file}: ${behavior} has ${p.length} rows, fewer than t = ${t}`);
  p.sort((x, y) => y - x);
  const x = p.slice(0, t).map(psiOf);
  const y = x.map((_, j) => Math.log((j + 1) / p.length));
  const mx = x.reduce((s, v) => s + v, 0) / t;
  const my = y.reduce((s, v) => s + v, 0) / t;
  let sxy = 0;
  let sxx = 0;
  for (let j = 0; j < t; j++) {
    sxy += (x[j] - mx) * (y[j] - my);
    sxx += (x[j] - mx) ** 2;
  }
  const a = sxy / sxx;
  const b = my - a * mx;
  return -(Math.log(n) + b) / a;
}

const created: string[] = [];

/** A temporary workspace holding a copy of examples/ plus `files`; removed by removeCliDirs(). */
export function cliWorkspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-e2e-cli-'));
  created.push(dir);
  cpSync(EXAMPLES, join(dir, 'examples'), { recursive: true });
  writeFiles(dir, files);
  return dir;
}

export function removeCliDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const nullable = z.number().nullable();
const side = z.looseObject({
  outcome: z.string(),
  queries: z.number(),
  forecast: nullable,
  lower: nullable,
  upper: nullable,
  observedMax: z.number(),
});

/** The `baseline` section of a report (or of `tailgate compare --json`), as far as the tests read it. */
export const baselineSectionSchema = z.looseObject({
  status: z.enum(['compared', 'missing']),
  source: z.string(),
  kind: z.enum(['report', 'results']).nullable(),
  reason: z.string().nullable(),
  behaviors: z.array(
    z.looseObject({
      name: z.string(),
      presence: z.enum(['both', 'current-only', 'baseline-only']),
      baseline: side.nullable(),
      current: side.nullable(),
      ratio: nullable,
      overlap: z.boolean().nullable(),
      increase: nullable,
      riskIncrease: z.looseObject({ fail: z.number().optional(), warn: z.number().optional() }),
      comparison: z
        .looseObject({
          paired: z.boolean(),
          sharedQueries: z.number().nullable(),
          reason: z.string().nullable(),
          ratio: z.looseObject({ estimate: z.number(), lower: z.number(), upper: z.number() }).nullable(),
          shift: z.looseObject({ estimate: z.number(), lower: z.number(), upper: z.number(), up: z.boolean() }).nullable(),
        })
        .nullable()
        .optional(),
      note: z.string().nullable(),
    }),
  ),
});

const sourceForecast = z.looseObject({
  source: z.string(),
  costPerQuery: z.number(),
  queriesBought: z.number(),
  queries: z.number(),
  forecast: nullable,
  lower: nullable,
  upper: nullable,
  observedMax: z.number(),
  rank: z.number().nullable(),
});

/** The `redTeam` field of a report (or of `tailgate compare --json`). */
export const redTeamSchema = z.looseObject({
  budget: z.number(),
  confidence: z.number(),
  sources: z.array(z.looseObject({ name: z.string(), costPerQuery: z.number(), queriesBought: z.number() })),
  behaviors: z.array(
    z.looseObject({
      behavior: z.string(),
      ranking: z.array(sourceForecast),
      best: z.string().nullable(),
      runnerUp: z.string().nullable(),
      separation: z.enum(['clear', 'overlap', 'unknown']),
    }),
  ),
  bestSource: z.string().nullable(),
});

export const breachSchema = z.looseObject({
  behavior: z.string(),
  metric: z.string(),
  level: z.string(),
  value: z.number(),
  threshold: z.number(),
});

/** The fields of the action's JSON report that these tests read. */
export const decisionReportSchema = z.looseObject({
  verdict: z.string(),
  deploymentVolume: z.number(),
  settings: z.looseObject({ confidence: z.number(), bootstrap: z.number(), seed: z.number(), tailSize: z.number() }),
  behaviors: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string(),
      worstQueryRisk: z.looseObject({ forecast: nullable, lower: nullable, upper: nullable }),
    }),
  ),
  breaches: z.array(breachSchema),
  warnings: z.array(z.string()),
  baseline: baselineSectionSchema.nullable(),
  redTeam: redTeamSchema.nullable(),
});

export type DecisionReport = z.infer<typeof decisionReportSchema>;

/** Reads and checks a JSON report (or compare output) file. */
export function readJson<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  return schema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Cells of the first Markdown table row after the line starting with `after`
 * whose first cell shows `name` (the renderer escapes `-` as `\-`), as the
 * reader sees them: backslash escapes undone. A `|` after a backslash is cell
 * text, so escapes are skipped pairwise.
 */
export function tableRow(markdown: string, name: string, after: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(after));
  if (start < 0) throw new Error(`no line starting with ${after} in:\n${markdown.slice(0, 3000)}`);
  const escaped = name.replace(/[-_*]/g, (c) => `\\${c}`);
  const line = lines.slice(start).find((l) => l.startsWith(`| ${escaped} |`));
  if (line === undefined) throw new Error(`no table row for ${name} after ${after} in:\n${markdown.slice(0, 3000)}`);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && i + 1 < line.length) {
      cell += line[i + 1];
      i++;
    } else if (line[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += line[i];
    }
  }
  return cells.slice(1);
}
