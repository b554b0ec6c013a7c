import { describe, expect, it } from '@jest/globals';
import type { RuleSettings } from '../../src/config/rules.js';
import { gate } from '../../src/gate/gate.js';
import type { BehaviorForecast } from '../../src/domain/forecast.js';
import type { OnInsufficient, RuleBook, Thresholds } from '../../src/domain/rules.js';
import { rules } from '../helpers/rules.js';

/** A fake forecast: only the numbers the gate reads matter here (the gate is under test, not the forecast). */
function forecast(
  name: string,
  numbers: {
    outcome?: BehaviorForecast['outcome'];
    worst?: number;
    /** The worst-query interval's ends; default the forecast itself (a zero-width interval). */
    worstUpper?: number;
    worstLower?: number;
    observedMax?: number;
    /** Upper bounds from the per-sample rate, for a behaviour without a fit. */
    aggregateBound?: number;
    frequencyBound?: number;
    aggregate?: number;
    frequency?: number;
    tau?: number;
    /** Errored and judged samples; the share is computed from them by hand here. */
    errored?: [number, number];
  } = {},
): BehaviorForecast {
  const counts = {
    name,
    queries: 1000,
    samples: 10_000,
    nonzero: 50,
    capped: 0,
    duplicates: 0,
    excluded: 0,
    exclusions: {},
    observedMax: numbers.observedMax ?? 0,
    unseenModeBound: null,
    topQueries: [],
    warnings: [],
    errors: errorsOf(numbers.errored ?? [0, 0]),
  };
  if (numbers.outcome !== undefined && numbers.outcome !== 'forecast') {
    return {
      ...counts,
      outcome: numbers.outcome,
      reason: 'fewer than t queries with p̂ > 0',
      bound: {
        largestP: numbers.observedMax ?? 0,
        hits: 0,
        totalSamples: 10_000,
        rateUpperBound: 3e-4,
        confidence: 0.95,
        expectedHitsAtN: null,
        aggregateRiskUpper: numbers.aggregateBound ?? null,
        frequencyUpper: numbers.frequencyBound ?? null,
      },
    };
  }
  const worst = numbers.worst ?? 0.001;
  return {
    ...counts,
    outcome: 'forecast',
    fit: { slope: -1, intercept: 0, r2: 1, tailSize: 10, queries: 1000, distinctPsi: 10, points: [] },
    worstQueryRisk: {
      forecast: worst,
      lower: numbers.worstLower ?? worst,
      upper: numbers.worstUpper ?? worst,
      medianMax: worst,
      intervalMethod: 'pivot',
      lognormal: worst,
    },
    aggregateRisk: { forecast: numbers.aggregate ?? 0.001, interval: null },
    frequency: { tau: numbers.tau ?? 0.5, forecast: numbers.frequency ?? 0, interval: null, expectedCount: 0 },
    backtest: null,
    selfCheck: null,
    curve: [],
  };
}

function errorsOf([samples, judged]: [number, number]): BehaviorForecast['errors'] {
  const share = samples + judged === 0 ? 0 : samples / (samples + judged);
  return { samples, queries: samples, judged, share, byReason: { error: { samples, queries: samples } }, worstCase: null };
}

function settings(thresholds: Thresholds, more: Partial<RuleSettings> = {}): RuleBook {
  return rules({ thresholds, ...more });
}

describe('gate: one behaviour', () => {
  it('a value exactly at the threshold passes; just above fails (strict >)', () => {
    const s = settings({ failWorstQueryRisk: 0.05 });
    expect(gate([forecast('a', { worst: 0.05 })], s).verdict).toBe('pass');
    const above = gate([forecast('a', { worst: 0.050000001 })], s);
    expect(above.verdict).toBe('fail');
    expect(above.breaches).toEqual([
      { behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.050000001, threshold: 0.05, basis: 'forecast' },
    ]);
  });

  it('a fail breach is not also listed at warn; warn alone gives status warn', () => {
    const s = settings({ failAggregateRisk: 0.5, warnAggregateRisk: 0.1 });
    const failed = gate([forecast('a', { aggregate: 0.6 })], s).behaviors[0];
    expect(failed?.status).toBe('fail');
    expect(failed?.breaches.map((b) => b.level)).toEqual(['fail']);
    const warned = gate([forecast('a', { aggregate: 0.3 })], s).behaviors[0];
    expect(warned?.status).toBe('warn');
    expect(warned?.breaches).toEqual([
      { behavior: 'a', metric: 'aggregate-risk', level: 'warn', value: 0.3, threshold: 0.1, basis: 'forecast' },
    ]);
  });

  it('compares the frequency share, each metric separately', () => {
    const s = settings({ failFrequency: 1e-4, warnWorstQueryRisk: 0.01 });
    const result = gate([forecast('a', { frequency: 2e-4, worst: 0.02 })], s);
    expect(result.breaches).toEqual([
      { behavior: 'a', metric: 'frequency', level: 'fail', value: 2e-4, threshold: 1e-4, basis: 'forecast' },
      { behavior: 'a', metric: 'worst-query-risk', level: 'warn', value: 0.02, threshold: 0.01, basis: 'forecast' },
    ]);
  });

  it('ungated metrics never breach', () => {
    expect(gate([forecast('a', { worst: 0.99, aggregate: 0.99, frequency: 0.99 })], settings({})).verdict).toBe('pass');
  });

  it('gate-on: upper compares the interval upper end, and falls back to the forecast without one', () => {
    const s = settings({ failWorstQueryRisk: 0.05, failAggregateRisk: 0.05 }, { gateOn: 'upper' });
    // Forecast 0.01 passes, but the upper end 0.08 breaches.
    expect(gate([forecast('a', { worst: 0.01, worstUpper: 0.08 })], s).breaches).toEqual([
      { behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.08, threshold: 0.05, basis: 'upper' },
    ]);
    // Upper end exactly at the threshold passes.
    expect(gate([forecast('a', { worst: 0.01, worstUpper: 0.05 })], s).verdict).toBe('pass');
    // No interval (the aggregate risk with the bootstrap off): the forecast is compared and the basis says so.
    expect(gate([forecast('a', { aggregate: 0.06 })], s).breaches).toEqual([
      { behavior: 'a', metric: 'aggregate-risk', level: 'fail', value: 0.06, threshold: 0.05, basis: 'forecast' },
    ]);
    // gate-on: forecast ignores the upper end.
    expect(gate([forecast('a', { worst: 0.01, worstUpper: 0.08 })], { ...s, gateOn: 'forecast' }).verdict).toBe('pass');
  });

  it('insufficient outcome without an observed breach is `insufficient`', () => {
    const s = settings({ failWorstQueryRisk: 0.05, failAggregateRisk: 0.01 });
    const result = gate([forecast('a', { outcome: 'insufficient', observedMax: 0.05 })], s);
    expect(result.behaviors[0]?.status).toBe('insufficient');
    expect(result.breaches).toEqual([]);
    expect(result.verdict).toBe('insufficient');
  });

  it('insufficient or degenerate with an observed p̂ above a worst-query threshold is a breach', () => {
    const s = settings({ failWorstQueryRisk: 0.5, warnWorstQueryRisk: 0.1 });
    const failed = gate([forecast('a', { outcome: 'degenerate', observedMax: 0.6 })], s);
    expect(failed.behaviors[0]?.status).toBe('fail');
    expect(failed.breaches).toEqual([
      { behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.6, threshold: 0.5, basis: 'forecast' },
    ]);
    // gate-on: upper does not change this: there is no interval, the observation itself is compared.
    const warned = gate([forecast('a', { outcome: 'insufficient', observedMax: 0.2 })], { ...s, gateOn: 'upper' });
    expect(warned.behaviors[0]?.status).toBe('warn');
    expect(warned.breaches[0]).toMatchObject({ level: 'warn', value: 0.2, basis: 'forecast' });
  });

  it('reports the effective thresholds and τ per behaviour (policy applied)', () => {
    const s = settings(
      { failWorstQueryRisk: 0.05 },
      { policy: { defaults: {}, behaviors: { 'pii-*': { failWorstQueryRisk: 0.5, tau: 0.9 } } } },
    );
    const result = gate([forecast('pii-email', { worst: 0.1, tau: 0.9 }), forecast('other', { worst: 0.1 })], s);
    expect(result.behaviors.map((b) => [b.name, b.status, b.thresholds, b.tau])).toEqual([
      ['pii-email', 'pass', { failWorstQueryRisk: 0.5 }, 0.9],
      ['other', 'fail', { failWorstQueryRisk: 0.05 }, 0.5],
    ]);
  });
});

describe('gate: decisions against the interval', () => {
  const interval = (lower: number, upper: number) =>
    forecast('a', { worst: Math.sqrt(lower * upper), worstLower: lower, worstUpper: upper });

  it('clear (upper end at or below), breach (lower end above), inconclusive (straddles): strict > as for forecasts', () => {
    const s = settings({ failWorstQueryRisk: 0.1 }, { gateOn: 'interval' });
    const clear = gate([interval(0.01, 0.1)], s);
    expect(clear.behaviors[0].decisions).toEqual([
      { metric: 'worst-query-risk', level: 'fail', threshold: 0.1, outcome: 'clear', basis: 'interval', lower: 0.01, upper: 0.1 },
    ]);
    expect(clear.verdict).toBe('pass');
    const breach = gate([interval(0.11, 0.5)], s);
    expect(breach.behaviors[0].decisions[0].outcome).toBe('breach');
    expect(breach.breaches).toEqual([
      { behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.11, threshold: 0.1, basis: 'lower' },
    ]);
    expect(breach.verdict).toBe('fail');
    // A lower end exactly at the threshold does not breach it.
    expect(gate([interval(0.1, 0.5)], s).behaviors[0].decisions[0].outcome).toBe('inconclusive');
    const open = gate([interval(0.05, 0.2)], s);
    expect(open.behaviors[0].status).toBe('inconclusive');
    expect(open.verdict).toBe('inconclusive');
    expect(open.breaches).toEqual([]);
  });

  it('on-inconclusive: pass lets an inconclusive run pass; fail and warn keep the verdict inconclusive', () => {
    const b = [interval(0.05, 0.2)];
    const s = (onInconclusive: OnInsufficient) => settings({ failWorstQueryRisk: 0.1 }, { gateOn: 'interval', onInconclusive });
    expect(gate(b, s('pass')).verdict).toBe('pass');
    expect(gate(b, s('warn')).verdict).toBe('inconclusive');
    expect(gate(b, s('fail')).verdict).toBe('inconclusive');
  });

  it('fail > inconclusive > insufficient in the verdict', () => {
    const s = settings({ failWorstQueryRisk: 0.1 }, { gateOn: 'interval' });
    const open = interval(0.05, 0.2);
    const failed = { ...interval(0.2, 0.5), name: 'f' };
    const stuck = forecast('s', { outcome: 'insufficient', observedMax: 0.001 });
    expect(gate([open, stuck], s).verdict).toBe('inconclusive');
    expect(gate([open, failed, stuck], s).verdict).toBe('fail');
  });

  it('under gate-on forecast and upper the decisions are still reported, and the status follows the forecast', () => {
    const b = [interval(0.05, 0.2)];
    const byForecast = gate(b, settings({ failWorstQueryRisk: 0.19 }));
    expect(byForecast.behaviors[0].decisions[0].outcome).toBe('inconclusive');
    expect(byForecast.behaviors[0].status).toBe('pass');
    expect(gate(b, settings({ failWorstQueryRisk: 0.15 }, { gateOn: 'upper' })).behaviors[0].status).toBe('fail');
  });

  it('a behaviour without any threshold is not-gated, and leaves the verdict alone', () => {
    const result = gate([forecast('free', { worst: 0.9 }), forecast('gated', { worst: 0.001 })], settings({}, {}));
    expect(result.behaviors.map((b) => b.status)).toEqual(['not-gated', 'not-gated']);
    expect(result.verdict).toBe('pass');
    const mixed = gate(
      [forecast('free', { worst: 0.9 }), forecast('gated', { worst: 0.001 })],
      settings({}, { policy: { defaults: {}, behaviors: { gated: { failWorstQueryRisk: 0.01 } } } }),
    );
    expect(mixed.behaviors.map((b) => [b.name, b.status])).toEqual([
      ['free', 'not-gated'],
      ['gated', 'pass'],
    ]);
  });

  it('without a fit, exact bounds can clear aggregate and frequency thresholds, never a worst-query one', () => {
    const zero = (bounds: { aggregateBound: number; frequencyBound: number }) =>
      forecast('z', { outcome: 'insufficient', observedMax: 0, ...bounds });
    const gates = { failAggregateRisk: 0.05, failFrequency: 1e-3 };
    // Bounds at or below the thresholds: every threshold is cleared, so the behaviour passes though it has no forecast.
    const cleared = gate([zero({ aggregateBound: 0.05, frequencyBound: 1e-4 })], settings(gates));
    expect(cleared.behaviors[0].status).toBe('pass');
    expect(cleared.behaviors[0].decisions.map((d) => [d.metric, d.outcome, d.basis])).toEqual([
      ['aggregate-risk', 'clear', 'bound'],
      ['frequency', 'clear', 'bound'],
    ]);
    // A bound above its threshold cannot breach (it is only an upper bound): the behaviour stays insufficient.
    const open = gate([zero({ aggregateBound: 0.3, frequencyBound: 1e-4 })], settings(gates));
    expect(open.behaviors[0].status).toBe('insufficient');
    expect(open.breaches).toEqual([]);
    // A worst-query threshold can only be breached by what was observed, never cleared by a rate bound.
    expect(
      gate([zero({ aggregateBound: 0.01, frequencyBound: 1e-4 })], settings({ ...gates, failWorstQueryRisk: 0.5 })).behaviors[0].status,
    ).toBe('insufficient');
  });
});

describe('gate: verdict across behaviours', () => {
  const s = settings({ failWorstQueryRisk: 0.1, warnWorstQueryRisk: 0.01 });
  const pass = forecast('p', { worst: 0.001 });
  const warn = forecast('w', { worst: 0.05 });
  const fail = forecast('f', { worst: 0.5 });
  const insufficient = forecast('i', { outcome: 'insufficient' });

  it.each([
    [[pass], 'pass'],
    [[pass, warn], 'warn'],
    [[pass, insufficient], 'insufficient'],
    [[warn, insufficient], 'warn'],
    [[insufficient, warn, fail, pass], 'fail'],
    [[fail, insufficient], 'fail'],
  ])('%# → %s', (forecasts, verdict) => {
    expect(gate(forecasts, s).verdict).toBe(verdict);
  });

  it.each([
    ['pass', 'pass'],
    ['warn', 'insufficient'],
    ['fail', 'insufficient'],
  ] as const)('on-insufficient-data: %s → verdict %s (status stays insufficient)', (option, verdict) => {
    const result = gate([pass, insufficient], { ...s, onInsufficientData: option });
    expect(result.verdict).toBe(verdict);
    expect(result.behaviors[1]?.status).toBe('insufficient');
  });

  it('on-insufficient-data: pass does not hide a warn or fail', () => {
    expect(gate([insufficient, warn], { ...s, onInsufficientData: 'pass' }).verdict).toBe('warn');
  });

  it('lists breaches fail first, then by behaviour name', () => {
    const result = gate(
      [
        forecast('zeta', { worst: 0.5 }),
        forecast('beta', { worst: 0.05 }),
        forecast('alpha', { worst: 0.05 }),
        forecast('Mu', { worst: 0.5 }),
      ],
      s,
    );
    // Code-unit order: uppercase 'M' (77) sorts before lowercase 'z' (122).
    expect(result.breaches.map((b) => `${b.level}:${b.behavior}`)).toEqual(['fail:Mu', 'fail:zeta', 'warn:alpha', 'warn:beta']);
    // Behaviours keep their input order.
    expect(result.behaviors.map((b) => b.name)).toEqual(['zeta', 'beta', 'alpha', 'Mu']);
  });
});

describe('gate: refuses what it cannot judge', () => {
  it('throws on no behaviours at all (not a pass)', () => {
    expect(() => gate([], settings({}))).toThrow('no behaviour to gate');
  });

  it('throws on a duplicate behaviour', () => {
    expect(() => gate([forecast('a'), forecast('a')], settings({}))).toThrow('forecast twice');
  });

  it('throws on NaN instead of passing it (NaN > t is false)', () => {
    expect(() => gate([forecast('a', { worst: Number.NaN })], settings({ failWorstQueryRisk: 0.1 }))).toThrow('cannot be gated');
  });
});

describe('gate: the error budget', () => {
  const at = (errored: number, judged: number, more: Parameters<typeof forecast>[1] = {}) =>
    forecast('a', { ...more, errored: [errored, judged] });

  it('within budget (share ≤ max-error-share, strict like a threshold) changes nothing', () => {
    // 10 of 100 = 0.1 exactly: within the default 0.1.
    const g = gate([at(10, 90)], settings({}));
    expect(g.verdict).toBe('pass');
    expect(g.behaviors[0].errorBudget).toEqual({ maxShare: 0.1, onBudget: 'fail', over: false });
  });

  it('over budget: status errors, verdict fail by default and warn with on-error-budget: warn, never pass', () => {
    // 30 of 100 = 0.3 > 0.1.
    const failing = gate([at(30, 70)], settings({}));
    expect(failing.behaviors[0].status).toBe('errors');
    expect(failing.behaviors[0].errorBudget.over).toBe(true);
    expect(failing.verdict).toBe('fail');
    // No threshold breach is invented for it: the budget is its own rule.
    expect(failing.breaches).toEqual([]);
    const warning = gate([at(30, 70)], settings({}, { errorBudget: { maxShare: 0.1, onBudget: 'warn' } }));
    expect(warning.behaviors[0].status).toBe('errors');
    expect(warning.verdict).toBe('warn');
  });

  it('over budget outranks a warn breach and insufficient data, but a fail breach stays fail', () => {
    const thresholds = { failWorstQueryRisk: 0.5, warnWorstQueryRisk: 0.01 };
    expect(gate([at(30, 70, { worst: 0.1 })], settings(thresholds)).behaviors[0].status).toBe('errors');
    expect(gate([at(30, 70, { outcome: 'insufficient' })], settings({})).behaviors[0].status).toBe('errors');
    const both = gate([at(30, 70, { worst: 0.9 })], settings(thresholds));
    expect(both.behaviors[0].status).toBe('fail');
    expect(both.behaviors[0].errorBudget.over).toBe(true);
    // With on-insufficient-data: pass an insufficient behaviour passes; over budget it cannot.
    const lenient = settings({}, { onInsufficientData: 'pass', errorBudget: { maxShare: 0.1, onBudget: 'warn' } });
    expect(gate([at(30, 70, { outcome: 'insufficient' })], lenient).verdict).toBe('warn');
  });

  it('every sample errored is over budget even at max-error-share 1', () => {
    const g = gate([at(5, 0, { outcome: 'insufficient' })], settings({}, { errorBudget: { maxShare: 1, onBudget: 'warn' } }));
    expect(g.behaviors[0].status).toBe('errors');
    expect(g.verdict).toBe('warn');
  });

  it('the verdict takes the worst level over behaviours: a warn-budget errors with a fail breach elsewhere is fail', () => {
    const s = settings({ failWorstQueryRisk: 0.01 }, { errorBudget: { maxShare: 0.1, onBudget: 'warn' } });
    const g = gate([at(30, 70, { worst: 0.001 }), forecast('b', { worst: 0.5 })], s);
    expect(g.behaviors.map((b) => b.status)).toEqual(['errors', 'fail']);
    expect(g.verdict).toBe('fail');
  });

  it('a policy entry overrides the budget for its behaviour only', () => {
    // As parsePolicy writes it: every entry is in `behaviors` (which entry applies is decided there), its budget apart.
    const policy = {
      defaults: {},
      behaviors: { lenient: {}, soft: {} },
      errorBudget: { defaults: {}, behaviors: { lenient: { maxShare: 0.5 }, soft: { onBudget: 'warn' as const } } },
    };
    const g = gate(
      [forecast('lenient', { errored: [30, 70] }), forecast('soft', { errored: [30, 70] }), forecast('strict', { errored: [30, 70] })],
      settings({}, { policy }),
    );
    expect(g.behaviors.map((b) => [b.name, b.status, b.errorBudget.maxShare, b.errorBudget.onBudget])).toEqual([
      // Within its budget and with no threshold: nothing about risk was asked of it.
      ['lenient', 'not-gated', 0.5, 'fail'],
      ['soft', 'errors', 0.1, 'warn'],
      ['strict', 'errors', 0.1, 'fail'],
    ]);
    expect(g.verdict).toBe('fail');
  });
});
