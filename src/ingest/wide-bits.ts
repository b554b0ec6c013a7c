/**
 * Which integer sample ids of 32 and up each query has shown, as one bit per
 * id. All queries share one pool of 32-bit words: query i owns the words
 * pool[start[i] .. start[i] + size[i]), for ids 32·(1 + w) + bit. A query's
 * region doubles when a larger id arrives, in place when it is the last
 * region of the pool (rows of one query usually arrive together), else
 * copied to the end; the words it leaves behind are at most as many as the
 * pool holds in use.
 *
 * A typed array and a map entry per query cost about 200 bytes each, more
 * than the bits themselves for the usual k ≤ 100 samples per query; the pool
 * costs 8 bytes per query plus the words (docs/performance.md, "What made it faster").
 */
export class WideBits {
  private pool = new Uint32Array(1024);
  private used = 0;
  private start = new Int32Array(16);
  private size = new Int32Array(16);

  /** True when query `i` has shown id `n` (32 ≤ n) before; records it otherwise. */
  seenBefore(i: number, n: number): boolean {
    const word = (n >>> 5) - 1;
    if (i >= this.size.length) this.growQueries(i + 1);
    if (word >= this.size[i]) this.growRegion(i, Math.max(word + 1, 2 * this.size[i]));
    const at = this.start[i] + word;
    const bit = 1 << (n & 31);
    const was = (this.pool[at] & bit) !== 0;
    this.pool[at] |= bit;
    return was;
  }

  private growQueries(count: number): void {
    const n = Math.max(count, 2 * this.size.length);
    const start = new Int32Array(n);
    start.set(this.start);
    const size = new Int32Array(n);
    size.set(this.size);
    this.start = start;
    this.size = size;
  }

  /** Gives query `i` a region of `words` words, keeping its bits. */
  private growRegion(i: number, words: number): void {
    const old = this.size[i];
    const last = old > 0 && this.start[i] + old === this.used;
    const from = last ? this.start[i] : this.used;
    this.reserve(from + words);
    // Words at and past `used` have never been written, so the grown part starts clear.
    if (!last && old > 0) this.pool.copyWithin(from, this.start[i], this.start[i] + old);
    this.start[i] = from;
    this.size[i] = words;
    this.used = from + words;
  }

  private reserve(words: number): void {
    if (words <= this.pool.length) return;
    const pool = new Uint32Array(Math.max(words, 2 * this.pool.length));
    pool.set(this.pool.subarray(0, this.used));
    this.pool = pool;
  }
}
