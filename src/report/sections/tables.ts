/**
 * The Markdown tables: per-behaviour worst-query risk (the rows that need a
 * reader open, the clear and not-gated ones folded), and aggregate risk with frequency. Each is a budget Part whose rows can be cut
 * from the end; the caller passes the behaviours sorted worst first.
 */
import { escapeMarkdown } from '../escape.js';
import { formatCount, formatExpected, formatInterval, formatLevel, formatOptionalProbability, formatVolume } from '../numbers.js';
import type { Part } from '../budget.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import { behaviorCells, gatesBeyondWorstQuery, pairText } from './cells.js';
import { needsNextStep } from './next-steps.js';
import { NAME_IN_TABLE, STATUS_SYMBOL } from './rank.js';
import { statusNumbers } from './reason.js';

/** Wording of the "rows were cut" notices; depends on which cap applied. */
export interface Omission {
  /** e.g. `comment size limit`. */
  limit: string;
  /** e.g. `see the job summary or the JSON report`. */
  elsewhere: string;
}

/** A table row never starts a paragraph: GFM would read a following line as one more row, hence the blank line. */
function omittedNotice(what: string, omission: Omission): (count: number) => string {
  return (count) =>
    `\n_… ${formatCount(count)} more ${count === 1 ? what.replace(/s$/, '') : what} omitted (${omission.limit}); ${omission.elsewhere}._\n`;
}

/**
 * The behaviours that need a reader: breaching, over the error budget,
 * inconclusive and insufficient rows, worst first, open. Null when there are none.
 */
export function attentionTable(report: Report, sorted: ReportBehavior[], omission: Omission): Part | null {
  const rows = sorted.filter(needsNextStep);
  if (rows.length === 0) return null;
  return {
    id: 'table',
    open: tableHead(report),
    rows: rows.map((b) => behaviorRow(b)),
    close: '',
    omitted: omittedNotice('behaviours', omission),
  };
}

/** Clear and not-gated rows, folded: a pass is short, and a fail shows what failed first. Null when there are none. */
export function clearTable(report: Report, sorted: ReportBehavior[], omission: Omission): Part | null {
  const rows = sorted.filter((b) => !needsNextStep(b));
  if (rows.length === 0) return null;
  const clear = rows.filter((b) => b.status === 'pass').length;
  const notGated = rows.length - clear;
  const counts = [
    ...(clear > 0 ? [`${formatCount(clear)} ${clear === 1 ? 'behaviour' : 'behaviours'} clear`] : []),
    ...(notGated > 0 ? [`${formatCount(notGated)} not gated`] : []),
  ].join(', ');
  return {
    id: 'clear',
    open: `<details><summary>${counts}</summary>

${tableHead(report)}`,
    rows: rows.map((b) => behaviorRow(b)),
    close: '\n</details>\n',
    omitted: omittedNotice('behaviours', omission),
    dropped: `_Table of clear behaviours omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

function tableHead(report: Report): string {
  const level = formatLevel(report.settings.confidence);
  const header = `| Behaviour | Queries (m) | Worst-query risk at ${formatVolume(report.deploymentVolume)} (${level} interval) | Threshold | Status |`;
  return `${header}\n|:---|---:|---:|:---|:---|\n`;
}

function behaviorRow(b: ReportBehavior): string {
  const cells = behaviorCells(b);
  // Without a forecast the risk cell says what was seen instead (the largest p̂, the rate bound).
  const risk =
    b.worstQueryRisk.forecast === null ? cells.interval : cells.interval === '—' ? cells.risk : `${cells.risk} (${cells.interval})`;
  const numbers = statusNumbers(b);
  const status = `${STATUS_SYMBOL[b.status]} ${b.status}${numbers === null ? '' : `: ${numbers}`}`;
  return `| ${escapeMarkdown(b.name, NAME_IN_TABLE)} | ${cells.queries} | ${risk} | ${cells.threshold} | ${status} |\n`;
}

/**
 * Aggregate risk (P(at least one of n queries shows the behaviour)) and the
 * share of queries with p > τ. Open when any behaviour is gated on them,
 * otherwise folded in a `<details>` to keep the first screen short.
 */
export function aggregateTable(report: Report, sorted: ReportBehavior[], omission: Omission): Part {
  const level = formatLevel(report.settings.confidence);
  const volume = formatVolume(report.deploymentVolume);
  const taus = new Set(sorted.map((b) => b.frequency.tau));
  // One τ for all: say it once in the header instead of in every row.
  const commonTau = taus.size === 1 ? [...taus][0] : undefined;
  const shareHeader = commonTau === undefined ? 'Share above τ' : `Share above τ = ${commonTau}`;
  const header = `| Behaviour | Aggregate risk at ${volume} | ${level} interval | Threshold | ${shareHeader} | Expected queries | ${level} interval | Threshold |`;
  const gated = sorted.some((b) => gatesBeyondWorstQuery(b.thresholds));
  const title = `Aggregate risk and frequency at ${volume} deployment queries`;
  return {
    id: 'aggregate',
    open: `${gated ? `**${title}**` : `<details><summary>${title}</summary>`}\n\n${header}\n|:---|---:|---:|:---|---:|---:|---:|:---|\n`,
    rows: sorted.map((b) => aggregateRow(b, commonTau === undefined)),
    close: gated ? '' : '\n</details>\n',
    omitted: omittedNotice('behaviours', omission),
    dropped: `_Aggregate risk and frequency table omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

function aggregateRow(b: ReportBehavior, showTau: boolean): string {
  const t = b.thresholds;
  const agg = b.aggregateRisk;
  const freq = b.frequency;
  const share = `${formatOptionalProbability(freq.forecast)}${showTau ? ` (τ = ${freq.tau})` : ''}`;
  return `| ${escapeMarkdown(b.name, NAME_IN_TABLE)} | ${formatOptionalProbability(agg.forecast)} | ${formatInterval(agg.lower, agg.upper)} | ${pairText(t.failAggregateRisk, t.warnAggregateRisk)} | ${share} | ${formatExpected(freq.expectedCount)} | ${formatInterval(freq.lower, freq.upper)} | ${pairText(t.failFrequency, t.warnFrequency)} |\n`;
}
