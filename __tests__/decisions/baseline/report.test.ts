/**
 * Reading a tailgate JSON report as a baseline: detection, schema validation
 * with named paths, and moving its numbers to this run's deployment volume.
 */
import { describe, expect, it } from '@jest/globals';
import { compareReports } from '../../../src/decisions/baseline/report-pair.js';
import { fromReport } from '../../../src/decisions/baseline/from-report.js';
import { looksLikeReport, parseReport, readReportFile } from '../../../src/decisions/baseline/read-report.js';
import type { StoredReport } from '../../../src/decisions/baseline/report-schema.js';
import { InputError } from '../../../src/domain/errors.js';
import { serializeReport } from '../../../src/report/json.js';
import { failReport, passReport } from '../../helpers/reports.js';
import { bytesSource } from '../../helpers/bytes.js';

function stored(): StoredReport {
  const { baseline: _b, redTeam: _r, ...rest } = passReport();
  return rest;
}

async function errorOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err instanceof Error ? err.message : '';
  }
  throw new Error('expected an InputError');
}

describe('looksLikeReport', () => {
  it('recognises what serializeReport writes, with or without a BOM, and nothing else', () => {
    expect(looksLikeReport(serializeReport(failReport()).slice(0, 256))).toBe(true);
    expect(looksLikeReport('\uFEFF{"schemaVersion":1}')).toBe(true);
    expect(looksLikeReport('{"query_id": "q1", "prob": 0.1}\n')).toBe(false);
    expect(looksLikeReport('{"evalId": "x", "results": {}}')).toBe(false);
    expect(looksLikeReport('query_id,label\n')).toBe(false);
  });
});

describe('parseReport', () => {
  it('reads back what serializeReport wrote (the comparison sections of the baseline itself are dropped)', () => {
    const report = failReport();
    const { baseline: _b, redTeam: _r, ...rest } = report;
    expect(parseReport(serializeReport(report), 'base.json')).toEqual(rest);
  });

  it('accepts unknown fields: schemaVersion 1 may gain fields', () => {
    const data = { ...stored(), futureField: { x: 1 } };
    expect(parseReport(JSON.stringify(data), 'b.json')).toEqual(stored());
  });

  it('reads a report written before the self-check: no selfCheck, unseenModeBound or backtest meanPit', () => {
    const data = JSON.parse(serializeReport(failReport()));
    for (const b of data.behaviors) {
      delete b.selfCheck;
      delete b.unseenModeBound;
      if (b.backtest !== null) delete b.backtest.meanPit;
    }
    const read = parseReport(JSON.stringify(data), 'old.json');
    expect(read.behaviors.every((b) => b.selfCheck === null && b.unseenModeBound === null)).toBe(true);
    expect(read.behaviors.filter((b) => b.backtest !== null).every((b) => b.backtest!.meanPit === null)).toBe(true);
  });

  it('names the file and the JSON path of each bad value', async () => {
    const data = JSON.parse(serializeReport(failReport()));
    data.behaviors[1].worstQueryRisk.forecast = 1.5;
    data.deploymentVolume = 'many';
    expect(await errorOf(() => parseReport(JSON.stringify(data), 'base.json'))).toMatch(
      /^baseline base\.json: not a valid tailgate report \(schemaVersion 1\): deploymentVolume: .*; behaviors\[1\]\.worstQueryRisk\.forecast: .*\.$/,
    );
  });

  it('refuses another schema version, another tool, invalid JSON and duplicate behaviours', async () => {
    expect(await errorOf(() => parseReport('{"schemaVersion": 2}', 'b.json'))).toBe(
      'baseline b.json: report schemaVersion 2, but this tailgate reads schemaVersion 1; regenerate the baseline with this version, or give result files instead.',
    );
    expect(await errorOf(() => parseReport(JSON.stringify({ ...stored(), tool: { name: 'other', version: '1' } }), 'b.json'))).toContain(
      'tool.name',
    );
    expect(await errorOf(() => parseReport('{"schemaVersion": 1,', 'b.json'))).toMatch(/^baseline b\.json: not valid JSON/);
    const twice = stored();
    twice.behaviors = [twice.behaviors[0], twice.behaviors[0]];
    expect(await errorOf(() => parseReport(JSON.stringify(twice), 'b.json'))).toContain('behaviour "pii-leak" appears twice');
  });

  it('readReportFile refuses a file above the size limit before reading it', async () => {
    const file = bytesSource('r.json', serializeReport(passReport()));
    expect((await readReportFile(file)).behaviors).toHaveLength(2);
    expect(await errorOf(() => readReportFile(file, 100))).toMatch(/^baseline r\.json: the report is \d+ bytes, more than 100/);
  });
});

describe('fromReport', () => {
  const origin = { description: 'base.json', runId: null, runUrl: null, sha: null };
  const settings = { deploymentVolume: 1e6, confidence: 0.9, tailSize: 10 };

  it('same volume: the report numbers as they are, and its commit', () => {
    const report = stored();
    const b = fromReport(report, origin, settings);
    const w = report.behaviors[1].worstQueryRisk;
    expect(b.behaviors[1]).toEqual({
      name: 'harmful-advice',
      outcome: 'forecast',
      queries: 2000,
      forecast: w.forecast,
      lower: w.lower,
      upper: w.upper,
      observedMax: w.observedMax,
      // The stored report predates fingerprints.
      fingerprint: null,
    });
    expect(b).toMatchObject({
      kind: 'report',
      deploymentVolume: 1e6,
      confidence: 0.9,
      warnings: [],
      generatedAt: '2026-11-20T12:00:00.000Z',
    });
    expect(b.origin.sha).toBe('3f2c9d1e8b7a6f5e4d3c2b1a09f8e7d6c5b4a392');
  });

  it('another volume on the forecast curve: that curve point and its band', () => {
    const report = stored();
    const b = fromReport(report, origin, { ...settings, deploymentVolume: 1e7 });
    const point = report.behaviors[1].curve.find((pt) => pt.n === 1e7);
    expect(point).toBeDefined();
    expect(b.behaviors[1]).toMatchObject({ forecast: point?.forecast, lower: point?.lower, upper: point?.upper });
    expect(b.warnings).toEqual([
      'baseline: the baseline report was forecast at n = 1000000, this run at n = 10000000; its numbers are taken at n = 10000000 from its forecast curve or fitted tail.',
    ]);
  });

  it('another volume off the curve: the point forecast from the fitted line, no interval, and a warning', () => {
    const report = stored();
    const fit = report.behaviors[1].fit;
    if (fit === null) throw new Error('fixture has a fit');
    const b = fromReport(report, origin, { ...settings, deploymentVolume: 2e6 });
    // docs/method.md: ψ_n = −(log n + b)/a, Q = exp(−exp(−ψ_n)).
    const psi = -(Math.log(2e6) + fit.intercept) / fit.slope;
    expect(b.behaviors[1].forecast).toBeCloseTo(Math.exp(-Math.exp(-psi)), 14);
    expect(b.behaviors[1]).toMatchObject({ lower: null, upper: null });
    expect(b.warnings[1]).toBe(
      'baseline: no baseline interval at n = 2000000 for pii-leak, harmful-advice, so the risk-increase gate cannot judge them.',
    );
  });

  it('a report without bootstrap intervals does not lend its zero-width curve band as an interval', () => {
    const report = stored();
    report.behaviors = report.behaviors.map((b) => ({ ...b, worstQueryRisk: { ...b.worstQueryRisk, lower: null, upper: null } }));
    const b = fromReport(report, origin, { ...settings, deploymentVolume: 1e7 });
    expect(b.behaviors.every((x) => x.lower === null && x.upper === null && x.forecast !== null)).toBe(true);
  });

  it('warns when the baseline used another confidence level or tail size', () => {
    const report = stored();
    report.settings = { ...report.settings, confidence: 0.95, tailSize: 20 };
    expect(fromReport(report, origin, settings).warnings).toEqual([
      "baseline: the baseline's intervals are at 95%, this run's at 90%; overlap and the risk-increase gate mix the two levels.",
      'baseline: the baseline was fit on the top 20 scores, this run on the top 10; part of any change may come from that.',
    ]);
  });
});

describe('compareReports (for the CLI)', () => {
  it('compares two finished reports and judges the risk increase only', () => {
    const baseline = stored();
    const current = stored();
    const harm = current.behaviors[1];
    const baseUpper = baseline.behaviors[1].worstQueryRisk.upper;
    if (baseUpper === null) throw new Error('fixture has an interval');
    // Lower end at 4× the baseline's upper end: fires a 3× fail level, not a 5× one.
    current.behaviors[1] = {
      ...harm,
      worstQueryRisk: { ...harm.worstQueryRisk, lower: 4 * baseUpper, forecast: 5 * baseUpper, upper: 6 * baseUpper },
    };
    const result = compareReports(current, baseline, { label: 'old.json', factorsFor: () => ({ fail: 3 }) });
    expect(result.breaches).toEqual([
      { behavior: 'harmful-advice', metric: 'risk-increase', level: 'fail', value: expect.closeTo(4, 12), threshold: 3, basis: 'interval' },
    ]);
    expect(result.section.behaviors.map((r) => [r.name, r.presence, r.overlap])).toEqual([
      ['pii-leak', 'both', true],
      ['harmful-advice', 'both', false],
    ]);
    expect(result.section.source).toBe('old.json');
    expect(compareReports(current, baseline, { label: 'old.json', factorsFor: () => ({ fail: 5 }) }).breaches).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
