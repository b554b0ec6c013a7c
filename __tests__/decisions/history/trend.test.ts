import { describe, expect, it } from '@jest/globals';
import { appendRecord, emptyHistory, historyText, parseHistory } from '../../../src/decisions/history/record.js';
import { creepOf, trendOf } from '../../../src/decisions/history/trend.js';
import type { HistoryFile, HistoryRecord } from '../../../src/domain/history.js';
import { InputError } from '../../../src/domain/errors.js';

const record = (commit: string, forecast: number | null, n = 1e6): HistoryRecord => ({
  commit,
  date: `2026-11-${commit.slice(0, 2)}T00:00:00.000Z`,
  deploymentVolume: n,
  behaviors: [{ name: 'harm', forecast, lower: null, upper: null, queries: 1000, samplesPerQuery: null, queryIds: null, status: 'pass' }],
});

function history(...records: HistoryRecord[]): HistoryFile {
  return records.reduce((h, r) => appendRecord(h, r, 200), emptyHistory());
}

describe('history records', () => {
  it('round-trip through the file text, one record per line', () => {
    const h = history(record('1000000', 1e-4), record('1100000', 2e-4));
    const text = historyText(h);
    expect(text.split('\n')).toHaveLength(8);
    expect(parseHistory(text, 'h.json')).toEqual(h);
    expect(parseHistory(historyText(emptyHistory()), 'h.json')).toEqual(emptyHistory());
  });

  it('refuses a file that is not what tailgate writes, naming it and what to do', () => {
    expect(() => parseHistory('{', 'tailgate-data:h.json')).toThrow(InputError);
    expect(() => parseHistory('{', 'tailgate-data:h.json')).toThrow(
      "History tailgate-data:h.json is not JSON; delete it (tailgate starts a new one) or restore it from the branch's log.",
    );
    expect(() => parseHistory('{"version":1,"records":[{"commit":"not hex"}]}', 'h.json')).toThrow(
      'History h.json: records.0.commit is not',
    );
  });
});

describe('trend and creep', () => {
  const h = history(
    record('1000000', 1e-4),
    record('1100000', 5e-5),
    record('1200000', 2e-4, 1e5), // another volume: not the same quantity
    record('1300000', 8e-5),
    record('1400000', null),
    record('1500000', 9e-5),
  );

  it('takes the last N forecasts at the same volume, oldest first', () => {
    expect(trendOf(h, 'harm', 1e6, 3).map((p) => [p.commit, p.forecast])).toEqual([
      ['1300000', 8e-5],
      ['1400000', null],
      ['1500000', 9e-5],
    ]);
    expect(trendOf(h, 'other', 1e6, 10)).toEqual([]);
  });

  it('compares the current lower end with the lowest forecast of the last K points', () => {
    const points = trendOf(h, 'harm', 1e6, 50);
    // Window 5 (all five points at 1e6): the lowest is 5e-5 (1100000). 2.6e-4 > 5 × 5e-5 = 2.5e-4 fires fail.
    expect(creepOf(points, 2.6e-4, { window: 5, fail: 5, warn: 2 })).toEqual({
      level: 'fail',
      factor: 5,
      ratio: 2.6e-4 / 5e-5,
      reference: { commit: '1100000', forecast: 5e-5 },
    });
    // Window 3 (1300000, 1400000, 1500000): the lowest is 8e-5. 2.6e-4 is 3.25×: warn at 2, not fail at 5.
    expect(creepOf(points, 2.6e-4, { window: 3, fail: 5, warn: 2 })?.level).toBe('warn');
    // Strict: exactly 2 × 8e-5 does not fire.
    expect(creepOf(points, 1.6e-4, { window: 3, warn: 2 })).toBeNull();
    expect(creepOf(points, null, { window: 3, warn: 2 })).toBeNull();
    expect(creepOf([], 1, { window: 3, warn: 2 })).toBeNull();
  });
});
