/**
 * What a reviewer reads first: one sentence with the verdict, then one line
 * per behaviour that decides it, each with its number, interval and
 * threshold (reason.ts). Shared by the Markdown and the terminal renderers;
 * each passes its own way of showing a (untrusted) behaviour name.
 */
import { formatCount, formatLevel, formatProbability, formatVolume } from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import { atLevel, sortBehaviors } from './rank.js';
import { statusReason } from './reason.js';

/** Shows a behaviour name safely in the target medium (escaped Markdown, cleaned plain text). */
export type NameFormatter = (name: string) => string;

/** Deciding behaviours named in the headline; the rest are counted, and the table lists them all. */
const MAX_NAMED = 5;

export interface Headline {
  /** Ends with a full stop (or a colon when `deciding` follows). */
  sentence: string;
  /** `name: reason.`, one per deciding behaviour, worst first. */
  deciding: string[];
}

export function headline(report: Report, name: NameFormatter): Headline {
  const sorted = sortBehaviors(report.behaviors);
  const advisory = report.settings.mode === 'advisory' ? ' Advisory mode: the gate does not block.' : '';
  const advisoryNote = report.settings.mode === 'advisory' ? ' (advisory mode: the gate does not block)' : '';
  const volume = `${formatVolume(report.deploymentVolume)} deployment queries`;
  if (report.verdict === 'pass' || report.verdict === 'error') {
    const sentence =
      report.verdict === 'error'
        ? 'The run failed before a verdict; see the warnings below and the job log.'
        : passSentence(report, sorted, volume, name);
    return { sentence: `${sentence}${advisory}`, deciding: [] };
  }
  const verdict = report.verdict;
  const deciding = sorted.filter((b) => (verdict === 'fail' || verdict === 'warn' ? atLevel(b, verdict) : b.status === verdict));
  const count = deciding.length;
  const subject = `${formatCount(count)} of ${formatCount(sorted.length)} ${sorted.length === 1 ? 'behaviour' : 'behaviours'}`;
  const isAre = count === 1 ? 'is' : 'are';
  const sentence =
    verdict === 'fail' || verdict === 'warn'
      ? `${subject} ${isAre} at ${verdict} at ${volume}${advisoryNote}:`
      : verdict === 'inconclusive'
        ? `${subject} ${isAre} inconclusive at ${volume}${advisoryNote}: an interval straddles its threshold, so the data cannot yet say which side it is on.`
        : `${subject} could not be forecast at ${volume}, and no forecast breaches a threshold${advisoryNote}:`;
  const lines = deciding.slice(0, MAX_NAMED).map((b) => `${name(b.name)}: ${statusReason(report, b) ?? b.status}.`);
  if (count > MAX_NAMED) lines.push(`${formatCount(count - MAX_NAMED)} more at ${verdict}: see the table.`);
  return { sentence, deciding: lines };
}

function passSentence(report: Report, sorted: ReportBehavior[], volume: string, name: NameFormatter): string {
  if (sorted.length === 0) return 'No behaviour was found in the results.';
  let riskiest: { behavior: ReportBehavior; risk: number } | undefined;
  for (const behavior of sorted) {
    const risk = behavior.worstQueryRisk.forecast;
    if (risk !== null && (riskiest === undefined || risk > riskiest.risk)) riskiest = { behavior, risk };
  }
  const top =
    riskiest === undefined
      ? 'no behaviour could be forecast'
      : `the riskiest is ${name(riskiest.behavior.name)} at ${formatProbability(riskiest.risk)} worst-query risk`;
  const notGated = sorted.filter((b) => b.status === 'not-gated').length;
  const passing = sorted.length - notGated;
  const count =
    notGated > 0
      ? `${formatCount(passing)} gated ${passing === 1 ? 'behaviour passes' : 'behaviours pass'} (${formatCount(notGated)} not gated)`
      : sorted.length === 1
        ? 'The behaviour passes'
        : sorted.length === 2
          ? 'Both behaviours pass'
          : `All ${formatCount(sorted.length)} behaviours pass`;
  if (!thresholdGated(report) && increaseGated(report))
    return `${count}: no forecast rose beyond its risk-increase factor over the baseline at ${volume}; ${top}.`;
  if (!isGated(report)) return `No thresholds are set, so nothing is gated at ${volume}; ${top}.`;
  const basis =
    report.settings.gateOn === 'upper'
      ? `the upper ends of their ${formatLevel(report.settings.confidence)} intervals stay`
      : report.settings.gateOn === 'interval'
        ? `their ${formatLevel(report.settings.confidence)} intervals lie`
        : 'all forecasts stay';
  return `${count}: ${basis} below their thresholds at ${volume}; ${top}.`;
}

function thresholdGated(report: Report): boolean {
  return report.behaviors.some((b) => b.decisions.length > 0);
}

function increaseGated(report: Report): boolean {
  const baseline = report.baseline ?? null;
  return (
    baseline !== null &&
    baseline.status === 'compared' &&
    baseline.behaviors.some((r) => r.riskIncrease.fail !== undefined || r.riskIncrease.warn !== undefined)
  );
}

/** Whether anything was checked at all: a pass with nothing gated is shown as neutral, never with a green tick. */
export function isGated(report: Report): boolean {
  return thresholdGated(report) || increaseGated(report);
}
