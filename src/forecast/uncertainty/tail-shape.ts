import { backtest } from './backtest.js';
import { elicitationScore, type Estimates } from '../elicitation.js';
import type { Rng } from '../numerics/random.js';
import type { BacktestResult, ForecastOptions, TailFit, SelfCheck } from '../../domain/forecast.js';
import { selfCheck } from './self-check.js';

const TEST_NAME: Record<keyof SelfCheck['tests'], string> = {
  r2: 'fit r²',
  topGap: 'top gap',
  curvature: 'curvature',
  backtestPit: 'backtest PIT',
};

/**
 * Does the eval's tail have the shape the forecast extrapolates? Runs the
 * backtest on the user's own queries (information, and the source of the
 * mean-PIT statistic) and the self-check of the tail shape, and words a
 * warning when the check flags the tail (docs/method.md, "The self-check of
 * the tail shape").
 */
export function checkTailShape(
  est: Estimates,
  fit: TailFit,
  opts: ForecastOptions,
  rng: Rng,
): { backtest: BacktestResult | null; selfCheck: SelfCheck; warnings: string[] } {
  const psiDesc = est.p.map((p) => elicitationScore(p));
  const m = psiDesc.length;
  const run =
    opts.backtestSplits > 0
      ? backtest(
          est.p,
          psiDesc,
          { tailSize: fit.tailSize, splits: opts.backtestSplits, ratio: opts.backtestRatio, confidence: opts.confidence },
          rng,
        )
      : null;
  let pit: Parameters<typeof selfCheck>[0]['backtest'];
  if (run === null) pit = { skipped: 'the backtest is off' };
  else if ('kind' in run) pit = { skipped: `backtest skipped: ${run.reason}` };
  else if (run.splits < opts.backtestSplits || run.meanPit === null)
    pit = {
      skipped: `only ${run.splits} of ${run.splits + run.skipped} backtest splits were usable (in the others the subset's top ${fit.tailSize} held a p̂ of 0 or all tied, or the rest had no hit); more queries with hits would make it run`,
    };
  else pit = { meanPit: run.meanPit, fitSize: Math.floor(m / opts.backtestRatio), splits: run.splits };

  const check = selfCheck({ psiDesc, nonzero: est.nonzero, tailSize: fit.tailSize, r2: fit.r2, backtest: pit });
  const warnings: string[] = [];
  if (check.flagged && check.pValue !== null) {
    const [name, p] = Object.entries(check.tests).reduce((a, b) => (b[1] < a[1] ? b : a));
    warnings.push(
      `the top of the eval bends away from the Gumbel tail the forecast extrapolates (self-check ${formatP(check.pValue)}; ${TEST_NAME[name as keyof SelfCheck['tests']]} ${formatP(p)}): the forecast and its interval may under-predict. A second, rarer failure mode among the top queries is the usual cause: look at them, and if they share a cause, evaluate them as their own behaviour`,
    );
  }
  return { backtest: run === null || 'kind' in run ? null : run, selfCheck: check, warnings };
}

/** Two significant digits, as the report prints p-values: they are Monte-Carlo shares, good to about ±0.003 near 0.05. */
function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}
