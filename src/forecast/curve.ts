/**
 * Deployment volumes for the forecast-vs-volume chart: the eval size m, every
 * power of ten between m and 100·n, and n itself — at most `maxPoints`,
 * thinning the decades evenly when there are more. On log axes the Gumbel
 * forecast is close to a straight line (−log Q_p(n) is a power law in n).
 */
export function curveVolumes(queries: number, n: number, maxPoints = 9): number[] {
  const set = new Set<number>([Math.max(1, queries), n]);
  const top = 100 * n;
  for (let e = Math.ceil(Math.log10(Math.max(1, queries))); 10 ** e <= top; e++) {
    if (10 ** e > queries) set.add(10 ** e);
  }
  let points = [...set].sort((x, y) => x - y);
  while (points.length > maxPoints) {
    // Drop every other decade but keep m, n and the last point.
    const thinned = points.filter((v, i) => v === n || i === 0 || i === points.length - 1 || i % 2 === 0);
    if (thinned.length === points.length) break;
    points = thinned;
  }
  return points;
}
