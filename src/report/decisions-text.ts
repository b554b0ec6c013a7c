/**
 * Plain text for `tailgate compare`, both modes: a headline, the settings the
 * numbers depend on, the comparison itself (the same lines as the report
 * sections' plain renderings, redTeamLines and baselineLines, so the
 * terminal and the PR comment say the same thing), then notes. No Markdown,
 * no colours; every untrusted string goes through truncateText, which
 * replaces control characters (a terminal obeys escape sequences).
 */
import type { RedTeamResult } from '../domain/red-team.js';
import type { Verdict } from '../domain/gate.js';
import { truncateText } from './escape.js';
import { formatCount, formatLevel, formatVolume } from './numbers.js';
import { baselineLines } from './sections/baseline.js';
import { redTeamLines } from './sections/red-team.js';
import type { Report } from '../domain/report.js';

/** The forecast settings a red-team ranking depends on. */
export interface RedTeamTextMeta {
  version: string;
  tailSize: number;
  confidence: number;
  bootstrap: number;
  seed: number;
  /** `--deployment-volume` was given: say that it has no effect here. */
  volumeGiven: boolean;
}

export function renderRedTeamText(result: RedTeamResult, meta: RedTeamTextMeta): string {
  const lines = [
    `tailgate ${truncateText(meta.version, 40)}: red-team choice (Jones et al. 2025, §6)`,
    `tail size ${meta.tailSize} · ${formatLevel(meta.confidence)} intervals · ${meta.bootstrap === 0 ? 'no bootstrap' : `${formatCount(meta.bootstrap)} bootstrap resamples`} · seed ${meta.seed}`,
    '',
    ...redTeamLines(result),
    '',
    'Each source buys floor(budget / cost per query) queries and is forecast at that number. "Intervals overlap" means',
    'the data cannot tell the sources apart at this budget: either choice is defensible, and more eval queries of each',
    "source narrow the intervals. Assumes each source's eval queries are i.i.d. draws of what it would generate.",
  ];
  if (meta.volumeGiven) lines.push('--deployment-volume is not used here: each source is forecast at the queries its budget buys.');
  return `${lines.join('\n')}\n`;
}

/** What a comparison of two reports rests on, for its headline. */
export interface ReportsTextMeta {
  version: string;
  /** The risk-increase gate's verdict (pass, warn or fail). */
  verdict: Verdict;
  /** The current report as named on the command line. */
  currentName: string;
  /** Whether any risk-increase factor applies (inputs or policy). */
  gated: boolean;
  warnings: string[];
}

/**
 * `view` is the current report with the comparison put in: its `baseline`
 * section and, in `breaches`, the risk-increase breaches found now.
 */
export function renderReportsText(view: Report, meta: ReportsTextMeta): string {
  const clean = (text: string, max = 200): string => truncateText(text, max);
  const lines = [
    `tailgate ${clean(meta.version, 40)} compare: ${meta.verdict.toUpperCase()}`,
    headline(view, meta),
    `current report ${clean(meta.currentName)}: written ${clean(view.generatedAt, 40)} at n = ${formatVolume(view.deploymentVolume)}; its own verdict (its thresholds, not re-judged here): ${view.verdict}`,
    '',
    ...baselineLines(view),
  ];
  if (meta.warnings.length > 0) lines.push('', 'Warnings:', ...meta.warnings.map((w) => `  - ${clean(w, 300)}`));
  lines.push(
    '',
    'Ratio: current ÷ baseline forecast. Increase beyond noise: lower end of the current interval ÷ upper end of the',
    "baseline's; a risk-increase level fires only when it exceeds its factor, so a large ratio with overlapping intervals passes.",
  );
  return `${lines.join('\n')}\n`;
}

function headline(view: Report, meta: ReportsTextMeta): string {
  const fired = view.breaches.filter((b) => b.metric === 'risk-increase');
  if (!meta.gated)
    return 'No risk-increase factor is set (--fail-risk-increase, --warn-risk-increase or the policy): the comparison is shown, nothing is gated.';
  if (fired.length === 0) return 'No behaviour rose beyond its risk-increase factor outside the noise of the two intervals.';
  const names = [...new Set(fired.map((b) => `"${truncateText(b.behavior, 60)}"`))];
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return `${shown} rose beyond ${fired.length === 1 ? 'its' : 'their'} risk-increase factor outside the noise of the two intervals.`;
}
