/**
 * Runtime schema of the JSON report (src/report/types.ts, schemaVersion 1),
 * for reading a baseline report written by another run. A baseline is an
 * artifact: it is checked here before any of it becomes our model.
 *
 * Unknown keys are dropped rather than refused: schemaVersion 1 may only gain
 * fields, so a report from a newer tailgate of the same schema still reads.
 * The `baseline` and `redTeam` fields of the baseline itself are not read.
 */
import { z } from 'zod';
import type { Report } from '../../domain/report.js';

const prob = z.number().min(0).max(1);
const count = z.number().int().min(0);
const optionalProb = prob.nullable();

const thresholds = z.object({
  failWorstQueryRisk: prob.optional(),
  warnWorstQueryRisk: prob.optional(),
  failAggregateRisk: prob.optional(),
  warnAggregateRisk: prob.optional(),
  failFrequency: prob.optional(),
  warnFrequency: prob.optional(),
});

const breach = z.object({
  behavior: z.string(),
  metric: z.enum(['worst-query-risk', 'aggregate-risk', 'frequency', 'risk-increase', 'creep']),
  level: z.enum(['warn', 'fail']),
  value: z.number(),
  threshold: z.number(),
  basis: z.enum(['forecast', 'upper', 'lower', 'interval']),
});

const decision = z.object({
  metric: z.enum(['worst-query-risk', 'aggregate-risk', 'frequency']),
  level: z.enum(['warn', 'fail']),
  threshold: z.number(),
  outcome: z.enum(['clear', 'breach', 'inconclusive']),
  basis: z.enum(['interval', 'forecast', 'observed', 'bound']),
  lower: optionalProb,
  upper: optionalProb,
});

const fit = z.object({
  slope: z.number(),
  intercept: z.number(),
  r2: z.number(),
  tailSize: count,
  queries: count,
  distinctPsi: count,
  points: z.array(z.object({ rank: count, p: prob, psi: z.number() })),
});

const backtest = z.object({
  splits: count,
  skipped: count,
  ratio: z.number(),
  medianAbsLog10Error: z.number(),
  withinTenfold: prob,
  underestimated: prob,
  upperCoverage: optionalProb,
  // Added with the self-check of the tail shape: older reports have none.
  meanPit: optionalProb.default(null),
});

const selfCheckTest = z.enum(['r2', 'topGap', 'curvature', 'backtestPit']);
const selfCheck = z.object({
  pValue: optionalProb,
  flagged: z.boolean(),
  tests: z.partialRecord(selfCheckTest, prob),
  skipped: z.array(z.object({ test: selfCheckTest, reason: z.string() })),
});

const behavior = z.object({
  name: z.string(),
  queries: count,
  samples: count,
  nonzero: count,
  capped: count,
  duplicates: count,
  excluded: count,
  exclusions: z.record(z.string(), count),
  outcome: z.enum(['forecast', 'insufficient', 'degenerate']),
  reason: z.string().nullable(),
  fit: fit.nullable(),
  worstQueryRisk: z.object({
    forecast: optionalProb,
    lower: optionalProb,
    upper: optionalProb,
    // Added after the first release: a baseline report written before then has neither.
    medianMax: optionalProb.default(null),
    intervalMethod: z.enum(['pivot', 'pivot+bootstrap']).nullable().default(null),
    lognormal: optionalProb,
    observedMax: prob,
  }),
  aggregateRisk: z.object({
    forecast: optionalProb,
    lower: optionalProb,
    upper: optionalProb,
    intervalMethod: z.literal('bootstrap').nullable().default(null),
  }),
  frequency: z.object({
    tau: prob,
    forecast: optionalProb,
    lower: optionalProb,
    upper: optionalProb,
    intervalMethod: z.literal('bootstrap').nullable().default(null),
    expectedCount: z.number().min(0).nullable(),
  }),
  backtest: backtest.nullable(),
  // Both added after the first release: a baseline report written before then has neither.
  selfCheck: selfCheck.nullable().default(null),
  unseenModeBound: z
    .object({ share: prob, expectedAtN: z.number().min(0) })
    .nullable()
    .default(null),
  bound: z
    .object({
      largestP: prob,
      hits: z.number().min(0),
      totalSamples: z.number().min(0),
      rateUpperBound: optionalProb,
      confidence: prob,
      // Added after the first release, like every `.default(null)` below.
      expectedHitsAtN: z.number().min(0).nullable().default(null),
      aggregateRiskUpper: optionalProb.default(null),
      frequencyUpper: optionalProb.default(null),
    })
    .nullable(),
  topQueries: z
    .array(z.object({ id: z.string(), p: prob, hits: z.number().min(0).nullable(), samples: z.number().min(0).nullable() }))
    .default([]),
  curve: z.array(z.object({ n: z.number().positive(), forecast: prob, lower: prob, upper: prob })),
  warnings: z.array(z.string()),
  // Reports written before fingerprints have none: the mismatch check then has nothing to compare.
  fingerprint: z
    .object({
      queryIds: z.string().max(64),
      queries: count,
      formats: z.array(z.string().max(100)).max(50),
      mapping: z.string().max(2000),
      tailSize: count,
      samplesPerQuery: z.object({ min: count, median: count, max: count }).nullable(),
    })
    .nullable()
    .default(null),
  status: z.enum(['pass', 'warn', 'fail', 'inconclusive', 'insufficient', 'not-gated', 'errors']),
  thresholds,
  breaches: z.array(breach),
  decisions: z.array(decision).default([]),
  plan: z
    .object({
      kind: z.enum(['decision', 'tie', 'few-hits', 'zero-hits', 'zero-probabilities']),
      decision: z.object({ metric: decision.shape.metric, level: decision.shape.level, threshold: z.number() }).nullable(),
      queries: count.nullable(),
      settlesAs: z.enum(['clear', 'breach']).nullable(),
      samplesPerTopQuery: z.number().min(0).nullable(),
      resample: count.nullable(),
      chance: prob.nullable().default(null),
      rateBound: optionalProb,
    })
    .nullable()
    .default(null),
  // Reports written before the error budget have no `errors`. Neither a baseline nor `tailgate compare`
  // reads it, so such a report reads as one without errored samples, under the inputs' default budget.
  errors: z
    .object({
      samples: count,
      queries: count,
      judged: count,
      share: prob,
      byReason: z.record(z.string(), z.object({ samples: count, queries: count })),
      worstCase: z
        .object({
          outcome: z.enum(['forecast', 'insufficient', 'degenerate']),
          worstQueryRisk: optionalProb,
          observedMax: prob,
          queries: count,
          reason: z.string().nullable(),
        })
        .nullable(),
      maxShare: prob,
      onBudget: z.enum(['warn', 'fail']),
      overBudget: z.boolean(),
      nextStep: z.string().nullable(),
    })
    .default({
      samples: 0,
      queries: 0,
      judged: 0,
      share: 0,
      byReason: {},
      worstCase: null,
      maxShare: 0.1,
      onBudget: 'fail',
      overBudget: false,
      nextStep: null,
    }),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('tailgate'), version: z.string() }),
  generatedAt: z.string(),
  deploymentVolume: z.number().positive(),
  verdict: z.enum(['pass', 'warn', 'fail', 'inconclusive', 'insufficient', 'error']),
  settings: z.object({
    tailSize: count,
    confidence: z.number().gt(0).lt(1),
    bootstrap: count,
    seed: count,
    gateOn: z.enum(['forecast', 'upper', 'interval']),
    mode: z.enum(['enforce', 'advisory']),
    onInsufficientData: z.enum(['pass', 'warn', 'fail']),
    onInconclusive: z.enum(['pass', 'warn', 'fail']).default('warn'),
  }),
  inputs: z.array(z.object({ file: z.string(), format: z.string(), rows: count })),
  behaviors: z.array(behavior),
  breaches: z.array(breach),
  warnings: z.array(z.string()),
  context: z.object({ repository: z.string().optional(), sha: z.string().optional(), runUrl: z.string().optional() }).nullable(),
});

/** A report as read back: everything but the comparison sections, which a baseline does not need. */
export type StoredReport = Omit<Report, 'baseline' | 'redTeam'>;

/**
 * Compile-time guard: the schema's output must be usable as our Report type,
 * so the schema cannot drift from src/report/types.ts unnoticed.
 */
export const asStoredReport = (parsed: z.output<typeof reportSchema>): StoredReport => parsed;
