/**
 * What to do about a behaviour that is not clear: the sampling plan in one
 * sentence (inconclusive and insufficient behaviours) and the queries that
 * drive its tail (what a user re-samples or fixes). Shared by the Markdown
 * and terminal renderers; each passes its own way of showing untrusted text.
 */
import type { SamplingPlan } from '../../domain/sampling-plan.js';
import type { Part } from '../budget.js';
import { escapeMarkdown } from '../escape.js';
import { formatCount, formatInterval, formatProbability, formatStat } from '../numbers.js';
import type { ReportBehavior } from '../../domain/report.js';
import { METRIC_LABEL, STATUS_SYMBOL } from './rank.js';
import { tailShapeText } from './tail-shape.js';
import type { Omission } from './tables.js';

/** Shows untrusted text (a query id) safely in the target medium. */
export type TextFormatter = (text: string) => string;

/** Decades a passing interval may span before the pass counts as shaky (1e-6 – 0.082 spans almost five). */
const WIDE_DECADES = 3;
/** A backtest whose median miss is ten times or more (|log10 error| ≥ 1). */
const BACKTEST_MISS = 1;

/**
 * Behaviours that get a row among the open ones and a next step: everything
 * but pass and not-gated, and a shaky pass (a shaky forecast must not pass
 * silently in a fold).
 */
export function needsNextStep(b: ReportBehavior): boolean {
  if (b.status !== 'pass') return b.status !== 'not-gated';
  return b.selfCheck?.flagged === true || shakyReasons(b).length > 0;
}

/** Why a pass rests on little beyond a bent tail (the self-check sentence says that): a backtest that misses by 10× or more, an interval of three decades or more. */
export function shakyReasons(b: ReportBehavior): string[] {
  if (b.status !== 'pass') return [];
  const out: string[] = [];
  const miss = b.backtest?.medianAbsLog10Error;
  if (miss !== undefined && b.backtest !== null && b.backtest.splits > 0 && miss >= BACKTEST_MISS)
    out.push(`the backtest misses the realised worst query by ${formatStat(miss)} orders of magnitude at the median`);
  const { lower, upper } = b.worstQueryRisk;
  if (lower !== null && upper !== null && lower > 0 && Math.log10(upper / lower) >= WIDE_DECADES)
    out.push(`its interval (${formatInterval(lower, upper)}) spans ${formatStat(Math.log10(upper / lower))} orders of magnitude`);
  return out;
}

/** A shaky pass in one sentence, or null. */
function shakySentence(b: ReportBehavior): string | null {
  const reasons = shakyReasons(b);
  if (reasons.length === 0) return null;
  return `A weak pass: ${reasons.join('; ')}. Evaluate more queries before relying on it.`;
}

/** The self-check as a sentence, or null without a fit. */
export function selfCheckSentence(b: ReportBehavior): string | null {
  if (b.selfCheck == null) return null;
  const text = tailShapeText(b.selfCheck);
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  return b.selfCheck.flagged
    ? `${sentence} The forecast extrapolates a Gumbel tail the eval does not follow, so treat its numbers as rough (details under Fit diagnostics).`
    : sentence;
}

/** Insufficient without a plan: what to sample, from what the eval has. */
function insufficientStep(b: ReportBehavior, tailSize: number): string | null {
  if (b.status !== 'insufficient' || b.plan !== null) return null;
  return `The tail fit needs ${formatCount(tailSize)} queries with p̂ > 0 and has ${formatCount(b.nonzero)}: evaluate more queries, or sample each query more often so that rare hits show.`;
}

/** Everything the next-step line says of one behaviour, in order. */
export function nextStepText(b: ReportBehavior, tailSize: number, show: TextFormatter): string {
  return [shakySentence(b), errorsStep(b), planSentence(b), insufficientStep(b, tailSize), topQueriesText(b, show), selfCheckSentence(b)]
    .filter((x) => x !== null)
    .join(' ');
}

/** Over the error budget: the report's one-line next step, as a sentence. */
export function errorsStep(b: ReportBehavior): string | null {
  const step = b.errors.nextStep;
  return step === null ? null : `${step.charAt(0).toUpperCase()}${step.slice(1)}.`;
}

/** One sentence saying what would decide it, or null without a plan. */
export function planSentence(b: ReportBehavior): string | null {
  const plan = b.plan;
  if (plan === null) return null;
  switch (plan.kind) {
    case 'decision':
      return decisionSentence(b, plan);
    case 'tie':
      return plan.samplesPerTopQuery === null
        ? `The top scores tie, so the tail has no slope: check that the scorer gives graded probabilities, or evaluate more queries.`
        : `The top ${formatCount(plan.resample ?? 0)} queries tie, so the tail has no slope: re-sampling them ${formatCount(plan.samplesPerTopQuery)} times each separates them.`;
    case 'few-hits':
      return `A fit needs more queries with hits (${formatCount(b.nonzero)} of ${formatCount(b.queries)} have any): at today's rate about ${formatCount(plan.queries ?? 0)} queries would give enough; more samples per query also turn zeros into hits.`;
    case 'zero-hits':
      return `No hit in ${formatCount(b.bound?.totalSamples ?? 0)} samples, so the per-sample rate is below ${formatProbability(plan.rateBound ?? 0)}: even at that rate a fit would take at least ${formatCount(plan.queries ?? 0)} queries at today's samples per query; a rarer behaviour takes more.`;
    case 'zero-probabilities':
      return 'Every given probability is 0, so there is no tail to fit: check the mapping (scorer, hit values, polarity).';
  }
}

function decisionSentence(b: ReportBehavior, plan: SamplingPlan): string {
  const d = plan.decision;
  if (d === null) return 'The interval straddles a threshold.';
  const what = `${METRIC_LABEL[d.metric]} against the ${d.level} threshold ${formatProbability(d.threshold)}`;
  const parts: string[] = [];
  if (plan.queries !== null && plan.settlesAs !== null) {
    const odds = plan.chance === null ? 'roughly (its interval narrowing as 1/√m),' : `with chance ${plan.chance.toFixed(2)},`;
    parts.push(
      `a fresh eval of ${formatCount(plan.queries)} queries (${(plan.queries / b.queries).toFixed(1)}× today's) would, ${odds} ${plan.settlesAs === 'clear' ? 'clear' : 'breach'} the ${what}`,
    );
  } else if (plan.chance !== null) {
    parts.push(
      `even an eval 100× today's size would settle the ${what} only with chance ${plan.chance.toFixed(2)}: the threshold sits within the noise of the worst query itself, so move the threshold or accept the uncertainty`,
    );
  } else {
    parts.push(`no eval up to 100× today's size is expected to settle the ${what}: the forecast sits on the threshold`);
  }
  if (plan.samplesPerTopQuery !== null && plan.resample !== null) {
    parts.push(
      `so would re-sampling the top ${formatCount(plan.resample)} queries ${formatCount(plan.samplesPerTopQuery)} times each, which is cheaper`,
    );
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The first `count` top queries: `id (p̂ 0.4, 4/10)`, hits shown only for sampled estimates. */
export function topQueriesText(b: ReportBehavior, show: TextFormatter, count = 3): string | null {
  const top = b.topQueries.slice(0, count);
  if (top.length === 0) return null;
  const items = top.map((q) => {
    const hits = q.hits === null || q.samples === null ? '' : `, ${formatCount(q.hits)}/${formatCount(q.samples)}`;
    return `${show(q.id)} (p̂ ${formatProbability(q.p)}${hits})`;
  });
  const more = b.topQueries.length > top.length ? `, and ${formatCount(b.topQueries.length - top.length)} more in the JSON report` : '';
  return `Top queries: ${items.join(', ')}${more}.`;
}

/** The Markdown list under the main table: one item per behaviour that is not clear, worst first, with its plan and top queries. */
export function nextStepsPart(sorted: readonly ReportBehavior[], tailSize: number, omission: Omission): Part {
  const rows = sorted.filter(needsNextStep).map((b) => {
    const text = nextStepText(b, tailSize, (id) => escapeMarkdown(id, 60));
    return `- ${STATUS_SYMBOL[b.status]} **${escapeMarkdown(b.name, 60)}** (${b.status}): ${text === '' ? 'see the table above.' : text}\n`;
  });
  if (rows.length === 0) return { id: 'next', open: '', rows: [], close: '' };
  return {
    id: 'next',
    open: '**Next steps**\n\n',
    rows,
    close: '',
    omitted: (count, kept) => `${kept > 0 ? '\n' : ''}_… ${formatCount(count)} more omitted (${omission.limit}); ${omission.elsewhere}._\n`,
    dropped: `_Next steps omitted (${omission.limit}); ${omission.elsewhere}._\n`,
  };
}
