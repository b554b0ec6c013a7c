/**
 * The Markdown report: the sticky PR comment and the job summary
 * (docs/pr-comment.md). Pure: report in, text out; the GitHub layer posts it.
 *
 * Order: marker, headline (the verdict, then each deciding behaviour with its
 * number, interval and threshold), context line, the table of rows that need
 * a reader (breaching, inconclusive, insufficient), next steps, errored
 * samples, the clear and not-gated rows in a fold, tail shape (the self-check
 * and the unseen-mode limit), aggregate/frequency table, baseline comparison,
 * red-team choice, warnings, chart (Mermaid + table fallback; open in the job
 * summary, folded in the comment), fit diagnostics, footer. When the text is
 * over the limit, detail goes first (diagnostics of the least risky
 * behaviours, then all diagnostics, the chart's table, the chart, the
 * aggregate table, the red-team choice), then rows of the comparison beyond
 * the first ten, the next steps, the tail shape, rows of the main table, then
 * the remaining comparison rows (see budget.ts). Every
 * untrusted string goes through escapeMarkdown; none enters the Mermaid block.
 */
import { fitToBudget, type Part, type Step } from './budget.js';
import { renderChart } from './chart.js';
import { escapeMarkdown } from './escape.js';
import { baselinePart } from './sections/baseline.js';
import { diagnostics } from './sections/diagnostics.js';
import { errorsPart } from './sections/errors.js';
import { nextStepsPart } from './sections/next-steps.js';
import { headline, isGated } from './sections/headline.js';
import { contextLine, footer, warningsPart } from './sections/notes.js';
import { sortBehaviors, STATUS_SYMBOL, VERDICT_SYMBOL } from './sections/rank.js';
import { redTeamPart } from './sections/red-team.js';
import { historyPart } from './sections/history.js';
import { tailShapePart } from './sections/tail-shape.js';
import { aggregateTable, attentionTable, clearTable, type Omission } from './sections/tables.js';
import type { Report } from '../domain/report.js';

export interface MarkdownOptions {
  /** Hidden marker put first on its own line (the GitHub layer passes `<!-- tailgate:KEY -->`). Trusted: not escaped. */
  marker?: string;
  /** Cap in JavaScript characters (UTF-16 units): 65,536 for a comment. */
  maxChars: number;
  /** Optional cap in UTF-8 bytes: the job summary's 1 MiB is a byte cap (1,048,576). */
  maxBytes?: number;
  /** Label of the headline (default `tailgate`), e.g. a matrix leg's name. */
  title?: string;
  /** Which cap the omission notices name, and where they send the reader. Default `comment`. */
  kind?: 'comment' | 'summary';
}

/** Reductions in the order they are tried (detail first, rows of the main table last). */
const STEPS: Step[] = [
  { part: 'diagnostics', action: 'trim' },
  { part: 'diagnostics', action: 'drop' },
  { part: 'fallback', action: 'drop' },
  { part: 'chart', action: 'drop' },
  { part: 'history', action: 'trim', keepAtLeast: 1 },
  { part: 'aggregate', action: 'trim' },
  { part: 'aggregate', action: 'drop' },
  // The red-team choice is advice beside the gate: it goes before anything the verdict rests on.
  { part: 'redteam', action: 'trim', keepAtLeast: 1 },
  { part: 'redteam', action: 'drop' },
  // Breaching comparison rows sort first, so trimming keeps the ones that decide the verdict.
  { part: 'baseline', action: 'trim', keepAtLeast: 10 },
  // One short line per behaviour, then the whole part: the verdict rests on the table and the warnings.
  { part: 'tailshape', action: 'trim' },
  { part: 'tailshape', action: 'drop' },
  // Keep the first warnings (run-level ones come first) until the main table has given up its rows.
  { part: 'warnings', action: 'trim', keepAtLeast: 10 },
  // Clear rows are folded and decide nothing: cut before anything that explains a status.
  { part: 'clear', action: 'trim', keepAtLeast: 10 },
  // Errored samples sort worst first, like the table: the first ten explain the statuses that decide the verdict.
  { part: 'errors', action: 'trim', keepAtLeast: 10 },
  // Next steps add detail to the table's rows (plans, query ids): they go before the rows do.
  { part: 'next', action: 'trim', keepAtLeast: 1 },
  { part: 'next', action: 'drop' },
  { part: 'clear', action: 'trim' },
  { part: 'clear', action: 'drop' },
  // The first open row is the one the headline names: it outlasts the comparison rows.
  { part: 'table', action: 'trim', keepAtLeast: 1 },
  { part: 'warnings', action: 'trim' },
  { part: 'errors', action: 'trim' },
  { part: 'baseline', action: 'trim' },
  { part: 'table', action: 'trim' },
];

export function renderMarkdown(report: Report, opts: MarkdownOptions): { body: string; truncated: boolean } {
  const omission: Omission =
    opts.kind === 'summary'
      ? { limit: 'job summary size limit', elsewhere: 'see the JSON report' }
      : { limit: 'comment size limit', elsewhere: 'see the job summary or the JSON report' };
  const sorted = sortBehaviors(report.behaviors);
  const title = escapeMarkdown(opts.title ?? 'tailgate', 80);
  const head = headline(report, (name) => `**${escapeMarkdown(name, 80)}**`);
  const deciding = head.deciding.length === 0 ? '' : `\n\n${head.deciding.map((line) => `- ${line}`).join('\n')}`;
  // A pass where nothing is gated checked nothing: neutral, never a green tick.
  const symbol = report.verdict === 'pass' && !isGated(report) ? STATUS_SYMBOL['not-gated'] : VERDICT_SYMBOL[report.verdict];
  const verdict = report.verdict === 'pass' && !isGated(report) ? 'pass (nothing gated)' : report.verdict;
  const heading = `### ${symbol} ${title}: ${verdict}\n\n${head.sentence}${deciding}\n\n${contextLine(report)}\n`;
  const chart = renderChart(report, { folded: opts.kind !== 'summary' });
  const baseline = baselinePart(report, omission);
  // `redTeam` is absent from reports built by hand without one; treat it as none.
  const redTeam = redTeamPart(report.redTeam ?? null, omission);
  const errors = errorsPart(report, sorted, omission);
  const tailShape = tailShapePart(report, sorted, omission);
  const attention = attentionTable(report, sorted, omission);
  const clear = clearTable(report, sorted, omission);
  const parts: Part[] = [
    fixed('head', opts.marker === undefined ? heading : `${opts.marker}\n${heading}`),
    ...(attention === null ? [] : [attention, nextStepsPart(sorted, report.settings.tailSize, omission)]),
    // Right under the main table: an over-budget behaviour's status is explained here.
    ...(errors === null ? [] : [errors]),
    ...(clear === null ? [] : [clear]),
    ...(tailShape === null ? [] : [tailShape]),
    ...(sorted.length > 0 ? [aggregateTable(report, sorted, omission)] : []),
    ...(baseline === null ? [] : [baseline]),
    ...(redTeam === null ? [] : [redTeam]),
    ...[historyPart(report, omission)].filter((p): p is Part => p !== null),
    warningsPart(report, sorted, omission),
    ...(chart === null
      ? []
      : [{ ...fixed('chart', chart.chart), dropped: `_Chart omitted (${omission.limit})._\n` }, fixed('fallback', chart.fallback)]),
    ...(sorted.length > 0 ? [diagnostics(report, sorted, omission)] : []),
    fixed('footer', footer(report)),
  ];
  return fitToBudget(parts, STEPS, { maxChars: opts.maxChars, maxBytes: opts.maxBytes });
}

function fixed(id: string, text: string): Part {
  return { id, open: text, rows: [], close: '' };
}
