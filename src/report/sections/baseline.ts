/**
 * "Compared with baseline" (docs/report-schema.md, "baseline"): per behaviour, the baseline and current
 * worst-query risk with their intervals, the ratio, whether the intervals
 * overlap, and the risk-increase gate. Behaviours on one side only are listed.
 * A missing baseline is a visible notice, never an absent section.
 *
 * The Markdown is a budget Part whose rows (behaviours) can be cut from the
 * end; {@link baselineLines} gives the same content as plain text for the CLI.
 */
import type { Breach } from '../../domain/gate.js';
import type { Part } from '../budget.js';
import { escapeMarkdown, truncateText } from '../escape.js';
import { formatCount, formatInterval, formatLevel, formatOptionalProbability, formatRatio, formatVolume } from '../numbers.js';
import type { BaselineRow, ComparedForecast, Report, ReportBaseline } from '../../domain/report.js';
import { safeUrl } from './notes.js';
import type { Omission } from './tables.js';
import { NAME_IN_TABLE, VERDICT_SYMBOL } from './rank.js';

/** `fail 3× · warn 2×`, or `—` when the behaviour is not gated on risk increase. */
function factorsText(r: BaselineRow['riskIncrease']): string {
  const parts: string[] = [];
  if (r.fail !== undefined) parts.push(`fail ${formatRatio(r.fail)}`);
  if (r.warn !== undefined) parts.push(`warn ${formatRatio(r.warn)}`);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

/** The risk-increase breach of each behaviour, from the gate's breaches in the report. */
function increaseBreaches(report: Report): Map<string, Breach> {
  return new Map(report.breaches.filter((b) => b.metric === 'risk-increase').map((b) => [b.behavior, b]));
}

/** Breaching rows first (fail, warn), then compared rows by ratio, then new behaviours, then removed ones; names break ties. */
function sortRows(rows: readonly BaselineRow[], breaches: Map<string, Breach>): BaselineRow[] {
  const level = (r: BaselineRow): number => {
    const l = breaches.get(r.name)?.level;
    return l === 'fail' ? 0 : l === 'warn' ? 1 : 2;
  };
  const presence = { both: 0, 'current-only': 1, 'baseline-only': 2 } as const;
  return [...rows].sort(
    (x, y) =>
      level(x) - level(y) ||
      presence[x.presence] - presence[y.presence] ||
      (y.ratio ?? -1) - (x.ratio ?? -1) ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
}

export function baselinePart(report: Report, omission: Omission): Part | null {
  // `?? null`: a report built by hand without a baseline may have no field at all.
  const section = report.baseline ?? null;
  if (section === null) return null;
  if (section.status === 'missing') {
    return {
      id: 'baseline',
      open: `**Compared with baseline**\n\n⚠️ Baseline not found: ${escapeMarkdown(section.reason ?? 'unknown reason', 300)}. Nothing was compared and the risk-increase gate did not run.\n`,
      rows: [],
      close: '',
    };
  }
  const level = formatLevel(report.settings.confidence);
  // The baseline report may have used another level (a warning says so); each column names its own.
  const baseLevel = formatLevel(section.confidence ?? report.settings.confidence);
  const breaches = increaseBreaches(report);
  const header = `| Behaviour | Baseline (${baseLevel} interval) | Current (${level} interval) | Ratio | Intervals | Increase beyond noise | Risk-increase gate |`;
  return {
    id: 'baseline',
    open: `**Compared with baseline** at ${formatVolume(report.deploymentVolume)}: ${originText(section)}\n\n${header}\n|:---|---:|---:|---:|:---|---:|:---|\n`,
    rows: sortRows(section.behaviors, breaches).map((r) => markdownRow(r, breaches.get(r.name))),
    close: closeNote(section),
    omitted: (count) =>
      `\n_… ${count} more ${count === 1 ? 'behaviour' : 'behaviours'} omitted (${omission.limit}); ${omission.elsewhere}._\n`,
    dropped: `_Baseline comparison omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

/** How the two rules read, for the rules the rows used. */
function closeNote(section: ReportBaseline): string {
  const paired = section.behaviors.some((r) => r.comparison?.paired === true);
  const unpaired = section.behaviors.some((r) => r.comparison !== null && r.comparison.paired !== true);
  const parts = ['Ratio: current ÷ baseline forecast.'];
  if (paired)
    parts.push(
      'Paired (the runs share at least half their query ids): one query resample refits both sides; "up" when the shift of the forecast stays above 0 at the lower end, and a risk-increase level fires when the tail moved up and the ratio exceeds its factor; the ratio\'s interval is the paired one.',
    );
  if (unpaired || !paired)
    parts.push(
      "Increase beyond noise: lower end of the current interval ÷ upper end of the baseline's; a risk-increase level fires when it exceeds its factor.",
    );
  return `\n<sub>${parts.join(' ')}</sub>\n`;
}

function markdownRow(r: BaselineRow, breach: Breach | undefined): string {
  const cells = rowCells(r, breach);
  const mismatch = r.mismatch.length === 0 ? '' : ` ⚠️ _measured differently: ${escapeMarkdown(r.mismatch.join('; '), 300)}_`;
  const note = (r.note === null ? '' : ` _${escapeMarkdown(r.note, 160)}_`) + mismatch;
  return `| ${escapeMarkdown(r.name, NAME_IN_TABLE)} | ${cells.baseline} | ${cells.current} | ${cells.ratio} | ${cells.overlap} | ${cells.increase} | ${cells.gate}${note} |\n`;
}

/** Cell texts shared by the Markdown and the plain renderings (numbers only: no untrusted text). */
function rowCells(
  r: BaselineRow,
  breach: Breach | undefined,
): Record<'baseline' | 'current' | 'ratio' | 'overlap' | 'increase' | 'gate', string> {
  return {
    baseline: sideText(r.baseline),
    current: sideText(r.current),
    ratio: ratioText(r),
    overlap:
      r.overlap === null
        ? '—'
        : r.overlap
          ? 'overlap'
          : (r.current?.lower ?? 0) > (r.baseline?.upper ?? 0)
            ? 'separate, up'
            : 'separate, down',
    increase: increaseText(r),
    gate: gateText(r, breach),
  };
}

/** The point ratio, with its paired interval when the comparison is paired. */
function ratioText(r: BaselineRow): string {
  const paired = r.comparison?.ratio ?? null;
  if (r.comparison?.paired === true && paired !== null)
    return `${formatRatio(paired.estimate)} (${formatRatio(paired.lower)} – ${formatRatio(paired.upper)})`;
  return r.ratio === null ? '—' : formatRatio(r.ratio);
}

/** Paired: whether the shared-query shift moved the tail up; unpaired: current lower end ÷ baseline upper end. */
function increaseText(r: BaselineRow): string {
  const shift = r.comparison?.paired === true ? r.comparison.shift : null;
  if (shift !== null)
    return shift.up
      ? `up, paired on ${formatCount(r.comparison?.sharedQueries ?? 0)} queries`
      : `within noise, paired on ${formatCount(r.comparison?.sharedQueries ?? 0)} queries`;
  // At or below 1 the current interval reaches the baseline's: no increase beyond noise to quantify.
  return r.increase === null ? '—' : r.increase <= 1 ? 'within noise' : formatRatio(r.increase);
}

function sideText(side: ComparedForecast | null): string {
  if (side === null) return '—';
  if (side.forecast === null) return `— (${side.outcome})`;
  const interval = formatInterval(side.lower, side.upper);
  return interval === '—' ? formatOptionalProbability(side.forecast) : `${formatOptionalProbability(side.forecast)} (${interval})`;
}

function gateText(r: BaselineRow, breach: Breach | undefined): string {
  const factors = factorsText(r.riskIncrease);
  // One side only: nothing to compare, the note says which side.
  if (r.presence !== 'both') return '—';
  if (factors === '—') return 'not gated';
  if (breach !== undefined) return `${VERDICT_SYMBOL[breach.level]} ${breach.level} (${factors})`;
  if (r.increase === null && r.comparison?.paired !== true) return `not judged (${factors})`;
  return `${VERDICT_SYMBOL.pass} pass (${factors})`;
}

/** `3 hours`, `2.1 days`, `45 days`. */
function formatAge(days: number): string {
  if (days < 1) return `${Math.round(days * 24)} hours`;
  return `${days < 10 ? days.toFixed(1) : Math.round(days)} days`;
}

/** Where the baseline came from: its description, run link, commit, and the report's date and volume. */
function originText(s: ReportBaseline): string {
  const parts = [escapeMarkdown(s.source, 200)];
  const link = s.runUrl === null ? null : safeUrl(s.runUrl);
  if (link !== null) parts.push(`[baseline run](${link})`);
  // A real SHA is hex; anything else is not shown.
  if (s.sha !== null && /^[0-9a-f]{7,64}$/i.test(s.sha)) parts.push(`commit \`${s.sha.slice(0, 7)}\``);
  if (s.kind === 'report' && s.generatedAt !== null && /^\d{4}-\d{2}-\d{2}/.test(s.generatedAt))
    parts.push(`report of ${s.generatedAt.slice(0, 10)}${s.ageDays === null ? '' : ` (${formatAge(s.ageDays)} old)`}`);
  if (s.kind === 'results') parts.push("result files forecast with this run's settings");
  return parts.join(' · ');
}

/** The section as plain text for a terminal (CLI): every untrusted string cleaned of control characters. */
export function baselineLines(report: Report): string[] {
  const section = report.baseline ?? null;
  if (section === null) return [];
  if (section.status === 'missing')
    return [`Baseline not found: ${truncateText(section.reason ?? 'unknown reason', 300)}. Nothing was compared.`];
  const breaches = increaseBreaches(report);
  const lines = [`Compared with baseline (${truncateText(section.source, 200)}):`];
  for (const r of sortRows(section.behaviors, breaches)) {
    const c = rowCells(r, breaches.get(r.name));
    const note =
      (r.note === null ? '' : `; ${truncateText(r.note, 160)}`) +
      (r.mismatch.length === 0 ? '' : `; measured differently: ${truncateText(r.mismatch.join('; '), 300)}`);
    lines.push(
      `  ${truncateText(r.name, 60)}: baseline ${c.baseline} → current ${c.current}; ratio ${c.ratio}; intervals ${c.overlap}; increase beyond noise ${c.increase}; gate ${c.gate}${note}`,
    );
  }
  return lines;
}
