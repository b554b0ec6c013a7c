/**
 * The report as plain text for a terminal (CLI): the headline, an aligned
 * table, the tail shape and the unseen-mode limit, why some behaviours have
 * no forecast, the baseline comparison and
 * red-team choice when present, and the warnings. No Markdown,
 * no colours.
 *
 * Security: names come from artifacts, and a terminal obeys escape sequences,
 * so truncateText replaces every control character (ESC included) before
 * anything is printed.
 */
import { alignColumns } from './align.js';
import { truncateText } from './escape.js';
import { formatLevel, formatVolume } from './numbers.js';
import { baselineLines } from './sections/baseline.js';
import { behaviorCells, maxText, rateBoundText } from './sections/cells.js';
import { errorsLines } from './sections/errors.js';
import { headline } from './sections/headline.js';
import { needsNextStep, nextStepText } from './sections/next-steps.js';
import { docsUrl, gateBasis } from './sections/notes.js';
import { sortBehaviors } from './sections/rank.js';
import { statusNumbers } from './sections/reason.js';
import { tailShapeLines } from './sections/tail-shape.js';
import { redTeamLines } from './sections/red-team.js';
import type { Report } from '../domain/report.js';

const clean = (text: string, max = 60): string => truncateText(text, max);

export function renderTerminal(report: Report): string {
  const sorted = sortBehaviors(report.behaviors);
  const s = report.settings;
  const head = headline(report, (name) => `"${clean(name)}"`);
  const lines = [
    `tailgate ${clean(report.tool.version, 40)}: ${report.verdict.toUpperCase()}`,
    head.sentence,
    ...head.deciding.map((line) => `  - ${line}`),
    `deployment volume ${formatVolume(report.deploymentVolume)} · gate on ${gateBasis(s.gateOn, s.confidence)} · mode ${s.mode}`,
  ];
  if (sorted.length > 0) {
    const header = [
      'BEHAVIOUR',
      'QUERIES',
      `RISK AT ${formatVolume(report.deploymentVolume)}`,
      `${formatLevel(s.confidence)} INTERVAL`,
      'THRESHOLD',
      'STATUS',
    ];
    const rows = sorted.map((b) => {
      const c = behaviorCells(b);
      const numbers = statusNumbers(b);
      const status = `${b.status.toUpperCase()}${numbers === null ? '' : ` (${numbers})`}`;
      // The rate bound is long: it goes under "No forecast" instead of widening the column.
      return [clean(b.name), c.queries, c.risk, b.worstQueryRisk.forecast === null ? maxText(b) : c.interval, c.threshold, status];
    });
    lines.push('', ...alignColumns([header, ...rows], [false, true, true, false, false, false]));
  }
  const errors = errorsLines(report, sorted);
  if (errors.length > 0) lines.push('', ...errors);
  const shape = tailShapeLines(report, sorted, clean);
  if (shape.length > 0) lines.push('', ...shape);
  const unforecast = sorted.filter((b) => b.worstQueryRisk.forecast === null);
  if (unforecast.length > 0) {
    lines.push('', 'No forecast:');
    for (const b of unforecast) {
      const why = [b.reason === null ? b.outcome : clean(b.reason, 200), rateBoundText(b)].filter((x) => x !== null);
      lines.push(`  ${clean(b.name)}: ${why.join('; ')}`);
    }
  }
  const next = sorted.filter(needsNextStep);
  if (next.length > 0) {
    lines.push('', 'Next steps:');
    for (const b of next) {
      const text = nextStepText(b, s.tailSize, (id) => `"${clean(id, 60)}"`);
      if (text !== '') lines.push(`  ${clean(b.name)} (${b.status}): ${text}`);
    }
  }
  // The baseline comparison and the red-team choice print here too, so `tailgate forecast --baseline` and a policy with
  // red-team sources show in the terminal what the comment shows.
  const baseline = baselineLines(report);
  if (baseline.length > 0) lines.push('', ...baseline);
  if (report.redTeam !== null) lines.push('', ...redTeamLines(report.redTeam));
  const warnings = [
    ...report.warnings.map((w) => clean(w, 300)),
    ...sorted.flatMap((b) => b.warnings.map((w) => `${clean(b.name)}: ${clean(w, 300)}`)),
  ];
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `  - ${w}`));
  lines.push(
    '',
    `Assumes the eval queries are i.i.d. draws from the deployment distribution (no distribution shift); when not to trust the numbers: ${docsUrl(report.tool.version, 'method.md', 'reading-the-numbers-and-when-not-to-trust-them')}`,
  );
  return `${lines.join('\n')}\n`;
}
