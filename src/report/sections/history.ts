/**
 * "History" (docs/history.md): per behaviour the last forecasts of the
 * default branch with their intervals, as a Mermaid chart and a table, with
 * this run as the last point, and the creep rule's outcome. Absent when
 * `history` is off, so reports without a history render as before.
 *
 * The chart plots log10 of the risk (risks span orders of magnitude and the
 * xychart has no log axis). Only commit shas (checked hex when the file is
 * read) and numbers go inside the Mermaid block; behaviour names and dates
 * are untrusted and stay in escaped Markdown outside it.
 */
import type { HistoryTrend, TrendPoint } from '../../domain/history.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import type { Part } from '../budget.js';
import { escapeMarkdown } from '../escape.js';
import { formatInterval, formatOptionalProbability, formatProbability, formatVolume } from '../numbers.js';
import { formatRatio } from '../numbers.js';
import type { Omission } from './tables.js';

/** A risk of 0 has no logarithm: the chart floors it here, far below any gated risk. */
const FLOOR = 1e-12;
/** Charts drawn at most: one per behaviour, the rest as tables only. */
const MAX_CHARTS = 10;

export function historyPart(report: Report, omission: Omission): Part | null {
  const section = report.history;
  if (section === undefined) return null;
  const volume = formatVolume(report.deploymentVolume);
  const open = `**History** (${escapeMarkdown(section.source, 200)}, ${section.records} record${section.records === 1 ? '' : 's'})\n\n`;
  if (section.note !== null) {
    return { id: 'history', open: `${open}_No trend: ${escapeMarkdown(section.note, 300)}._\n`, rows: [], close: '' };
  }
  const byName = new Map(report.behaviors.map((b) => [b.name, b]));
  const shown = section.behaviors.filter((t) => t.points.length > 0);
  const rows = shown.map((t, i) => behaviorBlock(t, byName.get(t.name), { volume, window: section.window, chart: i < MAX_CHARTS }));
  return {
    id: 'history',
    open: `${open}Worst-query risk at n = ${volume} on the default branch's last pushes, then this run. Creep: this run's lower end against the lowest forecast of the last ${section.window} records.\n\n`,
    rows,
    close: '',
    omitted: (count) => `_${count} more behaviour${count === 1 ? '' : 's'} omitted (${omission.limit}); ${omission.elsewhere}._\n\n`,
  };
}

function behaviorBlock(
  t: HistoryTrend,
  current: ReportBehavior | undefined,
  o: { volume: string; window: number; chart: boolean },
): string {
  const now = current?.worstQueryRisk ?? null;
  const points: TrendPoint[] = [...t.points];
  if (now !== null) points.push({ commit: 'this run', date: '', forecast: now.forecast, lower: now.lower, upper: now.upper });
  const head = `**${escapeMarkdown(t.name, 80)}** ${creepText(t)}\n\n`;
  const chart = o.chart ? mermaid(points) : '';
  const table = [
    '| commit | date | forecast | interval |',
    '|---|---|---:|---|',
    ...points.map(
      (p) =>
        `| ${p.commit === 'this run' ? '_this run_' : `\`${p.commit.slice(0, 7)}\``} | ${escapeMarkdown(p.date.slice(0, 10), 20)} | ${formatOptionalProbability(p.forecast)} | ${formatInterval(p.lower, p.upper)} |`,
    ),
  ].join('\n');
  return `${head}${chart}<details><summary>Table</summary>\n\n${table}\n\n</details>\n\n`;
}

function creepText(t: HistoryTrend): string {
  if (t.creep !== null) {
    const c = t.creep;
    return `${c.level === 'fail' ? '❌' : '⚠️'} creep: the lower end is ${formatRatio(c.ratio)} the lowest recent forecast (${formatProbability(c.reference.forecast)} at \`${c.reference.commit.slice(0, 7)}\`; ${c.level} factor ${formatRatio(c.factor)}).`;
  }
  const factors = [
    t.rule.fail === undefined ? '' : `fail ${formatRatio(t.rule.fail)}`,
    t.rule.warn === undefined ? '' : `warn ${formatRatio(t.rule.warn)}`,
  ];
  const set = factors.filter((f) => f !== '');
  return set.length === 0 ? '(creep not gated)' : `✅ no creep (${set.join(' · ')}).`;
}

/** Three lines (lower end, forecast, upper end) over the points that have all three. */
function mermaid(points: readonly TrendPoint[]): string {
  const full = points.filter((p) => p.forecast !== null && p.lower !== null && p.upper !== null);
  if (full.length < 2) return '';
  const log = (x: number | null): string => Math.log10(Math.max(x ?? FLOOR, FLOOR)).toFixed(3);
  const labels = full.map((p) => JSON.stringify(p.commit === 'this run' ? 'this run' : p.commit.slice(0, 7)));
  return [
    '```mermaid',
    'xychart-beta',
    `  x-axis [${labels.join(', ')}]`,
    '  y-axis "log10 worst-query risk"',
    `  line [${full.map((p) => log(p.lower)).join(', ')}]`,
    `  line [${full.map((p) => log(p.forecast)).join(', ')}]`,
    `  line [${full.map((p) => log(p.upper)).join(', ')}]`,
    '```',
    '',
  ].join('\n');
}
