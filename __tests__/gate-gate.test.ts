import { describe, expect, it } from '@jest/globals';
import { gate, type GateSettings } from '../src/gate/gate.js';
import type { BehaviorForecast } from '../src/forecast/types.js';
import type { Thresholds } from '../src/config/settings.js';

/** A fake forecast: only the numbers the gate reads matter here (the gate is under test, not the forecast). */
function forecast(
  name: string,
  numbers: {
    outcome?: BehaviorForecast['outcome'];
    worst?: number | null;
    worstUpper?: number | null;
    observedMax?: number;
    aggregate?: number | null;
    aggregateUpper?: number | null;
    frequency?: number | null;
    frequencyUpper?: number | null;
    tau?: number;
  } = {},
): BehaviorForecast {
  const outcome = numbers.outcome ?? 'forecast';
  const fitted = outcome === 'forecast';
  /** An explicit null in `numbers` stays null; an absent number takes the default. */
  const pick = (key: 'worst' | 'aggregate' | 'frequency', fallback: number): number | null =>
    !fitted ? null : key in numbers ? (numbers[key] ?? null) : fallback;
  return {
    name,
    queries: 1000,
    samples: 10_000,
    nonzero: 50,
    capped: 0,
    duplicates: 0,
    excluded: 0,
    exclusions: {},
    outcome,
    reason: fitted ? null : 'fewer than t queries with p̂ > 0',
    fit: null,
    worstQueryRisk: {
      forecast: pick('worst', 0.001),
      lower: null,
      upper: numbers.worstUpper ?? null,
      medianMax: null,
      intervalMethod: null,
      lognormal: null,
      observedMax: numbers.observedMax ?? 0,
    },
    aggregateRisk: { forecast: pick('aggregate', 0.001), lower: null, upper: numbers.aggregateUpper ?? null, intervalMethod: null },
    frequency: {
      tau: numbers.tau ?? 0.5,
      forecast: pick('frequency', 0),
      lower: null,
      upper: numbers.frequencyUpper ?? null,
      intervalMethod: null,
      expectedCount: null,
    },
    backtest: null,
    selfCheck: null,
    unseenModeBound: null,
    bound: null,
    curve: [],
    warnings: [],
  };
}

function settings(thresholds: Thresholds, more: Partial<GateSettings> = {}): GateSettings {
  return { thresholds, frequencyTau: 0.5, policy: null, gateOn: 'forecast', onInsufficientData: 'warn', ...more };
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
    const s = settings({ failWorstQueryRisk: 0.05 }, { gateOn: 'upper' });
    // Forecast 0.01 passes, but the upper end 0.08 breaches.
    expect(gate([forecast('a', { worst: 0.01, worstUpper: 0.08 })], s).breaches).toEqual([
      { behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.08, threshold: 0.05, basis: 'upper' },
    ]);
    // Upper end exactly at the threshold passes.
    expect(gate([forecast('a', { worst: 0.01, worstUpper: 0.05 })], s).verdict).toBe('pass');
    // No interval (upper null): the forecast is compared and the basis says so.
    expect(gate([forecast('a', { worst: 0.06, worstUpper: null })], s).breaches).toEqual([
      { behavior: 'a', metric: 'worst-query-risk', level: 'fail', value: 0.06, threshold: 0.05, basis: 'forecast' },
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

  it('throws when a gated metric has no forecast despite outcome forecast', () => {
    expect(() => gate([forecast('a', { aggregate: null })], settings({ failAggregateRisk: 0.1 }))).toThrow('no forecast');
  });

  it('throws when the frequency share was forecast at another τ than it is gated at', () => {
    expect(() => gate([forecast('a', { tau: 0.9, frequency: 0 })], settings({ failFrequency: 0.1 }))).toThrow('τ = 0.9');
  });
});
