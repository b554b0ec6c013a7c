import type { CurvePoint } from '../../src/domain/forecast.js';
import { renderChart } from '../../src/report/chart.js';
import type { ReportBehavior } from '../../src/domain/report.js';
import { ATTACKS, baseReport, injectionReport, insufficientBehavior, tailBehavior } from '../helpers/reports.js';

/** A behaviour whose curve is exactly the given forecasts at 1k, 1M, 1G (so log10 is known by hand). */
function withCurve(name: string, forecasts: [number, number, number]): ReportBehavior {
  const b = tailBehavior({ name, m: 1000, nonzero: 20, a: -10, p1: 0.01 });
  const curve: CurvePoint[] = [1e3, 1e6, 1e9].map((n, i) => ({
    n,
    forecast: forecasts[i],
    lower: forecasts[i] / 2,
    upper: Math.min(1, forecasts[i] * 2),
  }));
  return { ...b, curve, worstQueryRisk: { ...b.worstQueryRisk, forecast: forecasts[1] } };
}

function mermaidBlock(chart: string): string[] {
  const lines = chart.split('\n');
  const start = lines.indexOf('```mermaid');
  const end = lines.indexOf('```', start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

describe('renderChart', () => {
  test('x categories from curve volumes, y = log10 of the forecast, axis range rounded outwards', () => {
    const report = baseReport({ verdict: 'pass', behaviors: [withCurve('b', [1e-4, 1e-3, 0.01])] });
    const parts = renderChart(report);
    if (parts === null) throw new Error('expected a chart');
    const block = mermaidBlock(parts.chart);
    expect(block).toContain('xychart-beta');
    // 1e6 is the deployment volume: marked (n).
    expect(block).toContain('  x-axis "deployment queries" ["1k", "1M (n)", "1B"]');
    // log10(1e-4) = -4, log10(1e-3) = -3, log10(0.01) = -2; axis floor(-4) … ceil(-2).
    expect(block).toContain('  line [-4.00, -3.00, -2.00]');
    expect(block).toContain('  y-axis "log10 P(worst query)" -4 --> -2');
    expect(parts.chart).toContain('log10 of the forecast worst-query risk');
    // Fallback table: the same numbers as probabilities with their interval.
    expect(parts.fallback).toContain('| 1M (n) | 1.0e-3 (5.0e-4 – 2.0e-3) |');
    expect(parts.fallback.startsWith('<details><summary>')).toBe(true);
    expect(parts.fallback.trimEnd().endsWith('</details>')).toBe(true);
  });

  test('at most 6 lines, the riskiest at n, legend in the same order, the rest counted', () => {
    const risks = [0.01, 0.5, 0.02, 0.3, 0.04, 0.2, 0.06, 0.1];
    const behaviors = risks.map((r, i) => withCurve(`beh${i}`, [r / 10, r, Math.min(0.9, r * 2)]));
    const parts = renderChart(baseReport({ verdict: 'pass', behaviors }));
    if (parts === null) throw new Error('expected a chart');
    expect(mermaidBlock(parts.chart).filter((l) => l.startsWith('  line ['))).toHaveLength(6);
    // Sorted by forecast at n: 0.5 (beh1), 0.3 (beh3), 0.2 (beh5), 0.1 (beh7), 0.06 (beh6), 0.04 (beh4).
    const legend = parts.chart.split('\n').find((l) => l.startsWith('🟥'));
    expect(legend).toBe('🟥 B1 **beh1** · 🟦 B2 **beh3** · 🟧 B3 **beh5** · 🟩 B4 **beh7** · 🟪 B5 **beh6** · 🟫 B6 **beh4**');
    expect(parts.chart).toContain('2 more behaviours with a forecast are not drawn');
    // First line is beh1: log10(0.05) = -1.30, log10(0.5) = -0.30, log10(0.9) = -0.05 (0.5·2 capped at 0.9 by the fixture).
    expect(mermaidBlock(parts.chart)).toContain('  line [-1.30, -0.30, -0.05]');
  });

  test('no untrusted text inside the Mermaid block; only numbers and our own labels', () => {
    const parts = renderChart(injectionReport());
    if (parts === null) throw new Error('expected a chart');
    const block = mermaidBlock(parts.chart).join('\n');
    // Short attacks ('#1') also occur in colours; the line whitelist below covers them.
    for (const attack of Object.values(ATTACKS).filter((a) => a.length >= 5)) expect(block).not.toContain(attack.slice(0, 12));
    const allowed = [
      /^---$/,
      /^config:$/,
      /^ {2}themeVariables:$/,
      /^ {4}xyChart:$/,
      /^ {6}plotColorPalette: "(#[0-9a-f]{6}(, )?)+"$/,
      /^xychart-beta$/,
      /^ {2}title "Worst-query risk vs deployment volume"$/,
      /^ {2}x-axis "deployment queries" \[("[0-9.]+[kMBT]?( \(n\))?"(, )?)+\]$/,
      /^ {2}y-axis "log10 P\(worst query\)" -?\d+ --> -?\d+$/,
      // Mermaid numbers have no exponent (xychart.jison: [+-]?(\d+(\.\d+)?|\.\d+)).
      /^ {2}line \[(-?\d+\.\d{2}(, )?)+\]$/,
    ];
    for (const line of block.split('\n')) expect(allowed.some((re) => re.test(line))).toBe(true);
    // The names are in the legend outside the block, escaped.
    expect(parts.chart).toContain('B1 **&lt;/details&gt;&lt;img src\\=x onerror\\=alert\\(1\\)&gt;**');
  });

  test('a forecast that underflowed to 0 cannot be placed on a log axis and is counted as not drawn', () => {
    const behaviors = [withCurve('ok', [1e-3, 1e-2, 0.1]), withCurve('tiny', [0, 1e-300, 1e-200])];
    const parts = renderChart(baseReport({ verdict: 'pass', behaviors }));
    expect(parts?.chart).toContain('1 more behaviour with a forecast is not drawn');
    expect(parts?.chart).not.toContain('**tiny**');
  });

  test('no chart when no behaviour has a forecast', () => {
    const b = insufficientBehavior({ name: 'x', m: 100, nonzero: 2, largestP: 0.1, hits: 2, samples: 1000, rateUpperBound: 5e-3 });
    expect(renderChart(baseReport({ verdict: 'insufficient', behaviors: [b] }))).toBeNull();
  });

  test('colliding short labels fall back to full counts', () => {
    const b = tailBehavior({ name: 'b', m: 1000, nonzero: 20, a: -10, p1: 0.01 });
    const curve: CurvePoint[] = [1_000_000, 1_001_000].map((n) => ({ n, forecast: 0.1, lower: 0.05, upper: 0.2 }));
    const parts = renderChart(baseReport({ verdict: 'pass', behaviors: [{ ...b, curve }] }));
    expect(parts?.chart).toContain('["1,000,000 (n)", "1,001,000"]');
  });
});
