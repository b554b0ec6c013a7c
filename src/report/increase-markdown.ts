/**
 * Markdown of `tailgate compare --baseline … --markdown PATH`: a headline and
 * the report's own "Compared with baseline" section (baselinePart), so a
 * local comparison reads exactly like the PR comment's. Written whole: a
 * local file has no size cap, so the section is never trimmed.
 */
import { escapeMarkdown } from './escape.js';
import type { ReportsTextMeta } from './decisions-text.js';
import { baselinePart } from './sections/baseline.js';
import { VERDICT_SYMBOL } from './sections/rank.js';
import type { Report } from '../domain/report.js';

export function renderReportsMarkdown(view: Report, meta: ReportsTextMeta): string {
  const part = baselinePart(view, { limit: 'no limit', elsewhere: 'see the JSON output' });
  const section = part === null ? '' : part.open + part.rows.join('') + part.close;
  const gate = meta.gated ? '' : '\n_No risk-increase factor is set: the comparison is shown, nothing is gated._\n';
  const warnings =
    meta.warnings.length === 0 ? '' : `\n**Warnings**\n\n${meta.warnings.map((w) => `- ${escapeMarkdown(w, 300)}`).join('\n')}\n`;
  const current = `Current report ${escapeMarkdown(meta.currentName, 200)} (its own verdict: ${view.verdict}, not re-judged here).`;
  return `### ${VERDICT_SYMBOL[meta.verdict]} tailgate compare: ${meta.verdict}\n\n${current}\n${gate}\n${section}${warnings}`;
}
