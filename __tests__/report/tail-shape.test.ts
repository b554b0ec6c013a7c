import { formatPValue, formatRoughCount } from '../../src/report/numbers.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { selfCheckDetail, tailShapeText, unseenModeSentence } from '../../src/report/sections/tail-shape.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { BENT, baseReport, CONSISTENT, insufficientBehavior, tailBehavior, TIED } from '../helpers/reports.js';

// Expected strings are worked out by hand.
describe('p-values and rough counts', () => {
  test.each([
    [0.4321, 'p = 0.43'],
    [0.05, 'p = 0.05'],
    [0.0031, 'p = 0.0031'],
    [0.001, 'p = 0.001'],
    [0.00099, 'p < 0.001'],
    [1, 'p = 1'],
  ])('formatPValue(%p) → %p', (p, expected) => expect(formatPValue(p)).toBe(expected));

  test.each([
    [3328.6, '3,300'],
    [300.42, '300'],
    [12.4, '12'],
    [5.6, '6'],
    [0.333, '0.3'],
    [0.04, '0.04'],
  ])('formatRoughCount(%p) → %p', (x, expected) => expect(formatRoughCount(x)).toBe(expected));

  test('refuses what it cannot show', () => {
    expect(() => formatPValue(1.5)).toThrow(/outside \[0, 1\]/);
    expect(() => formatRoughCount(-1)).toThrow(/negative/);
  });
});

describe('tail shape in words', () => {
  test('consistent, bends, or not checked with the reasons', () => {
    expect(tailShapeText(CONSISTENT)).toBe('tail shape: consistent (p = 0.43)');
    expect(tailShapeText(BENT)).toBe('tail bends (p = 0.0031)');
    expect(
      tailShapeText({ pValue: null, flagged: false, tests: {}, skipped: [{ test: 'backtestPit', reason: 'the backtest is off' }] }),
    ).toBe('tail shape: not checked (the backtest is off)');
  });

  test('the diagnostics list every test, and tests skipped for one reason share it', () => {
    expect(selfCheckDetail(BENT)).toBe(
      'Self-check of the tail shape (p = 0.0031, the tail bends): fit r² p = 0.048 · top gap p < 0.001 · curvature p = 0.019 · backtest PIT p = 0.012',
    );
    expect(selfCheckDetail(TIED)).toMatch(
      /^Self-check of the tail shape \(p = 0\.36, consistent\): backtest PIT p = 0\.36 · fit r², top gap and curvature skipped: some of the top 31 p̂ are equal/,
    );
  });

  test('the unseen-mode sentence: m = 900, n = 90,000 → 1 in 300 queries, about 300 of them', () => {
    // −ln 0.05 = 2.9957: 900/2.9957 = 300.4 and 90,000 · 2.9957/900 = 299.6.
    const report = baseReport({
      verdict: 'pass',
      deploymentVolume: 90_000,
      behaviors: [tailBehavior({ name: 'a', m: 900, nonzero: 40, a: -10, p1: 0.01, n: 90_000 })],
    });
    expect(unseenModeSentence(report)).toBe(
      'What no check can see: a failure mode as common as 1 in 300 queries could be missing from the 900 eval queries (5% chance); 90k deployment queries would hold about 300 of them.',
    );
  });

  test('different eval sizes give a range, the smallest eval first; without queries there is no sentence', () => {
    // m = 300: 1 in 100, 1M · 2.9957/300 = 9,986; m = 3,000: 1 in 1,000, about 1,000.
    const report = baseReport({
      verdict: 'pass',
      behaviors: [
        tailBehavior({ name: 'big', m: 3000, nonzero: 40, a: -10, p1: 0.01 }),
        insufficientBehavior({ name: 'small', m: 300, nonzero: 2, largestP: 0.1, hits: 2, samples: 3000, rateUpperBound: 2e-3 }),
      ],
    });
    expect(unseenModeSentence(report)).toBe(
      'What no check can see: a failure mode as common as 1 in 100 to 1 in 1,000 queries could be missing from evals of 300 to 3,000 queries (5% chance); 1M deployment queries would hold about 10,000 to 1,000 of them.',
    );
    const none = insufficientBehavior({ name: 'x', m: 0, nonzero: 0, largestP: 0, hits: 0, samples: 0, rateUpperBound: 1 });
    expect(unseenModeSentence(baseReport({ verdict: 'insufficient', behaviors: [{ ...none, unseenModeBound: null }] }))).toBeNull();
  });
});

describe('where the tail shape shows', () => {
  const report = baseReport({
    verdict: 'pass',
    behaviors: [
      tailBehavior({ name: 'toxicity', m: 900, nonzero: 40, a: -10, p1: 0.01, selfCheck: BENT }),
      tailBehavior({ name: 'bias', m: 900, nonzero: 40, a: -12, p1: 0.005 }),
    ],
  });

  test('the comment has a line per behaviour right under the behaviour table, and the unseen-mode sentence', () => {
    const body = renderMarkdown(report, { maxChars: 65_536 }).body;
    const table = body.indexOf('| Behaviour |');
    const shape = body.indexOf('**Tail shape**');
    expect(table).toBeGreaterThan(-1);
    expect(shape).toBeGreaterThan(table);
    expect(shape).toBeLessThan(body.indexOf('Aggregate risk and frequency'));
    expect(body).toContain('- **toxicity**: tail bends (p = 0.0031)\n');
    expect(body).toContain('- **bias**: tail shape: consistent (p = 0.43)\n');
    expect(body).toContain('_What no check can see: a failure mode as common as 1 in 300 queries');
  });

  test('the terminal prints the same lines', () => {
    const text = renderTerminal(report);
    expect(text).toContain('Tail shape (self-check):\n  toxicity: tail bends (p = 0.0031)\n  bias: tail shape: consistent (p = 0.43)\n');
    expect(text).toContain('What no check can see: a failure mode as common as 1 in 300 queries');
  });
});
