/**
 * The errored samples of each behaviour (docs/errors.md): how many, in how
 * many queries, the share against the error budget, the next step when over
 * it, and the worst case with every errored sample counted as a hit. Shared
 * by the Markdown and the terminal renderers, each with its own way of
 * showing (untrusted) names and reasons.
 */
import type { Part } from '../budget.js';
import { escapeMarkdown, truncateText } from '../escape.js';
import { formatCount, formatPercent, formatProbability, formatVolume } from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import type { Omission } from './tables.js';

/** Shows untrusted text (a behaviour name, an exclusion reason) in the target medium, cut to `max` characters. */
export type TextFormatter = (text: string, max: number) => string;

/** Behaviours with at least one errored sample, in the order given (the renderers pass them worst first). */
export function withErrors(sorted: readonly ReportBehavior[]): ReportBehavior[] {
  return sorted.filter((b) => b.errors.samples > 0);
}

/** `30 of 100 samples errored (30%, budget 10%) in 12 queries: sample-error 30` plus, over budget, the next step. */
function errorsText(b: ReportBehavior, text: TextFormatter): string {
  const e = b.errors;
  const attempted = e.samples + e.judged;
  const reasons = Object.entries(e.byReason)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([reason, r]) => `${text(reason, 60)} ${formatCount(r.samples)}`)
    .join(', ');
  const head =
    `${formatCount(e.samples)} of ${formatCount(attempted)} samples errored (${formatPercent(e.share)}; budget ${formatPercent(e.maxShare)}) ` +
    `in ${formatCount(e.queries)} ${e.queries === 1 ? 'query' : 'queries'}: ${reasons}`;
  if (!e.overBudget) return `${head}; within budget`;
  return `${head}; over budget (on-error-budget: ${e.onBudget}): ${e.nextStep ?? ''}`;
}

/** The worst-case line, or null when there is none (no query to place the errors in, or given probabilities). */
function worstCaseText(report: Report, b: ReportBehavior, text: TextFormatter): string | null {
  const w = b.errors.worstCase;
  if (w === null) return null;
  const volume = formatVolume(report.deploymentVolume);
  const reported =
    b.worstQueryRisk.forecast === null ? 'no forecast as reported' : `${formatProbability(b.worstQueryRisk.forecast)} as reported`;
  const risk =
    w.worstQueryRisk === null
      ? `no forecast either (${text(w.reason ?? w.outcome, 120)}), largest p̂ ${formatProbability(w.observedMax)}`
      : `worst-query risk ${formatProbability(w.worstQueryRisk)} at ${volume}`;
  return `Worst case, every errored sample a hit: ${risk} (${reported}; this gates nothing)`;
}

/** The Markdown part: one list item per behaviour with errors, its worst case nested under it. */
export function errorsPart(report: Report, sorted: readonly ReportBehavior[], omission: Omission): Part | null {
  const list = withErrors(sorted);
  if (list.length === 0) return null;
  const md: TextFormatter = (t, max) => escapeMarkdown(t, max);
  return {
    id: 'errors',
    open: '**Errored samples**\n\n',
    rows: list.map((b) => {
      const worst = worstCaseText(report, b, md);
      return `- **${escapeMarkdown(b.name, 60)}**: ${errorsText(b, md)}\n${worst === null ? '' : `  - ${worst}\n`}`;
    }),
    close: '',
    omitted: (count, kept) =>
      `${kept > 0 ? '\n' : ''}_… ${formatCount(count)} more ${count === 1 ? 'behaviour' : 'behaviours'} with errored samples omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

/** The terminal lines (control characters replaced, as everywhere in the terminal report). */
export function errorsLines(report: Report, sorted: readonly ReportBehavior[]): string[] {
  const list = withErrors(sorted);
  if (list.length === 0) return [];
  const plain: TextFormatter = (t, max) => truncateText(t, max);
  const lines = ['Errored samples:'];
  for (const b of list) {
    lines.push(`  ${plain(b.name, 60)}: ${errorsText(b, plain)}`);
    const worst = worstCaseText(report, b, plain);
    if (worst !== null) lines.push(`    ${worst}`);
  }
  return lines;
}
