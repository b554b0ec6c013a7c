/** release(): a large buffer's memory is handed back at once; a pooled small buffer is never touched. */
import { release } from '../../src/ingest/release.js';

test('a buffer that owns its memory is detached (it reads as empty afterwards)', () => {
  const big = Buffer.alloc(1024 * 1024, 1);
  release(big);
  expect(big.buffer.byteLength).toBe(0);
  expect(big.length).toBe(0);
});

test("a slice of Node's shared pool is left alone, and so are its neighbours", () => {
  // allocUnsafe below 4 KiB takes a slice of the 8 KiB pool.
  const a = Buffer.allocUnsafe(16).fill(7);
  const b = Buffer.allocUnsafe(16).fill(9);
  release(a);
  expect([a.length, a[0], b.length, b[0]]).toEqual([16, 7, 16, 9]);
});

test('a view into part of a larger buffer is left alone', () => {
  const whole = Buffer.alloc(64 * 1024, 3);
  const part = whole.subarray(10, 20);
  release(part);
  expect([whole.length, part.length, part[0]]).toEqual([64 * 1024, 10, 3]);
});
