/**
 * The forecast-vs-deployment-volume plot: a Mermaid `xychart-beta` block plus
 * a plain table of the same numbers for renderers without Mermaid.
 *
 * Mermaid syntax facts (mermaid-js/mermaid, packages/mermaid/src/diagrams/xychart/parser/xychart.jison):
 * - data numbers match `[+-]?(\d+(\.\d+)?|\.\d+)`: no exponent, so values are
 *   written with toFixed;
 * - the y-axis is linear only, so we plot log10 of the risk: the forecast is a
 *   power law in n (docs/method.md, "The Gumbel-tail forecast", step 4), which makes each line nearly straight;
 * - line series have no visible name in the Mermaid versions GitHub has
 *   shipped, and Mermaid has its own syntax to break out of. So no untrusted
 *   text enters the block: lines are identified by colour, set through
 *   `themeVariables.xyChart.plotColorPalette` (front-matter config, Mermaid
 *   ≥ 10.4; xychart itself needs ≥ 10.5), and the legend with the escaped
 *   behaviour names sits outside the block.
 */
import type { CurvePoint } from '../domain/forecast.js';
import { escapeMarkdown } from './escape.js';
import { formatCount, formatProbability, formatVolume } from './numbers.js';
import { riskKey } from './sections/rank.js';
import type { Report, ReportBehavior } from '../domain/report.js';

/** Palette in series order, with the emoji square that matches each colour in the legend. */
const SERIES: readonly { color: string; swatch: string }[] = [
  { color: '#d62728', swatch: '🟥' },
  { color: '#1f77b4', swatch: '🟦' },
  { color: '#ff7f0e', swatch: '🟧' },
  { color: '#2ca02c', swatch: '🟩' },
  { color: '#9467bd', swatch: '🟪' },
  { color: '#8c564b', swatch: '🟫' },
];

/** At most this many lines: more are unreadable. */
const MAX_CHART_LINES = SERIES.length;

export interface ChartParts {
  /** Heading, Mermaid block, legend and the note on the axis. */
  chart: string;
  /** `<details>` with the plotted numbers as a table. */
  fallback: string;
}

interface Series {
  label: string;
  behavior: ReportBehavior;
  /** Aligned with the chart's volumes. */
  points: CurvePoint[];
}

/** The chart for the riskiest behaviours with a forecast, or null when none has a curve to draw. */
export function renderChart(report: Report): ChartParts | null {
  const candidates = report.behaviors
    .filter((b) => b.outcome === 'forecast' && b.worstQueryRisk.forecast !== null && b.curve.length > 0)
    .sort((x, y) => riskKey(y) - riskKey(x) || (x.name < y.name ? -1 : 1));
  // log10 needs a positive risk; a forecast that underflowed to 0 cannot be placed.
  const drawable = candidates.filter((b) => b.curve.every((pt) => pt.forecast > 0));
  const shown = drawable.slice(0, MAX_CHART_LINES);
  if (shown.length === 0) return null;
  // Each curve starts at its own eval size m, so only the volumes every shown curve has (the decades and n) line up.
  const volumes = [
    ...shown.map((b) => new Set(b.curve.map((pt) => pt.n))).reduce((common, own) => new Set([...common].filter((n) => own.has(n)))),
  ].sort((x, y) => x - y);
  // Mermaid draws one value per category: a behaviour missing a volume cannot be a line.
  const series: Series[] = [];
  for (const behavior of shown) {
    const points = alignCurve(behavior.curve, volumes);
    if (points !== null) series.push({ label: `B${series.length + 1}`, behavior, points });
  }
  if (series.length === 0) return null;
  const labels = volumeLabels(volumes, report.deploymentVolume);
  const notDrawn = candidates.length - series.length;
  return {
    chart: chartBlock(series, labels, notDrawn),
    fallback: fallbackTable(series, labels),
  };
}

/** The curve's points at exactly these volumes, or null when one is missing. */
function alignCurve(curve: CurvePoint[], volumes: number[]): CurvePoint[] | null {
  const byN = new Map(curve.map((pt) => [pt.n, pt]));
  const points: CurvePoint[] = [];
  for (const n of volumes) {
    const pt = byN.get(n);
    if (pt === undefined) return null;
    points.push(pt);
  }
  return points;
}

/** Categorical x labels; the deployment volume is marked `(n)`. Falls back to full counts if short labels collide. */
function volumeLabels(volumes: number[], deploymentVolume: number): string[] {
  let labels = volumes.map(formatVolume);
  if (new Set(labels).size < labels.length) labels = volumes.map(formatCount);
  return labels.map((label, i) => (volumes[i] === deploymentVolume ? `${label} (n)` : label));
}

function chartBlock(series: Series[], labels: string[], notDrawn: number): string {
  const logs = series.map((s) => s.points.map((pt) => Math.log10(pt.forecast)));
  const all = logs.flat();
  const max = Math.min(0, Math.ceil(Math.max(...all)));
  let min = Math.floor(Math.min(...all));
  if (min >= max) min = max - 1;
  const palette = SERIES.slice(0, series.length)
    .map((s) => s.color)
    .join(', ');
  const legend = series.map((s, i) => `${SERIES[i].swatch} ${s.label} **${escapeMarkdown(s.behavior.name, 60)}**`).join(' · ');
  const left =
    notDrawn > 0
      ? ` ${notDrawn} more ${notDrawn === 1 ? 'behaviour' : 'behaviours'} with a forecast ${notDrawn === 1 ? 'is' : 'are'} not drawn (the chart shows at most ${MAX_CHART_LINES}, riskiest first, with a positive forecast at every volume).`
      : '';
  return [
    '### Forecast vs deployment volume',
    '',
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${palette}"`,
    '---',
    'xychart-beta',
    '  title "Worst-query risk vs deployment volume"',
    `  x-axis "deployment queries" [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "log10 P(worst query)" ${min} --> ${max}`,
    ...logs.map((row) => `  line [${row.map((v) => v.toFixed(2)).join(', ')}]`),
    '```',
    '',
    legend,
    '',
    `_The y-axis is log10 of the forecast worst-query risk (−2 means 1 in 100, −6 one in a million): Mermaid's axis is linear, and the Gumbel-tail forecast is a power law in n, so each line is close to straight. "(n)" marks the deployment volume.${left}_`,
    '',
  ].join('\n');
}

function fallbackTable(series: Series[], labels: string[]): string {
  const header = `| Deployment queries | ${series.map((s) => s.label).join(' | ')} |`;
  const align = `|---:|${series.map(() => '---:|').join('')}`;
  const rows = labels.map((label, i) => {
    const cells = series.map((s) => {
      const pt = s.points[i];
      return `${formatProbability(pt.forecast)} (${formatProbability(pt.lower)} – ${formatProbability(pt.upper)})`;
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  return [
    '<details><summary>Chart data as a table</summary>',
    '',
    'Worst-query risk forecast (with the prediction interval for the worst query) per behaviour, by deployment volume.',
    '',
    header,
    align,
    ...rows,
    '',
    '</details>',
    '',
  ].join('\n');
}
