/**
 * The self-check of the tail shape (docs/method.md, "The self-check of the
 * tail shape"); its result type, with the four statistics, is in
 * domain/forecast.ts.
 */
import { combinedPValue, leftTail, MAX_PIT_TAIL_SIZE, rightTail, SELF_CHECK_TESTS, selfCheckNull } from './self-check-null.js';
import { curvature, CURVATURE_NEEDS, GAP_NEEDS, hasTies, topGap } from './tail-statistics.js';
import type { SelfCheck, SelfCheckTest } from '../../domain/forecast.js';

const SELF_CHECK_LEVEL = 0.05;

export interface SelfCheckInput {
  /** ψ of all m queries, descending, −∞ for p̂ = 0. */
  psiDesc: Float64Array;
  /** Queries with p̂ > 0. */
  nonzero: number;
  /** t and the r² of the t-point fit on the whole eval. */
  tailSize: number;
  r2: number;
  /** The backtest's mean PIT over exactly `splits` usable splits of `fitSize`, or why it has none. */
  backtest: { meanPit: number; fitSize: number; splits: number } | { skipped: string };
}

export function selfCheck(input: SelfCheckInput, replicates?: number): SelfCheck {
  const { psiDesc, nonzero, tailSize: t } = input;
  const m = psiDesc.length;
  const observed: Partial<Record<SelfCheckTest, number>> = {};
  const skipped: SelfCheck['skipped'] = [];
  const skip = (test: SelfCheckTest, reason: string): void => void skipped.push({ test, reason });

  // Ties from h/k put several queries on one score: zero spacings alone make the top look bent.
  const ties = hasTies(psiDesc, CURVATURE_NEEDS);
  const tieReason = `some of the top ${CURVATURE_NEEDS} p̂ are equal (as hits of k samples per query make them), and ties alone make a Gumbel tail look bent`;
  if (ties) skip('r2', tieReason);
  if (ties) {
    skip('topGap', tieReason);
  } else if (nonzero < GAP_NEEDS) {
    skip('topGap', `needs ${GAP_NEEDS} queries with p̂ > 0, has ${nonzero}`);
  } else {
    const gap = topGap(psiDesc);
    if (gap.kind === 'tied') skip('topGap', gap.reason);
    else observed.topGap = gap.pValue;
  }
  if (ties) {
    skip('curvature', tieReason);
  } else if (nonzero < CURVATURE_NEEDS) {
    skip('curvature', `needs ${CURVATURE_NEEDS} queries with p̂ > 0, has ${nonzero}`);
  } else {
    const c = curvature(psiDesc);
    if (c.kind === 'tied') skip('curvature', c.reason);
    else observed.curvature = c.pValue;
  }
  const bt = input.backtest;
  if ('skipped' in bt) skip('backtestPit', bt.skipped);
  else if (t > MAX_PIT_TAIL_SIZE)
    skip(
      'backtestPit',
      `its null law is simulated for tail sizes up to ${MAX_PIT_TAIL_SIZE}, not ${t}; a tail-size of ${MAX_PIT_TAIL_SIZE} or less runs it`,
    );

  const pit = !('skipped' in bt) && t <= MAX_PIT_TAIL_SIZE ? bt : null;
  const law = selfCheckNull(
    { tailSize: t, queries: m, backtest: pit === null ? null : { fitSize: pit.fitSize, splits: pit.splits } },
    replicates,
  );
  if (!ties) observed.r2 = leftTail(law.r2, input.r2);
  if (pit !== null && law.pit !== null) observed.backtestPit = rightTail(law.pit, pit.meanPit);

  const ran = SELF_CHECK_TESTS.filter((k) => observed[k] !== undefined);
  // In a fixed order, so the JSON reads the same from run to run.
  const tests = Object.fromEntries(ran.map((k) => [k, observed[k] as number])) as SelfCheck['tests'];
  if (ran.length === 0) return { pValue: null, flagged: false, tests, skipped };
  const pValue = combinedPValue(law, ran, Math.min(...ran.map((k) => observed[k] as number)));
  return { pValue, flagged: pValue < SELF_CHECK_LEVEL, tests, skipped };
}
