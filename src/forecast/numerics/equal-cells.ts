import { binomial, invert, type Rng } from './random.js';

/**
 * The conditional binomials that draw a multinomial over c equal cells one
 * cell at a time: cell i gets Binomial(n, 1/(c − i)) of the n draws left.
 * The bootstrap draws one per candidate per resample, with n changing every
 * time; each cell's p, p/(1 − p) and log(1 − p) are computed once here, so a
 * draw pays one exp instead of a log1p, an exp and two divisions. The draws
 * are those of `binomial(rng, n, 1/(c − i))`, from the same random numbers:
 * the same branch, the same constants, the same walk.
 */
export class EqualCells {
  private readonly p: Float64Array;
  private readonly s: Float64Array;
  private readonly logMiss: Float64Array;

  constructor(cells: number) {
    this.p = new Float64Array(cells);
    this.s = new Float64Array(cells);
    this.logMiss = new Float64Array(cells);
    for (let i = 0; i < cells; i++) {
      const p = 1 / (cells - i);
      this.p[i] = p;
      this.s[i] = p / (1 - p);
      this.logMiss[i] = Math.log1p(-p);
    }
  }

  /** Binomial(n, 1/(c − i)). */
  draw(rng: Rng, n: number, i: number): number {
    const p = this.p[i];
    // binomial()'s inversion branch; the others (no draws, p > ½, a mean of 30 or more) go to it.
    if (!(n > 0 && p <= 0.5 && n * p < 30)) return binomial(rng, n, p);
    const s = this.s[i];
    return invert(rng, n, s, (n + 1) * s, Math.exp(n * this.logMiss[i]));
  }
}
