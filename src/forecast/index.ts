/** The forecasting core (DESIGN §1): pure functions, no I/O. A file per equation family. */
export { forecastBehavior } from './forecast-behavior.js';
export { elicitationScore, probabilityFromScore, estimateProbability, sortedEstimates } from './elicitation.js';
export { fitGumbelTail, worstQueryRisk, forecastScore } from './gumbel-tail.js';
export { frequencyShare } from './frequency.js';
export { aggregateRisk, meanLogNonOccurrence } from './aggregate.js';
export { lognormalWorstQuery } from './lognormal.js';
export { binomialUpperBound } from './binomial-bound.js';
export { normalQuantile } from './normal-quantile.js';
export type * from '../domain/forecast.js';
