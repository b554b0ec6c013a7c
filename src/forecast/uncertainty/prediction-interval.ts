import { probabilityFromScore } from '../elicitation.js';
import { forecastScore, type TailLine } from '../gumbel-tail.js';
import { standardGumbel, type Rng } from '../numerics/random.js';
import { pivotLaw, quantileSorted } from './pivot.js';

/**
 * The prediction interval for the realised worst query M_n (docs/method.md,
 * "The interval: a prediction bound for the worst query"), in ψ and in p.
 */
export interface WorstQueryInterval {
  /** Lower and upper ends, in p, at the two-sided `confidence`. */
  lower: number;
  upper: number;
  /** Q̂ + c₀.₅·β̂ mapped to p: the median-unbiased forecast of the worst query (Q_p(n) is the paper's point forecast). */
  medianMax: number;
  /** `pivot` alone, or widened by the bootstrap refits when p̂ carries binomial noise (hits of k). */
  method: 'pivot' | 'pivot+bootstrap';
  /** The same ends in ψ, for the decisions and the sampling plan. */
  psi: { lower: number; median: number; upper: number };
}

export interface IntervalSpec {
  /** t */
  tailSize: number;
  /** m */
  queries: number;
  /** n */
  volume: number;
  /** Two-sided level, e.g. 0.9 for the 5% and 95% quantiles. */
  confidence: number;
}

/**
 * The pivot interval [Q̂ + c_lo·β̂, Q̂ + c_hi·β̂] around a fitted line, with
 * Q̂ = −(log n + b)/a and β̂ = −1/a, c the quantiles of T at (t, m, n).
 *
 * @example
 * // a = −1, b = −log 900 (m = 900, β̂ = 1): ψ ends are log(100) + c for n = 90,000.
 * pivotInterval({ slope: -1, intercept: -Math.log(900) }, { tailSize: 10, queries: 900, volume: 90_000, confidence: 0.9 })
 */
export function pivotInterval(line: TailLine, spec: IntervalSpec): WorstQueryInterval {
  const law = pivotLaw({ tailSize: spec.tailSize, queries: spec.queries, volume: spec.volume });
  const centre = forecastScore(line, spec.volume);
  const scale = -1 / line.slope;
  const tail = (1 - spec.confidence) / 2;
  return fromPsi(
    {
      lower: centre + law.quantile(tail) * scale,
      median: centre + law.quantile(0.5) * scale,
      upper: centre + law.quantile(1 - tail) * scale,
    },
    'pivot',
  );
}

/**
 * Hits of k: the pivot assumes p̂ is exact, but h/k carries binomial noise
 * that can move the top scores. The bootstrap refits with the binomial layer
 * measure that noise, so each refit's own prediction of the maximum,
 * Q̂*_b + β̂*_b·G_b with G_b a standard Gumbel draw, is taken, and the interval
 * is the union: upper = max(pivot upper, upper quantile of those), lower =
 * min likewise. With too few refits the pivot stands alone.
 */
export function hybridInterval(pivot: WorstQueryInterval, refits: readonly TailLine[], spec: IntervalSpec, rng: Rng): WorstQueryInterval {
  if (refits.length === 0) return pivot;
  const predicted = Float64Array.from(refits, (line) => forecastScore(line, spec.volume) - standardGumbel(rng) / line.slope).sort();
  const tail = (1 - spec.confidence) / 2;
  return fromPsi(
    {
      lower: Math.min(pivot.psi.lower, quantileSorted(predicted, tail)),
      median: pivot.psi.median,
      upper: Math.max(pivot.psi.upper, quantileSorted(predicted, 1 - tail)),
    },
    'pivot+bootstrap',
  );
}

function fromPsi(psi: WorstQueryInterval['psi'], method: WorstQueryInterval['method']): WorstQueryInterval {
  return {
    lower: probabilityFromScore(psi.lower),
    upper: probabilityFromScore(psi.upper),
    medianMax: probabilityFromScore(psi.median),
    method,
    psi,
  };
}
