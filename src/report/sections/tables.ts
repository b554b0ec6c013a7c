/**
 * The two Markdown tables: per-behaviour worst-query risk (first screen), and
 * aggregate risk with frequency. Each is a budget Part whose rows can be cut
 * from the end; the caller passes the behaviours sorted worst first.
 */
import { escapeMarkdown } from '../escape.js';
import { formatCount, formatInterval, formatLevel, formatOptionalProbability, formatVolume } from '../numbers.js';
import type { Part } from '../budget.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import { behaviorCells, formatExpected, gatesBeyondWorstQuery, pairText } from './cells.js';
import { STATUS_SYMBOL } from './rank.js';

/** Wording of the "rows were cut" notices; depends on which cap applied. */
export interface Omission {
  /** e.g. `comment size limit`. */
  limit: string;
  /** e.g. `see the job summary or the JSON report`. */
  elsewhere: string;
}

/** A table row never starts a paragraph: GFM would read a following line as one more row, hence the blank line. */
function omittedNotice(what: string, omission: Omission): (count: number) => string {
  return (count) => `\n_… ${formatCount(count)} more ${what} omitted (${omission.limit}); ${omission.elsewhere}._\n`;
}

export function behaviorTable(report: Report, sorted: ReportBehavior[], omission: Omission): Part {
  const level = formatLevel(report.settings.confidence);
  const header = `| Behaviour | Queries (m) | Hits (nonzero/m) | Worst-query risk at ${formatVolume(report.deploymentVolume)} | ${level} interval | Threshold | Status |`;
  return {
    id: 'table',
    open: `${header}\n|:---|---:|---:|---:|---:|:---|:---|\n`,
    rows: sorted.map((b) => behaviorRow(b)),
    close: '',
    omitted: omittedNotice('behaviours', omission),
  };
}

function behaviorRow(b: ReportBehavior): string {
  const cells = behaviorCells(b);
  // Without a forecast the risk cell says why, in the reader's words of the forecast step.
  const risk = b.worstQueryRisk.forecast === null && b.reason !== null ? `— _${escapeMarkdown(b.reason, 100)}_` : cells.risk;
  const status = `${STATUS_SYMBOL[b.status]} ${b.status}${cells.breached.length > 0 ? `: ${cells.breached.join(', ')}` : ''}`;
  return `| ${escapeMarkdown(b.name)} | ${cells.queries} | ${cells.hits} | ${risk} | ${cells.interval} | ${cells.threshold} | ${status} |\n`;
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
  return `| ${escapeMarkdown(b.name)} | ${formatOptionalProbability(agg.forecast)} | ${formatInterval(agg.lower, agg.upper)} | ${pairText(t.failAggregateRisk, t.warnAggregateRisk)} | ${share} | ${formatExpected(freq.expectedCount)} | ${formatInterval(freq.lower, freq.upper)} | ${pairText(t.failFrequency, t.warnFrequency)} |\n`;
}
