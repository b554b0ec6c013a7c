import type { CurvePoint } from '../../src/domain/forecast.js';
import type { Thresholds } from '../../src/domain/rules.js';
import { logOdds, renderChart } from '../../src/report/chart.js';
import type { ReportBehavior } from '../../src/domain/report.js';
import { ATTACKS, baseReport, breaching, injectionReport, insufficientBehavior, tailBehavior } from '../helpers/reports.js';

/** A behaviour whose curve is exactly the given forecasts at 1k, 1M, 1G, with the interval ÷2 … ×2 (capped at 1). */
function withCurve(name: string, forecasts: [number, number, number], thresholds?: Thresholds): ReportBehavior {
  const b = tailBehavior({ name, m: 1000, nonzero: 20, a: -10, p1: 0.01, thresholds });
  const curve: CurvePoint[] = [1e3, 1e6, 1e9].map((n, i) => ({
    n,
    forecast: forecasts[i],
    lower: forecasts[i] / 2,
    upper: Math.min(1, forecasts[i] * 2),
  }));
  return {
    ...b,
    curve,
    worstQueryRisk: { ...b.worstQueryRisk, forecast: forecasts[1], lower: forecasts[1] / 2, upper: Math.min(1, forecasts[1] * 2) },
  };
}

function mermaidBlock(chart: string): string[] {
  const lines = chart.split('\n');
  const start = lines.indexOf('```mermaid');
  const end = lines.indexOf('```', start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

const dataLines = (chart: string): string[] => mermaidBlock(chart).filter((l) => l.startsWith('  line ['));
const palette = (chart: string): string[] => {
  const line = mermaidBlock(chart).find((l) => l.includes('plotColorPalette'));
  return (line?.match(/"(.*)"/)?.[1] ?? '').split(', ');
};

describe('renderChart', () => {
  test('y is log10 odds, so 0.5 and 0.99 spread out instead of pressing against 0', () => {
    // python3: [round(math.log10(p/(1-p)), 2) for p in (1e-3, 0.5, 0.99)] → [-3.0, 0.0, 2.0]
    const parts = renderChart(baseReport({ verdict: 'pass', behaviors: [withCurve('b', [1e-3, 0.5, 0.99])] }));
    if (parts === null) throw new Error('expected a chart');
    const block = mermaidBlock(parts.chart);
    expect(block).toContain('  line [-3.00, 0.00, 2.00]');
    // python3: math.log10(0.001/0.999) → -2.99957, math.log10(99) → 1.99564: axis from floor = -3 to ceil = 2.
    expect(block).toContain('  y-axis "log10 odds of the worst query" -3 --> 2');
    // Deployment volume 1e6 is a decade: marked (n). Decades only: evenly spaced in log n.
    expect(block).toContain('  x-axis "deployment queries (log scale)" ["1k", "1M (n)", "1B"]');
    expect(parts.chart).toContain('2 is 0.99, 3 is 0.999');
    expect(logOdds(0.9)).toBeCloseTo(Math.log10(9), 12);
    // Fallback table: the same numbers as probabilities with their interval.
    expect(parts.fallback).toContain('| 1M (n) | 0.50 (0.25 – 1) |');
  });

  test('colours follow the status, not the order of risk; the legend follows the table order', () => {
    const t: Thresholds = { failWorstQueryRisk: 0.5, warnWorstQueryRisk: 0.1 };
    // The passing behaviour is the riskiest at 1k (0.04 against 0.02), as in the baseline comment.
    const failing = breaching(withCurve('failing', [0.02, 0.6, 0.9], t), 'fail', 'forecast');
    const passing = withCurve('passing', [0.04, 0.05, 0.06], t);
    const ungated = withCurve('ungated', [0.2, 0.25, 0.3]);
    const parts = renderChart(baseReport({ verdict: 'fail', behaviors: [passing, ungated, failing] }));
    if (parts === null) throw new Error('expected a chart');
    // Table order: fail, pass, not-gated. Fail red (+ two interval lines), pass blue (+ two), not-gated grey (no interval),
    // then the fail threshold (black) and the warn threshold (dark amber).
    expect(palette(parts.chart)).toEqual([
      '#d62728',
      '#f4a6a6',
      '#f4a6a6',
      '#1f77b4',
      '#a6c8e6',
      '#a6c8e6',
      '#7f7f7f',
      '#000000',
      '#8c6d00',
    ]);
    const legend = parts.chart.split('\n').find((l) => l.startsWith('🟥'));
    expect(legend).toBe(
      '🟥 **failing** (fail; interval in a lighter shade) · 🟦 **passing** (pass; interval in a lighter shade) · ⬜ **ungated** (not-gated) · ⬛ fail threshold 0.50 · 🟫 warn threshold 0.10',
    );
  });

  test('each threshold is a flat line and each gated behaviour has its interval as two lines', () => {
    const t: Thresholds = { failWorstQueryRisk: 0.5, warnWorstQueryRisk: 0.1 };
    const parts = renderChart(baseReport({ verdict: 'pass', behaviors: [withCurve('b', [0.02, 0.04, 0.1], t)] }));
    if (parts === null) throw new Error('expected a chart');
    // python3: [round(math.log10(p/(1-p)), 2) for p in ...]: 0.02 → -1.69, 0.04 → -1.38, 0.1 → -0.95, 0.01 → -2.0,
    // 0.05 → -1.28, 0.08 → -1.06, 0.2 → -0.6, 0.5 → 0.0.
    expect(dataLines(parts.chart)).toEqual([
      '  line [-1.69, -1.38, -0.95]',
      '  line [-2.00, -1.69, -1.28]',
      '  line [-1.38, -1.06, -0.60]',
      '  line [0.00, 0.00, 0.00]',
      '  line [-0.95, -0.95, -0.95]',
    ]);
  });

  test('volumes off the decades are left out, so the x-axis stays evenly spaced in log n; the caption says where n is', () => {
    const b = tailBehavior({ name: 'b', m: 15, nonzero: 12, a: -10, p1: 0.01 });
    const curve: CurvePoint[] = [15, 100, 1_000, 250_000, 1_000_000].map((n) => ({ n, forecast: 0.1, lower: 0.05, upper: 0.2 }));
    const parts = renderChart(baseReport({ verdict: 'pass', deploymentVolume: 250_000, behaviors: [{ ...b, curve }] }));
    if (parts === null) throw new Error('expected a chart');
    expect(mermaidBlock(parts.chart)).toContain('  x-axis "deployment queries (log scale)" ["100", "1k", "1M"]');
    expect(parts.chart).toContain('The deployment volume 250k lies off these decades');
  });

  test('at most 4 behaviours in table order, two per colour; the rest are counted', () => {
    const behaviors = [0.01, 0.5, 0.02, 0.3, 0.04, 0.2].map((r, i) => withCurve(`beh${i}`, [r / 10, r, Math.min(0.9, r * 2)]));
    const parts = renderChart(baseReport({ verdict: 'pass', behaviors }));
    if (parts === null) throw new Error('expected a chart');
    // All not gated (grey, no interval): only two shades of grey, beh1 (0.5) and beh3 (0.3), riskiest first.
    expect(dataLines(parts.chart)).toHaveLength(2);
    expect(parts.chart).toContain('⬜ **beh1** (not-gated) · ⬜ **beh3** (not-gated, the darker line)');
    expect(parts.chart).toContain('4 more behaviours with a forecast are not drawn');
  });

  test('no untrusted text inside the Mermaid block; only numbers and our own labels', () => {
    const parts = renderChart(injectionReport());
    if (parts === null) throw new Error('expected a chart');
    const block = mermaidBlock(parts.chart).join('\n');
    for (const attack of Object.values(ATTACKS).filter((a) => a.length >= 5)) expect(block).not.toContain(attack.slice(0, 12));
    const allowed = [
      /^---$/,
      /^config:$/,
      /^ {2}themeVariables:$/,
      /^ {4}xyChart:$/,
      /^ {6}plotColorPalette: "(#[0-9a-f]{6}(, )?)+"$/,
      /^xychart-beta$/,
      /^ {2}title "Worst-query risk vs deployment volume"$/,
      /^ {2}x-axis "deployment queries \(log scale\)" \[("[0-9.]+[kMBT]?( \(n\))?"(, )?)+\]$/,
      /^ {2}y-axis "log10 odds of the worst query" -?\d+ --> -?\d+$/,
      // Mermaid numbers have no exponent (xychart.jison: [+-]?(\d+(\.\d+)?|\.\d+)).
      /^ {2}line \[(-?\d+\.\d{2}(, )?)+\]$/,
    ];
    for (const line of block.split('\n')) expect(allowed.some((re) => re.test(line))).toBe(true);
    // The names are in the legend outside the block, escaped.
    expect(parts.chart).toContain('🟥 **&lt;/details&gt;&lt;img src\\=x onerror\\=alert\\(1\\)&gt;** (fail');
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

  test('folded for the comment, open with a heading for the job summary', () => {
    const report = baseReport({ verdict: 'pass', behaviors: [withCurve('b', [1e-3, 0.01, 0.1])] });
    expect(
      renderChart(report, { folded: true })?.chart.startsWith('<details><summary>Forecast vs deployment volume (chart)</summary>'),
    ).toBe(true);
    expect(renderChart(report)?.chart.startsWith('### Forecast vs deployment volume\n')).toBe(true);
  });
});
