/**
 * The smaller sections: the line under the headline, the warnings list and
 * the footer (method, assumption, version, head SHA, run link).
 */
import type { Part } from '../budget.js';
import { escapeMarkdown } from '../escape.js';
import { formatCount, formatLevel, formatVolume } from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import type { Omission } from './tables.js';

/** What thresholds are compared with, in words. */
export function gateBasis(gateOn: Report['settings']['gateOn'], confidence: number): string {
  if (gateOn === 'upper') return `upper end of the ${formatLevel(confidence)} interval`;
  if (gateOn === 'interval') return `the whole ${formatLevel(confidence)} interval (clear, breach or inconclusive)`;
  return 'forecast';
}

/** Deployment volume, gate basis, mode and how much was read. */
export function contextLine(report: Report): string {
  const s = report.settings;
  const basis = gateBasis(s.gateOn, s.confidence);
  const behaviours = report.behaviors.length;
  const queries = report.behaviors.reduce((sum, b) => sum + b.queries, 0);
  const files = report.inputs.length;
  return (
    `Deployment volume **${formatVolume(report.deploymentVolume)}** queries · gate on: ${basis} · mode: ${s.mode} · ` +
    `${formatCount(behaviours)} ${behaviours === 1 ? 'behaviour' : 'behaviours'}, ${formatCount(queries)} eval queries from ${formatCount(files)} ${files === 1 ? 'file' : 'files'}`
  );
}

/** Run warnings, then per behaviour (worst first): exclusions and caps, then the forecast's own warnings. */
export function warningsPart(report: Report, sorted: ReportBehavior[], omission: Omission): Part {
  const rows = report.warnings.map((w) => `- ${escapeMarkdown(w, 300)}\n`);
  for (const b of sorted) {
    const name = `**${escapeMarkdown(b.name, 60)}**`;
    const counted: string[] = [];
    if (b.excluded > 0) counted.push(`${formatCount(b.excluded)} ${b.excluded === 1 ? 'row' : 'rows'} excluded`);
    if (b.capped > 0) counted.push(`${formatCount(b.capped)} p̂ = 1 capped below 1`);
    if (counted.length > 0) rows.push(`- ${name}: ${counted.join('; ')} (details under Fit diagnostics)\n`);
    for (const w of b.warnings) rows.push(`- ${name}: ${escapeMarkdown(w, 300)}\n`);
  }
  if (rows.length === 0) return { id: 'warnings', open: '', rows: [], close: '' };
  return {
    id: 'warnings',
    open: '**Warnings**\n\n',
    rows,
    close: '',
    // Blank line first: a line right after a list item would continue it.
    omitted: (count, kept) =>
      `${kept > 0 ? '\n' : ''}_… ${formatCount(count)} more ${count === 1 ? 'warning' : 'warnings'} omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

/** Method and assumption (always kept, whatever the budget drops), version, head SHA, run link. */
export function footer(report: Report): string {
  const parts = [
    `Gumbel-tail forecast (Jones et al. 2025, arXiv 2502.16797). It assumes the eval queries are i.i.d. draws from the deployment distribution, with no distribution shift: [when not to trust the numbers](${docsUrl(report.tool.version, 'method.md', 'reading-the-numbers-and-when-not-to-trust-them')}).`,
    `tailgate ${escapeMarkdown(report.tool.version, 40)}`,
  ];
  const sha = report.context?.sha;
  if (sha !== undefined) {
    // A real SHA is hex; anything else is shown inert rather than trusted.
    parts.push(`head ${/^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 7)}\`` : escapeMarkdown(sha, 40)}`);
  }
  const runUrl = report.context?.runUrl;
  if (runUrl !== undefined) {
    const link = safeUrl(runUrl);
    // Not an http(s) URL: show it inert rather than hide it.
    parts.push(link === null ? `run ${escapeMarkdown(runUrl, 200)}` : `[workflow run](${link})`);
  }
  return `---\n\n<sub>${parts.join(' · ')}</sub>\n`;
}

/** Where the action's own documentation lives; links point at the released tag, so they match the version that ran. */
const DOCS_REPOSITORY = 'https://github.com/tailgate-dev/tailgate';

/**
 * A link into docs/ at the tag of `version` (`v0.1.0`), or at main when the
 * version is not a plain release number (a stored report could say anything).
 */
export function docsUrl(version: string, page: string, anchor?: string): string {
  const ref = /^\d+\.\d+\.\d+$/.test(version) ? `v${version}` : 'main';
  return `${DOCS_REPOSITORY}/blob/${ref}/docs/${page}${anchor === undefined ? '' : `#${anchor}`}`;
}

/**
 * An http(s) URL fit for a Markdown link target, or null. Parentheses, spaces
 * and angle brackets would end or break the link, so they are percent-encoded
 * (URL.href already encodes spaces and `<>` in the path).
 */
export function safeUrl(raw: string): string | null {
  // URL.canParse: Node ≥ 19.9, so fine on Node 20.
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20').replace(/</g, '%3C').replace(/>/g, '%3E');
}
