/**
 * The one sentence a reviewer reads first: the verdict and the behaviour
 * that drives it. Shared by the Markdown and the terminal renderers; each
 * passes its own way of showing a (untrusted) behaviour name.
 */
import type { Breach } from '../../domain/gate.js';
import { formatCount, formatInterval, formatLevel, formatPercent, formatProbability, formatVolume } from '../numbers.js';
import type { Report, ReportBehavior } from '../../domain/report.js';
import { formatRatio } from './baseline.js';
import { atLevel, METRIC_LABEL, ownBreaches, sortBehaviors } from './rank.js';

/** Shows a behaviour name safely in the target medium (escaped Markdown, cleaned plain text). */
export type NameFormatter = (name: string) => string;

/** The headline sentence, without the verdict label (the renderer adds it). Ends with a full stop. */
export function headlineSentence(report: Report, name: NameFormatter): string {
  const sentence = verdictSentence(report, name);
  return report.settings.mode === 'advisory' ? `${sentence} Advisory mode: the gate does not block.` : sentence;
}

function verdictSentence(report: Report, name: NameFormatter): string {
  const volume = `${formatVolume(report.deploymentVolume)} deployment queries`;
  const sorted = sortBehaviors(report.behaviors);
  switch (report.verdict) {
    case 'error':
      return 'The run failed before a verdict; see the warnings below and the job log.';
    case 'fail':
    case 'warn':
      return breachSentence(report, sorted, report.verdict, volume, name);
    case 'inconclusive':
      return inconclusiveSentence(report, sorted, volume, name);
    case 'insufficient': {
      const stuck = sorted.filter((b) => b.status === 'insufficient');
      const first = stuck[0];
      if (first === undefined) return `Some behaviours could not be forecast at ${volume}.`;
      const more = stuck.length > 1 ? ` and ${formatCount(stuck.length - 1)} more of ${formatCount(sorted.length)} behaviours` : '';
      const why = first.outcome === 'degenerate' ? 'the tail fit is degenerate' : 'too few queries with hits';
      return `${name(first.name)}${more} could not be forecast (${why}); no forecast breaches a threshold at ${volume}.`;
    }
    case 'pass':
      return passSentence(report, sorted, volume, name);
  }
}

function breachSentence(report: Report, sorted: ReportBehavior[], level: 'fail' | 'warn', volume: string, name: NameFormatter): string {
  const leading = sorted.filter((b) => atLevel(b, level));
  const first = leading[0];
  if (first === undefined) return `A behaviour reached its ${level} level at ${volume}.`;
  const more =
    leading.length > 1
      ? ` ${formatCount(leading.length - 1)} more ${leading.length === 2 ? 'behaviour is' : 'behaviours are'} at ${level} too.`
      : '';
  if (first.status === 'errors') {
    const e = first.errors;
    return `${name(first.name)} is over its error budget: ${formatPercent(e.share)} of its samples errored (budget ${formatPercent(e.maxShare)}, on-error-budget: ${e.onBudget}), so its forecast rests on part of the eval; ${e.nextStep ?? 're-run the errored samples'}.${more}`;
  }
  const breach: Breach | undefined = ownBreaches(first)[0];
  if (breach === undefined) {
    // A status without a breach comes from the insufficient-data policy, not from a threshold.
    return `${name(first.name)} is at ${level} because it could not be forecast (on-insufficient-data: ${report.settings.onInsufficientData}).${more}`;
  }
  if (breach.metric === 'risk-increase' && breach.basis === 'paired') {
    return `${name(first.name)} rose beyond its ${level} risk-increase factor over the baseline at ${volume}: on the queries both runs share, its tail moved up beyond the noise and its forecast is ${formatRatio(breach.value)} the baseline's (factor ${formatRatio(breach.threshold)}).${more}`;
  }
  if (breach.metric === 'risk-increase') {
    // value and threshold are a ratio and a factor here, not probabilities.
    return `${name(first.name)} rose beyond its ${level} risk-increase factor over the baseline at ${volume}: the lower end of its ${formatLevel(report.settings.confidence)} interval is ${formatRatio(breach.value)} the baseline's upper end (factor ${formatRatio(breach.threshold)}).${more}`;
  }
  if (breach.metric === 'creep') {
    return `${name(first.name)} crept beyond its ${level} creep factor at ${volume}: the lower end of its ${formatLevel(report.settings.confidence)} interval is ${formatRatio(breach.value)} the lowest forecast of the recent history (factor ${formatRatio(breach.threshold)}).${more}`;
  }
  const metric = breach.metric === 'frequency' ? 'the share of queries above τ' : METRIC_LABEL[breach.metric];
  const numbers = `${formatProbability(breach.value)} against ${formatProbability(breach.threshold)}`;
  if (breach.basis === 'lower') {
    return `${name(first.name)} exceeds its ${level} threshold for ${metric} at ${volume}: even the lower end of its ${formatLevel(report.settings.confidence)} interval is above it (${numbers}).${more}`;
  }
  if (breach.basis === 'upper') {
    return `${name(first.name)} could exceed its ${level} threshold for ${metric} at ${volume}: the upper end of its ${formatLevel(report.settings.confidence)} interval is ${numbers}.${more}`;
  }
  return `${name(first.name)} is forecast to exceed its ${level} threshold for ${metric} at ${volume} (${numbers}).${more}`;
}

function inconclusiveSentence(report: Report, sorted: ReportBehavior[], volume: string, name: NameFormatter): string {
  const open = sorted.filter((b) => b.status === 'inconclusive');
  const first = open[0];
  const decision = first?.decisions.find((d) => d.outcome === 'inconclusive');
  if (first === undefined || decision === undefined) return `An interval straddles its threshold at ${volume}.`;
  const more =
    open.length > 1
      ? ` ${formatCount(open.length - 1)} more ${open.length === 2 ? 'behaviour is' : 'behaviours are'} inconclusive too.`
      : '';
  const metric = decision.metric === 'frequency' ? 'the share of queries above τ' : METRIC_LABEL[decision.metric];
  const interval = `${formatLevel(report.settings.confidence)}: ${formatInterval(decision.lower, decision.upper)}`;
  return `${name(first.name)} is inconclusive: its ${metric} at ${volume} (${interval}) straddles its ${decision.level} threshold ${formatProbability(decision.threshold)}, so the data cannot yet say which side it is on.${more}`;
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
  const gated = sorted.some((b) => b.decisions.length > 0);
  const notGated = sorted.filter((b) => b.status === 'not-gated').length;
  const baseline = report.baseline ?? null;
  const increaseGated =
    baseline !== null &&
    baseline.status === 'compared' &&
    baseline.behaviors.some((r) => r.riskIncrease.fail !== undefined || r.riskIncrease.warn !== undefined);
  const passing = sorted.length - notGated;
  const count =
    notGated > 0
      ? `${formatCount(passing)} gated ${passing === 1 ? 'behaviour passes' : 'behaviours pass'} (${formatCount(notGated)} not gated)`
      : sorted.length === 1
        ? 'The behaviour passes'
        : sorted.length === 2
          ? 'Both behaviours pass'
          : `All ${formatCount(sorted.length)} behaviours pass`;
  if (!gated && increaseGated) return `${count}: no forecast rose beyond its risk-increase factor over the baseline at ${volume}; ${top}.`;
  if (!gated) return `No thresholds are set, so nothing is gated at ${volume}; ${top}.`;
  const basis =
    report.settings.gateOn === 'upper'
      ? `the upper ends of their ${formatLevel(report.settings.confidence)} intervals stay`
      : report.settings.gateOn === 'interval'
        ? `their ${formatLevel(report.settings.confidence)} intervals lie`
        : 'all forecasts stay';
  return `${count}: ${basis} below their thresholds at ${volume}; ${top}.`;
}
