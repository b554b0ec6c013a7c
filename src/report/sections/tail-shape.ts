/**
 * The self-check of the tail shape and what no check can see, in words
 * (docs/method.md): one line per behaviour with a fit, right under the
 * behaviour table, and one sentence on the unseen-mode limit. The Markdown
 * and the terminal share the wording.
 */
import type { SelfCheck } from '../../domain/forecast.js';
import type { Part } from '../budget.js';
import { escapeMarkdown } from '../escape.js';
import { formatCount, formatPValue, formatRoughCount, formatVolume } from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import type { Omission } from './tables.js';

const TEST_LABEL: Record<keyof SelfCheck['tests'], string> = {
  r2: 'fit r²',
  topGap: 'top gap',
  curvature: 'curvature',
  backtestPit: 'backtest PIT',
};

/** `a`, `a and b`, `a, b and c`. */
function listed(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `tail shape: consistent (p = 0.43)`, `tail bends (p = 0.0031)`, or why it was not checked. */
export function tailShapeText(check: SelfCheck): string {
  if (check.pValue === null) return `tail shape: not checked (${check.skipped.map((s) => s.reason).join('; ')})`;
  return check.flagged ? `tail bends (${formatPValue(check.pValue)})` : `tail shape: consistent (${formatPValue(check.pValue)})`;
}

/** Each test's p-value and what was skipped, for the fit diagnostics. */
export function selfCheckDetail(check: SelfCheck): string {
  const verdict =
    check.pValue === null ? 'not checked' : `${formatPValue(check.pValue)}, ${check.flagged ? 'the tail bends' : 'consistent'}`;
  const tests = Object.entries(check.tests).map(([name, p]) => `${TEST_LABEL[name as keyof SelfCheck['tests']]} ${formatPValue(p)}`);
  // Tests skipped for one reason (ties skip three) share one clause.
  const byReason = new Map<string, string[]>();
  for (const s of check.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), TEST_LABEL[s.test]]);
  const skipped = [...byReason].map(([reason, names]) => `${listed(names)} skipped: ${reason}`);
  return `Self-check of the tail shape (${verdict}): ${[...tests, ...skipped].join(' · ')}`;
}

/**
 * One sentence on the unseen-mode limit. Behaviours with different eval sizes
 * give a range, smallest eval first (the one that can miss the most). Null
 * without any behaviour that has queries.
 */
export function unseenModeSentence(report: Report): string | null {
  const sizes = [...new Set(report.behaviors.filter((b) => b.unseenModeBound != null).map((b) => b.queries))].sort((x, y) => x - y);
  if (sizes.length === 0) return null;
  const bound = (m: number) => report.behaviors.find((b) => b.queries === m && b.unseenModeBound != null)!.unseenModeBound!;
  const volume = formatVolume(report.deploymentVolume);
  const [small, large] = [bound(sizes[0]), bound(sizes[sizes.length - 1])];
  if (sizes.length === 1) {
    return (
      `What no check can see: a failure mode as common as 1 in ${formatRoughCount(1 / small.share)} queries could be missing from the ` +
      `${formatCount(sizes[0])} eval queries (5% chance); ${volume} deployment queries would hold about ${formatRoughCount(small.expectedAtN)} of them.`
    );
  }
  return (
    `What no check can see: a failure mode as common as 1 in ${formatRoughCount(1 / small.share)} to 1 in ${formatRoughCount(1 / large.share)} ` +
    `queries could be missing from evals of ${formatCount(sizes[0])} to ${formatCount(sizes[sizes.length - 1])} queries (5% chance); ` +
    `${volume} deployment queries would hold about ${formatRoughCount(small.expectedAtN)} to ${formatRoughCount(large.expectedAtN)} of them.`
  );
}

/** Behaviours with a self-check, in the caller's order (worst first). */
function checked(sorted: ReportBehavior[]): (ReportBehavior & { selfCheck: SelfCheck })[] {
  return sorted.filter((b): b is ReportBehavior & { selfCheck: SelfCheck } => b.selfCheck != null);
}

/** The Markdown part: a list under the behaviour table, then the unseen-mode sentence. */
export function tailShapePart(report: Report, sorted: ReportBehavior[], omission: Omission): Part | null {
  // The wording is ours, only the name comes from the artifacts.
  const rows = checked(sorted).map((b) => `- **${escapeMarkdown(b.name, 60)}**: ${tailShapeText(b.selfCheck)}\n`);
  const unseen = unseenModeSentence(report);
  if (rows.length === 0 && unseen === null) return null;
  return {
    id: 'tailshape',
    open: rows.length > 0 ? '**Tail shape** (self-check; each test under Fit diagnostics)\n\n' : '',
    rows,
    close: unseen === null ? '' : `${rows.length > 0 ? '\n' : ''}_${unseen}_\n`,
    omitted: (count, kept) =>
      `${kept > 0 ? '\n' : ''}_… ${formatCount(count)} more ${count === 1 ? 'behaviour' : 'behaviours'} omitted (${omission.limit}); ${omission.elsewhere}._\n`,
    dropped: `_Tail shape omitted (${omission.limit})._\n`,
  };
}

/** The terminal lines: the same list and sentence, plain. `clean` neutralises untrusted names and cuts at `max` characters. */
export function tailShapeLines(report: Report, sorted: ReportBehavior[], clean: (text: string, max: number) => string): string[] {
  const lines = checked(sorted).map((b) => `  ${clean(b.name, 60)}: ${clean(tailShapeText(b.selfCheck), 300)}`);
  const unseen = unseenModeSentence(report);
  return [...(lines.length > 0 ? ['Tail shape (self-check):', ...lines] : []), ...(unseen === null ? [] : [unseen])];
}
