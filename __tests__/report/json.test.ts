import type { Settings } from '../../src/config/settings.js';
import type { BehaviorForecast } from '../../src/domain/forecast.js';
import type { BehaviorGate, GateResult } from '../../src/domain/gate.js';
import { assertFiniteNumbers, buildReport, serializeReport, type BuildReportArgs } from '../../src/report/json.js';
import { failReport, insufficientForecast, tailForecast } from '../helpers/reports.js';

const settings: Settings = {
  results: ['results/*.jsonl'],
  format: 'auto',
  mapping: {},
  deploymentVolume: 250_000,
  thresholds: { failWorstQueryRisk: 0.5 },
  frequencyTau: 0.5,
  tailSize: 10,
  confidence: 0.95,
  bootstrap: 500,
  seed: 3,
  gateOn: 'upper',
  mode: 'advisory',
  onInsufficientData: 'fail',
  onInconclusive: 'warn',
  errorBudget: { maxShare: 0.1, onBudget: 'fail' },
  policy: null,
  policyPath: null,
  reportPath: 'tailgate.json',
  markdownPath: 'tailgate.md',
  summary: true,
  comment: 'auto',
  commentKey: '',
  commentTimeoutMs: 60_000,
  artifacts: null,
  // Settings carry the token (main.ts builds the clients from it); the report must not.
  githubToken: 'ghs_ReportJsonTestToken0123456789',
};

function args(forecasts: BehaviorForecast[], gates: BehaviorGate[]): BuildReportArgs {
  const gate: GateResult = { verdict: 'fail', behaviors: gates, breaches: gates.flatMap((g) => g.breaches) };
  return {
    forecasts,
    gate,
    settings,
    inputs: [{ file: 'results/a.jsonl', format: 'native-jsonl', rows: 12 }],
    warnings: ['w1'],
    version: '1.2.3',
    now: new Date(Date.UTC(2026, 10, 20, 12, 30, 0)),
    context: { sha: 'abc', runUrl: 'https://example.test/run/1' },
  };
}

const a = tailForecast({ name: 'a', m: 100, nonzero: 20, a: -10, p1: 0.05 });
const b = insufficientForecast({ name: 'b', m: 100, nonzero: 3, largestP: 0.1, hits: 3, samples: 1000, rateUpperBound: 6.7e-3 });
const gateA: BehaviorGate = {
  name: 'a',
  status: 'fail',
  thresholds: { failWorstQueryRisk: 0.01 },
  tau: 0.5,
  breaches: [{ behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.2, threshold: 0.01, basis: 'upper' }],
  decisions: [
    { metric: 'worst-query-risk', level: 'fail', threshold: 0.01, outcome: 'breach', basis: 'interval', lower: 0.02, upper: 0.2 },
  ],
  errorBudget: { maxShare: 0.1, onBudget: 'fail', over: false },
};
const gateB: BehaviorGate = {
  name: 'b',
  status: 'insufficient',
  thresholds: {},
  tau: 0.5,
  breaches: [],
  decisions: [],
  errorBudget: { maxShare: 0.1, onBudget: 'fail', over: false },
};

describe('buildReport', () => {
  test('merges each forecast with its gate entry and copies run facts', () => {
    // Gate entries in the other order: the merge is by name, the order is the forecasts'.
    const report = buildReport(args([a, b], [gateB, gateA]));
    expect(report.behaviors.map((x) => [x.name, x.status])).toEqual([
      ['a', 'fail'],
      ['b', 'insufficient'],
    ]);
    expect(report.behaviors[0].thresholds).toEqual({ failWorstQueryRisk: 0.01 });
    expect(report.behaviors[0].breaches).toEqual(gateA.breaches);
    expect(report.behaviors[0].decisions).toEqual(gateA.decisions);
    expect(report.behaviors[0].plan).toBeNull();
    expect(report.behaviors[0].fit).toEqual(a.fit);
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'tailgate', version: '1.2.3' },
      generatedAt: '2026-11-20T12:30:00.000Z',
      deploymentVolume: 250_000,
      verdict: 'fail',
      settings: { tailSize: 10, confidence: 0.95, bootstrap: 500, seed: 3, gateOn: 'upper', mode: 'advisory', onInsufficientData: 'fail' },
      inputs: [{ file: 'results/a.jsonl', format: 'native-jsonl', rows: 12 }],
      breaches: gateA.breaches,
      warnings: ['w1'],
      context: { sha: 'abc', runUrl: 'https://example.test/run/1' },
    });
    // Only the documented settings reach the report (no paths, no policy).
    expect(Object.keys(report.settings).sort()).toEqual([
      'bootstrap',
      'confidence',
      'gateOn',
      'mode',
      'onInconclusive',
      'onInsufficientData',
      'seed',
      'tailSize',
    ]);
    // The token the settings carry for the GitHub clients is nowhere in the report.
    expect(serializeReport(report)).not.toContain(settings.githubToken);
  });

  test('a forecast without a gate entry, or a gate entry without a forecast, is a bug and throws', () => {
    expect(() => buildReport(args([a, b], [gateA]))).toThrow(/"b" has a forecast but no gate result/);
    expect(() => buildReport(args([a], [gateA, gateB]))).toThrow(/without a forecast: b/);
    expect(() => buildReport(args([a], [gateA, gateA]))).toThrow(/twice/);
  });

  test('a non-finite number anywhere throws and names the field path', () => {
    const nan = { ...a, worstQueryRisk: { ...a.worstQueryRisk, forecast: NaN } };
    expect(() => buildReport(args([nan], [gateA]))).toThrow('report.behaviors[0].worstQueryRisk.forecast is NaN');
    const fit = a.fit;
    const points = fit.points.map((p, i) => (i === 3 ? { ...p, psi: Infinity } : p));
    const inf = { ...a, fit: { ...fit, points } };
    expect(() => buildReport(args([b, inf], [gateA, gateB]))).toThrow('report.behaviors[1].fit.points[3].psi is Infinity');
    const badGate = { ...gateA, breaches: [{ ...gateA.breaches[0], value: -Infinity }] };
    expect(() => buildReport(args([a], [badGate]))).toThrow('report.behaviors[0].breaches[0].value is -Infinity');
  });
});

describe('serializeReport', () => {
  test('two-space JSON with a trailing newline that parses back to the same report', () => {
    const report = failReport();
    const text = serializeReport(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
    expect(JSON.parse(text)).toEqual(report);
  });

  test('refuses a hand-built report holding NaN (JSON would silently write null)', () => {
    const report = failReport();
    report.behaviors[1].aggregateRisk.upper = NaN;
    expect(() => serializeReport(report)).toThrow('report.behaviors[1].aggregateRisk.upper is NaN');
  });

  test('assertFiniteNumbers accepts null, strings and nested finite numbers', () => {
    expect(() => assertFiniteNumbers({ x: [1, null, 'NaN', { y: -0 }] })).not.toThrow();
  });
});

describe('buildReport: errors', () => {
  test('each behaviour carries its errored samples with the budget that applied, and a next step when over it', () => {
    const errors = {
      samples: 30,
      queries: 4,
      judged: 70,
      share: 0.3,
      byReason: { 'sample-error': { samples: 30, queries: 4 } },
      worstCase: null,
    };
    const over: BehaviorGate = { ...gateB, status: 'errors', errorBudget: { maxShare: 0.2, onBudget: 'warn', over: true } };
    const report = buildReport(args([a, { ...b, errors }], [gateA, over]));
    expect(report.behaviors[1].status).toBe('errors');
    expect(report.behaviors[1].errors).toEqual({
      ...errors,
      maxShare: 0.2,
      onBudget: 'warn',
      overBudget: true,
      nextStep: 're-run the errored samples; 4 queries affected',
    });
    expect(report.behaviors[0].errors).toMatchObject({ samples: 0, maxShare: 0.1, onBudget: 'fail', overBudget: false, nextStep: null });
  });
});
