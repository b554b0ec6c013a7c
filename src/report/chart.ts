/**
 * The forecast-vs-deployment-volume plot: a Mermaid `xychart-beta` block plus
 * a plain table of the same numbers for renderers without Mermaid
 * (docs/pr-comment.md, "The chart").
 *
 * - The y-axis is log10 of the odds p/(1−p): small risks read as log10 p did
 *   (odds and p agree below 0.01), and 0.9, 0.99 and 0.999 spread out
 *   (1, 2 and 3) instead of pressing against 0, where a failing behaviour
 *   would look flat next to a passing one.
 * - The x-axis holds only powers of ten, so the volumes are evenly spaced in
 *   log n; the deployment volume is marked when it is one of them, and named
 *   in the caption otherwise.
 * - Each behaviour is one line in the colour of its status (fail red, warn
 *   amber, inconclusive purple, clear blue, not gated grey), with its interval
 *   as two lighter lines when it is gated; each worst-query threshold is a flat
 *   line. Behaviours follow the table's order, and so does the legend.
 *
 * Mermaid syntax facts (mermaid-js/mermaid, packages/mermaid/src/diagrams/xychart/parser/xychart.jison):
 * data numbers match `[+-]?(\d+(\.\d+)?|\.\d+)` (no exponent: written with
 * toFixed); series have no visible name and Mermaid has its own syntax to
 * break out of, so no untrusted text enters the block: lines are told apart
 * by colour (`themeVariables.xyChart.plotColorPalette`, one colour per line
 * in order) and the legend with the escaped names sits outside the block.
 */
import type { CurvePoint } from '../domain/forecast.js';
import type { Status } from '../domain/gate.js';
import { STATUS_COLOURS, THRESHOLD_COLOUR, THRESHOLD_SWATCH } from './chart-colours.js';
import { escapeMarkdown } from './escape.js';
import { formatCount, formatInterval, formatProbability, formatVolume } from './numbers.js';
import { sortBehaviors } from './sections/rank.js';
import type { Report, ReportBehavior } from '../domain/report.js';

/** At most this many behaviours: with their intervals and thresholds, more lines are unreadable. */
export const MAX_CHART_BEHAVIOURS = 4;
/** Probabilities are clamped to [1e-12, 1 − 1e-6] before the odds, so a forecast at 0 or 1 still has a place. */
const P_MIN = 1e-12;
const P_MAX = 1 - 1e-6;

export interface ChartParts {
  /** Heading, Mermaid block, legend and the note on the axes; folded in a `<details>` when asked. */
  chart: string;
  /** `<details>` with the plotted numbers as a table. */
  fallback: string;
}

interface Series {
  behavior: ReportBehavior;
  status: Exclude<Status, 'insufficient'>;
  /** 0 for the first behaviour of its status, 1 for the second. */
  shade: number;
  /** Aligned with the chart's volumes. */
  points: CurvePoint[];
  /** Draw the interval: the behaviour is gated. */
  band: boolean;
}

/** log10 of the odds, the chart's y. */
export function logOdds(p: number): number {
  const q = Math.min(P_MAX, Math.max(P_MIN, p));
  return Math.log10(q / (1 - q));
}

/** The chart for the first behaviours of the table with a forecast, or null when none has a curve to draw. */
export function renderChart(report: Report, opts: { folded?: boolean } = {}): ChartParts | null {
  const candidates = sortBehaviors(report.behaviors).filter(
    (b) => b.outcome === 'forecast' && b.worstQueryRisk.forecast !== null && b.curve.length > 0 && b.status !== 'insufficient',
  );
  // A forecast that underflowed to 0 has no place on a log axis: counted as not drawn.
  const drawable = candidates.filter((b) => b.curve.every((pt) => pt.forecast > 0));
  const volumes = decades(drawable.slice(0, MAX_CHART_BEHAVIOURS));
  if (volumes.length < 2) return null;
  const series: Series[] = [];
  const used = new Map<string, number>();
  for (const behavior of drawable) {
    if (series.length === MAX_CHART_BEHAVIOURS) break;
    const status = behavior.status as Series['status'];
    const colour = STATUS_COLOURS[status];
    const shade = used.get(colour.name) ?? 0;
    const points = alignCurve(behavior.curve, volumes);
    // Two shades per colour: a third behaviour of one colour could not be told apart.
    if (points === null || shade > 1) continue;
    used.set(colour.name, shade + 1);
    series.push({ behavior, status, shade, points, band: behavior.decisions.length > 0 });
  }
  if (series.length === 0) return null;
  const labels = volumes.map((v) => (v === report.deploymentVolume ? `${formatVolume(v)} (n)` : formatVolume(v)));
  const notDrawn = candidates.length - series.length;
  const chart = chartBlock(report, series, volumes, labels, notDrawn);
  return {
    chart: opts.folded
      ? `<details><summary>Forecast vs deployment volume (chart)</summary>\n\n${chart}\n</details>\n`
      : `### Forecast vs deployment volume\n\n${chart}`,
    fallback: fallbackTable(series, labels),
  };
}

/** Powers of ten every candidate's curve has, ascending. */
function decades(shown: ReportBehavior[]): number[] {
  if (shown.length === 0) return [];
  const sets = shown.map((b) => new Set(b.curve.map((pt) => pt.n).filter((n) => Number.isInteger(Math.log10(n)))));
  return [...sets.reduce((common, own) => new Set([...common].filter((n) => own.has(n))))].sort((x, y) => x - y);
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

/** Distinct worst-query thresholds of the drawn behaviours, fail first. */
function thresholds(series: Series[]): { level: 'fail' | 'warn'; value: number }[] {
  const out: { level: 'fail' | 'warn'; value: number }[] = [];
  for (const level of ['fail', 'warn'] as const) {
    const values = new Set(
      series.map((s) => (level === 'fail' ? s.behavior.thresholds.failWorstQueryRisk : s.behavior.thresholds.warnWorstQueryRisk)),
    );
    for (const value of [...values].sort((x, y) => (x ?? 0) - (y ?? 0))) if (value !== undefined) out.push({ level, value });
  }
  return out;
}

function chartBlock(report: Report, series: Series[], volumes: number[], labels: string[], notDrawn: number): string {
  const limits = thresholds(series);
  const main = series.flatMap((s) => s.points.map((pt) => logOdds(pt.forecast)));
  const flat = limits.map((t) => logOdds(t.value));
  const bands = series.filter((s) => s.band).flatMap((s) => s.points.flatMap((pt) => [logOdds(pt.lower), logOdds(pt.upper)]));
  const max = Math.ceil(Math.max(...main, ...flat, ...bands));
  // An interval end far below everything else (a lower end near 0) would squash the lines that matter: it is drawn at the bottom.
  const floor = Math.floor(Math.min(...main, ...flat)) - 2;
  let min = Math.max(floor, Math.floor(Math.min(...main, ...flat, ...bands)));
  if (min >= max) min = max - 1;
  const clipped = bands.some((v) => v < min);
  const lines: { colour: string; values: number[] }[] = [];
  for (const s of series) {
    const c = STATUS_COLOURS[s.status];
    lines.push({ colour: c.line[s.shade], values: s.points.map((pt) => logOdds(pt.forecast)) });
    if (s.band) {
      lines.push({ colour: c.band[s.shade], values: s.points.map((pt) => Math.max(min, logOdds(pt.lower))) });
      lines.push({ colour: c.band[s.shade], values: s.points.map((pt) => logOdds(pt.upper)) });
    }
  }
  for (const t of limits) lines.push({ colour: THRESHOLD_COLOUR[t.level], values: volumes.map(() => logOdds(t.value)) });
  const legend = [
    ...series.map((s) => {
      const c = STATUS_COLOURS[s.status];
      const dark = s.shade === 1 ? ', the darker line' : '';
      const band = s.band ? '; interval in a lighter shade' : '';
      return `${c.swatch} **${escapeMarkdown(s.behavior.name, 60)}** (${s.status}${dark}${band})`;
    }),
    ...limits.map((t) => `${THRESHOLD_SWATCH[t.level]} ${t.level} threshold ${formatProbability(t.value)}`),
  ];
  const n = report.deploymentVolume;
  const where = volumes.includes(n)
    ? '"(n)" marks the deployment volume.'
    : `The deployment volume ${formatVolume(n)} lies off these decades; the table gives its numbers.`;
  const bottom = clipped ? ' Interval ends below the axis are drawn at its bottom.' : '';
  const left =
    notDrawn > 0
      ? ` ${formatCount(notDrawn)} more ${notDrawn === 1 ? 'behaviour' : 'behaviours'} with a forecast ${notDrawn === 1 ? 'is' : 'are'} not drawn (at most ${MAX_CHART_BEHAVIOURS}, in table order, two per colour).`
      : '';
  return [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${lines.map((l) => l.colour).join(', ')}"`,
    '---',
    'xychart-beta',
    '  title "Worst-query risk vs deployment volume"',
    `  x-axis "deployment queries (log scale)" [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "log10 odds of the worst query" ${min} --> ${max}`,
    ...lines.map((l) => `  line [${l.values.map((v) => v.toFixed(2)).join(', ')}]`),
    '```',
    '',
    legend.join(' · '),
    '',
    `_y is log10 of the odds p/(1−p) of the worst query: −6 is p = 1e-6, −3 is 1e-3, 0 is 0.5, 2 is 0.99, 3 is 0.999. x is the deployment volume, one step per factor of ten. ${where}${bottom}${left}_`,
    '',
  ].join('\n');
}

function fallbackTable(series: Series[], labels: string[]): string {
  const header = `| Deployment queries | ${series.map((s) => escapeMarkdown(s.behavior.name, 30)).join(' | ')} |`;
  const align = `|---:|${series.map(() => '---:|').join('')}`;
  const rows = labels.map((label, i) => {
    const cells = series.map((s) => {
      const pt = s.points[i];
      return `${formatProbability(pt.forecast)} (${formatInterval(pt.lower, pt.upper)})`;
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
