/**
 * `<details><summary>Fit diagnostics</summary>`: per behaviour, what the
 * forecast rests on (the Gumbel-tail fit, the log-normal baseline, the
 * self-check of the tail shape and its backtest, what was excluded). One row per behaviour, worst
 * first, so the size budget drops the least risky ones first.
 */
import type { BacktestResult } from '../../domain/forecast.js';
import type { Part } from '../budget.js';
import { escapeMarkdown } from '../escape.js';
import {
  formatCount,
  formatInterval,
  formatLevel,
  formatOptionalProbability,
  formatPercent,
  formatProbability,
  formatStat,
  formatVolume,
} from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import { boundText } from './cells.js';
import type { Omission } from './tables.js';
import { selfCheckDetail } from './tail-shape.js';

export function diagnostics(report: Report, sorted: ReportBehavior[], omission: Omission): Part {
  return {
    id: 'diagnostics',
    open: '<details><summary>Fit diagnostics</summary>\n\n',
    rows: sorted.map((b) => behaviorDiagnostics(report, b)),
    close: '</details>\n',
    omitted: (count) =>
      `_… fit diagnostics of ${formatCount(count)} more ${count === 1 ? 'behaviour' : 'behaviours'} omitted (${omission.limit}); ${omission.elsewhere}._\n\n`,
    dropped: `_Fit diagnostics omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

function behaviorDiagnostics(report: Report, b: ReportBehavior): string {
  const lines = [`#### ${escapeMarkdown(b.name)}`, ''];
  if (b.outcome !== 'forecast') {
    lines.push(`- No forecast (${b.outcome})${b.reason === null ? '' : `: ${escapeMarkdown(b.reason, 200)}`}`);
    lines.push(`- ${formatCount(b.nonzero)} of ${formatCount(b.queries)} queries with p̂ > 0; ${boundText(b)}`);
  }
  if (b.fit !== null) {
    const f = b.fit;
    lines.push(
      `- Tail fit (log S = a·ψ + b over the top t = ${f.tailSize} of m = ${formatCount(f.queries)}): a = ${formatStat(f.slope)}, b = ${formatStat(f.intercept)}, R² = ${formatStat(f.r2)}, ${f.distinctPsi} distinct ψ`,
    );
  }
  const w = b.worstQueryRisk;
  if (w.forecast !== null) {
    lines.push(
      `- Worst-query risk at ${formatVolume(report.deploymentVolume)}: Gumbel tail ${formatProbability(w.forecast)} (${formatLevel(report.settings.confidence)}: ${formatInterval(w.lower, w.upper)}) · log-normal baseline ${formatOptionalProbability(w.lognormal)} · largest observed p̂ ${formatProbability(w.observedMax)}`,
    );
  }
  if (b.selfCheck != null) lines.push(`- ${selfCheckDetail(b.selfCheck)}`);
  if (b.backtest !== null) lines.push(`- ${backtestText(b.backtest, report.settings.confidence)}`);
  lines.push(`- ${rowsText(b)}`);
  if (b.fit !== null && b.fit.points.length > 0) {
    lines.push('', '| rank j | p̂ | ψ |', '|---:|---:|---:|');
    for (const pt of b.fit.points) lines.push(`| ${pt.rank} | ${formatProbability(pt.p)} | ${formatStat(pt.psi)} |`);
  }
  lines.push('', '');
  return lines.join('\n');
}

/** Information, not a signal: the self-check above is what flags a tail. */
function backtestText(bt: BacktestResult, confidence: number): string {
  const head = `Backtest (fit on m/${bt.ratio}, predict the largest p̂ of the other queries; ${bt.splits} splits${bt.skipped > 0 ? `, ${bt.skipped} redrawn` : ''})`;
  if (bt.splits === 0) return `${head}: no usable split.`;
  const coverage =
    bt.upperCoverage === null
      ? ''
      : ` · the ${formatLevel((1 + confidence) / 2)} upper end covers the realised max in ${formatPercent(bt.upperCoverage)}`;
  const pit = bt.meanPit === null ? '' : ` · mean PIT ${formatStat(bt.meanPit)} (½ when the tail is Gumbel)`;
  return `${head}: median |log10 error| ${formatStat(bt.medianAbsLog10Error)} · within 10× in ${formatPercent(bt.withinTenfold)} · underestimated in ${formatPercent(bt.underestimated)}${coverage}${pit}`;
}

/** Rows that did not count, duplicates and capped p̂ = 1. Reason names come from the artifacts: escaped. */
function rowsText(b: ReportBehavior): string {
  const reasons = Object.entries(b.exclusions)
    .filter(([, n]) => n > 0)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([reason, n]) => `${escapeMarkdown(reason, 60)}: ${formatCount(n)}`);
  const excluded = `${formatCount(b.excluded)} rows excluded${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`;
  return `${excluded} · ${formatCount(b.duplicates)} duplicates · ${formatCount(b.capped)} p̂ = 1 capped below 1`;
}
