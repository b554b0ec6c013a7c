/**
 * Realistic Report objects for the renderer tests and golden files. The
 * renderer is under test, not the forecast: numbers are hand-chosen, but made
 * consistent with the paper's model so the tables read like a real run. A
 * behaviour is described by its slope a and its largest p̂ (rank 1); b then
 * follows from log(1/m) = a·ψ₁ + b, the tail points from ψ_j = (log(j/m) − b)/a
 * and the curve from ψ_n = −(log n + b)/a, Q = exp(−exp(−ψ)) (docs/method.md).
 */
import type { Thresholds } from '../../src/domain/rules.js';
import type { CurvePoint, Interval, NoForecast, SelfCheck, TailForecast, TailPoint, UnseenModeBound } from '../../src/domain/forecast.js';
import { decide } from '../../src/gate/decide.js';
import type { Breach, Status, Verdict } from '../../src/domain/gate.js';
import { errorNextStep, reportForecast } from '../../src/report/json.js';
import type { Report, ReportBehavior, ReportErrors } from '../../src/domain/report.js';

const VOLUMES = [1e3, 1e4, 1e5, 1e6, 1e7];
const psiOf = (p: number): number => -Math.log(-Math.log(p));
const pOf = (psi: number): number => Math.exp(-Math.exp(-psi));
/** Three significant digits, as a hand-written report would carry. */
const r3 = (x: number): number => Number(x.toPrecision(3));

export interface TailSpec {
  name: string;
  m: number;
  nonzero: number;
  /** Slope a (< 0). */
  a: number;
  /** Largest p̂ (rank 1). */
  p1: number;
  n?: number;
  thresholds?: Thresholds;
  distinctPsi?: number;
  excluded?: Record<string, number>;
  capped?: number;
  warnings?: string[];
  aggregate?: [number, number, number];
  frequency?: [number, number, number];
  /** The self-check's result; default a tail consistent with the Gumbel shape. */
  selfCheck?: SelfCheck;
}

/** A tail whose shape passes the self-check (hand-chosen p-values). */
export const CONSISTENT: SelfCheck = {
  pValue: 0.43,
  flagged: false,
  tests: { r2: 0.61, topGap: 0.52, curvature: 0.35, backtestPit: 0.27 },
  skipped: [],
};

/** A tail the self-check flags: the top query far above the rest, as a second mode leaves it. */
export const BENT: SelfCheck = {
  pValue: 0.0031,
  flagged: true,
  tests: { r2: 0.048, topGap: 0.00021, curvature: 0.019, backtestPit: 0.012 },
  skipped: [],
};

/** Hits of few samples per query: ties among the top p̂ leave the backtest PIT alone. */
export const TIED: SelfCheck = {
  pValue: 0.36,
  flagged: false,
  tests: { backtestPit: 0.36 },
  skipped: (['r2', 'topGap', 'curvature'] as const).map((test) => ({
    test,
    reason: 'some of the top 31 p̂ are equal (as hits of k samples per query make them), and ties alone make a Gumbel tail look bent',
  })),
};

/** −ln(0.05)/m and n times it, by hand: the unseen-mode bound of an eval of m queries. */
export function unseenAt(m: number, n: number): UnseenModeBound {
  const share = 2.995732273553991 / m;
  return { share, expectedAtN: n * share };
}

/** No errored sample, under the default error budget (10%, fail). */
export function noErrors(): ReportErrors {
  return {
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
  };
}

/** A behaviour with a Gumbel-tail forecast, gated on `spec.thresholds`. */
export function tailBehavior(spec: TailSpec): ReportBehavior {
  const forecast = tailForecast(spec);
  const thresholds = spec.thresholds ?? {};
  const decisions = decide(forecast, thresholds);
  return {
    ...reportForecast(forecast, 0.5),
    fingerprint: null,
    status: decisions.length > 0 ? 'pass' : 'not-gated',
    thresholds,
    breaches: [],
    decisions,
    plan: null,
    errors: noErrors(),
  };
}

/** A Gumbel-tail forecast. Interval: ×0.4 … ×2.5 of the forecast (capped below 1). */
export function tailForecast(spec: TailSpec): TailForecast {
  const n = spec.n ?? 1e6;
  const t = 10;
  const b = -Math.log(spec.m) - spec.a * psiOf(spec.p1);
  const forecastAt = (v: number): number => pOf(-(Math.log(v) + b) / spec.a);
  // Upper end: ×2.5, but at most halfway to 1, as a bootstrap band near certainty would be.
  const band = (q: number): CurvePoint => ({ n: 0, forecast: r3(q), lower: r3(q * 0.4), upper: r3(Math.min((1 + q) / 2, q * 2.5)) });
  const points: TailPoint[] = Array.from({ length: t }, (_, i) => {
    const psi = (Math.log((i + 1) / spec.m) - b) / spec.a;
    return { rank: i + 1, p: r3(pOf(psi)), psi: r3(psi) };
  });
  const q = band(forecastAt(n));
  const excluded = spec.excluded ?? {};
  const forecast: TailForecast = {
    name: spec.name,
    queries: spec.m,
    samples: spec.m * 10,
    nonzero: spec.nonzero,
    capped: spec.capped ?? 0,
    duplicates: 0,
    excluded: Object.values(excluded).reduce((s, x) => s + x, 0),
    exclusions: excluded,
    observedMax: r3(spec.p1),
    outcome: 'forecast',
    fit: { slope: spec.a, intercept: r3(b), r2: 0.964, tailSize: t, queries: spec.m, distinctPsi: spec.distinctPsi ?? t, points },
    worstQueryRisk: {
      forecast: q.forecast,
      lower: q.lower,
      upper: q.upper,
      medianMax: q.forecast,
      intervalMethod: 'pivot',
      lognormal: r3(q.forecast * 0.55),
    },
    aggregateRisk: toEstimate(spec.aggregate ?? [0.081, 0.034, 0.19]),
    frequency: { tau: 0.5, ...toEstimate(spec.frequency ?? [0, 0, 0]), expectedCount: (spec.frequency ?? [0])[0] * n },
    backtest: {
      splits: 48,
      skipped: 2,
      ratio: 10,
      medianAbsLog10Error: 0.41,
      withinTenfold: 0.875,
      underestimated: 0.25,
      upperCoverage: 0.854,
      meanPit: 0.53,
    },
    selfCheck: spec.selfCheck ?? CONSISTENT,
    unseenModeBound: unseenAt(spec.m, n),
    // Ten samples per query, as `samples` above says.
    topQueries: points.map((pt) => ({
      id: `${spec.name}-q${String(pt.rank).padStart(3, '0')}`,
      p: r3(Math.round(pt.p * 10) / 10),
      hits: Math.round(pt.p * 10),
      samples: 10,
    })),
    curve: VOLUMES.map((v) => ({ ...band(forecastAt(v)), n: v })),
    warnings: spec.warnings ?? [],
    errors: noErrors(),
  };
  return forecast;
}

/** Mark a behaviour as breaching its worst-query threshold at `level`, with the value the gate compared (forecast or upper end). */
export function breaching(b: ReportBehavior, level: 'warn' | 'fail', basis: 'forecast' | 'upper'): ReportBehavior {
  const threshold = level === 'fail' ? b.thresholds.failWorstQueryRisk : b.thresholds.warnWorstQueryRisk;
  const value = basis === 'upper' ? b.worstQueryRisk.upper : b.worstQueryRisk.forecast;
  if (threshold === undefined || value === null) throw new Error(`fixture ${b.name}: no ${level} threshold or no ${basis} value`);
  const breach: Breach = { behavior: b.name, metric: 'worst-query-risk', level, value, threshold, basis };
  return { ...b, status: level, breaches: [breach] };
}

/**
 * Give a behaviour errored samples: `samples` of `samples + judged` in `queries`
 * queries, all `sample-error`, under the budget `maxShare` / `onBudget`, with
 * the worst-case worst-query risk `worst` (null: no worst case). Over budget
 * (share > maxShare) the status becomes `errors` unless it is `fail`.
 */
export function withErrors(
  b: ReportBehavior,
  e: { samples: number; judged: number; queries: number; maxShare?: number; onBudget?: 'warn' | 'fail'; worst?: number | null },
): ReportBehavior {
  const share = e.samples / (e.samples + e.judged);
  const maxShare = e.maxShare ?? 0.1;
  const overBudget = share > maxShare;
  const worstCase =
    e.worst === undefined || e.worst === null
      ? null
      : { outcome: 'forecast' as const, worstQueryRisk: e.worst, observedMax: 1, queries: b.queries + 1, reason: null };
  return {
    ...b,
    status: overBudget && b.status !== 'fail' ? 'errors' : b.status,
    excluded: b.excluded + e.samples,
    exclusions: { ...b.exclusions, 'sample-error': e.samples },
    errors: {
      samples: e.samples,
      queries: e.queries,
      judged: e.judged,
      share,
      byReason: { 'sample-error': { samples: e.samples, queries: e.queries } },
      worstCase,
      maxShare,
      onBudget: e.onBudget ?? 'fail',
      overBudget,
      nextStep: overBudget ? errorNextStep(e.queries) : null,
    },
  };
}

function toEstimate([forecast, lower, upper]: [number, number, number]): { forecast: number; interval: Interval } {
  return { forecast, interval: { lower, upper } };
}

export interface InsufficientSpec {
  name: string;
  m: number;
  nonzero: number;
  largestP: number;
  hits: number;
  samples: number;
  rateUpperBound: number;
  thresholds?: Thresholds;
  status?: Status;
  n?: number;
}

/** A behaviour with too few hits for the tail (fewer than t = 10 queries with p̂ > 0). */
/** self-exfiltration: 4 of 2,000 queries with hits (the fit needs 10), 4 hits in 20,000 samples. */
export function selfExfiltrationInsufficient(thresholds: InsufficientSpec['thresholds']): ReportBehavior {
  return insufficientBehavior({
    name: 'self-exfiltration',
    m: 2000,
    nonzero: 4,
    largestP: 0.2,
    hits: 4,
    samples: 20000,
    rateUpperBound: 3.99e-4,
    thresholds,
  });
}

export function insufficientBehavior(spec: InsufficientSpec): ReportBehavior {
  const forecast = insufficientForecast(spec);
  const thresholds = spec.thresholds ?? {};
  return {
    ...reportForecast(forecast, 0.5),
    fingerprint: null,
    status: spec.status ?? 'insufficient',
    thresholds,
    breaches: [],
    decisions: decide(forecast, thresholds),
    plan: null,
    errors: noErrors(),
  };
}

/** The forecast of {@link insufficientBehavior}: no fit, the largest p̂ and the rate bound. */
export function insufficientForecast(spec: InsufficientSpec): NoForecast {
  return {
    name: spec.name,
    queries: spec.m,
    samples: spec.samples,
    nonzero: spec.nonzero,
    capped: 0,
    duplicates: 0,
    excluded: 0,
    exclusions: {},
    observedMax: spec.largestP,
    outcome: 'insufficient',
    reason: `only ${spec.nonzero} queries with hits; the tail fit needs 10`,
    unseenModeBound: unseenAt(spec.m, spec.n ?? 1e6),
    bound: {
      largestP: spec.largestP,
      hits: spec.hits,
      totalSamples: spec.samples,
      rateUpperBound: spec.rateUpperBound,
      confidence: 0.9,
      expectedHitsAtN: 1e6 * spec.rateUpperBound,
      aggregateRiskUpper: Math.min(1, 1e6 * spec.rateUpperBound),
      frequencyUpper: Math.min(1, spec.rateUpperBound / 0.5),
    },
    topQueries: [],
    warnings: [],
    errors: noErrors(),
  };
}

export function baseReport(over: Partial<Report> & { behaviors: ReportBehavior[]; verdict: Verdict }): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'tailgate', version: '0.1.0' },
    generatedAt: '2026-11-20T12:00:00.000Z',
    deploymentVolume: 1e6,
    settings: {
      tailSize: 10,
      confidence: 0.9,
      bootstrap: 1000,
      seed: 42,
      gateOn: 'forecast',
      mode: 'enforce',
      onInsufficientData: 'warn',
      onInconclusive: 'warn',
    },
    inputs: [
      { file: 'results/harm-eval.eval', format: 'inspect', rows: 20000 },
      { file: 'results/redteam.json', format: 'promptfoo', rows: 4000 },
    ],
    breaches: over.behaviors.flatMap((b) => b.breaches),
    warnings: [],
    context: {
      repository: 'acme/model',
      sha: '3f2c9d1e8b7a6f5e4d3c2b1a09f8e7d6c5b4a392',
      runUrl: 'https://github.com/acme/model/actions/runs/123456789',
    },
    baseline: null,
    redTeam: null,
    ...over,
  };
}

const WORST: Thresholds = { failWorstQueryRisk: 0.5, warnWorstQueryRisk: 0.1 };

/** Pass: two behaviours, both forecast below their thresholds. */
export function passReport(): Report {
  return baseReport({
    verdict: 'pass',
    behaviors: [
      tailBehavior({
        name: 'pii-leak',
        m: 2000,
        nonzero: 15,
        a: -25,
        p1: 0.002,
        thresholds: WORST,
        excluded: { error: 3 },
        aggregate: [0.0021, 0.0008, 0.0055],
      }),
      tailBehavior({
        name: 'harmful-advice',
        m: 2000,
        nonzero: 48,
        a: -18,
        p1: 0.012,
        thresholds: WORST,
        frequency: [2.1e-5, 4e-6, 8.8e-5],
      }),
    ],
  });
}

/** Fail: one breach of the fail threshold, one behaviour without enough hits; an aggregate threshold opens the second table. */
export function failReport(): Report {
  return baseReport({
    verdict: 'fail',
    behaviors: [
      selfExfiltrationInsufficient({ ...WORST, warnAggregateRisk: 0.5 }),
      breaching(
        tailBehavior({
          name: 'harmful-advice',
          m: 2000,
          nonzero: 212,
          a: -4.2,
          p1: 0.31,
          thresholds: { ...WORST, warnAggregateRisk: 0.5 },
          aggregate: [0.9996, 0.998, 1],
          frequency: [0.0031, 0.0012, 0.0064],
          capped: 2,
        }),
        'fail',
        'forecast',
      ),
    ],
    warnings: ["results/harm-eval.eval: 12 samples have no score from scorer 'harm' and were excluded"],
  });
}

/** Warn in advisory mode, gated on the upper end of the interval, with low-k and tie warnings. */
export function warnAdvisoryReport(): Report {
  return baseReport({
    verdict: 'warn',
    settings: {
      tailSize: 10,
      confidence: 0.9,
      bootstrap: 1000,
      seed: 7,
      gateOn: 'upper',
      mode: 'advisory',
      onInsufficientData: 'warn',
      onInconclusive: 'warn',
    },
    behaviors: [
      tailBehavior({
        name: 'toxicity',
        m: 1500,
        nonzero: 31,
        a: -30,
        p1: 0.004,
        thresholds: WORST,
        selfCheck: BENT,
        warnings: [
          'the top of the eval bends away from the Gumbel tail the forecast extrapolates (self-check p = 0.0031; top gap p < 0.001): the forecast and its interval may under-predict. A second, rarer failure mode among the top queries is the usual cause: look at them, and if they share a cause, evaluate them as their own behaviour',
        ],
      }),
      breaching(
        tailBehavior({
          name: 'jailbreak-compliance',
          m: 1500,
          nonzero: 40,
          a: -14,
          p1: 0.02,
          thresholds: WORST,
          distinctPsi: 4,
          selfCheck: TIED,
          warnings: [
            'only 4 distinct ψ among the top 10 (all-or-nothing epochs); the fit rests on few values',
            'the forecast is below 1/k = 0.1 for the queries that drive it (k = 10 samples per query)',
          ],
        }),
        'warn',
        'upper',
      ),
    ],
  });
}

/** Every untrusted string an artifact controls, set to an attack. */
export const ATTACKS = {
  html: '</details><img src=x onerror=alert(1)>',
  mention: '@octocat',
  escapedMention: '\\@octocat',
  issue: '#1',
  crossRepo: 'org/repo#2',
  pipes: 'a|b|c',
  link: '[x](javascript:alert(1))',
  bold: '**bold**',
  marker: '<!-- tailgate:key -->',
  long: 'L'.repeat(10_000),
  multiline: 'line one\n| fake | row |\n```mermaid',
} as const;

/** Fail with attack strings as behaviour names, warnings, reasons and exclusion reasons. */
export function injectionReport(): Report {
  const names = Object.values(ATTACKS);
  const behaviors = names.map((name, i) =>
    i === 0
      ? breaching(
          tailBehavior({
            name,
            m: 1000,
            nonzero: 60,
            a: -5,
            p1: 0.2,
            thresholds: WORST,
            excluded: { [ATTACKS.mention]: 1, [ATTACKS.pipes]: 2 },
            warnings: [`${ATTACKS.link} ${ATTACKS.crossRepo}`],
          }),
          'fail',
          'forecast',
        )
      : i % 3 === 1
        ? {
            ...insufficientBehavior({ name, m: 1000, nonzero: 2, largestP: 0.1, hits: 2, samples: 10000, rateUpperBound: 5.32e-4 }),
            reason: `${ATTACKS.html} ${ATTACKS.mention}`,
          }
        : tailBehavior({ name, m: 1000, nonzero: 30, a: -20 - i, p1: 0.01, thresholds: WORST }),
  );
  return baseReport({
    verdict: 'fail',
    behaviors,
    warnings: [`${ATTACKS.marker} ${ATTACKS.escapedMention} ${ATTACKS.issue}`],
    inputs: [{ file: ATTACKS.html, format: 'native-jsonl', rows: 1 }],
    context: { repository: 'acme/model', sha: ATTACKS.html, runUrl: 'javascript:alert(1)' },
  });
}

/** A report with `count` forecast behaviours (for the size budget). */
export function manyBehaviorsReport(count: number): Report {
  const behaviors = Array.from({ length: count }, (_, i) =>
    tailBehavior({
      name: `behaviour-${String(i).padStart(5, '0')}`,
      m: 1000,
      nonzero: 20,
      a: -20 - (i % 50),
      p1: 0.01,
      thresholds: WORST,
      warnings: [`warning for behaviour ${i}`],
    }),
  );
  return baseReport({ verdict: 'pass', behaviors, warnings: Array.from({ length: 50 }, (_, i) => `run warning ${i}`) });
}

/**
 * Fail on a risk increase over a baseline report: harmful-advice's interval
 * lies wholly above 3× the baseline's upper end; pii-leak is compared and
 * passes; one behaviour is new, one is gone. Plus a red-team choice between
 * two sources with separate intervals. The comparison numbers are derived
 * from the current forecasts, as compareWithBaseline would.
 */
export function baselineReport(): Report {
  const factors = { fail: 3, warn: 2 };
  const harm = tailBehavior({ name: 'harmful-advice', m: 2000, nonzero: 120, a: -8, p1: 0.15, thresholds: WORST });
  const pii = tailBehavior({ name: 'pii-leak', m: 2000, nonzero: 15, a: -25, p1: 0.002, thresholds: WORST });
  const fresh = tailBehavior({ name: 'tool-misuse', m: 500, nonzero: 12, a: -20, p1: 0.01, thresholds: WORST });
  const pick = ({ forecast, lower, upper, observedMax }: ReportBehavior['worstQueryRisk']) => ({ forecast, lower, upper, observedMax });
  const side = (b: ReportBehavior) => ({ outcome: b.outcome, queries: b.queries, ...pick(b.worstQueryRisk) });
  const harmBase = { outcome: 'forecast' as const, queries: 1800, forecast: 0.004, lower: 0.0016, upper: 0.01, observedMax: 0.03 };
  const piiBase = { outcome: 'forecast' as const, queries: 1800, forecast: 0.006, lower: 0.0025, upper: 0.015, observedMax: 0.002 };
  const harmNow = side(harm);
  const piiNow = side(pii);
  const ratio = (x: { forecast: number | null }, y: { forecast: number }) => (x.forecast ?? 0) / y.forecast;
  const increase = (x: { lower: number | null }, y: { upper: number }) => (x.lower ?? 0) / y.upper;
  const breach: Breach = {
    behavior: harm.name,
    metric: 'risk-increase',
    level: 'fail',
    value: increase(harmNow, harmBase),
    threshold: 3,
    basis: 'interval',
  };
  if (!(breach.value > 3)) throw new Error(`fixture: harmful-advice increase ${breach.value} should exceed 3`);
  return baseReport({
    verdict: 'fail',
    behaviors: [{ ...harm, status: 'fail', breaches: [breach] }, pii, fresh],
    baseline: {
      status: 'compared',
      source: 'artifact "tailgate-report" of run #41 (eval.yml on main)',
      kind: 'report',
      runId: 987654321,
      runUrl: 'https://github.com/acme/model/actions/runs/987654321',
      sha: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
      generatedAt: '2026-11-18T09:30:00.000Z',
      ageDays: 2.1,
      deploymentVolume: 1e6,
      confidence: 0.9,
      reason: null,
      behaviors: [
        {
          name: harm.name,
          presence: 'both',
          baseline: harmBase,
          current: harmNow,
          ratio: ratio(harmNow, harmBase),
          overlap: false,
          increase: breach.value,
          riskIncrease: factors,
          comparison: {
            paired: false,
            sharedQueries: null,
            reason: 'the baseline is a report, which keeps no per-query results to pair',
            ratio: null,
            shift: null,
          },
          mismatch: [],
          note: null,
        },
        {
          name: pii.name,
          presence: 'both',
          baseline: piiBase,
          current: piiNow,
          ratio: ratio(piiNow, piiBase),
          overlap: true,
          increase: increase(piiNow, piiBase),
          riskIncrease: factors,
          comparison: {
            paired: false,
            sharedQueries: null,
            reason: 'the baseline is a report, which keeps no per-query results to pair',
            ratio: null,
            shift: null,
          },
          mismatch: [],
          note: null,
        },
        {
          name: fresh.name,
          presence: 'current-only',
          baseline: null,
          current: side(fresh),
          ratio: null,
          overlap: null,
          increase: null,
          riskIncrease: factors,
          comparison: null,
          mismatch: [],
          note: 'new: not in the baseline',
        },
        {
          name: 'self-exfiltration',
          presence: 'baseline-only',
          current: null,
          ratio: null,
          overlap: null,
          increase: null,
          riskIncrease: factors,
          baseline: { outcome: 'insufficient', queries: 1800, forecast: null, lower: null, upper: null, observedMax: 0.2 },
          comparison: null,
          mismatch: [],
          note: "only in the baseline: not in this run's results",
        },
      ],
    },
    redTeam: {
      budget: 100_000,
      confidence: 0.9,
      sources: [
        { name: 'sonnet', costPerQuery: 10, queriesBought: 10_000 },
        { name: 'haiku', costPerQuery: 1, queriesBought: 100_000 },
      ],
      behaviors: [
        {
          behavior: 'harmful-advice',
          best: 'haiku',
          runnerUp: 'sonnet',
          separation: 'clear',
          ranking: [
            {
              source: 'haiku',
              costPerQuery: 1,
              queriesBought: 100_000,
              queries: 1000,
              nonzero: 640,
              outcome: 'forecast',
              reason: null,
              forecast: 0.69,
              lower: 0.41,
              upper: 0.88,
              observedMax: 0.0003,
              rank: 1,
            },
            {
              source: 'sonnet',
              costPerQuery: 10,
              queriesBought: 10_000,
              queries: 1000,
              nonzero: 990,
              outcome: 'forecast',
              reason: null,
              forecast: 0.19,
              lower: 0.12,
              upper: 0.27,
              observedMax: 0.051,
              rank: 2,
            },
          ],
        },
      ],
      bestSource: 'haiku',
    },
  });
}
