import { createProgress, withRowProgress, type ProgressStream } from '../../src/cli/progress.js';
import type { FormatReader } from '../../src/ingest/format.js';
import type { ObservationSink } from '../../src/domain/observation.js';
import { bytesSource } from '../helpers/bytes.js';

/** A fake stderr that records what is written. */
function stream(isTTY: boolean, columns = 80): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) > 0 };
}

describe('createProgress', () => {
  test('writes nothing when the stream is not a terminal (CI logs, 2> file)', () => {
    const s = stream(false);
    const p = createProgress(s);
    p.update('reading');
    p.done();
    expect(s.written).toEqual([]);
  });

  test('on a terminal: redraws in place, at most once per 100 ms, and clears the line when done', () => {
    const s = stream(true);
    let now = 1000;
    const p = createProgress(s, () => now);
    p.update('one');
    now += 50;
    p.update('two (too soon)');
    now += 60;
    p.update('three');
    now += 1;
    p.update('new phase', true);
    p.done();
    p.update('after done');
    expect(s.written).toEqual(['\r\u001b[Kone', '\r\u001b[Kthree', '\r\u001b[Knew phase', '\r\u001b[K']);
  });

  test('cuts the line to the terminal width and neutralises control characters from file names', () => {
    const s = stream(true, 21);
    createProgress(s, () => 0).update('reading evil\u001b[2J-name-that-is-long.jsonl');
    // Width 21 − 1 = 20 columns: 19 characters and an ellipsis.
    expect(s.written).toEqual(['\r\u001b[Kreading evil?[2J-na…']);
  });

  test('a terminal that reports 0 columns (a pseudo-terminal without a size) gets 80', () => {
    const s = stream(true, 0);
    createProgress(s, () => 0).update('x'.repeat(100));
    // 80 − 1 = 79 columns: 78 characters and an ellipsis.
    expect(s.written).toEqual([`\r\u001b[K${'x'.repeat(78)}…`]);
  });

  test('done() without an update writes nothing', () => {
    const s = stream(true);
    createProgress(s).done();
    expect(s.written).toEqual([]);
  });
});

describe('withRowProgress', () => {
  test('forwards every call to the real sink and reports the row count every 4,096 rows', async () => {
    const calls: string[] = [];
    const inner: ObservationSink = {
      sampled: (b, q, h, k) => calls.push(`s ${b} ${q} ${h}/${k}`),
      given: (b, q, p) => calls.push(`g ${b} ${q} ${p}`),
      exclude: (b, r, c) => calls.push(`x ${b} ${r} ${c}`),
      errored: (b, r, q, c) => calls.push(`e ${b} ${r} ${q} ${c}`),
      warn: (m) => calls.push(`w ${m}`),
    };
    const reader: FormatReader = {
      id: 'fake',
      description: 'fake',
      detect: () => true,
      async read(_file, _options, sink) {
        for (let i = 0; i < 8191; i++) sink.sampled('b', `q${i}`, 0, 1);
        sink.given('b', 'p', 0.5);
        sink.exclude('b', 'error', 3);
        sink.errored('b', 'sample-error', 'q1', 2);
        sink.warn('careful');
        return { rows: 8197 };
      },
    };
    const updates: string[] = [];
    const [wrapped] = withRowProgress([reader], { update: (t) => updates.push(t), done: () => undefined });
    expect(wrapped.id).toBe('fake');
    const summary = await wrapped.read(bytesSource('x.jsonl', ''), {}, inner);
    expect(summary).toEqual({ rows: 8197 });
    expect(calls).toHaveLength(8191 + 4);
    expect(calls.slice(-4)).toEqual(['g b p 0.5', 'x b error 3', 'e b sample-error q1 2', 'w careful']);
    // Rows 4,096 and 8,192 (the given probability is row 8,192) cross a multiple of 4,096.
    expect(updates[0]).toBe('reading x.jsonl…');
    expect(updates.slice(1).map((u) => u.replace(/, [\d.]+ s$/, ''))).toEqual([
      'reading x.jsonl: 4,096 rows',
      'reading x.jsonl: 8,192 rows',
    ]);
  });
});
