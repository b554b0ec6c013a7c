/**
 * The history step of a pull-request run: the trend per behaviour, the creep
 * rule against the lowest forecast of the last K records, and the gate's
 * `creep` breach. Expected values are hand counts over the records below.
 */
import { describe, expect, it } from '@jest/globals';
import { appendRecord, emptyHistory } from '../../../src/decisions/history/record.js';
import { historyStep, type ReadHistory } from '../../../src/decisions/history/step.js';
import { gate } from '../../../src/gate/gate.js';
import type { HistoryFile, HistoryRecord } from '../../../src/domain/history.js';
import type { TailForecast } from '../../../src/domain/forecast.js';
import { parsePolicy } from '../../../src/config/policy.js';
import { tailForecast } from '../../helpers/reports.js';
import { rules } from '../../helpers/rules.js';

const record = (commit: string, forecast: number, n = 1e6): HistoryRecord => ({
  commit,
  date: `2026-11-${commit.slice(0, 2)}T00:00:00.000Z`,
  deploymentVolume: n,
  behaviors: [
    {
      name: 'harm',
      forecast,
      lower: forecast / 2,
      upper: forecast * 2,
      queries: 1000,
      samplesPerQuery: 10,
      queryIds: null,
      status: 'pass',
    },
  ],
});

/** Oldest first; with K = 3 the window is the last three at n = 1e6: 4e-4, 5e-4, 3e-4, so the reference is 3e-4 (commit 13…). */
const file: HistoryFile = [
  record('1000000', 1e-4),
  record('1100000', 4e-4),
  record('1200000', 5e-4),
  record('1250000', 1e-9, 1e3),
  record('1300000', 3e-4),
].reduce((h, r) => appendRecord(h, r, 200), emptyHistory());

const read = (over: Partial<ReadHistory> = {}): ReadHistory => ({ file, source: 'tailgate-data:h.json', note: null, window: 3, ...over });

/** A forecast of `harm` whose worst-query interval starts at `lower`. */
function current(lower: number): TailForecast {
  const f = tailForecast({ name: 'harm', m: 1000, a: 1, p1: 0.3, nonzero: 50 });
  return { ...f, worstQueryRisk: { ...f.worstQueryRisk, lower } };
}

const policy = parsePolicy('defaults:\n  fail-creep: 3x\n  warn-creep: 2x\n', 'policy.yml');

describe('the history step', () => {
  it('shows the trend at this deployment volume, oldest first', () => {
    const step = historyStep(read(), [current(1e-4)], rules({ policy }));
    expect(step.section.records).toBe(5);
    expect(step.section.behaviors[0].points.map((p) => p.forecast)).toEqual([1e-4, 4e-4, 5e-4, 3e-4]);
    expect(step.section.note).toBeNull();
  });

  it('fails when the lower end exceeds 3 × the lowest of the last K (1e-3 / 3e-4 = 3.33)', () => {
    const step = historyStep(read(), [current(1e-3)], rules({ policy }));
    const creep = step.creep.get('harm');
    expect(creep).toMatchObject({ level: 'fail', factor: 3, reference: { commit: '1300000', forecast: 3e-4 } });
    expect(creep?.ratio).toBeCloseTo(10 / 3, 12);
    const verdict = gate([current(1e-3)], rules({ policy }), null, step.creep);
    expect(verdict.verdict).toBe('fail');
    expect(verdict.breaches).toEqual([
      { behavior: 'harm', metric: 'creep', level: 'fail', value: creep?.ratio, threshold: 3, basis: 'lower' },
    ]);
  });

  it('warns between the factors (7e-4 / 3e-4 = 2.33), and passes at exactly 2 × (strict)', () => {
    expect(historyStep(read(), [current(7e-4)], rules({ policy })).creep.get('harm')?.level).toBe('warn');
    expect(historyStep(read(), [current(6e-4)], rules({ policy })).creep.size).toBe(0);
  });

  it('takes a wider window: K = 5 reaches 1e-4, so 7e-4 is 7× and fails', () => {
    expect(historyStep(read({ window: 5 }), [current(7e-4)], rules({ policy })).creep.get('harm')?.reference.forecast).toBe(1e-4);
  });

  it('gates nothing without creep factors; with a history, a behaviour with only a creep factor is gated (pass, not not-gated)', () => {
    expect(historyStep(read(), [current(1e-3)], rules()).creep.size).toBe(0);
    const step = historyStep(read(), [current(1e-4)], rules({ policy }));
    expect(gate([current(1e-4)], rules({ policy }), null, step.creep).behaviors[0].status).toBe('pass');
    // Without a history the creep factors gate nothing.
    expect(gate([current(1e-4)], rules({ policy })).behaviors[0].status).toBe('not-gated');
  });

  it('says why there is no trend: the reader note, or no record at this volume', () => {
    expect(historyStep(read({ file: null, note: 'no history yet' }), [current(1e-3)], rules({ policy })).section).toMatchObject({
      records: 0,
      note: 'no history yet',
    });
    const other = historyStep(read(), [{ ...current(1e-3), name: 'other' }], rules({ policy }));
    expect(other.section.note).toMatch(/no record of these behaviours at this deployment volume/);
    expect(other.creep.size).toBe(0);
  });
});
