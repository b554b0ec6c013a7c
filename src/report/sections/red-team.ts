/**
 * "Red-team choice" (paper §6): per behaviour, the sources ranked by their
 * forecast worst-query risk at the queries the budget buys, and whether the
 * intervals let the choice matter. Markdown as a budget Part (one row per
 * behaviour block), and the same as plain text for `tailgate compare`.
 */
import type { BehaviorChoice, RedTeamResult, SourceForecast } from '../../domain/red-team.js';
import type { Part } from '../budget.js';
import { escapeMarkdown, truncateText } from '../escape.js';
import { formatCount, formatInterval, formatLevel, formatOptionalProbability, formatProbability, formatVolume } from '../numbers.js';
import type { Omission } from './tables.js';

/** A budget or cost as written: whole numbers grouped, others with up to six significant digits. */
export function formatAmount(x: number): string {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`cannot format amount: ${x}`);
  return Number.isInteger(x) && x < 1e15 ? formatCount(x) : String(Number(x.toPrecision(6)));
}

/** `name` shown safely in the medium. */
type Show = (name: string) => string;

/**
 * The sentence under each behaviour: which source wins and whether it
 * matters. Shared by both renderings.
 */
export function choiceSentence(c: BehaviorChoice, level: string, show: Show): string {
  const best = c.ranking.find((s) => s.rank === 1);
  const second = c.ranking.find((s) => s.rank === 2);
  if (best === undefined) return 'No source could be forecast for this behaviour, so there is no choice to make.';
  const risk = (s: SourceForecast): string => `${formatOptionalProbability(s.forecast)} at ${formatVolume(s.queriesBought)} queries`;
  if (second === undefined) return `Only ${show(best.source)} could be forecast (${risk(best)}); the others need more queries with hits.`;
  const lead = `${show(best.source)} is forecast to find the riskiest query for the budget (${risk(best)}, against ${risk(second)} for ${show(second.source)})`;
  switch (c.separation) {
    case 'clear':
      return `${lead}; its ${level} interval lies wholly above the runner-up's, so the choice matters.`;
    case 'overlap':
      return `${lead}, but their ${level} intervals overlap: at this budget the data cannot tell them apart, and either choice is defensible.`;
    case 'unknown':
      return `${lead}; without an interval on both it is unknown whether the difference is outside the noise.`;
  }
}

function overall(result: RedTeamResult, show: Show): string | null {
  if (result.behaviors.length <= 1) return null;
  return result.bestSource === null
    ? 'The best source differs between behaviours (or none could be forecast); set `red-team.behavior` in the policy to decide on one.'
    : `Best source for every behaviour: ${show(result.bestSource)}.`;
}

export function redTeamPart(result: RedTeamResult | null, omission: Omission): Part | null {
  if (result === null) return null;
  const level = formatLevel(result.confidence);
  const show: Show = (name) => `**${escapeMarkdown(name, 80)}**`;
  const summary = overall(result, show);
  return {
    id: 'redteam',
    // Each block starts with its own blank line, so a block never continues the table before it.
    open: `**Red-team choice** at a budget of ${formatAmount(result.budget)}: each source buys ⌊budget ÷ cost per query⌋ queries.\n${summary === null ? '' : `\n${summary}\n`}`,
    rows: result.behaviors.map((c) => behaviorBlock(c, level, show)),
    close: '',
    omitted: (count) =>
      `\n_… ${count} more ${count === 1 ? 'behaviour' : 'behaviours'} omitted (${omission.limit}); ${omission.elsewhere}._\n`,
    dropped: `_Red-team choice omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}

function behaviorBlock(c: BehaviorChoice, level: string, show: Show): string {
  const header = `| Rank | Source | Cost per query | Queries bought | Eval queries (m) | Worst-query risk at queries bought | ${level} interval | Largest p̂ so far |`;
  const rows = c.ranking.map((s) => {
    const risk = s.forecast === null ? `— _${escapeMarkdown(s.reason ?? s.outcome, 100)}_` : formatProbability(s.forecast);
    return `| ${s.rank ?? '—'} | ${escapeMarkdown(s.source, 80)} | ${formatAmount(s.costPerQuery)} | ${formatCount(s.queriesBought)} | ${formatCount(s.queries)} | ${risk} | ${formatInterval(s.lower, s.upper)} | ${formatProbability(s.observedMax)} |`;
  });
  // A table never directly follows or precedes other text: blank lines around it (the next block opens with one).
  return `\n_${escapeMarkdown(c.behavior, 80)}_: ${choiceSentence(c, level, show)}\n\n${header}\n|---:|:---|---:|---:|---:|---:|---:|---:|\n${rows.join('\n')}\n`;
}

/** The whole section as Markdown, without a size budget (for `tailgate compare --markdown`); empty for null. */
export function redTeamMarkdown(result: RedTeamResult | null): string {
  const part = redTeamPart(result, { limit: 'size limit', elsewhere: 'see the JSON report' });
  return part === null ? '' : part.open + part.rows.join('') + part.close;
}

/** Plain text for a terminal (`tailgate compare`); untrusted names are cleaned of control characters. */
export function redTeamLines(result: RedTeamResult): string[] {
  const level = formatLevel(result.confidence);
  const show: Show = (name) => `"${truncateText(name, 60)}"`;
  const lines = [`Red-team choice at a budget of ${formatAmount(result.budget)}:`];
  const summary = overall(result, show);
  if (summary !== null) lines.push(summary.replace(/`/g, ''));
  for (const c of result.behaviors) {
    lines.push('', `${truncateText(c.behavior, 60)}: ${choiceSentence(c, level, show)}`);
    for (const s of c.ranking) {
      const risk =
        s.forecast === null
          ? `no forecast (${truncateText(s.reason ?? s.outcome, 100)})`
          : `${formatProbability(s.forecast)} (${level}: ${formatInterval(s.lower, s.upper)})`;
      lines.push(
        `  ${s.rank === null ? '-' : `#${s.rank}`} ${truncateText(s.source, 60)}: cost ${formatAmount(s.costPerQuery)}, buys ${formatCount(s.queriesBought)} (m = ${formatCount(s.queries)}), risk ${risk}, largest p̂ ${formatProbability(s.observedMax)}`,
      );
    }
  }
  return lines;
}
