/**
 * The JSON report written to `report-path` (schema in src/report/types.ts,
 * documented in docs/report-schema.md). Everything the Markdown shows comes from here,
 * so a reader of the JSON sees the same numbers as the PR comment.
 */
import type { SamplingPlan } from '../domain/sampling-plan.js';
import type { BehaviorForecast, Interval } from '../domain/forecast.js';
import type { GateResult } from '../domain/gate.js';
import type { RedTeamResult } from '../domain/red-team.js';
import type { ReportHistory } from '../domain/history.js';
import {
  SCHEMA_VERSION,
  type Fingerprint,
  type Report,
  type ReportBaseline,
  type ReportBehavior,
  type ReportForecast,
} from '../domain/report.js';

export interface BuildReportArgs {
  forecasts: BehaviorForecast[];
  gate: GateResult;
  /** The run's settings the report records, and its deployment volume. */
  settings: Report['settings'] & { deploymentVolume: number };
  inputs: Report['inputs'];
  /** Run-level warnings (ingest, config); per-behaviour warnings stay on each behaviour. */
  warnings: string[];
  version: string;
  now: Date;
  context: Report['context'];
  /** Comparison with the baseline (default null: none configured). */
  baseline?: ReportBaseline | null;
  /** Red-teamer choice (default null: no `red-team` section). */
  redTeam?: RedTeamResult | null;
  /** Sampling plans by behaviour (absent: none). */
  plans?: ReadonlyMap<string, SamplingPlan | null>;
  /** What each behaviour measured (absent: none recorded). */
  fingerprints?: ReadonlyMap<string, Fingerprint>;
  /** The history's trend and creep (absent: `history` off, and the report has no `history` key). */
  history?: ReportHistory;
}

/**
 * Merge each forecast with its gate entry into the report. Behaviours keep the
 * forecasts' order (the renderers sort for display; the JSON stays stable).
 * Throws when the gate and the forecasts disagree on the behaviours (a bug
 * upstream, not bad input) or when a number is not finite.
 */
export function buildReport(args: BuildReportArgs): Report {
  const gates = new Map(args.gate.behaviors.map((g) => [g.name, g]));
  if (gates.size !== args.gate.behaviors.length) {
    throw new Error('gate result lists a behaviour twice; cannot merge it with the forecasts');
  }
  const behaviors: ReportBehavior[] = args.forecasts.map((forecast) => {
    const gate = gates.get(forecast.name);
    if (gate === undefined) {
      throw new Error(`behaviour "${forecast.name}" has a forecast but no gate result; the gate must judge every forecast`);
    }
    gates.delete(forecast.name);
    const { over, maxShare, onBudget } = gate.errorBudget;
    return {
      ...reportForecast(forecast, gate.tau),
      fingerprint: args.fingerprints?.get(forecast.name) ?? null,
      status: gate.status,
      thresholds: { ...gate.thresholds },
      breaches: [...gate.breaches],
      decisions: gate.decisions.map((d) => ({ ...d })),
      plan: args.plans?.get(forecast.name) ?? null,
      errors: { ...forecast.errors, maxShare, onBudget, overBudget: over, nextStep: over ? errorNextStep(forecast.errors.queries) : null },
    };
  });
  if (gates.size > 0) {
    throw new Error(`gate result names behaviours without a forecast: ${[...gates.keys()].join(', ')}`);
  }
  const { settings } = args;
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'tailgate', version: args.version },
    generatedAt: args.now.toISOString(),
    deploymentVolume: settings.deploymentVolume,
    verdict: args.gate.verdict,
    settings: {
      tailSize: settings.tailSize,
      confidence: settings.confidence,
      bootstrap: settings.bootstrap,
      seed: settings.seed,
      gateOn: settings.gateOn,
      mode: settings.mode,
      onInsufficientData: settings.onInsufficientData,
      onInconclusive: settings.onInconclusive,
    },
    inputs: args.inputs.map((input) => ({ ...input })),
    behaviors,
    breaches: [...args.gate.breaches],
    warnings: [...args.warnings],
    context: args.context === null ? null : { ...args.context },
    baseline: args.baseline ?? null,
    redTeam: args.redTeam ?? null,
    ...(args.history === undefined ? {} : { history: args.history }),
  };
  assertFiniteNumbers(report);
  return report;
}

/**
 * A forecast in the report's one shape for every outcome: the fields of a
 * fit are null without one, and `bound`/`reason` are null with one. The key
 * order is the documented one (docs/report-schema.md), so reports stay
 * byte-stable. `tau` is the behaviour's τ, which a forecast without a fit
 * does not carry.
 */
export function reportForecast(f: BehaviorForecast, tau: number): ReportForecast {
  const counts = {
    name: f.name,
    queries: f.queries,
    samples: f.samples,
    nonzero: f.nonzero,
    capped: f.capped,
    duplicates: f.duplicates,
    excluded: f.excluded,
    exclusions: f.exclusions,
  };
  const rest = { unseenModeBound: f.unseenModeBound };
  if (f.outcome !== 'forecast') {
    return {
      ...counts,
      outcome: f.outcome,
      reason: f.reason,
      fit: null,
      worstQueryRisk: {
        forecast: null,
        lower: null,
        upper: null,
        medianMax: null,
        intervalMethod: null,
        lognormal: null,
        observedMax: f.observedMax,
      },
      aggregateRisk: { forecast: null, lower: null, upper: null, intervalMethod: null },
      frequency: { tau, forecast: null, lower: null, upper: null, intervalMethod: null, expectedCount: null },
      backtest: null,
      selfCheck: null,
      ...rest,
      bound: f.bound,
      topQueries: f.topQueries,
      curve: [],
      warnings: f.warnings,
      errors: f.errors,
    };
  }
  const { aggregateRisk: aggregate, frequency } = f;
  return {
    ...counts,
    outcome: f.outcome,
    reason: null,
    fit: f.fit,
    worstQueryRisk: { ...f.worstQueryRisk, observedMax: f.observedMax },
    aggregateRisk: { forecast: aggregate.forecast, ...bootstrapEnds(aggregate.interval) },
    frequency: {
      tau: frequency.tau,
      forecast: frequency.forecast,
      ...bootstrapEnds(frequency.interval),
      expectedCount: frequency.expectedCount,
    },
    backtest: f.backtest,
    selfCheck: f.selfCheck,
    ...rest,
    bound: null,
    topQueries: f.topQueries,
    curve: f.curve,
    warnings: f.warnings,
    errors: f.errors,
  };
}

function bootstrapEnds(interval: Interval | null): { lower: number | null; upper: number | null; intervalMethod: 'bootstrap' | null } {
  return interval === null
    ? { lower: null, upper: null, intervalMethod: null }
    : { lower: interval.lower, upper: interval.upper, intervalMethod: 'bootstrap' };
}

/** What to do about a behaviour over its error budget, in one line. */
export function errorNextStep(queries: number): string {
  return `re-run the errored samples; ${queries} ${queries === 1 ? 'query' : 'queries'} affected`;
}

/** The report as written to disk: 2-space indent, trailing newline. Checks finiteness again (the report may be hand-built). */
export function serializeReport(report: Report): string {
  assertFiniteNumbers(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Throw if any number anywhere in `value` is NaN or ±∞. JSON.stringify would
 * silently write `null` for them, and a reader would take that for "not
 * computed". The message names the path, e.g. `behaviors[1].fit.points[0].psi`.
 */
export function assertFiniteNumbers(value: unknown, path = 'report'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new Error(`${path} is ${value}; the report only holds finite numbers (a bug in the step that computed it)`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertFiniteNumbers(item, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertFiniteNumbers(item, `${path}.${key}`);
  }
}
