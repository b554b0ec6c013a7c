/**
 * n_s = floor(budget / cost): the number of queries a budget buys from a
 * source (red-teamer choice, Jones et al. 2025 §6).
 *
 * Budgets and costs are decimals written by people, and binary floating
 * point turns some exact quotients into a hair less: 7 / 0.07 =
 * 99.99999999999999 and 0.3 / 0.1 = 2.9999999999999996 in doubles. A plain
 * floor would buy one query too few. Parsing each decimal and dividing
 * rounds three times, each by at most ½ ulp (2⁻⁵³ relative), so a quotient
 * within 4·ε (ε = 2⁻⁵², Number.EPSILON) of a whole number *is* that whole
 * number; anything farther is a real remainder and is floored.
 *
 * @example queriesBought(7, 0.07) // => 100
 * @example queriesBought(1000, 3) // => 333
 */
export function queriesBought(budget: number, costPerQuery: number): number {
  if (!(budget > 0 && costPerQuery > 0 && Number.isFinite(budget) && Number.isFinite(costPerQuery))) {
    throw new RangeError(`budget (${budget}) and cost per query (${costPerQuery}) must be finite and > 0`);
  }
  const quotient = budget / costPerQuery;
  const nearest = Math.round(quotient);
  return Math.abs(quotient - nearest) <= 4 * Number.EPSILON * quotient ? nearest : Math.floor(quotient);
}
